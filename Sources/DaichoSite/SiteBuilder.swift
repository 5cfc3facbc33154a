import DaichoCore
import DaichoRender
import Foundation

/// The build pipeline, stage by stage: load → check → analyze → render (parallel, in memory) → write atomically.
public struct SiteBuilder: Sendable {
    public var options: SiteOptions
    public var templatesOverride: String?
    public var force: Bool
    public var workers: Int?

    public init(options: SiteOptions, templatesOverride: String? = nil, force: Bool = false, workers: Int? = nil) {
        self.options = options
        self.templatesOverride = templatesOverride
        self.force = force
        self.workers = workers
    }

    public enum Outcome: Sendable {
        /// Errors in the inventory stopped the build (nothing was written).
        case stopped(CheckedInventory)
        case built(CheckedInventory, Analysis, SiteRenderer.Summary)
        /// Nothing the site depends on changed since the last build; nothing was read beyond hashes.
        case unchanged
    }

    public enum Stage: Sendable {
        case checked(files: Int)
        case rendering(done: Int, total: Int)
    }

    /// Builds `project` into any sink (memory for `serve` and tests); the caller commits or discards.
    public func build(project: String, into sink: PageSink, progress: (@Sendable (Stage) -> Void)? = nil)
        async throws -> Outcome
    {
        let source = try ProjectLoader().load(project)
        let loaded = try TemplateLoader().load(project: project, override: templatesOverride)
        return try await build(source, loaded: loaded, into: sink, progress: progress)
    }

    func build(_ source: ProjectSource, loaded: TemplateLoader.Loaded, into sink: PageSink,
               progress: (@Sendable (Stage) -> Void)?) async throws -> Outcome {
        let pipeline = ProjectPipeline(workers: workers)
        let clock = ContinuousClock()
        var started = clock.now
        let checked = await Checker(workers: workers).check(source)
        StageTimer.report("load and check", clock.now - started)
        progress?(.checked(files: checked.files.count))
        if checked.diagnostics.hasErrors && (!force || checked.projectHasErrors) { return .stopped(checked) }
        started = clock.now
        let analysis = pipeline.analyze(checked)
        StageTimer.report("analyze", clock.now - started)
        let renderer = renderer(loaded, project: checked.project)
        let summary = try await renderer.render(project: checked.project, ledgers: checked.validLedgers, analysis: analysis,
                                                into: sink) { done, total in progress?(.rendering(done: done, total: total)) }
        return .built(checked, analysis, summary)
    }

    /// Builds into a folder on disk.
    ///
    /// The first build (or any build after templates, `daicho.yaml` or options change) writes a fresh
    /// folder and swaps it in only when complete. Later builds read the manifest beside the site and
    /// rewrite only the pages a ledger change touches, each file replaced atomically; the manifest is
    /// written last, so an interrupted rebuild is repaired by the next one.
    public func build(project: String, output: String, incremental: Bool = true,
                      progress: (@Sendable (Stage) -> Void)? = nil) async throws -> Outcome {
        let source = try ProjectLoader().load(project)
        let loaded = try TemplateLoader().load(project: project, override: templatesOverride)
        let fingerprint = fingerprint(source, loaded)
        let hashes = Dictionary(source.ledgers.map { ($0.path, ContentHash.of($0.bytes)) }, uniquingKeysWith: { a, _ in a })
        let previous = incremental && FileManager.default.fileExists(atPath: output) ? BuildManifest.load(for: output) : nil
        if let previous, previous.fingerprint == fingerprint, previous.ledgers.mapValues(\.hash) == hashes {
            return .unchanged
        }
        if let previous, previous.fingerprint == fingerprint {
            return try await rebuild(source, loaded: loaded, fingerprint: fingerprint, hashes: hashes, previous: previous,
                                     output: output, progress: progress)
        }
        BuildManifest.remove(for: output)
        let folder = try OutputFolder(output: output)
        let sink = HashingSink(folder)
        do {
            let outcome = try await build(source, loaded: loaded, into: sink, progress: progress)
            guard case .built(let checked, _, _) = outcome else {
                folder.discard()
                return outcome
            }
            try folder.commit()
            try BuildManifest(fingerprint: fingerprint, ledgers: Self.entries(checked, hashes: hashes), outputs: sink.hashes)
                .save(for: output)
            return outcome
        } catch {
            folder.discard()
            throw error
        }
    }

