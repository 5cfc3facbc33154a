import DaichoCore
import Foundation
import Synchronization

/// Renders the whole site in memory and hands it to a sink in bounded batches.
///
/// Nothing here touches the disk: templates and assets come in as values, pages go out
/// through `PageSink`. System pages, the bulk of a large inventory, render in parallel,
/// a batch at a time, so memory does not grow with the number of systems.
public struct SiteRenderer: Sendable {
    public var templates: TemplateSet
    /// Files copied as they are under `assets/` (style.css, site.js, search.js).
    public var assets: [String: [UInt8]]
    public var options: SiteOptions
    public var workers: Int

    public init(templates: TemplateSet, assets: [String: [UInt8]], options: SiteOptions, workers: Int? = nil) {
        self.templates = templates
        self.assets = assets
        self.options = options
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    public struct Summary: Sendable, Equatable {
        public var pages: Int
        public var bytes: Int
        /// Pages that belong to the site but were not rendered again: department and vendor pages
        /// left out by `groups`, and pages whose inputs are unchanged (see `SiteContext.pageInputKeys`).
        public var unrenderedPages: Set<String> = []
        /// Where each system's piece of the exports is, for the next incremental rebuild.
        public var fragments = Fragments()
        /// Files of the old site a rebuild removed (a system's pages when its ledger went).
        public var removed = 0
    }

    /// Called after each batch with (pages written so far, pages in all).
    public typealias Progress = @Sendable (Int, Int) -> Void

    /// - Parameters:
    ///   - systems: render the pages of these systems only (an incremental rebuild); nil renders all.
    ///     The lists, analysis and data pages always cover every system.
    ///   - groups: likewise for department and vendor pages.
    ///   - ledgerKeys: system id → hash of its ledger file, to record the pieces of the exports.
    ///   - reuse: the previous exports, whose pieces of unchanged ledgers are copied.
    public func render(project: Project, ledgers: [Ledger], analysis: Analysis, into sink: PageSink,
                       systems: Set<String>? = nil, groups: GroupSelection? = nil, ledgerKeys: [String: String] = [:],
                       reuse: FragmentSource? = nil, analysisJSON: AnalysisJSON? = nil, progress: Progress? = nil) async throws -> Summary {
        // Made while the page context is built (on one core), unless the caller started it sooner.
        let analysisJSON = analysisJSON ?? startAnalysisJSON(project: project, ledgers: ledgers, analysis: analysis)
        let made = ContinuousClock.now
        let context = makeContext(project: project, ledgers: ledgers, analysis: analysis, ledgerKeys: ledgerKeys, reuse: reuse)
        StageTimer.report("page context", ContinuousClock.now - made)
        let presenter = LedgerPresenter(language: options.language, visibility: context.visibility, markdown: MarkdownRenderer())
        let selected = systems.map { wanted in context.ledgers.filter { wanted.contains($0.id) } } ?? context.ledgers
        var written = 0, bytes = 0
        let perSystem = 1 + 2 * context.documentKinds.count
        // The fixed pages' number is a guess until they are made; then the total is what will be written.
        var total = selected.count * perSystem + context.departmentSystems.count + context.vendorSystems.count + 30

        let clock = ContinuousClock()
        var started = clock.now
        // Each fixed page goes to the sink as soon as it is rendered: at national scale the lists
        // and exports are hundreds of megabytes, and holding them all was most of a build's memory.
        // Department and vendor pages this build leaves as they are (they stay in the sitemap).
        var unrenderedGroups: [String] = []
        if let groups {
            for name in context.departmentSystems.keys where !groups.departments.contains(name) {
                unrenderedGroups.append(context.departmentPath(name))
            }
            for name in context.vendorSystems.keys where !groups.vendors.contains(name) {
                unrenderedGroups.append(context.vendorPath(name))
            }
        }
        let fixed: (pages: Int, bytes: Int, kept: [String])
        do {
            fixed = try await fixedPages(context, groups: groups, unrendered: unrenderedGroups, analysisJSON: analysisJSON, into: sink)
        } catch let error as TemplateError {
            throw withSystemTemplates(error, selected.first ?? context.ledgers.first, context: context, presenter: presenter)
        }
        written += fixed.pages
        bytes += fixed.bytes
        total = written + selected.count * perSystem
        progress?(written, total)
        StageTimer.report("render fixed pages and sitemap", clock.now - started)
        started = clock.now
        let unrendered = Set(fixed.kept).union(unrenderedGroups)

        let before = written, exact = total
        let systemPages: Written
        do {
            systemPages = try await writeSystemPages(selected, context: context, presenter: presenter, into: sink) { pages in
                progress?(before + pages, exact)
            }
        } catch let error as TemplateError {
            throw withSystemTemplates(error, selected.first, context: context, presenter: presenter)
        }
        written += systemPages.pages
        bytes += systemPages.bytes
        // The count ends where the build does (the lanes report every few hundred pages only).
        progress?(written, exact)
        StageTimer.report("render and write system pages", clock.now - started)
        return Summary(pages: written, bytes: bytes, unrenderedPages: unrendered,
                       fragments: context.fragmentRecorder.fragments)
    }

    /// `error` with the problems of every template a system's pages use, found by rendering one
    /// system's pages to the end: the build stops at the first page that fails, and a user who
    /// edits templates should see all their problems at once.
    func withSystemTemplates(_ error: TemplateError, _ ledger: Ledger?, context: SiteContext,
                             presenter: LedgerPresenter) -> TemplateError {
        guard let ledger else { return error }
        var problems = [error]
        func attempt(_ render: () throws -> Void) {
            do { try render() } catch let problem as TemplateError { problems.append(problem) } catch {}
        }
        attempt { _ = try templates.renderBytes("system", context.systemDetailPage(ledger, presenter: presenter)) }
        for kind in context.documentKinds {
            attempt {
                guard let markdown = try context.documentMarkdown([kind], ledger, templates: templates).first?.markdown else { return }
                _ = try templates.renderBytes("document", context.documentPage(kind, ledger, markdown: markdown))
            }
        }
        return TemplateError.combining(problems) ?? error
    }

    /// Procurement drafts are working papers for departments: the public edition leaves them out,
    /// which also keeps the hidden fields they quote (network, backup, contacts) off the public site.
    var documentKinds: [DocumentKind] {
        options.profile == .public || options.systemsOnly ? [] : DocumentKind.allCases.filter { templates.has($0.template) }
    }

    /// The files each system's pages are written to.
    public func outputPaths(of id: String) -> [String] {
        [SiteContext.systemPath(id)]
            + documentKinds.flatMap { [SiteContext.documentPath($0, id, markdown: true), SiteContext.documentPath($0, id, markdown: false)] }
    }

    func makeContext(project: Project, ledgers: [Ledger], analysis: Analysis, ledgerKeys: [String: String] = [:],
                     reuse: FragmentSource? = nil) -> SiteContext {
        SiteContext(project: project, ledgers: ledgers, analysis: analysis, options: options,
                    hasGuidelines: !templates.names(under: "guidelines/").isEmpty, documentKinds: documentKinds,
                    ledgerKeys: ledgerKeys, reuse: reuse)
    }

    /// Every page that is not a system page: one of each kind, plus departments and vendors.
    /// They are independent of one another, so they render in parallel too.
    /// Renders one or more pages (a guideline renders its Markdown once for two files).
    typealias Job = @Sendable () throws -> [RenderedPage]

    /// A large file written as it is made (see `PageSink.write(path:parts:)`).
    struct StreamJob: Sendable {
        var path: String
        var parts: @Sendable () async -> (() throws -> FilePart?)
    }

    /// `analysis.json`'s parts, made ahead of the pages: they need the analysis alone.
    public typealias AnalysisJSON = Task<[[UInt8]], Never>

    /// Starts making `analysis.json` (nil where it is not written, or where holding it whole would
    /// add to a national build's peak memory: there it streams as it is made).
    public func startAnalysisJSON(project: Project, ledgers: [Ledger], analysis: Analysis) -> AnalysisJSON? {
        guard !options.systemsOnly, analysis.systemCount <= options.oneAtATimeAbove else { return nil }
        let visibility = Visibility(profile: options.profile, policy: project.policy)
        return Task.detached {
            let shown = visibility.shown(analysis, ledgers: ledgers, policy: project.policy)
            let next = JSONValue.renderedParts(writers: SiteContext.publicAnalysisMembers(shown, visibility: visibility))
            var parts: [[UInt8]] = []
            while let part = next() { parts.append(part) }
            return parts
        }
    }

    /// A page whose rows of unchanged systems are copied from the page the last build wrote
    /// (`Fragments.files`); `keys` gives what each row is made from, and `model` may leave out the
    /// rows the reuse copies.
    private func reusingRows(_ path: String, _ template: String, _ context: SiteContext, keys: @escaping @Sendable () -> [String: String],
                             model: @escaping @Sendable (RowReuse) -> Any) -> Job {
        let templates = self.templates
        return {
            let reuse = RowReuse(path: path, source: context.reuse, keys: keys())
            let bytes = try templates.renderBytes(template, model(reuse), reuse: reuse)
            context.fragmentRecorder.record(path, reuse.pieces)
            return [RenderedPage(path: path, bytes: bytes)]
        }
    }

    /// A page rendered from a template and the view model `model` builds.
    private func page(_ path: String, _ template: String, _ model: @escaping @Sendable () -> Any) -> Job {
        let templates = self.templates
        return { [RenderedPage(path: path, bytes: try templates.renderBytes(template, model()))] }
    }

    /// Renders and writes every page but the systems' own, and the sitemap.
    /// - Parameter unrendered: pages left out by `groups`, which the sitemap lists all the same.
    func fixedPages(_ context: SiteContext, groups: GroupSelection? = nil, unrendered: [String] = [],
                    analysisJSON: AnalysisJSON? = nil, into sink: PageSink) async throws
        -> (pages: Int, bytes: Int, kept: [String]) {
        var jobs: [(path: String, job: Job)] = []
        let kept = KeptPages()
        func html(_ path: String, _ template: String, _ model: @escaping @Sendable () -> Any) {
            jobs.append((path, page(path, template, model)))
        }
        html(SiteSection.home.path, "dashboard") { context.dashboardPage() }
        // The rows of unchanged systems are copied from the list the last build wrote.
        jobs.append((Fragments.systemsList, reusingRows(Fragments.systemsList, "systems", context, keys: { context.systemRowKeys() }) {
            context.systemsListPage(reused: $0.reuses)
        }))
        html(SiteSection.departments.path, "group-index") { context.departmentsIndexPage() }
        for name in context.departmentNames where groups?.departments.contains(name) ?? true {
            html(context.departmentPath(name), "group") { context.departmentPage(name) }
        }
        html(SiteSection.vendors.path, "group-index") { context.vendorsIndexPage() }
        for name in context.vendorNames where groups?.vendors.contains(name) ?? true {
            html(context.vendorPath(name), "group") { context.vendorPage(name) }
        }
        var streams: [StreamJob] = []
        if !options.systemsOnly {
            addSecondaryPages(context, to: &jobs, keeping: kept)
            streams.append(StreamJob(path: Fragments.systemsJSON, parts: { context.systemsJSONStream() }))
            streams.append(StreamJob(path: Fragments.systemsCSV, parts: { context.systemsCSVStream() }))
            // Last of the exports: by then the parts made beforehand are ready.
            streams.append(StreamJob(path: "data/analysis.json", parts: {
                guard let made = await analysisJSON?.value else {
                    let next = JSONValue.renderedParts(writers: SiteContext.publicAnalysisMembers(context.analysis, visibility: context.visibility))
                    return { next().map(FilePart.made) }
                }
                var next = made.makeIterator()
                return { next.next().map(FilePart.made) }
            }))
        }
        for (name, bytes) in assets.sorted(by: { $0.key < $1.key }) {
            jobs.append(("assets/" + name, { [RenderedPage(path: "assets/" + name, bytes: bytes)] }))
        }
        // Every page of the site is known by now: each job writes its path (or keeps it, when its
        // inputs are unchanged). Made on a lane like the others, not after them on one core.
        let listed = jobs.map(\.path) + streams.map(\.path) + unrendered
        let baseURL = context.project.site.baseURL
        // Its 80,000 paths are put together once, for the key and, when it changed, the page.
        let sitemap = keyed("sitemap.xml", context, kept, key: { Sitemap.key(paths: $0, baseURL: baseURL) }) { paths in
            [RenderedPage(path: "sitemap.xml", text: Sitemap.xml(paths: paths, baseURL: baseURL))]
        }
        jobs.insert(("sitemap.xml", { try sitemap(listed + context.ledgers.map { context.systemPath($0.id) }) }), at: 0)
        // At national scale the lists of every system are pages of tens of megabytes each; two of
        // them at once (with their view models) set a build's peak memory, so above this size they
        // render one after another, after the exports, while the small pages share the other lanes.
        let heavy = context.ledgers.count > options.oneAtATimeAbove
            ? Set(jobs.map(\.path).filter { $0 == SiteSection.systems.path || $0.hasPrefix("analysis/") || $0 == "assets/search-index.js" })
            : []
        let written = try await runJobs(jobs.filter { !heavy.contains($0.path) }.map(\.job),
                                        sequential: jobs.filter { heavy.contains($0.path) }.map(\.job), streams: streams, into: sink)
        return (written.pages, written.bytes, kept.paths)
    }

    /// Analysis, guideline, search, open data and error pages: everything but systems and their lists.
    /// A page whose inputs have a key renders nothing (and is listed in `kept`) when the key is the
    /// one of the previous build. The keys are worked out in the page's job, on the lanes, from the
    /// systems' contributions summed here (on all cores, and in a rebuild mostly taken from the
    /// last build): one after another the keys were a tenth of a one-ledger rebuild.
    private func addSecondaryPages(_ context: SiteContext, to jobs: inout [(path: String, job: Job)], keeping kept: KeptPages) {
        let templates = self.templates
        let keys = context.pageInputKeys(context.contributionSums())
        func keyed(_ path: String, also: [String] = [], _ job: @escaping Job) -> Job {
            guard let key = keys[path] else { return job }
            let run = self.keyed(path, also: also, context, kept, key: { (_: Void) in key() }) { (_: Void) in try job() }
            return { try run(()) }
        }
        func html(_ path: String, _ template: String, _ model: @escaping @Sendable () -> Any) {
            jobs.append((path, keyed(path, page(path, template, model))))
        }
        for (path, template, build) in context.analysisPages() {
            guard path == Fragments.maintenance else {
                html(path, template, build)
                continue
            }
            // Each row of its table shows its system's ledger alone (see `maintenancePage`).
            jobs.append((path, reusingRows(path, template, context, keys: { context.ledgerKeys }) { _ in build() }))
        }
        if context.hasGuidelines {
            // Its two files follow from the guideline's figures alone (see `pageInputKeys`).
            jobs.append((SiteSection.guidelines.path, keyed(SiteSection.guidelines.path, also: ["guidelines/guideline.md"]) {
                let markdown = try context.guidelineMarkdown(templates: templates)
                return [RenderedPage(path: "guidelines/guideline.md", text: markdown),
                        RenderedPage(path: SiteSection.guidelines.path,
                                     text: try templates.render("guideline", context.guidelinePage(markdown: markdown)))]
            }))
            html("guidelines/checklist.html", "checklist") { context.checklistPage() }
        }
        html(SiteSection.search.path, "search") { context.searchPage() }
        html(SiteSection.data.path, "data") { context.dataPage() }
        html("404.html", "not-found") { context.notFoundPage() }
        jobs.append(("assets/search-index.js", keyed("assets/search-index.js") {
            [RenderedPage(path: "assets/search-index.js", bytes: context.searchIndexScript())]
        }))
    }

    /// `job`, or nothing when `key` is the one the last build recorded for `path`: the job's
    /// pages (`path` and `also`) are then kept as they are. Both are given one `Input`, which the
    /// caller makes once (the sitemap's paths; nothing for the other pages).
    private func keyed<Input>(_ path: String, also: [String] = [], _ context: SiteContext, _ kept: KeptPages,
                              key: @escaping @Sendable (Input) -> String,
                              _ job: @escaping @Sendable (Input) throws -> [RenderedPage]) -> @Sendable (Input) throws -> [RenderedPage] {
        { input in
            let value = key(input)
            context.fragmentRecorder.record(path, key: value)
            if let previous = context.reuse?.previous.pageKeys[path], previous == value {
                for page in [path] + also { kept.add(page) }
                return []
            }
            return try job(input)
        }
    }

    private func runJobs(_ jobs: [Job], sequential: [Job], streams: [StreamJob], into sink: PageSink) async throws -> Written {
        // Each lane takes the next job when it is free (a fixed deal left one lane with the heavy
        // pages); what is written does not depend on which lane wrote it.
        let lanes = workers
        let queue = JobQueue(jobs)
        // A template's problem stops its own page, not the others: each page kind gets the
        // chance to report its own before the build stops.
        let problems = TemplateProblems()
        @Sendable func run(_ job: @escaping Job) async throws -> Written {
            do {
                return try await Self.run(job, into: sink)
            } catch let error as TemplateError {
                problems.add(error)
                return (0, 0)
            }
        }
        let written = try await withThrowingTaskGroup(of: Written.self) { group in
            // The large exports (and, for a large inventory, the pages listing every system) one
            // after another in one task: each holds a window or a large page in memory. (A task
            // per export was no faster at 10,000 systems: both cores are busy either way.)
            if !streams.isEmpty || !sequential.isEmpty {
                group.addTask {
                    var pages = 0, bytes = 0
                    for stream in streams {
                        try Task.checkCancellation()
                        let started = ContinuousClock.now
                        bytes += try await sink.write(path: stream.path, parts: await stream.parts())
                        StageTimer.report("  " + stream.path, ContinuousClock.now - started)
                        pages += 1
                    }
                    for job in sequential {
                        try Task.checkCancellation()
                        let done = try await run(job)
                        pages += done.pages
                        bytes += done.bytes
                    }
                    return (pages, bytes)
                }
            }
            Lanes.add(lanes, taking: queue, to: &group) {
                { job in try await run(job) }
            }
            return try await Lanes.total(&group)
        }
        if let problem = problems.combined { throw problem }
        return written
    }

    /// The template problems the fixed pages met, kept until all of them have rendered.
    final class TemplateProblems: Sendable {
        private let state = Mutex<[TemplateError]>([])

        func add(_ error: TemplateError) { state.withLock { $0.append(error) } }

        var combined: TemplateError? { state.withLock { TemplateError.combining($0) } }
    }

    /// Renders a job and hands its pages to the sink.
    private static func run(_ job: Job, into sink: PageSink) async throws -> Written {
        let started = ContinuousClock.now
        let pages = try job()
        if let first = pages.first, ContinuousClock.now - started > .milliseconds(StageTimer.enabled ? 8 : 100) {
            StageTimer.report("  " + first.path, ContinuousClock.now - started)
        }
        try await sink.write(pages)
        return (pages.count, pages.reduce(0) { $0 + $1.bytes.count })
    }

    /// Pages left as the last build wrote them, noted by the jobs that found their inputs unchanged.
    final class KeptPages: Sendable {
        private let state = Mutex<[String]>([])

        func add(_ path: String) { state.withLock { $0.append(path) } }

        var paths: [String] { state.withLock { $0 } }
    }

    /// Renders and writes the pages of `ledgers` on every lane. Each lane takes the next few
    /// systems when it is free, renders their pages and writes them itself: there is no batch for
    /// all lanes to finish together (batches split in fixed halves left a core idle a tenth of
    /// the time, waiting for the slower half or for the writer), and memory holds only the pages
    /// in hand. What is written does not depend on which lane wrote it.
    /// - Parameter counted: called with the pages written so far, now and then, in rising order.
    func writeSystemPages(_ ledgers: [Ledger], context: SiteContext, presenter: LedgerPresenter, into sink: PageSink,
                          counted: @escaping @Sendable (Int) -> Void) async throws -> Written {
        let take = max(1, options.batchSize)
        let queue = RangeQueue(count: ledgers.count, take: take)
        // Progress now and then, not after every few systems: a terminal redraw each time.
        let tally = Tally(every: 8 * take * (1 + 2 * context.documentKinds.count), report: counted)
        return try await withThrowingTaskGroup(of: Written.self) { group in
            Lanes.add(workers, taking: queue, to: &group) {
                // A lane's section cache is its own: no two lanes share one.
                let cache = MarkdownSectionCache()
                return { range in
                    let rendered = try systemPages(ledgers[range], context: context, presenter: presenter, cache: cache)
                    try await sink.write(rendered)
                    tally.add(rendered.count)
                    return (rendered.count, rendered.reduce(0) { $0 + $1.bytes.count })
                }
            }
            return try await Lanes.total(&group)
        }
    }

    /// The pages of a few systems, rendered on one lane.
    func systemPages(_ ledgers: ArraySlice<Ledger>, context: SiteContext, presenter: LedgerPresenter,
                     cache: MarkdownSectionCache) throws -> [RenderedPage] {
        var pages: [RenderedPage] = []
        pages.reserveCapacity(ledgers.count * (1 + 2 * context.documentKinds.count))
        for ledger in ledgers {
            pages.append(RenderedPage(path: context.systemPath(ledger.id),
                                      bytes: try templates.renderBytes("system", context.systemDetailPage(ledger, presenter: presenter))))
            for (kind, markdown) in try context.documentMarkdown(context.documentKinds, ledger, templates: templates) {
                pages.append(RenderedPage(path: context.documentPath(kind, ledger.id, markdown: true), bytes: markdown))
                pages.append(RenderedPage(path: context.documentPath(kind, ledger.id, markdown: false),
                                          bytes: try templates.renderBytes("document", context.documentPage(kind, ledger, markdown: markdown, cache: cache))))
            }
        }
        return pages
    }
}

extension SiteContext {
    /// `analysis.json`'s members as published, in written order, each made when asked for: the
    /// public profile leaves out per-system security and BCP gaps (and costs, where hidden).
    static func publicAnalysisMembers(_ analysis: Analysis, visibility: Visibility)
        -> [(key: String, write: @Sendable (inout [UInt8], Int) -> Void)] {
        guard visibility.profile == .public else { return analysis.jsonWriters() }
        return analysis.jsonWriters(maintenanceSystems: !visibility.hidesCosts, showsGap: { visibility.shows($0) },
                                    hides: { visibility.hides($0) })
    }
}

extension SiteRenderer {
    public enum DocumentFormat: String, Sendable, CaseIterable {
        case md, html
    }

    /// One procurement document of one system, exactly as the build writes it; nil when no ledger has the id.
    public func document(_ kind: DocumentKind, for id: String, format: DocumentFormat, project: Project, ledgers: [Ledger],
                         analysis: Analysis) throws -> String? {
        let context = makeContext(project: project, ledgers: ledgers, analysis: analysis)
        guard let ledger = context.byID[id] else { return nil }
        guard let markdown = try context.documentMarkdown([kind], ledger, templates: templates).first?.markdown else { return nil }
        switch format {
        case .md: return String(decoding: markdown, as: UTF8.self)
        case .html: return try templates.render("document", context.documentPage(kind, ledger, markdown: markdown))
        }
    }
}
