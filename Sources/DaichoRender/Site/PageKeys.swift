import DaichoCore
import Foundation

/// What some costly pages are made from, hashed. A rebuild whose key for a page equals the one
/// recorded last time keeps the page as it is: a cost edit does not touch the search index, the
/// integration map or the gap, renewal, terminal, disaster and consolidation pages, which together
/// were over a third of a one-ledger rebuild at 10,000 systems.
///
/// A key covers every ledger field the page reads; everything else a page depends on (templates,
/// labels, profile, policy, Daicho itself) is in the build fingerprint, which forces a full build.
extension SiteContext {
    /// The keys of the pages keyed on their inputs, given the systems' contributions summed
    /// (`contributionSums`).
    func pageInputKeys(_ sums: ContributionSums) -> [String: @Sendable () -> String] {
        [
            "assets/search-index.js": { self.searchIndexKey(sums) }, "analysis/integrations.html": { Self.sumKey(sums.links) },
            "analysis/gaps.html": { self.gapsKey(sums) }, "analysis/renewals.html": { self.renewalsKey(sums) },
            "analysis/terminals.html": { self.terminalsKey(sums) }, "analysis/disaster.html": { self.disasterKey(sums) },
            "analysis/consolidation.html": { self.consolidationKey(sums) },
            // The guideline (its page and its Markdown) shows the figures of `guidelineFacts`
            // alone, the checklist its items: a cost edit seldom moves either.
            SiteSection.guidelines.path: { Self.describedKey(self.guidelineFacts) },
            "guidelines/checklist.html": { Self.describedKey(self.kpiChecklist.items) },
        ]
    }

    /// Every system's contribution (`Fragments.Contribution`) summed, one sum per kind. A sum does
    /// not depend on the systems' order, which the pages take from the ids the contributions cover.
    struct ContributionSums: Sendable {
        var names: UInt64 = 0
        var search: UInt64 = 0
        var links: UInt64 = 0

        mutating func add(_ contribution: Fragments.Contribution) {
            add(ContributionSums(names: contribution.names, search: contribution.search, links: contribution.links))
        }

        mutating func add(_ other: ContributionSums) {
            names &+= other.names
            search &+= other.search
            links &+= other.links
        }
    }

    /// Sums every system's contribution, taking a system's from the last build when its ledger is
    /// the one they were made from, and records them all for the next build. On all cores in
    /// slices: a full build makes every one.
    func contributionSums() -> ContributionSums {
        let ledgers = self.ledgers, previous = reuse?.previous.contributions ?? [:]
        let slices = max(1, min(ledgers.count / 512, 4 * ProcessInfo.processInfo.activeProcessorCount))
        let parts = Concurrently.map(slices) { slice -> (sums: ContributionSums, made: [(String, Fragments.Contribution)]) in
            var sums = ContributionSums()
            var made: [(String, Fragments.Contribution)] = []
            for ledger in ledgers[(ledgers.count * slice / slices)..<(ledgers.count * (slice + 1) / slices)] {
                let key = ledgerKeys[ledger.id] ?? ""
                let contribution = previous[ledger.id].flatMap { !key.isEmpty && $0.key == key ? $0 : nil }
                    ?? self.contribution(of: ledger, key: key)
                sums.add(contribution)
                if !key.isEmpty { made.append((ledger.id, contribution)) }
            }
            return (sums, made)
        }
        var sums = ContributionSums()
        var recorded: [String: Fragments.Contribution] = [:]
        recorded.reserveCapacity(ledgers.count)
        for part in parts {
            sums.add(part.sums)
            for (id, contribution) in part.made { recorded[id] = contribution }
        }
        fragmentRecorder.record(contributions: recorded)
        return sums
    }

    /// What one system gives the keys: its name and category (the lists of systems by name), its
    /// search document (path, name, department, vendors, business, id), and every link of it
    /// (partner, direction, method, data) with its name and category (the integration map).
    func contribution(of ledger: Ledger, key: String) -> Fragments.Contribution {
        let category = ledger.category?.order ?? -1
        var names = PageKey()
        names.add(ledger.id, ledger.name)
        names.add(category)
        var search = PageKey()
        search.add(ledger.id, ledger.name, ledger.department, ledger.developer ?? "\u{0}", ledger.maintainer ?? "\u{0}")
        search.add(ledger.business.count)
        for business in ledger.business { search.add(business) }
        var links = PageKey()
        links.add(ledger.id, ledger.name)
        links.add(category)
        links.add(ledger.integrations.count)
        for link in ledger.integrations {
            switch link.target {
            case .system(let id): links.add("system", id)
            case .external(let name): links.add("external", name)
            }
            links.add(link.direction.token, link.method?.token ?? "\u{0}", link.data ?? "\u{0}")
        }
        return Fragments.Contribution(key: key, names: names.number, search: search.number, links: links.number)
    }

