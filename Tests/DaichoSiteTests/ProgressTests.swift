import DaichoRender
@testable import DaichoSite
import Synchronization
import Testing

/// The progress line counts to what the build writes.
struct ProgressTests {
    @Test func theProgressTotalIsWhatIsWritten() async throws {
        let counts = Mutex<[(done: Int, total: Int)]>([])
        let site = MemorySite()
        let outcome = try await SiteBuilder(options: SiteOptions(), templatesOverride: Paths.templates)
            .build(project: Paths.fixture("small"), into: site) { stage in
                if case .rendering(let done, let total) = stage { counts.withLock { $0.append((done, total)) } }
            }
        guard case .built(_, _, let summary) = outcome else { Issue.record("build stopped"); return }
        let seen = counts.withLock { $0 }
        let last = try #require(seen.last)
        // The fixed pages' number was a guess (30 besides departments and vendors): the total is
        // exact from their end on, and the count ends there.
        #expect(last.done == last.total && last.total == summary.pages, "\(seen)")
        #expect(seen.allSatisfy { $0.total == summary.pages }, "\(seen)")
        #expect(await site.pages.count == summary.pages)
    }
}
