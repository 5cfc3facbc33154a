import DaichoCore
import DaichoRender
import Foundation

/// Incremental rebuilds, on disk against the manifest beside the site (`build` and `serve`).
extension SiteBuilder {
    /// What an incremental render produced, for the caller to merge with what it kept.
    struct PartialBuild {
        var outcome: Outcome
        var entries: [String: BuildManifest.Ledger]
        /// Valid systems whose pages were not rendered again: their files stay as they are.
        var untouched: Set<String>
        /// Pages of the site that were not rendered again (other than system pages).
        var keptPages: Set<String>

        /// - Parameter affected: systems whose pages were rendered again.
        init(outcome: Outcome, entries: [String: BuildManifest.Ledger], affected: Set<String> = [], validIDs: Set<String> = [],
             keptPages: Set<String> = []) {
            self.outcome = outcome
            self.entries = entries
            untouched = validIDs.subtracting(affected)
            self.keptPages = keptPages
        }

        /// True for an old output this build did not render but must keep: a page of an untouched
        /// system, department or vendor.
        func keeps(_ path: String) -> Bool {
            guard let id = SiteBuilder.systemID(of: path) else { return keptPages.contains(path) }
            return untouched.contains(String(id))
        }
    }

    /// Checks and analyses everything, then renders every list and aggregate and the pages of the
    /// systems the change touches; the outcome is `.stopped` when the inventory's errors stop the build.
    /// - Parameter reuse: what the last build left to reuse, asked for only once the check has
    ///   passed (on disk it is read while the ledgers are checked).
    func renderChanges(_ source: ProjectSource, loaded: TemplateLoader.Loaded, previous: [String: BuildManifest.Ledger], into sink: PageSink,
                       reuse: @Sendable () async -> FragmentSource?, progress: (@Sendable (Stage) -> Void)?) async throws -> PartialBuild {
        let clock = ContinuousClock()
        var started = clock.now
        let checked = await ProjectPipeline(workers: workers, cache: cache, memory: memory?.parses, keepsWarnings: false).check(source)
        StageTimer.report("load and check", clock.now - started)
        progress?(.checked(files: checked.files.count))
        if checked.diagnostics.hasErrors && (!force || checked.projectHasErrors) {
            return PartialBuild(outcome: .stopped(checked), entries: Self.entries(checked))
        }
        started = clock.now
        let valid = checked.validLedgers
        // The manifest's rows and the plan need the check alone: they are worked out in a child
        // task while the inventory is analysed. (Not in `Concurrently.both`: the analysis splits
        // its sections across the cores with it, and nested inside another, libdispatch ran them
        // one after the other.)
        async let planning = Self.plan(checked, previous: previous, valid: valid)
        let analysis = ProjectPipeline(workers: workers).analyze(checked, valid: valid)
        let planned = await planning
        let (entries, affected, validIDs) = (planned.entries, planned.affected, Set(valid.map(\.id)))
        StageTimer.report("analyze and plan (changed \(planned.changed), affected \(affected.count))", clock.now - started)
        // analysis.json changes with any ledger: it is made while the page context is worked out
        // on the other core.
        let renderer = renderer(loaded, project: checked.project)
        let analysisJSON = renderer.startAnalysisJSON(project: checked.project, ledgers: valid, analysis: analysis)
        let reused = await reuse()
        let summary = try await renderer.render(
            project: checked.project, ledgers: valid, analysis: analysis, into: sink, systems: affected.intersection(validIDs),
            groups: planned.groups, ledgerKeys: planned.keys, reuse: reused, analysisJSON: analysisJSON
        ) { done, total in progress?(.rendering(done: done, total: total)) }
        return PartialBuild(outcome: .built(checked, analysis, summary), entries: entries, affected: affected, validIDs: validIDs,
                            keptPages: summary.unrenderedPages)
    }

    /// What a change touches, worked out from the check and the last build's rows.
    struct Plan: Sendable {
        var entries: [String: BuildManifest.Ledger]
        var affected: Set<String>
        var groups: GroupSelection?
        var keys: [String: String]
        var changed: Int
    }