    static func sumKey(_ sum: UInt64) -> String {
        var key = PageKey()
        key.add(sum)
        return key.value
    }

    /// A value's full description (every stored field, nested ones too) as a key: for page
    /// models of a few dozen fields, where a field added later must not be forgotten.
    static func describedKey(_ value: Any) -> String {
        var key = PageKey()
        key.add(String(reflecting: value))
        return key.value
    }

    // The pages below list systems by id, in an order the analysis decides; their names and
    // categories are covered by the names' sum, so a rename makes them all again.

    /// The systems of each gap (the codes this profile hides are in the fingerprint).
    func gapsKey(_ sums: ContributionSums) -> String {
        var key = PageKey()
        key.add(sums.names)
        for code in GapAnalysis.Code.allCases {
            let ids = analysis.gaps.byCode[code] ?? []
            key.add(code.rawValue)
            key.add(ids.count)
            for id in ids { key.add(id) }
        }
        return key.value
    }

    /// Each fiscal year's systems.
    func renewalsKey(_ sums: ContributionSums) -> String {
        var key = PageKey()
        key.add(sums.names)
        for year in analysis.renewals.keys.sorted() {
            let ids = analysis.renewals[year] ?? []
            key.add(year)
            key.add(ids.count)
            for id in ids { key.add(id) }
        }
        return key.value
    }

    /// The terminal groups (name, count, systems) and the spares.
    func terminalsKey(_ sums: ContributionSums) -> String {
        var key = PageKey()
        key.add(sums.names)
        let terminals = analysis.terminals
        key.add(terminals.sparesDedicated)
        key.add(terminals.sparesCommon)
        key.add(terminals.spareRate.decimalString(places: 6))
        for group in terminals.groups {
            key.add(group.group)
            key.add(group.count)
            key.add(group.systems.count)
            for id in group.systems { key.add(id) }
        }
        return key.value
    }

    /// Every figure of the plan, and each host's systems with their shares (the only ledger
    /// facts the page shows: a cost edit leaves it as it is).
    func consolidationKey(_ sums: ContributionSums) -> String {
        var key = PageKey()
        key.add(sums.names)
        let plan = analysis.consolidation
        let analyzer = Analyzer(policy: project.policy)
        let capacity = analyzer.hostCapacityForDisplay
        // The hosted systems looked up in the plan's order (filtering every ledger for them made
        // this key 0.8 % of a one-ledger rebuild's CPU; 0.45 % now).
        for demand in analyzer.demandsForDisplay(plan.hosts.joined().compactMap { byID[$0] }) {
            let share = demand.share(of: capacity)
            key.add(demand.id, "\(share.numerator)/\(share.denominator)")
        }
        for figure in [plan.candidates.count, plan.hostsUsed, plan.lowerBound, plan.spareHosts, plan.hostsTotal,
                       plan.physicalBefore, plan.physicalAfter] {
            key.add(figure)
        }
        for list in plan.hosts + [plan.assumed, plan.unplaceable] {
            key.add(list.count)
            for id in list { key.add(id) }
        }
        return key.value
    }

    /// Every row of the disaster table: task, kind, target and system.
    func disasterKey(_ sums: ContributionSums) -> String {
        var key = PageKey()
        key.add(sums.names)
        for row in analysis.disasterTable {
            key.add(row.task, row.kind?.token ?? "\u{0}", row.target?.token ?? "\u{0}", row.system)
        }
        return key.value
    }

    /// The search documents, and what this profile hides of them.
    func searchIndexKey(_ sums: ContributionSums) -> String {
        var key = PageKey()
        key.add(visibility.hides("vendor.developer") ? "hide-vendors" : "vendors")
        key.add(visibility.hides("vendor.maintainer") ? "hide-maintainers" : "maintainers")
        key.add(visibility.hides("basic.business") ? "hide-business" : "business")
        key.add(sums.search)
        return key.value
    }
}

/// Strings and numbers fed to a `Digest64`, each with its length, so no two sequences of fields
/// run together into the same bytes.
struct PageKey {
    private var digest = Digest64()

    mutating func add(_ texts: String...) {
        for text in texts {
            add(text.utf8.count)
            var text = text
            text.withUTF8 { digest.combine(UnsafeRawBufferPointer($0)) }
        }
    }

    mutating func add(_ number: Int) {
        withUnsafeBytes(of: Int64(number).littleEndian) { digest.combine($0) }
    }

    mutating func add(_ number: UInt64) {
        withUnsafeBytes(of: number.littleEndian) { digest.combine($0) }
    }

    var number: UInt64 { digest.value }
    var value: String { Digest64.text(digest.value) }
}