    /// Re-renders the pages of the systems a change touches, and every list and aggregate.
    private func rebuild(_ source: ProjectSource, loaded: TemplateLoader.Loaded, fingerprint: String, hashes: [String: String],
                         previous: BuildManifest, output: String, progress: (@Sendable (Stage) -> Void)?) async throws -> Outcome {
        let pipeline = ProjectPipeline(workers: workers)
        let checked = await Checker(workers: workers).check(source)
        progress?(.checked(files: checked.files.count))
        if checked.diagnostics.hasErrors && (!force || checked.projectHasErrors) { return .stopped(checked) }
        let analysis = pipeline.analyze(checked)
        let entries = Self.entries(checked, hashes: hashes)
        let affected = IncrementalPlan.affected(old: previous.ledgers, new: entries)
        let validIDs = Set(checked.validLedgers.map(\.id))
        let sink = InPlaceSink(root: output, previous: previous.outputs)
        let renderer = renderer(loaded, project: checked.project)
        let summary = try await renderer.render(project: checked.project, ledgers: checked.validLedgers, analysis: analysis,
                                                into: sink, systems: affected.intersection(validIDs)) { done, total in
            progress?(.rendering(done: done, total: total))
        }
        // Pages of untouched systems stay as they are; everything else now is what this build wrote.
        var outputs = sink.hashes
        for (path, hash) in previous.outputs where outputs[path] == nil {
            if let id = Self.systemID(of: path), validIDs.contains(id), !affected.contains(id) { outputs[path] = hash }
        }
        for path in previous.outputs.keys where outputs[path] == nil {
            try? FileManager.default.removeItem(atPath: output + "/" + path)
            if let id = Self.systemID(of: path) {
                let folder = output + "/systems/" + id
                if (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true {
                    try? FileManager.default.removeItem(atPath: folder)
                }
            }
        }
        try BuildManifest(fingerprint: fingerprint, ledgers: entries, outputs: outputs).save(for: output)
        return .built(checked, analysis, summary)
    }

    /// Everything that touches every page: templates, assets, daicho.yaml, options, this version of Daicho.
    func fingerprint(_ source: ProjectSource, _ loaded: TemplateLoader.Loaded) -> String {
        ContentHash.of([
            "daicho-1", loaded.fingerprint, ContentHash.of(source.projectFile ?? []), options.language.rawValue,
            options.profile.rawValue, options.timestamp ?? "", options.draftDate ?? "", options.liveReloadURL ?? "",
            "\(options.systemsOnly)", "\(force)",
        ])
    }

    private func renderer(_ loaded: TemplateLoader.Loaded, project: Project) -> SiteRenderer {
        var options = self.options
        if options.language == .ja, project.site.language == .en { options.language = .en }
        return SiteRenderer(templates: loaded.templates, assets: loaded.assets, options: options, workers: workers)
    }

    /// `systems/<id>/…` files belong to one system; `systems/index.html` does not.
    static func systemID(of path: String) -> String? {
        let parts = path.split(separator: "/")
        return parts.count == 3 && parts[0] == "systems" ? String(parts[1]) : nil
    }

    static func entries(_ checked: CheckedInventory, hashes: [String: String]) -> [String: BuildManifest.Ledger] {
        let invalid = checked.filesWithErrors
        var result: [String: BuildManifest.Ledger] = [:]
        for file in checked.files {
            result[file] = BuildManifest.Ledger(hash: hashes[file] ?? "", id: nil, partners: [], valid: false)
        }
        for ledger in checked.ledgers {
            let partners = ledger.integrations.compactMap { link -> String? in
                if case .system(let id) = link.target { return id }
                return nil
            }
            result[ledger.file] = BuildManifest.Ledger(hash: hashes[ledger.file] ?? "", id: ledger.id,
                                                       partners: Array(Set(partners)).sorted(), valid: !invalid.contains(ledger.file))
        }
        return result
    }
}

extension SiteBuilder {
    /// A site kept in memory between rebuilds (`daicho serve`), with what it was built from.
    public struct MemoryState: Sendable {
        var fingerprint: String
        var ledgers: [String: BuildManifest.Ledger]
        public var pages: [String: [UInt8]]
    }

    /// The same incremental rebuild as on disk, in memory: only the pages a change touches are rendered again.
    public func build(project: String, over previous: MemoryState?) async throws -> (Outcome, MemoryState?) {
        let source = try ProjectLoader().load(project)
        let loaded = try TemplateLoader().load(project: project, override: templatesOverride)
        let fingerprint = fingerprint(source, loaded)
        let hashes = Dictionary(source.ledgers.map { ($0.path, ContentHash.of($0.bytes)) }, uniquingKeysWith: { a, _ in a })
        if let previous, previous.fingerprint == fingerprint, previous.ledgers.mapValues(\.hash) == hashes {
            return (.unchanged, previous)
        }
        let site = MemorySite()
        guard let previous, previous.fingerprint == fingerprint else {
            let outcome = try await build(source, loaded: loaded, into: site, progress: nil)
            guard case .built(let checked, _, _) = outcome else { return (outcome, nil) }
            return (outcome, MemoryState(fingerprint: fingerprint, ledgers: Self.entries(checked, hashes: hashes), pages: await site.pages))
        }
        let checked = await Checker(workers: workers).check(source)
        if checked.diagnostics.hasErrors && (!force || checked.projectHasErrors) { return (.stopped(checked), nil) }
        let analysis = ProjectPipeline(workers: workers).analyze(checked)
        let entries = Self.entries(checked, hashes: hashes)
        let affected = IncrementalPlan.affected(old: previous.ledgers, new: entries)
        let validIDs = Set(checked.validLedgers.map(\.id))
        let summary = try await renderer(loaded, project: checked.project).render(
            project: checked.project, ledgers: checked.validLedgers, analysis: analysis, into: site,
            systems: affected.intersection(validIDs))
        var pages = await site.pages
        for (path, bytes) in previous.pages where pages[path] == nil {
            if let id = Self.systemID(of: path), validIDs.contains(id), !affected.contains(id) { pages[path] = bytes }
        }
        return (.built(checked, analysis, summary), MemoryState(fingerprint: fingerprint, ledgers: entries, pages: pages))
    }
}