    static func plan(_ checked: CheckedInventory, previous: [String: BuildManifest.Ledger], valid: [Ledger]) -> Plan {
        let (entries, changed) = entries(checked, previous: previous)
        var affected = IncrementalPlan.affected(old: previous, new: entries, changed: changed)
        let groups = IncrementalPlan.groups(old: previous, new: entries, changed: changed)
        if groups == nil { affected.formUnion(IncrementalPlan.movedGroups(old: previous, new: entries)) }
        return Plan(entries: entries, affected: affected, groups: groups, keys: ledgerKeys(checked, valid: valid), changed: changed.count)
    }

    /// On disk: rewrites changed files in place, removes what no longer exists (both through the
    /// sink, which removes the manifest first), writes the manifest last.
    func rebuild(_ source: ProjectSource, loaded: TemplateLoader.Loaded, fingerprint: String, previous: BuildManifest, output: String,
                 stamps: [String: FileStamp], progress: (@Sendable (Stage) -> Void)?) async throws -> Outcome {
        // The manifest vouches for the site as the last build left it. Once a file changes it no
        // longer does, until the new manifest is written: removed first, an interrupted rebuild
        // (an error, a crash) is followed by a full build, not by one that trusts pages it never
        // finished (say, after the edit is undone and the ledgers match the old manifest again).
        // (The manifest `serve` keeps goes with the journal: it is used only while the journal it
        // saved is on disk, see `BuildMemory`.)
        let sink = InPlaceSink(root: output, previous: previous.outputs, patchesInPlace: patchesInPlace) { () throws(WriteError) in
            try BuildManifest.invalidate(for: output)
        }
        // The previous files with pieces (50 MB at 10,000 systems) are mapped and verified while the ledgers are checked.
        let reusable = Task.detached { Self.reusableFiles(in: output, previous) }
        let build: PartialBuild
        do {
            build = try await renderChanges(source, loaded: loaded, previous: previous.ledgers, into: sink,
                                            reuse: {
                let (source, stamps) = await reusable.value
                sink.takePrevious(source?.bytes ?? [:], stamps: stamps)
                return source
            }, progress: progress)
        } catch let error as WriteError where sink.hasChanged {
            // Files are rewritten one by one in place: some pages are new by now. Say so, and
            // that the next build (a full one: the manifest is gone) makes it whole again.
            throw WriteError.partlyUpdated(error.message(.ja), error.message(.en))
        }
        guard case .built(let checked, let analysis, var summary) = build.outcome else { return build.outcome }
        // Cancelled part way (Ctrl+C in `serve`), the site holds some new pages and the manifest was
        // removed when the first one was written: no new manifest, so the next build is a full one.
        try Task.checkCancellation()
        StageTimer.note("rendered again, unchanged: \(sink.unchanged.sorted().joined(separator: " "))")
        StageTimer.note("patched in place: \(sink.patched.sorted().joined(separator: " "))")
        let finishing = ContinuousClock.now
        // Start from the previous table (most entries stay) rather than growing a new one.
        let written = sink.hashes
        var outputs = previous.outputs
        var removed: [String] = []
        // Whole folders of untouched systems are skipped without looking at their files.
        for (id, files) in previous.outputs.systems where !build.untouched.contains(id) {
            for file in files {
                let path = OutputHashes.path(system: id, file: file.name)
                if written[path] == nil { removed.append(path) }
            }
        }
        for path in previous.outputs.pages.keys where !build.keeps(path) && written[path] == nil {
            removed.append(path)
        }
        for path in removed { outputs[path] = nil }
        written.forEach { path, hash in outputs[path] = hash }
        try sink.remove(removed)
        let manifest = BuildManifest(fingerprint: fingerprint, folder: source.folder, warnings: Self.storedWarnings(checked, source), ledgers: build.entries, outputs: outputs, fragments: summary.fragments,
                                     stamps: stamps, exportStamps: Self.exportStamps(in: output, wrote: sink.replacedPieceFiles,
                                                                                     verified: await reusable.value.stamps))
        let journal = try await manifest.save(for: output, after: previous)
        memory?.keep(manifest, journal: journal, for: output)
        leave(manifest)
        leave(build)
        leave(sink)
        StageTimer.report("remove old files, write manifest", ContinuousClock.now - finishing)
        // What reached the disk, for "N files written": pages rendered again to the bytes their
        // files hold are not written (a cost edit renders some 80 pages and writes about 14).
        summary.pages = sink.rewritten
        summary.removed = removed.count
        return .built(checked, analysis, summary)
    }

