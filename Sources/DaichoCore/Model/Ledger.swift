/// One information system's ledger: the 18 item groups of the survey, typed.
///
/// Amounts are in yen (a `thousand_yen` ledger is already multiplied out).
/// An optional group is nil when the file leaves it out.
public struct Ledger: Sendable {
    /// The stored fields. They live in one shared, immutable box: ledgers are copied into sorted
    /// lists, filters and lookups many times a run, and copying some sixty references each time
    /// was a tenth of a national-scale run. Setting a field replaces the box.
    public struct Fields: Sendable {
        public var id: String
        /// The file it was read from, as diagnostics name it.
        public var file: String
        public var basic: Basic
        public var costs: Costs?
        public var management: Management?
        public var usage: Usage?
        public var hardware: Hardware?
        public var software: Software?
        public var operation: Operation?
        public var network: Network?
        public var integrations: [Integration]
        public var personalData: PersonalData?
        public var antivirus: Antivirus?
        public var security: Security?
        public var vendor: Vendor?
        public var bcp: BCP?
        public var bcpOperator: BCPOperator?
        public var bcpOthers: [BCPAgreement]
        public var issues: [Issue]
        public var notes: String?
        public var extra: [ExtraField]
        /// Which required and recommended fields are filled.
        public var completeness: Completeness
        public var sourceMap: SourceMap
    }

    private final class Box: Sendable {
        let fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }

    private var box: Box
    /// The id again, beside the box: every pass over an inventory reads the ids (sorting, lookups,
    /// each list and key), and reading one from its box was a cache miss a ledger (a fiftieth of
    /// a one-ledger rebuild's CPU went to the getter alone). Ids are short, so most sit inside
    /// the string value itself.
    private var storedID: String

    public init(_ fields: Fields) {
        box = Box(fields)
        storedID = fields.id
    }

    public var fields: Fields { box.fields }

    private mutating func update(_ change: (inout Fields) -> Void) {
        var fields = box.fields
        change(&fields)
        box = Box(fields)
        storedID = fields.id
    }

    public var id: String {
        get { storedID }
        set { update { $0.id = newValue } }
    }
    public var file: String {
        get { box.fields.file }
        set { update { $0.file = newValue } }
    }
    public var basic: Basic {
        get { box.fields.basic }
        set { update { $0.basic = newValue } }
    }
    /// `basic.department` without copying the rest of `basic` (asked for each system by the lists).
    public var department: String { box.fields.basic.department }
    /// `basic.name`, `basic.category` and `basic.business` likewise (the analysis pages and their
    /// keys read them for every system).
    public var name: String { box.fields.basic.name }
    public var category: SystemCategory? { box.fields.basic.category }
    public var business: [String] { box.fields.basic.business }
    /// `vendor.developer` and `vendor.maintainer` without copying the rest of `vendor` (the page
    /// context groups every system by its vendors).
    public var developer: String? { box.fields.vendor?.developer }
    public var maintainer: String? { box.fields.vendor?.maintainer }
    public var costs: Costs? {
        get { box.fields.costs }
        set { update { $0.costs = newValue } }
    }
    public var management: Management? {
        get { box.fields.management }
        set { update { $0.management = newValue } }
    }
    public var usage: Usage? {
        get { box.fields.usage }
        set { update { $0.usage = newValue } }
    }
    public var hardware: Hardware? {
        get { box.fields.hardware }
        set { update { $0.hardware = newValue } }
    }
    public var software: Software? {
        get { box.fields.software }
        set { update { $0.software = newValue } }
    }
    public var operation: Operation? {
        get { box.fields.operation }
        set { update { $0.operation = newValue } }
    }
    public var network: Network? {
        get { box.fields.network }
        set { update { $0.network = newValue } }
    }
    public var integrations: [Integration] {
        get { box.fields.integrations }
        set { update { $0.integrations = newValue } }
    }
    public var personalData: PersonalData? {
        get { box.fields.personalData }
        set { update { $0.personalData = newValue } }
    }
    public var antivirus: Antivirus? {
        get { box.fields.antivirus }
        set { update { $0.antivirus = newValue } }
    }
    public var security: Security? {
        get { box.fields.security }
        set { update { $0.security = newValue } }
    }
    public var vendor: Vendor? {
        get { box.fields.vendor }
        set { update { $0.vendor = newValue } }
    }
    public var bcp: BCP? {
        get { box.fields.bcp }
        set { update { $0.bcp = newValue } }
    }
    public var bcpOperator: BCPOperator? {
        get { box.fields.bcpOperator }
        set { update { $0.bcpOperator = newValue } }
    }
    public var bcpOthers: [BCPAgreement] {
        get { box.fields.bcpOthers }
        set { update { $0.bcpOthers = newValue } }
    }
    public var issues: [Issue] {
        get { box.fields.issues }
        set { update { $0.issues = newValue } }
    }
    public var notes: String? {
        get { box.fields.notes }
        set { update { $0.notes = newValue } }
    }
    public var extra: [ExtraField] {
        get { box.fields.extra }
        set { update { $0.extra = newValue } }
    }
    public var completeness: Completeness {
        get { box.fields.completeness }
        set { update { $0.completeness = newValue } }
    }
    public var sourceMap: SourceMap {
        get { box.fields.sourceMap }
        set { update { $0.sourceMap = newValue } }
    }
}

