import DaichoCore
import DaichoRender
import Foundation

/// The build pipeline, stage by stage: load → check → analyze → render (parallel, in memory) → write atomically.
public struct SiteBuilder: Sendable {
    public var options: SiteOptions
    public var templatesOverride: String?
    public var force: Bool
    public var workers: Int?
    /// The parsed-ledger cache, if one is used.
    public var cache: LedgerCacheStore?
    /// Leaves the build's large tables (the manifests, the output hashes) for the process exit to
    /// reclaim (`KeptUntilExit`): a command that ends with the build need not free 100,000
    /// strings one by one first. Not for `serve`, which builds again and again.
    public var keepsStateUntilExit = false
    /// What one build leaves the next in the same process (`serve`); nil for one build per process.
    public var memory: BuildMemory?
    /// Whether a full build removes the site it replaced on the side, returning as soon as the new
    /// one is in place: for `serve`, which goes on running (a template saved at 10,000 systems
    /// waited seconds more for 73,000 old files to be deleted). A command that ends with the build
    /// removes it before it ends, or hands it to another process (below).
    public var removesOldSiteOnTheSide = false
    /// Whether a rebuild may write the changed rows of a large export into its file where they are
    /// (a cost edit changes a few kilobytes of 50 MB), rather than replace the file whole. Not for
    /// `serve`, which may be sending that file as it changes: a download then held rows of both
    /// builds. A replaced file is renamed over the old one, and a reader keeps the old bytes (the
    /// new file is a copy of the old with the changed rows in it, when only those changed).
    public var patchesInPlace = true
    /// A full build that writes more files than this leaves the site it replaced to a process of
    /// its own to remove (`OutputFolder.removeInOtherProcess`), and ends without waiting for it
    /// (`build` at national scale, after a template edit); a smaller old site is removed before
    /// the build returns. Nil: always before.
    public var removesOldSiteInOtherProcessAbove: Int?
    /// This start of the machine (`MachineBoot`), in the fingerprint: a manifest written before a
    /// restart (a power cut, say, before the pages reached the disk) is not trusted.
    var bootID = MachineBoot.id
    /// Where the build notes what the command says after it (files a full build left behind, old
    /// sites it could not delete); nil where nobody asks (`serve`).
    public var notices: OutputNotices?

    public init(options: SiteOptions, templatesOverride: String? = nil, force: Bool = false, workers: Int? = nil,
                cache: LedgerCacheStore? = nil) {
        self.options = options
        self.templatesOverride = templatesOverride
        self.force = force
        self.workers = workers
        self.cache = cache
    }

    public enum Outcome: Sendable {
        /// Errors in the inventory stopped the build (nothing was written).
        case stopped(CheckedInventory)
        case built(CheckedInventory, Analysis, SiteRenderer.Summary)
        /// Nothing the site depends on changed since the last build; nothing was read beyond hashes.
        /// `warnings`: the last check's count, with the folder's own as they are now.
        case unchanged(warnings: Int)
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

