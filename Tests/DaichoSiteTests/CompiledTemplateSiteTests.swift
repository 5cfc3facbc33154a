import DaichoCore
import Foundation
import Testing
@testable import DaichoRender
@testable import DaichoSite

/// The compiled renderer must write every page exactly as swift-mustache does.
struct CompiledTemplateSiteTests {
    /// Every page of the sample, the hostile fixture and a synthetic inventory (all 18 groups,
    /// warnings, integrations), in both profiles and both languages, with live reload and a draft
    /// date: the same bytes from both renderers.
    @Test func everyPageMatchesSwiftMustache() async throws {
        let synthetic = try syntheticProject(count: 80, seed: 11)
        // The hostile ledgers with a valid project file (its own stops every build).
        let hostile = try copyFixture("hostile")
        defer { try? FileManager.default.removeItem(atPath: hostile) }
        try "organization: {name: \"<b>はざま町</b>\", code: \"142085\", population: 8000, fiscal_year: 2026}\n"
            .write(toFile: hostile + "/daicho.yaml", atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(atPath: synthetic)
            try? FileManager.default.removeItem(atPath: hostile)
        }
        let variants: [SiteOptions] = [
            SiteOptions(), SiteOptions(profile: .public), SiteOptions(language: .en, timestamp: "2026-11-22"),
            SiteOptions(liveReloadURL: "/__daicho/version", draftDate: "令和8年11月22日"),
        ]
        var compared = 0
        for (project, force) in [(Paths.root.path, false), (hostile, true), (synthetic, false)] {
            for options in variants {
                let loaded = try TemplateLoader().load(project: project, override: Paths.templates)
                #expect(loaded.templates.isCompiled)
                var reference = loaded
                reference.templates.usesReferenceRenderer = true
                let builder = SiteBuilder(options: options, force: force)
                let fast = MemorySite(), slow = MemorySite()
                _ = try await builder.build(try ProjectLoader().load(project), loaded: loaded, into: fast, progress: nil)
                _ = try await builder.build(try ProjectLoader().load(project), loaded: reference, into: slow, progress: nil)
                let (a, b) = (await fast.pages, await slow.pages)
                #expect(a.count > 20 && Set(a.keys) == Set(b.keys))
                let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
                #expect(differing.isEmpty, "\(project) \(options.profile) \(options.language): \(differing.prefix(5))")
                compared += a.count
            }
        }
        #expect(compared > 1_000)
    }

    /// The one-at-a-time schedule of national scale writes the same site as the parallel one.
    @Test func heavyPagesOneAtATimeWriteTheSameSite() async throws {
        var serial = SiteOptions()
        serial.oneAtATimeAbove = 0
        let parallel = try await buildSite(Paths.root.path)
        let oneAtATime = try await buildSite(Paths.root.path, options: serial)
        #expect(parallel.count > 50 && parallel == oneAtATime)
    }

    /// When writing fails on one lane, the build stops with the error, and the other lanes
    /// stop taking work instead of rendering the rest of the inventory for nothing: system pages,
    /// and the department pages among the other pages.
    @Test(arguments: ["/rfi.md", "departments/d-"])
    func aFailedWriteStopsEveryLane(failingOn marker: String) async throws {
        let project = try syntheticProject(count: 120, seed: 3)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let sink = FailingSink(marker: marker, failAt: 3)
        await #expect(throws: FailingSink.Failed.self) {
            _ = try await SiteBuilder(options: SiteOptions(batchSize: 1), templatesOverride: Paths.templates, workers: 2)
                .build(project: project, into: sink)
        }
        // Two lanes, one system (or page) each at a time: the failing write and at most a few
        // more, not the 117 systems (or the dozens of departments) left.
        #expect(sink.writes >= 3 && sink.writes <= 8, "\(sink.writes)")
    }

    /// Fails the `failAt`-th write of pages whose path contains `marker`, and counts them.
    private final class FailingSink: PageSink, @unchecked Sendable {
        struct Failed: Error {}
        private let lock = NSLock()
        private var count = 0
        let marker: String
        let failAt: Int

        init(marker: String, failAt: Int) {
            self.marker = marker
            self.failAt = failAt
        }

        var writes: Int { lock.withLock { count } }

        func write(_ pages: [RenderedPage]) async throws {
            guard pages.contains(where: { $0.path.contains(marker) }) else { return }
            let written = lock.withLock {
                count += 1
                return count
            }
            if written == failAt { throw Failed() }
        }
    }

    private func syntheticProject(count: Int, seed: UInt64) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-compiled-\(UUID().uuidString)").path
        let inventory = SyntheticInventory(count: count, seed: seed)
        try FileManager.default.createDirectory(atPath: folder + "/inventory", withIntermediateDirectories: true)
        try inventory.projectFile.write(toFile: folder + "/daicho.yaml", atomically: true, encoding: .utf8)
        for index in 0..<count {
            let ledger = inventory.ledger(index)
            try ledger.text.write(toFile: folder + "/inventory/" + ledger.name, atomically: true, encoding: .utf8)
        }
        return folder
    }
}
