import DaichoCore

/// What some costly pages are made from, hashed. A rebuild whose key for a page equals the one
/// recorded last time keeps the page as it is: a cost edit does not touch the search index, the
/// integration map or the gap, renewal, terminal, disaster and consolidation pages, which together
/// were over a third of a one-ledger rebuild at 10,000 systems.
///
/// A key covers every ledger field the page reads; everything else a page depends on (templates,
/// labels, profile, policy, Daicho itself) is in the build fingerprint, which forces a full build.
extension SiteContext {
    var pageInputKeys: [String: @Sendable () -> String] {
        [
            "assets/search-index.js": { self.searchIndexKey() }, "analysis/integrations.html": { self.integrationsKey() },
            "analysis/gaps.html": { self.gapsKey() }, "analysis/renewals.html": { self.renewalsKey() },
            "analysis/terminals.html": { self.terminalsKey() }, "analysis/disaster.html": { self.disasterKey() },
            "analysis/consolidation.html": { self.consolidationKey() },
            // The guideline (its page and its Markdown) shows the figures of `guidelineFacts`
            // alone, the checklist its items: a cost edit seldom moves either.
            SiteSection.guidelines.path: { Self.describedKey(self.guidelineFacts) },
            "guidelines/checklist.html": { Self.describedKey(self.kpiChecklist.items) },
        ]
    }

    /// A value's full description (every stored field, nested ones too) as a key: for page
    /// models of a few dozen fields, where a field added later must not be forgotten.
    static func describedKey(_ value: Any) -> String {
        var key = PageKey()
        key.add(String(reflecting: value))
        return key.value
    }

    /// The name a page shows for a system (its id when it has none).
    private func name(_ id: String) -> String { byID.name(id) ?? id }

    /// The systems of each gap, by name (the codes this profile hides are in the fingerprint).
    func gapsKey() -> String {
        var key = PageKey()
        for code in GapAnalysis.Code.allCases {
            let ids = analysis.gaps.byCode[code] ?? []
            key.add(code.rawValue)
            key.add(ids.count)
            for id in ids { key.add(id, name(id)) }
        }
        return key.value
    }

    /// Each fiscal year's systems, by name and category.
    func renewalsKey() -> String {
        var key = PageKey()
        for year in analysis.renewals.keys.sorted() {
            let ids = analysis.renewals[year] ?? []
            key.add(year)
            key.add(ids.count)
            for id in ids {
                key.add(id, name(id))
                key.add(byID[id]?.category?.order ?? -1)
            }
        }
        return key.value
    }

    /// The terminal groups (name, count, systems by name) and the spares.
    func terminalsKey() -> String {
        var key = PageKey()
        let terminals = analysis.terminals
        key.add(terminals.sparesDedicated)
        key.add(terminals.sparesCommon)
        key.add(terminals.spareRate.decimalString(places: 6))
        for group in terminals.groups {
            key.add(group.group, name(group.group))
            key.add(group.count)
            key.add(group.systems.count)
            for id in group.systems { key.add(id, name(id)) }
        }
        return key.value
    }

    /// Every figure of the plan, and each host's systems by name with their shares (the only
    /// ledger facts the page shows: a cost edit leaves it as it is).
    func consolidationKey() -> String {
        var key = PageKey()
        let plan = analysis.consolidation
        let analyzer = Analyzer(policy: project.policy)
        let capacity = analyzer.hostCapacityForDisplay
        let hosted = Set(plan.hosts.joined())
        for demand in analyzer.demandsForDisplay(ledgers.filter { hosted.contains($0.id) }) {
            let share = demand.share(of: capacity)
            key.add(demand.id, "\(share.numerator)/\(share.denominator)")
        }
        for figure in [plan.candidates.count, plan.hostsUsed, plan.lowerBound, plan.spareHosts, plan.hostsTotal,
                       plan.physicalBefore, plan.physicalAfter] {
            key.add(figure)
        }
        for list in plan.hosts + [plan.assumed, plan.unplaceable] {
            key.add(list.count)
            for id in list { key.add(id, name(id)) }
        }
        return key.value
    }

    /// Every row of the disaster table: task, kind, target and system by name.
    func disasterKey() -> String {
        var key = PageKey()
        for row in analysis.disasterTable {
            key.add(row.task, row.kind?.token ?? "\u{0}", row.target?.token ?? "\u{0}", row.system, name(row.system))
        }
        return key.value
    }

    /// Each system's search document: path, name, department, vendors, business, id.
    func searchIndexKey() -> String {
        var key = PageKey()
        key.add(visibility.hides("vendor.developer") ? "hide-vendors" : "vendors")
        key.add(visibility.hides("basic.business") ? "hide-business" : "business")
        for ledger in ledgers {
            key.add(ledger.id, ledger.name, ledger.department, ledger.vendor?.developer ?? "\u{0}",
                    ledger.vendor?.maintainer ?? "\u{0}")
            key.add(ledger.business.count)
            for business in ledger.business { key.add(business) }
        }
        return key.value
    }

    /// Names, categories and every link (partner, direction, method, data) of every system.
    func integrationsKey() -> String {
        var key = PageKey()
        for ledger in ledgers {
            key.add(ledger.id, ledger.name)
            key.add(ledger.category?.order ?? -1)
            key.add(ledger.integrations.count)
            for link in ledger.integrations {
                switch link.target {
                case .system(let id): key.add("system", id)
                case .external(let name): key.add("external", name)
                }
                key.add(link.direction.token, link.method?.token ?? "\u{0}", link.data ?? "\u{0}")
            }
        }
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

    var value: String { Digest64.text(digest.value) }
}