    /// - Parameter checkedHook: called with the inventory once it passed the check, as the
    ///   rendering starts.
    func build(_ source: ProjectSource, loaded: TemplateLoader.Loaded, into sink: PageSink,
               progress: (@Sendable (Stage) -> Void)?, checkedHook: ((CheckedInventory) -> Void)? = nil) async throws -> Outcome {
        let pipeline = ProjectPipeline(workers: workers, cache: cache, memory: memory?.parses, keepsWarnings: false)
        let clock = ContinuousClock()
        var started = clock.now
        let checked = await pipeline.check(source)
        StageTimer.report("load and check", clock.now - started)
        progress?(.checked(files: checked.files.count))
        if checked.diagnostics.hasErrors && (!force || checked.projectHasErrors) { return .stopped(checked) }
        checkedHook?(checked)
        started = clock.now
        let valid = checked.validLedgers
        let analysis = pipeline.analyze(checked, valid: valid)
        StageTimer.report("analyze", clock.now - started)
        let renderer = renderer(loaded, project: checked.project)
        let summary = try await renderer.render(project: checked.project, ledgers: valid, analysis: analysis, into: sink,
                                                ledgerKeys: Self.ledgerKeys(checked, valid: valid)) { done, total in
            progress?(.rendering(done: done, total: total))
        }
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
        let clock = ContinuousClock()
        var started = clock.now
        let output = OutputFolder.followingLink(output)
        let templatesOverride = self.templatesOverride
        let memory = self.memory
        // The manifest is read while the folder is listed, the templates load and the ledger files
        // are stamped: the manifest takes the longer, and stamping 10,000 files after it was a
        // stage of its own.
        let (inputs, read) = Concurrently.both({
            Result { () throws -> (ProjectSource, TemplateLoader.Loaded, [FileStamp?]) in
                let source = try ProjectLoader().load(project)
                let loaded = try memory?.templates(project: project, override: templatesOverride)
                    ?? TemplateLoader().load(project: project, override: templatesOverride)
                return (source, loaded, source.ledgers.map { FileStamp(path: $0.path) })
            }
        }, { () -> ManifestRead? in
            guard incremental && FileManager.default.fileExists(atPath: output) else { return nil }
            if let kept = memory?.manifest(for: output) { return ManifestRead(rows: kept, rest: nil) }
            return BuildManifest.loadRows(for: output).map { ManifestRead(rows: $0.0, rest: $0.1) }
        })
        var (source, loaded, taken) = try inputs.get()
        var manifest = (consume read)?.rebased(to: source.folder)
        defer { leave(manifest?.rows) }
        let fingerprint = fingerprint(source, loaded)
        StageTimer.report("load folder and templates, read manifest", clock.now - started)
        let keeping = [project, loaded.folder, FileManager.default.currentDirectoryPath]
        if let previous = manifest?.rows, previous.fingerprint == fingerprint,
           case let exports = Self.currentStamps(in: output), !Self.siteReplaced(exports, previous) {
            // The folders a full build refuses to replace (`OutputFolder.init`) are refused here
            // too: whether `-o .` is taken does not depend on which kind of build comes next.
            if let refusal = OutputFolder.refusal(output: output, keeping: keeping) { throw refusal }
            started = clock.now
            let exportsAsWritten = Self.filesWithPiecesAsWritten(exports, previous)
            // A ledger whose stamp is not the recorded one, or an export changed, makes a rebuild
            // likely: the outputs it needs are read while the ledgers are hashed. (With every stamp
            // as recorded, the build finds nothing to do and never reads them.)
            if !exportsAsWritten || Self.mayHaveChanged(source, stamps: taken, previous: previous) { manifest?.readRestOnTheSide() }
            // A full build killed since the last one left its staging folder beside the site (a
            // full build clears them as it starts, see `OutputFolder`).
            OutputFolder.removeLeftovers(beside: output, notices: notices)
            let hashed = Self.hashed(source, stamps: taken, previous: previous)
            source = hashed.source
            // Compared in place: a table of the old hashes made to compare with was 10,000 more rows.
            let unchanged = previous.ledgers.count == hashed.hashes.count
                && hashed.hashes.allSatisfy { previous.ledgers[$0.key]?.hash == $0.value }
            StageTimer.report("hash ledgers", clock.now - started)
            // Nothing changed is not "up to date" for a site built without the ledgers with errors:
            // the check runs, and reports them again (`--force`) or stops the build (without it).
            if unchanged && exportsAsWritten && !previous.leftOutLedgers {
                return .unchanged(warnings: previous.warnings + source.diagnostics.warningCount)
            }
            if let whole = await manifest?.whole() {
                defer { leave(whole) }
                return try await rebuild(source, loaded: loaded, fingerprint: fingerprint, previous: whole, output: output,
                                         stamps: hashed.stamps, progress: progress)
            }
            // The outputs could not be read: a full build, as without a manifest.
        }
        // Not held through a full build: at 100,000 systems its tables are some 150 MB, which the
        // build's peak would carry (a build after a template edit or an update of Daicho).
        manifest = nil
        // Stamped before reading, so a file changed while the build runs is read again next time;
        // the parsed-ledger cache is handed the same stamps rather than taking them again.
        // (A list, not a table: it is held through a whole build, and at 100,000 files the table
        // was 10 MB more.)
        let stamps = taken.map { $0?.settled }
        for (index, stamp) in zip(source.ledgers.indices, stamps) {
            source.ledgers[index] = source.ledgers[index].stamped(stamp.map { BinaryWriter.encode($0) })
        }
        let folder = try OutputFolder(output: output, keeping: keeping, notices: notices)
        let sink = RecordingSink(folder)
        var table: [String: FileStamp] = [:]
        for (ledger, stamp) in zip(source.ledgers, stamps) { table[ledger.path] = stamp }
        // The manifest's ledger rows follow from the check alone: they are made and encoded on the
        // side while the pages render, not after them with a core idle. Not at national scale,
        // where they are tens of megabytes that would be held through the pages' peak.
        var rows: Task<(entries: [String: BuildManifest.Ledger], encoded: [UInt8]), Never>?
        let makeRowsAhead: ((CheckedInventory) -> Void)? = source.ledgers.count > options.oneAtATimeAbove ? nil : { [table] checked in
            rows = Task.detached {
                let entries = Self.entries(checked)
                return (entries, BuildManifest.encodedRows(entries, table))
            }
        }
        do {
            let outcome = try await build(source, loaded: loaded, into: sink, progress: progress, checkedHook: makeRowsAhead)
            guard case .built(let checked, _, let summary) = outcome else {
                folder.discard()
                return outcome
            }
            // A build cancelled (Ctrl+C in `serve`) is not swapped in, however far it got.
            try Task.checkCancellation()
            let finishing = ContinuousClock.now
            // The old manifest describes the old site until the swap: a build that stops (errors in
            // the ledgers, a full disk) leaves both, and undoing the change gives a rebuild again.
            // Removed just before, so a build killed between the swap and the save is followed
            // by a full one.
            BuildManifest.remove(for: output)
            try folder.commit(removingOld: removesOldSiteOnTheSide ? OutputFolder.removeOnTheSide
                : removesOldSiteInOtherProcessAbove.map { summary.pages > $0 } == true ? OutputFolder.removeInOtherProcess : nil)
            let made = await rows?.value
            let manifest = BuildManifest(fingerprint: fingerprint, folder: source.folder, warnings: Self.storedWarnings(checked, source),
                                         ledgers: made?.entries ?? Self.entries(checked), outputs: sink.hashes,
                                         fragments: summary.fragments, stamps: table, exportStamps: Self.exportStamps(in: output))
            let journal = try await manifest.save(for: output, encodedRows: made?.encoded)
            memory?.keep(manifest, journal: journal, for: output)
            leave(manifest)
            leave(made)
            StageTimer.report("commit, write manifest", ContinuousClock.now - finishing)
            return outcome
        } catch {
            folder.discard()
            throw error
        }
    }

