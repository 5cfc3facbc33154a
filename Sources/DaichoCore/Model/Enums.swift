// The enumerated values of ledger-v1, with their Japanese and English labels.

public enum SystemCategory: String, LedgerEnum {
    case resident, `internal`, individual, infrastructure
    public static let spec = EnumSpec([
        EnumCase("resident", "住民情報系", "Resident information"),
        EnumCase("internal", "内部情報系", "Internal administration"),
        EnumCase("individual", "個別業務系", "Individual business"),
        EnumCase("infrastructure", "基盤系", "Infrastructure"),
    ])
}

public enum Development: String, LedgerEnum {
    case package, packageCustom = "package_custom", scratch, joint, service
    public static let spec = EnumSpec([
        EnumCase("package", "パッケージ（ノンカスタマイズ）", "Package (not customized)"),
        EnumCase("package_custom", "パッケージ（カスタマイズあり）", "Package (customized)"),
        EnumCase("scratch", "独自開発", "Custom development"),
        EnumCase("joint", "共同開発", "Joint development"),
        EnumCase("service", "サービス利用（ASP・SaaS）", "Service (ASP/SaaS)"),
    ])
}

public enum ManagementStructure: String, LedgerEnum {
    case onsite, offsite, inHouse = "in_house"
    public static let spec = EnumSpec([
        EnumCase("onsite", "業務委託あり・常駐あり", "Outsourced, on site"),
        EnumCase("offsite", "業務委託あり・常駐なし", "Outsourced, off site"),
        EnumCase("in_house", "業務委託なし（職員対応）", "In house (staff)"),
    ])
}

public enum UsageForm: String, LedgerEnum {
    case dedicatedServer = "dedicated_server", sharedPlatform = "shared_platform", asp
    case jointCloud = "joint_cloud", standalonePC = "standalone_pc", mainframe, other
    public static let spec = EnumSpec([
        EnumCase("dedicated_server", "専用サーバ", "Dedicated server"),
        EnumCase("shared_platform", "庁内共通基盤・仮想化基盤", "Shared virtualization platform"),
        EnumCase("asp", "ASP・SaaS", "ASP/SaaS"),
        EnumCase("joint_cloud", "自治体クラウド（共同利用）", "Municipal joint cloud"),
        EnumCase("standalone_pc", "スタンドアロン端末", "Standalone PC"),
        EnumCase("mainframe", "メインフレーム", "Mainframe"),
        EnumCase("other", "その他", "Other"),
    ])
}

public enum Dependency: String, LedgerEnum {
    case critical = "1", high = "2", moderate = "3", low = "4"
    public static let spec = EnumSpec([
        EnumCase("1", "依存度が高く、システムが無いと業務ができない", "Work stops without the system"),
        EnumCase("2", "比較的高いが、2日くらいなら代替手段で業務可能", "Manual fallback for about 2 days"),
        EnumCase("3", "1週間程度なら代替手段で業務可能", "Manual fallback for about a week"),
        EnumCase("4", "システムが無くても業務に大きな支障はない", "Little impact without the system"),
    ])
}

public enum DisasterKind: String, LedgerEnum {
    case disaster, priority
    public static let spec = EnumSpec([
        EnumCase("disaster", "災害対策業務", "Disaster response"),
        EnumCase("priority", "優先的に復旧すべき通常業務", "Priority regular work"),
    ])
}

public enum DisasterTarget: String, LedgerEnum {
    case sameDay = "same_day", nextDay = "next_day", within3Days = "within_3_days"
    case within1Week = "within_1_week", within2Weeks = "within_2_weeks"
    public static let spec = EnumSpec([
        EnumCase("same_day", "発災当日", "Same day"),
        EnumCase("next_day", "翌日", "Next day"),
        EnumCase("within_3_days", "3日以内", "Within 3 days"),
        EnumCase("within_1_week", "1週間以内", "Within 1 week"),
        EnumCase("within_2_weeks", "2週間以内", "Within 2 weeks"),
    ])
}

public enum HardwareLocation: String, LedgerEnum {
    case serverRoom = "server_room", office, datacenter, vendor, cloud, none
    public static let spec = EnumSpec([
        EnumCase("server_room", "庁内サーバ室", "Server room"),
        EnumCase("office", "執務室", "Office"),
        EnumCase("datacenter", "外部データセンター", "External data centre"),
        EnumCase("vendor", "事業者施設", "Vendor facility"),
        EnumCase("cloud", "クラウド", "Cloud"),
        EnumCase("none", "サーバなし", "No server"),
    ])
}

public enum Customization: String, LedgerEnum {
    case none, parameter, module, source
    public static let spec = EnumSpec([
        EnumCase("none", "ノンカスタマイズ", "None"),
        EnumCase("parameter", "パラメータ設定", "Parameter settings"),
        EnumCase("module", "機能部品追加・変更", "Added or changed modules"),
        EnumCase("source", "ソースコード改変", "Source code changes"),
    ])
}

public enum BackupFrequency: String, LedgerEnum {
    case daily, weekly, monthly, irregular, none
    public static let spec = EnumSpec([
        EnumCase("daily", "毎日", "Daily"),
        EnumCase("weekly", "毎週", "Weekly"),
        EnumCase("monthly", "毎月", "Monthly"),
        EnumCase("irregular", "不定期", "Irregular"),
        EnumCase("none", "なし", "None"),
    ])
}

