import Testing
@testable import DaichoCore
@testable import DaichoRender

/// The page keys sum what each system contributes; a rebuild takes a system's contribution from
/// the last build only while its ledger is the one it was made from.
struct PageKeyContributionTests {
    func context(_ checked: CheckedInventory, _ ledgers: [Ledger], keys: [String: String], previous: Fragments? = nil) -> SiteContext {
        let analysis = Analyzer(policy: checked.project.policy).analyze(ledgers, organization: checked.project.organization, excluded: [])
        return SiteContext(project: checked.project, ledgers: ledgers, analysis: analysis, options: SiteOptions(), ledgerKeys: keys,
                           reuse: previous.map { FragmentSource(previous: $0, bytes: [:]) })
    }

    @Test func contributionsAreTakenFromTheLastBuildOnlyForTheSameLedger() async throws {
        let checked = await checkedSynthetic(count: 40, seed: 5)
        let ledgers = checked.validLedgers
        let keys = Dictionary(uniqueKeysWithValues: ledgers.map { ($0.id, "k-" + $0.id) })
        let fresh = context(checked, ledgers, keys: keys)
        let sums = fresh.contributionSums()
        let recorded = fresh.fragmentRecorder.fragments.contributions
        #expect(recorded.count == ledgers.count)
        // The sums are the recorded contributions added up, whatever their order.
        #expect(sums.names == recorded.values.reduce(0) { $0 &+ $1.names })
        #expect(sums.search == recorded.values.reduce(0) { $0 &+ $1.search })

        // A contribution recorded for the same ledger is taken as it is (a made-up one shows it),
        // one recorded for another version of the ledger is made again.
        let first = try #require(ledgers.first?.id)
        var previous = recorded
        previous[first]?.names &+= 1
        let taken = context(checked, ledgers, keys: keys, previous: Fragments(contributions: previous)).contributionSums()
        #expect(taken.names == sums.names &+ 1 && taken.search == sums.search)
        previous[first]?.key = "k-older"
        let remade = context(checked, ledgers, keys: keys, previous: Fragments(contributions: previous)).contributionSums()
        #expect(remade.names == sums.names)

        // A rename moves all three sums: the pages listing systems by name, the search documents
        // and the integration map all show it. A cost moves none of them.
        var renamed = ledgers
        renamed[0].basic.name += "（新）"
        let after = context(checked, renamed, keys: keys).contributionSums()
        #expect(after.names != sums.names && after.search != sums.search && after.links != sums.links)
        var costed = ledgers
        var costs0 = try #require(costed[0].costs)
        costs0.maintenance = (costs0.maintenance ?? 0) + 1
        costed[0].costs = costs0
        let costs = context(checked, costed, keys: keys).contributionSums()
        #expect(costs.names == sums.names && costs.search == sums.search && costs.links == sums.links)
    }
}