    /// Whether a ledger file may differ from the last build's: there are more or fewer, or one's
    /// stamp is not the recorded one (a file with the recorded stamp is taken as unchanged, see `hashed`).
    static func mayHaveChanged(_ source: ProjectSource, stamps taken: [FileStamp?], previous: BuildManifest) -> Bool {
        guard taken.count == source.ledgers.count, previous.ledgers.count == source.ledgers.count else { return true }
        return zip(source.ledgers, taken).contains { ledger, stamp in stamp == nil || stamp != previous.stamps[ledger.path] }
    }

    /// The warnings the manifest keeps: the check's, less those of the folder listing, which a
    /// build that finds nothing changed counts afresh (a subfolder of ledgers made since).
    static func storedWarnings(_ checked: CheckedInventory, _ source: ProjectSource) -> Int {
        max(0, checked.warningCount - source.diagnostics.warningCount)
    }

    /// Keeps `value` until the process exits when `keepsStateUntilExit` is set.
    func leave(_ value: any Sendable) {
        if keepsStateUntilExit { KeptUntilExit.keep(value) }
    }

    /// Everything that touches every page: templates, assets, daicho.yaml, options, this build of
    /// Daicho (`ProgramStamp`): after an update every page is made again, since the new program
    /// may write any of them differently. And this start of the machine (`MachineBoot`). Not `--force`: it changes only which ledgers are left
    /// out, which the manifest's rows record (`valid`), so a build with it after one without, on
    /// ledgers without errors, has nothing to do rather than all to do again.
    func fingerprint(_ source: ProjectSource, _ loaded: TemplateLoader.Loaded) -> String {
        ContentHash.of([
            "daicho-1", ProgramStamp.current, bootID, loaded.fingerprint, ContentHash.of(source.projectFile ?? []),
            languageKey(source),
            options.profile.rawValue, options.timestamp ?? "", options.draftDate ?? "", options.liveReloadURL ?? "",
            "\(options.systemsOnly)",
        ])
    }

