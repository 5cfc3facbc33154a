/// The project file `daicho.yaml`: who the inventory belongs to, how the site looks, and the policy.
public struct Project: Sendable {
    public var organization: Organization
    public var site: SiteSettings
    public var policy: Policy

    public init(organization: Organization = Organization(), site: SiteSettings = SiteSettings(),
                policy: Policy = Policy()) {
        self.organization = organization
        self.site = site
        self.policy = policy
    }
}

public struct Organization: Sendable {
    /// Shown when `daicho.yaml` does not name the organisation.
    public static let unnamed = "（団体名未設定）"

    public var name: String = Organization.unnamed
    /// 全国地方公共団体コード, six digits with its check digit.
    public var code: String?
    public var population: Int?
    /// 対象年度 (April–March).
    public var fiscalYear: Int?

    public init() {}
}

public struct SiteSettings: Sendable {
    /// Nil means "{organization.name} 情報システム台帳".
    public var title: String?
    public var baseURL: String = "/"
    public var language: Language = .ja

    public init() {}

    public func title(for organization: Organization) -> String {
        title ?? (language == .ja ? "\(organization.name) 情報システム台帳" : "\(organization.name) Information System Ledger")
    }
}

/// Every threshold of the analysis, with the defaults of analysis-v1.
public struct Policy: Sendable {
    public struct ServerSize: Sendable, Hashable {
        public var cores: Exact
        public var memoryGB: Exact
        public var storageGB: Exact
    }

    public var periodYears = 5
    public var omReferenceRatio = Exact(1, 2)
    public var omLowRatio = Exact(1, 10)
    /// [org_wide minimum, broad minimum]: ≥300 全庁的, 56–299, ≤55 業務特化.
    public var userBuckets = [300, 56]
    public var host = ServerSize(cores: Exact(32), memoryGB: Exact(384), storageGB: Exact(8000))
    public var vcpuPerCore = Exact(2)
    public var headroom = Exact(1, 5)
    public var spareHosts = 1
    public var defaultServer = ServerSize(cores: Exact(4), memoryGB: Exact(16), storageGB: Exact(500))
    public var spareRate = Exact(1, 10)
    /// More field paths to leave out of the public profile.
    public var publicHide: [String] = []
    /// SLA grades and the rules that choose them.
    public var sla = SLAPolicy()
    /// Weights of the RFP's evaluation criteria.
    public var evaluationWeights = EvaluationWeights()

    public init() {}
}
