import DaichoCore
import DaichoRender
import Foundation

/// Incremental rebuilds: on disk against the manifest beside the site, and in memory for `serve`.
extension SiteBuilder {
    /// Re-renders the pages of the systems a change touches, and every list and aggregate.
    func rebuild(_ source: ProjectSource, loaded: TemplateLoader.Loaded, fingerprint: String, hashes: [String: String],
                         previous: BuildManifest, output: String, progress: (@Sendable (Stage) -> Void)?) async throws -> Outcome {
        let pipeline = ProjectPipeline(workers: workers)
        let checked = await Checker(workers: workers).check(source)
        progress?(.checked(files: checked.files.count))
        if checked.diagnostics.hasErrors && (!force || checked.projectHasErrors) { return .stopped(checked) }
        let valid = checked.validLedgers
        let analysis = pipeline.analyze(checked, valid: valid)
        let entries = Self.entries(checked, hashes: hashes)
        let affected = IncrementalPlan.affected(old: previous.ledgers, new: entries)
        let validIDs = Set(valid.map(\.id))
        let sink = InPlaceSink(root: output, previous: previous.outputs)
        let renderer = renderer(loaded, project: checked.project)
        let summary = try await renderer.render(project: checked.project, ledgers: valid, analysis: analysis,
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
        let valid = checked.validLedgers
        let analysis = ProjectPipeline(workers: workers).analyze(checked, valid: valid)
        let entries = Self.entries(checked, hashes: hashes)
        let affected = IncrementalPlan.affected(old: previous.ledgers, new: entries)
        let validIDs = Set(valid.map(\.id))
        let summary = try await renderer(loaded, project: checked.project).render(
            project: checked.project, ledgers: valid, analysis: analysis, into: site,
            systems: affected.intersection(validIDs))
        var pages = await site.pages
        for (path, bytes) in previous.pages where pages[path] == nil {
            if let id = Self.systemID(of: path), validIDs.contains(id), !affected.contains(id) { pages[path] = bytes }
        }
        return (.built(checked, analysis, summary), MemoryState(fingerprint: fingerprint, ledgers: entries, pages: pages))
    }
}