    /// The pages' language as they come out: `--lang ja` on a project whose `site.lang` is ja is
    /// the same site as no `--lang` (it wrote every page again). `daicho.yaml` is read for it only
    /// when `--lang` was given (its bytes are in the fingerprint already).
    private func languageKey(_ source: ProjectSource) -> String {
        guard options.languageGiven else { return "site.lang" }
        let siteLanguage = ProjectParser().parse(source.projectFile, file: "").project.site.language
        return options.language == siteLanguage ? "site.lang" : options.language.rawValue
    }

    func renderer(_ loaded: TemplateLoader.Loaded, project: Project) -> SiteRenderer {
        var options = self.options
        if !options.languageGiven { options.language = project.site.language }
        return SiteRenderer(templates: loaded.templates, assets: loaded.assets, options: options, workers: workers)
    }

    /// `systems/<id>/…` files belong to one system; `systems/index.html` does not.
    static func systemID(of path: String) -> Substring? {
        // Runs for every file of the site on each rebuild: a byte scan, no splitting, no new string.
        let utf8 = path.utf8
        guard utf8.starts(with: "systems/".utf8) else { return nil }
        let rest = utf8.dropFirst(8)
        guard let slash = rest.firstIndex(of: UInt8(ascii: "/")), slash != rest.startIndex,
              !rest[rest.index(after: slash)...].isEmpty, !rest[rest.index(after: slash)...].contains(UInt8(ascii: "/"))
        else { return nil }
        return path[rest.startIndex..<slash]
    }

    /// Hashes every ledger file, to tell "nothing changed" without parsing; the checker then reads
    /// only the files its cache has no result for. A file whose stamp is the one `previous`
    /// recorded keeps its recorded hash unread. Unreadable files keep no hash (the check reports them).
    /// - Parameter stamps: the files' stamps in the order of `source.ledgers`, taken before any of
    ///   them was read (nil: taken here).
    static func hashed(_ source: ProjectSource, stamps taken: [FileStamp?]? = nil, previous: BuildManifest? = nil)
        -> (source: ProjectSource, hashes: [String: String], stamps: [String: FileStamp]) {
        struct Seen: Sendable {
            var hash: UInt64?
            var text: String
            var stamp: FileStamp?
        }
        // A stat (or a read) per file: on all cores, in slices of the list.
        let ledgers = source.ledgers
        let taken = taken?.count == ledgers.count ? taken : nil
        let slices = min(ledgers.count, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let seen = Concurrently.map(slices) { slice -> [Seen] in
            let range = (ledgers.count * slice / slices)..<(ledgers.count * (slice + 1) / slices)
            return range.map { index in
                let ledger = ledgers[index]
                let stamp = taken.map { $0[index] } ?? FileStamp(path: ledger.path)
                if let stamp, stamp == previous?.stamps[ledger.path], let text = previous?.ledgers[ledger.path]?.hash,
                   let hash = Digest64.value(ofText: text) {
                    return Seen(hash: hash, text: text, stamp: stamp)
                }
                guard let bytes = ledger.read() else { return Seen(hash: nil, text: "", stamp: nil) }
                let hash = Digest64.hash(bytes)
                return Seen(hash: hash, text: Digest64.text(hash), stamp: stamp?.settled)
            }
        }.joined()
        var source = source
        var hashes: [String: String] = [:], stamps: [String: FileStamp] = [:]
        hashes.reserveCapacity(ledgers.count)
        for (index, file) in zip(source.ledgers.indices, seen) {
            let path = source.ledgers[index].path
            if let hash = file.hash { source.ledgers[index].hash = hash }
            hashes[path] = file.text
            if let stamp = file.stamp { stamps[path] = stamp }
        }
        return (source, hashes, stamps)
    }

    /// System id → hash of its ledger file, for the valid ledgers; an id two files claim has none
    /// (nothing of it is reused).
    static func ledgerKeys(_ checked: CheckedInventory, valid: [Ledger]) -> [String: String] {
        var keys: [String: String] = [:]
        keys.reserveCapacity(valid.count)
        for ledger in valid {
            guard let hash = checked.contentHashes[ledger.file], !hash.isEmpty else { continue }
            keys[ledger.id] = keys[ledger.id] == nil ? hash : ""
        }
        return keys.filter { !$0.value.isEmpty }
    }
}
