/// Everything `daicho analyze` computes from an inventory (analysis-v1).
public struct Analysis: Sendable {
    public var organization: Organization
    public var systemCount: Int
    public var distributions: Distributions
    public var maintenance: MaintenanceAnalysis
    public var consolidation: ConsolidationPlan
    public var terminals: TerminalAnalysis
    public var gaps: GapAnalysis
    public var costs: CostAnalysis
    public var renewals: [Int: [String]]
    public var disasterTable: [DisasterRow]
    public var completeness: CompletenessAnalysis
    /// Files left out because they have errors (`--force`).
    public var excluded: [String]
}

/// ①–⑦ of the survey: how answers spread over each enumerated field.
public struct Distributions: Sendable {
    public var usageForm: EnumDistribution
    public var location: EnumDistribution
    public var managementStructure: EnumDistribution
    public var dependency: EnumDistribution
    public var users: UserBuckets
    /// Physical servers per system → number of systems.
    public var servers: [Int: Int]
}

public struct EnumDistribution: Sendable, Equatable {
    public var answered: Int
    public var unanswered: Int
    /// Every token in spec order, zeros included.
    public var counts: [(token: String, count: Int)]

    public func share(of token: String) -> Exact {
        guard answered > 0, let count = counts.first(where: { $0.token == token })?.count else { return .zero }
        return Exact(Int128(count), Int128(answered))
    }

    public static func == (lhs: EnumDistribution, rhs: EnumDistribution) -> Bool {
        lhs.answered == rhs.answered && lhs.unanswered == rhs.unanswered
            && lhs.counts.map(\.token) == rhs.counts.map(\.token) && lhs.counts.map(\.count) == rhs.counts.map(\.count)
    }
}

public struct UserBuckets: Sendable, Equatable {
    public var answered: Int
    public var orgWide: Int
    public var broad: Int
    public var specialized: Int
}

/// Maintenance cost against initial cost, per system (運用保守経費の割合).
public struct MaintenanceAnalysis: Sendable {
    public enum Flag: String, Sendable, CaseIterable {
        case unknown, notApplicable = "not_applicable", none, low, high, ok
    }

    public struct System: Sendable, Equatable {
        public var id: String
        public var initial: Int?
        public var omPeriod: Int?
        public var ratio: Exact?
        public var share: Exact?
        public var flag: Flag
        public var lifecycleCost: Int?
        public var annualEquivalent: Int?
    }

    public var periodYears: Int
    public var referenceRatio: Exact
    public var lowRatio: Exact
    /// Sorted by id.
    public var systems: [System]

    public func ids(flagged flag: Flag) -> [String] { systems.filter { $0.flag == flag }.map(\.id) }
}

/// Server consolidation onto virtualization hosts (サーバ集約).
public struct ConsolidationPlan: Sendable, Equatable {
    public var candidates: [String]
    public var assumed: [String]
    public var unplaceable: [String]
    /// System ids per host, in packing order.
    public var hosts: [[String]]
    public var spareHosts: Int
    public var lowerBound: Int
    public var physicalBefore: Int
    public var physicalAfter: Int

    public var hostsUsed: Int { hosts.count }
    public var hostsTotal: Int { hosts.isEmpty ? 0 : hosts.count + spareHosts }
}

/// Dedicated terminals (専用端末) and spares for disaster recovery.
public struct TerminalAnalysis: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        public var group: String
        public var systems: [String]
        public var count: Int
    }

    /// Sorted by group.
    public var groups: [Group]
    public var spareRate: Exact
    public var types: Int { groups.count }
    public var total: Int { groups.reduce(0) { $0 + $1.count } }
    public var sparesDedicated: Int
    public var sparesCommon: Int
}

/// BCP, security and governance gaps (短期的課題).
public struct GapAnalysis: Sendable, Equatable {
    public enum Code: String, Sendable, CaseIterable {
        case noBackup = "no_backup", noOffsite = "no_offsite", notAnchored = "not_anchored"
        case noAntivirus = "no_antivirus", noEmergencyManual = "no_emergency_manual"
        case noOperatorAgreement = "no_operator_agreement", noSLA = "no_sla", noAnnualReport = "no_annual_report"
        case noDesignDocs = "no_design_docs", staffSEWork = "staff_se_work", noCostBreakdown = "no_cost_breakdown"
        case customized, noStandardLayout = "no_standard_layout"

        /// Security and BCP gaps, which the public profile leaves out.
        public var isSecurityOrBCP: Bool {
            switch self {
            case .noBackup, .noOffsite, .notAnchored, .noAntivirus, .noEmergencyManual, .noOperatorAgreement: true
            default: false
            }
        }
    }

    /// Code → system ids, sorted; every code present.
    public var byCode: [Code: [String]]
    /// System id → its codes in spec order.
    public var bySystem: [String: [Code]]
}

/// Costs in yen: totals, by department and category, per resident.
public struct CostAnalysis: Sendable, Equatable {
    public struct Totals: Sendable, Equatable {
        public var initial = 0
        public var annual = 0
        public var annualEquivalent = 0

        public init() {}
    }

    public var totals: Totals
    public var byDepartment: [String: Totals]
    /// Category token, or `_none` for ledgers without one.
    public var byCategory: [String: Totals]
    /// Σ annual equivalent ÷ population, rounded half up; nil without a population.
    public var perResident: Int?
    public var reference: NationalReference.Figure?
}

public struct DisasterRow: Sendable, Equatable {
    public var task: String
    public var kind: DisasterKind?
    public var target: DisasterTarget?
    public var system: String

    /// Kind, then target, in the table's order: the smaller, the sooner (an absent one last).
    var urgency: (kind: Int, target: Int) { (kind?.order ?? .max, target?.order ?? .max) }

    /// The table's order: kind, target (same day first), task, then system. A key left out
    /// (`by`: the public profile hides it) plays no part, so the order does not give it away.
    public static func ordered(_ rows: [DisasterRow], by keys: Set<String> = ["kind", "target", "task"]) -> [DisasterRow] {
        let (byKind, byTarget, byTask) = (keys.contains("kind"), keys.contains("target"), keys.contains("task"))
        // Tasks in code point order, which is the order of their UTF-8 bytes (compared a scalar at
        // a time, sorting a national table took a quarter of the analysis).
        let ranks = rows.map { (kind: byKind ? $0.kind?.order ?? .max : 0, target: byTarget ? $0.target?.order ?? .max : 0) }
        let order = rows.indices.sorted { i, j in
            if ranks[i] != ranks[j] { return ranks[i] < ranks[j] }
            let (a, b) = (rows[i], rows[j])
            if byTask && a.task != b.task { return a.task.utf8.lexicographicallyPrecedes(b.task.utf8) }
            if a.system != b.system { return a.system < b.system }
            // Rows alike in every shown key keep the ledger's order.
            return i < j
        }
        return order.map { rows[$0] }
    }
}

/// How much of the required and recommended fields are filled.
public struct CompletenessAnalysis: Sendable, Equatable {
    public var overall: Exact
    public var systems: [String: Exact]
    public var departments: [String: Exact]
    public var missing: [String: [String]]
}