public enum NetworkSegment: String, LedgerEnum {
    case mynumber, lgwan, internet, closed, standalone
    public static let spec = EnumSpec([
        EnumCase("mynumber", "マイナンバー利用事務系", "My Number segment"),
        EnumCase("lgwan", "LGWAN接続系", "LGWAN segment"),
        EnumCase("internet", "インターネット接続系", "Internet segment"),
        EnumCase("closed", "閉域網（IP-VPN等）", "Closed network (IP-VPN etc.)"),
        EnumCase("standalone", "スタンドアロン", "Standalone"),
    ])
}

public enum IntegrationDirection: String, LedgerEnum {
    case send, receive, both
    public static let spec = EnumSpec([
        EnumCase("send", "送信", "Send"),
        EnumCase("receive", "受信", "Receive"),
        EnumCase("both", "双方向", "Both ways"),
    ])

    /// What the other end of the same link writes.
    public var mirrored: IntegrationDirection {
        switch self {
        case .send: .receive
        case .receive: .send
        case .both: .both
        }
    }
}

public enum IntegrationMethod: String, LedgerEnum {
    case file, api, database, platform, media, manual
    public static let spec = EnumSpec([
        EnumCase("file", "ファイル", "File"),
        EnumCase("api", "API", "API"),
        EnumCase("database", "DB直接参照", "Direct database access"),
        EnumCase("platform", "地域情報プラットフォーム", "Regional information platform"),
        EnumCase("media", "可搬媒体", "Portable media"),
        EnumCase("manual", "手入力", "Manual entry"),
    ])
}

public enum IntegrationTiming: String, LedgerEnum {
    case realtime, daily, monthly, onDemand = "on_demand"
    public static let spec = EnumSpec([
        EnumCase("realtime", "即時", "Real time"),
        EnumCase("daily", "日次", "Daily"),
        EnumCase("monthly", "月次", "Monthly"),
        EnumCase("on_demand", "随時", "On demand"),
    ])
}

public enum AntivirusStatus: String, LedgerEnum {
    case installed, notInstalled = "not_installed", notApplicable = "not_applicable"
    public static let spec = EnumSpec([
        EnumCase("installed", "導入済", "Installed"),
        EnumCase("not_installed", "未導入", "Not installed"),
        EnumCase("not_applicable", "対象外", "Not applicable"),
    ])
}

public enum DefinitionUpdates: String, LedgerEnum {
    case auto, manual, none
    public static let spec = EnumSpec([
        EnumCase("auto", "自動更新", "Automatic"),
        EnumCase("manual", "手動更新", "Manual"),
        EnumCase("none", "更新なし", "Not updated"),
    ])
}

public enum Authentication: String, LedgerEnum {
    case password, biometric, icCard = "ic_card", twoFactor = "two_factor", sso
    public static let spec = EnumSpec([
        EnumCase("password", "パスワード", "Password"),
        EnumCase("biometric", "生体認証", "Biometric"),
        EnumCase("ic_card", "ICカード", "IC card"),
        EnumCase("two_factor", "二要素認証", "Two-factor"),
        EnumCase("sso", "シングルサインオン", "Single sign-on"),
    ])
}

public enum ContractKind: String, LedgerEnum {
    case purchase, lease, service, license
    public static let spec = EnumSpec([
        EnumCase("purchase", "買取", "Purchase"),
        EnumCase("lease", "リース", "Lease"),
        EnumCase("service", "サービス契約", "Service contract"),
        EnumCase("license", "ライセンス", "Licence"),
    ])
}

public enum CostUnit: String, LedgerEnum {
    case yen, thousandYen = "thousand_yen"
    public static let spec = EnumSpec([
        EnumCase("yen", "円", "Yen"),
        EnumCase("thousand_yen", "千円", "Thousand yen"),
    ])

    public var multiplier: Int { self == .yen ? 1 : 1000 }
}

public enum CostLineKind: String, LedgerEnum {
    case initialHardware = "initial_hardware", initialSoftware = "initial_software"
    case initialConstruction = "initial_construction", initialMigration = "initial_migration"
    case annualMaintenance = "annual_maintenance", annualService = "annual_service"
    case annualOther = "annual_other"
    public static let spec = EnumSpec([
        EnumCase("initial_hardware", "導入経費（ハードウェア）", "Initial: hardware"),
        EnumCase("initial_software", "導入経費（ソフトウェア）", "Initial: software"),
        EnumCase("initial_construction", "導入経費（構築）", "Initial: construction"),
        EnumCase("initial_migration", "導入経費（データ移行）", "Initial: data migration"),
        EnumCase("annual_maintenance", "年額（運用保守経費）", "Annual: maintenance"),
        EnumCase("annual_service", "年額（サービス利用料・リース料）", "Annual: service and lease"),
        EnumCase("annual_other", "年額（その他）", "Annual: other"),
    ])

    /// The field path of the total this kind of line adds up to.
    public var totalPath: String {
        switch self {
        case .initialHardware: "costs.initial.hardware"
        case .initialSoftware: "costs.initial.software"
        case .initialConstruction: "costs.initial.construction"
        case .initialMigration: "costs.initial.migration"
        case .annualMaintenance: "costs.annual.maintenance"
        case .annualService: "costs.annual.service"
        case .annualOther: "costs.annual.other"
        }
    }
}