/// 1 基本情報
public struct Basic: Sendable {
    public var name: String
    public var department: String
    public var category: SystemCategory?
    public var purpose: String?
    public var business: [String]
    public var development: Development?
    public var product: String?
    public var inService: LedgerDate?
    public var renewal: LedgerDate?
}

/// 2 システムに関わるコスト, in yen.
public struct Costs: Sendable {
    public var unit: CostUnit
    public var hardware: Int?
    public var software: Int?
    public var construction: Int?
    public var migration: Int?
    public var maintenance: Int?
    public var service: Int?
    public var other: Int?
    public var lines: [CostLine]

    /// 導入経費 as the maintenance ratio counts it: hardware, software and construction, migration
    /// left out; an absent part of a partial set counts as 0, and none is nil.
    public var initialTotal: Int? {
        let parts = [hardware, software, construction]
        return parts.allSatisfy { $0 == nil } ? nil : parts.reduce(0) { $0 + ($1 ?? 0) }
    }

    /// 年額経費: maintenance, service and other, an absent one counted as 0.
    public var annualTotal: Int { (maintenance ?? 0) + (service ?? 0) + (other ?? 0) }

    public func total(_ kind: CostLineKind) -> Int? {
        switch kind {
        case .initialHardware: hardware
        case .initialSoftware: software
        case .initialConstruction: construction
        case .initialMigration: migration
        case .annualMaintenance: maintenance
        case .annualService: service
        case .annualOther: other
        }
    }

    mutating func setTotal(_ kind: CostLineKind, _ value: Int) {
        switch kind {
        case .initialHardware: hardware = value
        case .initialSoftware: software = value
        case .initialConstruction: construction = value
        case .initialMigration: migration = value
        case .annualMaintenance: maintenance = value
        case .annualService: service = value
        case .annualOther: other = value
        }
    }
}

/// One line of a cost breakdown: unit price × quantity.
public struct CostLine: Sendable {
    public var name: String
    public var kind: CostLineKind
    /// In yen.
    public var unitPrice: Int
    public var quantity: Exact
    public var unit: String?

    /// unit price × quantity, exact.
    public var amount: Exact { Exact(unitPrice) * quantity }

    /// The quantity with its unit as pages and drafts show it: 「12月」 read as December, so a count
    /// of months is 「12か月」.
    public var quantityText: String { quantity.decimalString(places: 6) + (unit == "月" ? "か月" : unit ?? "") }
}

/// 3 運用管理
public struct Management: Sendable {
    public var structure: ManagementStructure?
    public var staffSEWork: Bool?
    public var remoteMonitoring: Bool?
    public var annualReport: Bool?
    public var designDocs: Bool?
    public var manualCurrent: Bool?
}

/// 4 システム利用
public struct Usage: Sendable {
    public var users: Int?
    public var concurrentUsers: Int?
    public var form: UsageForm?
    public var dependency: Dependency?
    public var disasterTasks: [DisasterTask]
}

public struct DisasterTask: Sendable {
    public var task: String
    public var kind: DisasterKind?
    public var target: DisasterTarget?
}

/// 5 ハードウェア
public struct Hardware: Sendable {
    public var location: HardwareLocation?
    public var seismic: Bool?
    public var ups: Bool?
    /// Nil when the ledger does not say; empty when it says "no server of its own".
    public var servers: [Server]?
    public var terminals: Terminals?

    /// Σ count of the servers that are not virtual.
    public var physicalServers: Int? {
        servers.map { $0.filter { $0.isVirtual != true }.reduce(0) { $0 + $1.count } }
    }
}

public struct Server: Sendable {
    public var role: String?
    public var count: Int
    public var isVirtual: Bool?
    public var cores: Int?
    public var memoryGB: Exact?
    public var storageGB: Exact?
    public var cpuPeakPercent: Exact?
    public var acquired: LedgerDate?
    public var os: String?
}

