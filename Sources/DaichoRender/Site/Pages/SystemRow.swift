import DaichoCore

/// One row of a systems table (list, department and vendor pages).
struct SystemRow: Sendable {
    var id: String
    var name: String
    var href: String
    var department: String
    var departmentHref: String
    var category: String
    var categoryToken: String
    var form: String
    var development: String
    var renewal: String
    var annual: String
    var annualValue: Int
    var ratio: String
    var ratioValue: String
    var flag: String
    var flagLabel: String
    var hasFlag: Bool
    var completeness: String
    var completenessValue: String
    /// Extra column for vendor pages: 開発 / 保守.
    var role: String
}

extension SystemRow: ReusableRow {
    var reuseID: String { id }

    /// A row the renderer copies from the previous page instead of rendering: only its id is set.
    static func placeholder(_ id: String) -> SystemRow {
        SystemRow(id: id, name: "", href: "", department: "", departmentHref: "", category: "", categoryToken: "", form: "",
                  development: "", renewal: "", annual: "", annualValue: 0, ratio: "", ratioValue: "", flag: "",
                  flagLabel: "", hasFlag: false, completeness: "", completenessValue: "", role: "")
    }
}

extension SiteContext {
    /// What each row of the systems list is made from: its ledger's bytes (the analysis of one
    /// system reads nothing else; policy, profile and templates are in the build fingerprint)
    /// and its department's page address, which moves when departments come or go.
    func systemRowKeys() -> [String: String] {
        var keys: [String: String] = [:]
        keys.reserveCapacity(ledgers.count)
        // By department, so that each department's name (Japanese text, slow to hash) is looked
        // up once, not once for each of its systems.
        for (department, ids) in departmentSystems {
            let slug = departmentSlugs[department] ?? ""
            for id in ids {
                guard let key = ledgerKeys[id] else { continue }
                // Both hashed into one short text (see `Digest64.text`), not joined into a longer one.
                var rowKey = PageKey()
                rowKey.add(key, slug)
                keys[id] = rowKey.value
            }
        }
        return keys
    }

    func systemRow(_ ledger: Ledger, root: String, role: String = "") -> SystemRow {
        let maintenance = maintenanceByID[ledger.id]
        let costs = ledger.costs
        let annual = costs?.annualTotal
        let hideCosts = visibility.hidesCosts
        let completeness = visibility.shown(ledger.completeness).ratio
        return SystemRow(
            id: ledger.id, name: ledger.name, href: root + systemPath(ledger.id),
            department: ledger.department, departmentHref: root + departmentPath(ledger.department),
            category: visibility.hides("basic.category") ? "—" : ledger.category?.label.text(language) ?? "—",
            categoryToken: visibility.hides("basic.category") ? "" : ledger.category?.token ?? "",
            form: visibility.hides("usage.form") ? "—" : ledger.usage?.form?.label.text(language) ?? "—",
            development: visibility.hides("basic.development") ? "—" : ledger.basic.development?.label.text(language) ?? "—",
            renewal: visibility.hides("basic.renewal") ? "—" : ledger.basic.renewal?.description ?? "—",
            annual: hideCosts ? "—" : annual.map { YenFormat.yen($0, language) } ?? "—",
            annualValue: hideCosts ? -1 : annual ?? -1,
            ratio: hideCosts ? "—" : maintenance?.ratio.map { $0.percentString + "%" } ?? "—",
            ratioValue: hideCosts ? "-1" : maintenance?.ratio.map { $0.decimalString(places: 4) } ?? "-1",
            flag: hideCosts ? "" : maintenance?.flag.rawValue ?? "unknown",
            flagLabel: hideCosts ? "" : maintenance?.flag.label.text(language) ?? "",
            hasFlag: !hideCosts && maintenance != nil,
            completeness: completeness.percentString + "%",
            completenessValue: completeness.decimalString(places: 4),
            role: role)
    }
}
