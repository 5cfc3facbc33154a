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
    }

    public enum Stage: Sendable {
        case checked(files: Int)
        case rendering(done: Int, total: Int)
    }

    /// Builds `project` into any sink; the caller commits or discards.
    public func build(project: String, into sink: PageSink, progress: (@Sendable (Stage) -> Void)? = nil)
        async throws -> Outcome
    {
        let pipeline = ProjectPipeline(workers: workers)
        let clock = ContinuousClock()
        var started = clock.now
        let (_, checked) = try await pipeline.check(project)
        StageTimer.report("load and check", clock.now - started)
        progress?(.checked(files: checked.files.count))
        if checked.diagnostics.hasErrors && (!force || checked.projectHasErrors) { return .stopped(checked) }
        started = clock.now
        let analysis = pipeline.analyze(checked)
        StageTimer.report("analyze", clock.now - started)
        let loaded = try TemplateLoader().load(project: project, override: templatesOverride)
        var options = self.options
        if options.language == .ja, checked.project.site.language == .en { options.language = .en }
        let renderer = SiteRenderer(templates: loaded.templates, assets: loaded.assets, options: options, workers: workers)
        let summary = try await renderer.render(project: checked.project, ledgers: checked.validLedgers, analysis: analysis,
                                                into: sink) { done, total in progress?(.rendering(done: done, total: total)) }
        return .built(checked, analysis, summary)
    }

    /// Builds into a folder on disk, replacing it only when the whole site is written.
    public func build(project: String, output: String, progress: (@Sendable (Stage) -> Void)? = nil) async throws -> Outcome {
        let folder = try OutputFolder(output: output)
        do {
            let outcome = try await build(project: project, into: folder, progress: progress)
            if case .built = outcome { try folder.commit() } else { folder.discard() }
            return outcome
        } catch {
            folder.discard()
            throw error
        }
    }
}