public struct Terminals: Sendable {
    public var dedicated: Int?
    public var group: String?
}

/// 6 ソフトウェア
public struct Software: Sendable {
    public var os: [String]
    public var middleware: [String]
    public var customization: Customization?
    public var customizationItems: Int?
    public var platformCompliant: Bool?
    public var standardLayout: Bool?
    public var euc: Bool?
}

/// 7 運用
public struct Operation: Sendable {
    public var hours: String?
    public var backup: Backup?
    public var emergencyManual: Bool?
}

public struct Backup: Sendable {
    public var frequency: BackupFrequency?
    public var offsite: Bool?
    public var generations: Int?
    public var media: String?
    public var application: Bool?
}

/// 8 ネットワーク構成
public struct Network: Sendable {
    public var segments: [NetworkSegment]?
    public var remoteMaintenance: Bool?
}

/// 9 他システム連携: one link to another ledger or to a system outside the inventory.
public struct Integration: Sendable {
    public enum Target: Sendable, Hashable {
        case system(String)
        case external(String)

        public var isExternal: Bool {
            if case .external = self { true } else { false }
        }
    }

    public var target: Target
    public var direction: IntegrationDirection
    public var method: IntegrationMethod?
    public var timing: IntegrationTiming?
    public var data: String?
    /// Index in the ledger's list, for field paths.
    public var index: Int
}

/// 10 個人情報の有無
public struct PersonalData: Sendable {
    public var present: Bool?
    public var mynumber: Bool?
    public var records: Int?
    public var pia: Bool?
}

/// 11 セキュリティ（ウイルス対策）
public struct Antivirus: Sendable {
    public var server: AntivirusStatus?
    public var client: AntivirusStatus?
    public var definitions: DefinitionUpdates?
}

/// 12 セキュリティ（その他）
public struct Security: Sendable {
    public var authentication: [Authentication]
    public var accessLog: Bool?
    public var encryption: Bool?
    public var audit: Bool?
    public var notes: String?
}

/// 13 ベンダー情報
public struct Vendor: Sendable {
    public var developer: String?
    public var maintainer: String?
    public var supportBase: String?
    public var travelMinutes: Int?
    public var contract: Contract?
    public var contact: Contact?
}

public struct Contract: Sendable {
    public var kind: ContractKind?
    public var start: LedgerDate?
    public var end: LedgerDate?
    public var sla: Bool?
}

public struct Contact: Sendable {
    public var name: String?
    public var phone: String?
    public var email: String?
}

/// 14 BCP対策の状況
public struct BCP: Sendable {
    public var inPlan: Bool?
    public var rtoHours: Exact?
    public var rpoHours: Exact?
    public var drSite: Bool?
    public var drills: Bool?
}

/// 15 システム運用事業者とのBCPに関する取り決め
public struct BCPOperator: Sendable {
    public var agreement: Bool?
    public var contents: [String]
    public var responseHours: Exact?
}

/// 16 その他事業者とのBCPに関する取り決め (one item)
public struct BCPAgreement: Sendable {
    public var party: String
    public var agreement: Bool?
    public var contents: [String]
}

/// 17 課題 (one item)
public struct Issue: Sendable {
    public var title: String?
    public var detail: String
}

/// How much of the ledger's required and recommended fields are filled.
public struct Completeness: Sendable, Hashable {
    public var filled: Int
    public var total: Int
    /// Paths of the required and recommended fields that are not filled, in format order.
    public var missing: [String]

    public var ratio: Exact { Exact(Int128(filled), Int128(max(total, 1))) }

    /// The completeness of the other fields: `fields` (some of `LedgerSchema.completenessFields`,
    /// those the public profile hides) count neither as filled nor as missing, so the figure no
    /// longer tells whether they were filled in.
    public func leavingOut(_ fields: Set<String>) -> Completeness {
        guard !fields.isEmpty else { return self }
        let shown = missing.filter { !fields.contains($0) }
        let total = max(self.total - fields.count, 0)
        return Completeness(filled: max(total - shown.count, 0), total: total, missing: shown)
    }
}

extension Array where Element == Ledger {
    /// In id order; shares this array when it is in order already, since a copy of a national
    /// inventory costs hundreds of megabytes.
    public var sortedByID: [Ledger] {
        zip(self, dropFirst()).allSatisfy({ $0.id <= $1.id }) ? self : sorted { $0.id < $1.id }
    }
}
