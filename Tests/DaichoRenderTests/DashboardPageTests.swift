import Testing
@testable import DaichoCore
@testable import DaichoRender

struct DashboardPageTests {
    /// The dashboard names at most 30 systems for each upcoming year of renewals and links the
    /// rest to the renewals page: a national inventory renews thousands of systems a year.
    @Test func upcomingRenewalsNameThirtySystemsAndLinkTheRest() async throws {
        let checked = await checkedSynthetic(count: 120, seed: 11)
        let ledgers = checked.validLedgers
        var analysis = Analyzer(policy: checked.project.policy).analyze(ledgers, organization: checked.project.organization)
        let year = checked.project.organization.fiscalYear ?? 2026
        let ids = ledgers.map(\.id).sorted()
        try #require(ids.count >= 75)
        analysis.renewals = [year: Array(ids.prefix(45)), year + 1: Array(ids.dropFirst(45).prefix(30))]
        let context = SiteContext(project: checked.project, ledgers: ledgers, analysis: analysis, options: SiteOptions())
        let renewals = context.dashboardPage().renewals
        try #require(renewals.count == 2)
        // 45 systems: the first 30 named, "ほか15件" (45 − 30) linking to the renewals page.
        #expect(renewals[0].systems.map(\.label) == ids.prefix(30).map { context.byID.name($0) ?? $0 })
        #expect(renewals[0].hasMore && renewals[0].more == "ほか15件" && renewals[0].moreHref == "analysis/renewals.html")
        // Exactly 30: every one named, no link.
        #expect(renewals[1].systems.count == 30 && !renewals[1].hasMore && renewals[1].more.isEmpty)
    }

    /// Renewals due in years before the organisation's fiscal year come first, as one row of
    /// overdue systems from every such year.
    @Test func overdueRenewalsComeFirst() async throws {
        let checked = await checkedSynthetic(count: 20, seed: 3)
        let ledgers = checked.validLedgers
        var analysis = Analyzer(policy: checked.project.policy).analyze(ledgers, organization: checked.project.organization)
        let year = try #require(checked.project.organization.fiscalYear)
        let ids = ledgers.map(\.id).sorted()
        analysis.renewals = [year - 3: [ids[4]], year - 1: [ids[1], ids[2]], year: [ids[3]]]
        let renewals = SiteContext(project: checked.project, ledgers: ledgers, analysis: analysis, options: SiteOptions())
            .dashboardPage().renewals
        #expect(renewals.map(\.year) == ["更新時期を過ぎたもの（\(year - 1)年度以前）", "\(year)年度"])
        #expect(renewals.first?.systems.count == 3)
    }
}
