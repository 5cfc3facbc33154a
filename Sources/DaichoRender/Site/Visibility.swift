import DaichoCore

/// Which fields a build shows: everything (internal profile) or the public profile of ledger-v1.
public struct Visibility: Sendable {
    public enum Profile: String, Sendable, CaseIterable {
        case `internal`, `public`
    }

    /// Field paths left out by the public profile, before `policy.public_hide`: ledger-v1's list,
    /// the two facts its withheld per-system gaps are read from that the list leaves in
    /// (`hardware.seismic` is not_anchored, `operation.emergency_manual` no_emergency_manual), and
    /// the software's OS list, which names the servers' OS the list withholds: shown, each gave
    /// the withheld away (docs/decisions.md).
    public static let publicHidden = [
        "vendor.contact", "network", "antivirus", "security", "operation.backup", "hardware.servers.os",
        "bcp_operator", "bcp_others", "hardware.seismic", "operation.emergency_manual", "software.os",
    ]

    public var profile: Profile
    /// Dotted paths without list indexes (`hardware.servers.os`).
    private var hidden: Set<String>

    public init(profile: Profile, policy: Policy) {
        self.profile = profile
        if profile == .public {
            // `servers[*].os`, `servers[].os` and `servers[0].os` all hide the key in every item:
            // hiding more than an index asked for is the safe reading.
            var paths = Set((Self.publicHidden + policy.publicHide).map(LedgerSchema.plainPath))
            // Any hidden amount hides all of a system's money, the whole of `costs`: a total or a
            // ratio would give it away. Hiding the breakdown (`costs.lines`) leaves the amounts.
            if paths.contains(where: { $0 == "costs.unit" || $0.hasPrefix("costs.initial") || $0.hasPrefix("costs.annual") }) {
                paths.insert("costs")
            }
            hidden = paths
        } else {
            hidden = []
        }
        let hidden = self.hidden
        completenessLeftOut = hidden.isEmpty ? [] : Set(LedgerSchema.completenessFields.filter { Self.hides($0, in: hidden) })
    }

    /// The completeness fields this profile hides: completeness is worked out without them, or
    /// its percentage would tell whether they were filled in.
    public let completenessLeftOut: Set<String>

    /// A ledger's completeness as this profile publishes it.
    public func shown(_ completeness: Completeness) -> Completeness { completeness.leavingOut(completenessLeftOut) }

    /// The analysis as this profile publishes it: completeness without the hidden fields, and the
    /// disaster table of every listing, ordered by its shown keys only. Per-system lists of hidden fields are left
    /// out where they are written (the pages, `Analysis.jsonWriters(hides:)`).
    public func shown(_ analysis: Analysis, ledgers: [Ledger], policy: Policy) -> Analysis {
        guard !hidden.isEmpty else { return analysis }
        var shown = analysis
        if !completenessLeftOut.isEmpty {
            shown.completeness = Analyzer(policy: policy).completeness(ledgers, leavingOut: completenessLeftOut)
        }
        let keys = hiddenKeys(of: "usage.disaster_tasks")
        // (A hidden table is withheld whole where it is shown.)
        if !keys.isEmpty && !keys.contains("*") {
            // Every listing, not the table with a task's repeats merged: which rows merge, and which
            // target a merged row keeps, follow the task names and kinds this profile hides.
            shown.disasterTable = DisasterRow.ordered(ledgers.flatMap(Analyzer.disasterListings), by: Set(["kind", "target", "task"]).subtracting(keys))
        }
        return shown
    }

    /// True when the path or one of its ancestors is hidden.
    public func hides(_ path: String) -> Bool { Self.hides(path, in: hidden) }

    private static func hides(_ path: String, in hidden: Set<String>) -> Bool {
        guard !hidden.isEmpty else { return false }
        var current = Substring(path)
        while true {
            if hidden.contains(String(current)) { return true }
            guard let dot = current.lastIndex(of: ".") else { return false }
            current = current[..<dot]
        }
    }

    /// Whether per-system money is left out (`costs` hidden, or one of its amounts: see `init`).
    public var hidesCosts: Bool { hides("costs") }

    /// Whether any of `paths` (or an ancestor) is hidden.
    public func hidesAny(_ paths: [String]) -> Bool {
        !hidden.isEmpty && paths.contains(where: hides)
    }

    /// The ledger fields each gap is worked out from: a gap is withheld with them.
    static let gapSources: [GapAnalysis.Code: [String]] = [
        .noSLA: ["vendor.contract.sla"], .noAnnualReport: ["management.annual_report"],
        .noDesignDocs: ["management.design_docs"], .staffSEWork: ["management.staff_se_work"],
        .noCostBreakdown: ["costs.lines"], .customized: ["software.customization"],
        .noStandardLayout: ["software.standard_layout"],
    ]


    /// The keys of the items of the list at `path` that are hidden (`hardware.servers[*].role`
    /// hides `role` of `hardware.servers`), all of them written as `*` when the list itself is.
    public func hiddenKeys(of path: String) -> Set<String> {
        guard !hidden.isEmpty else { return [] }
        if hides(path) { return ["*"] }
        let prefix = path + "."
        return Set(hidden.compactMap { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : nil })
    }

    /// `columns` of a table of the list at `path`, each with its item key, without the hidden
    /// ones; nil when the list is hidden.
    public func visibleColumns<Column>(of path: String, _ columns: [(key: String, column: Column)]) -> [Column]? {
        let keys = hiddenKeys(of: path)
        if keys.contains("*") { return nil }
        return columns.filter { !keys.contains($0.key) }.map(\.column)
    }

    /// Per-system security and BCP gaps are internal only, and a gap worked out from a field
    /// `public_hide` hides is withheld with it.
    public func shows(_ gap: GapAnalysis.Code) -> Bool {
        profile == .internal || !gap.isSecurityOrBCP && !hidesAny(Self.gapSources[gap] ?? [])
    }

    /// What a page listing the gaps says of those it withholds (nil when it shows them all): a
    /// reader of the public edition should not take the list for every gap there is.
    public var withheldGapsNote: LocalizedText? {
        let withheld = GapAnalysis.Code.allCases.filter { !shows($0) }
        guard !withheld.isEmpty else { return nil }
        return withheld.allSatisfy(\.isSecurityOrBCP)
            ? LocalizedText(ja: "公開版では、セキュリティ・BCPに関する課題を掲載していません。",
                            en: "Security and BCP gaps are not published in this edition.")
            : LocalizedText(ja: "公開版では、セキュリティ・BCPに関する課題と、公開しない項目から判定する課題を掲載していません。",
                            en: "Security and BCP gaps, and gaps read from fields this edition withholds, are not published.")
    }
}