    /// The exports of the site on disk with where their pieces are, when they are still the
    /// bytes the manifest recorded: the same stamp as when the last build wrote them, or else the
    /// same hash (a file changed by hand, say saved from a spreadsheet, is simply written anew);
    /// with the stamps of the files taken.
    static func reusableFiles(in output: String, _ previous: BuildManifest) -> (source: FragmentSource?, stamps: [String: FileStamp]) {
        var files: [String: StoredBytes] = [:], stamps: [String: FileStamp] = [:]
        for path in Fragments.files {
            guard previous.fragments.files[path] != nil, let hash = previous.outputs[path],
                  let (file, stamp) = FileBytes.map(output + "/" + path) else { continue }
            if stamp == previous.exportStamps[path] || file.withBytes({ Digest64.hash($0) }) == hash {
                files[path] = file
                stamps[path] = stamp
            }
        }
        return (files.isEmpty ? nil : FragmentSource(previous: previous.fragments, bytes: files), stamps)
    }

    /// Whether the exports and the lists with pieces (`Fragments.files`) are still as the last build
    /// left them, by their stamps. People open these elsewhere (the CSV in Excel, which may save it
    /// back): with nothing changed in the inventory a build reads nothing else, and would leave an
    /// edited export published. One that changed makes the build a rebuild, which writes it anew.
    /// (Other pages edited by hand are restored when they are rendered again, or by
    /// `--no-incremental`: stamping 70,000 pages would be most of a build that finds nothing to do.)
    /// - Parameter now: `currentStamps(in:)`.
    static func filesWithPiecesAsWritten(_ now: [String: FileStamp], _ previous: BuildManifest) -> Bool {
        Fragments.files.allSatisfy { path in
            // Not written by the last build (`--only systems` writes no export).
            guard previous.outputs[path] != nil else { return true }
            guard let recorded = previous.exportStamps[path] else { return false }
            return now[path] == recorded
        }
    }

    /// The stamps of the files with pieces in `output` as they are (a missing file has none), taken
    /// once for the two questions a build asks of them before it starts.
    static func currentStamps(in output: String) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for path in Fragments.files + witnesses { stamps[path] = FileStamp(path: output + "/" + path) }
        return stamps
    }

    /// A file every build writes (a site of the system pages alone too) and nobody edits, whose
    /// stamp is kept with the exports' for `siteReplaced` alone: with a single file with pieces
    /// (`--only systems` has only the systems list) one hand edit of it looked like a site put
    /// back from a backup, and the whole site was written again.
    static let witnesses = ["sitemap.xml"]

    /// Whether the site on disk is most likely not the one the manifest describes: every file with
    /// pieces the last build stamped has another stamp now (or is gone). That is what a folder
    /// restored from a backup, or copied back over, looks like; a rebuild would trust its other
    /// pages and leave an older site mixed with the new exports, so the build is a full one.
    /// (One export edited by hand, say the CSV saved from Excel, changes one stamp: a rebuild.)
    /// - Parameter now: `currentStamps(in:)`.
    static func siteReplaced(_ now: [String: FileStamp], _ previous: BuildManifest) -> Bool {
        !previous.exportStamps.isEmpty && previous.exportStamps.allSatisfy { now[$0.key] != $0.value }
    }

    /// The stamps of the files with pieces in `output` that the next rebuild may trust without
    /// reading them: those this build wrote (a full build writes them all), and those it found to
    /// be what the manifest recorded (`verified`) and that have not changed since. A file edited by
    /// hand whose new bytes come out the same as the last build's is left as it is, and so is never
    /// stamped.
    static func exportStamps(in output: String, wrote: Set<String> = Set(Fragments.files),
                             verified: [String: FileStamp] = [:]) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for path in Fragments.files {
            guard let now = FileStamp(path: output + "/" + path) else { continue }
            if wrote.contains(path) || verified[path] == now { stamps[path] = now }
        }
        // As they are now: whatever changed them, the site on disk is the one this build leaves.
        for path in witnesses { stamps[path] = FileStamp(path: output + "/" + path) }
        return stamps
    }
}
