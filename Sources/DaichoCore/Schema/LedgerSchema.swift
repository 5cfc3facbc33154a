/// The ledger format, version 1: every field of the 18 item groups and `extra`.
public enum LedgerSchema {
    public static let version = 1

    public static let root = FieldSpec("", "システム台帳", "System ledger", .required, .group(rootFields)).numbered()
    static let slots = root.slots()

    static let rootFields: [FieldSpec] = [
        FieldSpec("schema", "様式の版", "Schema version", .required, .integer),
        FieldSpec("id", "システムID", "System ID", .required, .text, note: "英小文字・数字・ハイフン、ファイル名と同じ"),
        basic, costs, management, usage, hardware, software, operation, network, integrations,
        personalData, antivirus, security, vendor, bcp, bcpOperator, bcpOthers, issues, notes,
        FieldSpec("extra", "追加項目", "Additional fields", .optional, .scalarMap),
    ]

    /// The 18 item groups in survey order (a constant: the decoder and pages ask for it often).
    public static let groups: [FieldSpec] = rootFields.filter { !["schema", "id", "extra"].contains($0.key) }

    static let basic = FieldSpec("basic", "基本情報", "Basic information", .required, .group([
        FieldSpec("name", "システム名称", "System name", .required, .text),
        FieldSpec("department", "所管課", "Department", .required, .text),
        FieldSpec("category", "システム区分", "Category", .recommended, .enumeration(SystemCategory.spec)),
        FieldSpec("purpose", "概要・目的", "Purpose", .recommended, .markdown),
        FieldSpec("business", "対象業務", "Business covered", .optional, .list(.text)),
        FieldSpec("development", "開発形態", "Development", .recommended, .enumeration(Development.spec)),
        FieldSpec("product", "パッケージ名称", "Product", .optional, .text),
        FieldSpec("in_service", "稼働開始日", "In service since", .recommended, .date),
        FieldSpec("renewal", "次期更新予定日", "Next renewal", .recommended, .date),
    ]))

    static let costs = FieldSpec("costs", "システムに関わるコスト", "Costs", .optional, .group([
        FieldSpec("unit", "金額の単位", "Unit", .optional, .enumeration(CostUnit.spec)),
        FieldSpec("initial", "導入経費（一時経費）", "Initial costs", .optional, .group([
            FieldSpec("hardware", "ハードウェア", "Hardware", .recommended, .yen),
            FieldSpec("software", "ソフトウェア", "Software", .recommended, .yen),
            FieldSpec("construction", "構築（設計・開発・導入作業）", "Construction", .recommended, .yen),
            FieldSpec("migration", "データ移行", "Data migration", .optional, .yen),
        ])),
        FieldSpec("annual", "年額", "Annual costs", .optional, .group([
            FieldSpec("maintenance", "運用保守経費", "Operation and maintenance", .recommended, .yen),
            FieldSpec("service", "サービス利用料・リース料", "Service and lease fees", .optional, .yen),
            FieldSpec("other", "その他", "Other", .optional, .yen),
        ])),
        FieldSpec("lines", "詳細内訳（単価×数量）", "Cost lines (unit price × quantity)", .optional, .list(.group([
            FieldSpec("name", "項目名", "Item", .required, .text),
            FieldSpec("kind", "区分", "Kind", .required, .enumeration(CostLineKind.spec)),
            FieldSpec("unit_price", "単価", "Unit price", .required, .yen),
            FieldSpec("quantity", "数量", "Quantity", .required, .number),
            FieldSpec("unit", "単位", "Unit", .optional, .text, note: "月・台・人月 など"),
        ]))),
    ]))

    static let management = FieldSpec("management", "運用管理", "Management", .optional, .group([
        FieldSpec("structure", "運用体制", "Operating structure", .recommended,
                  .enumeration(ManagementStructure.spec)),
        FieldSpec("staff_se_work", "職員がSE作業（インストール・データ移行等）を実施",
                  "Staff do engineering work", .recommended, .bool),
        FieldSpec("remote_monitoring", "リモート監視の仕組み", "Remote monitoring", .optional, .bool),
        FieldSpec("annual_report", "年間保守運用報告書の受領", "Annual operation report received", .recommended, .bool),
        FieldSpec("design_docs", "設計書・設定資料の受領", "Design documents received", .recommended, .bool),
        FieldSpec("manual_current", "操作マニュアルが最新", "Manual up to date", .optional, .bool),
    ]))

    static let usage = FieldSpec("usage", "システム利用", "Usage", .optional, .group([
        FieldSpec("users", "利用職員数", "Staff users", .recommended, .integer),
        FieldSpec("concurrent_users", "同時接続利用者数", "Concurrent users", .optional, .integer),
        FieldSpec("form", "利用形態", "Form of use", .recommended, .enumeration(UsageForm.spec)),
        FieldSpec("dependency", "業務の情報システムへの依存度", "Dependency of work on the system", .recommended,
                  .enumeration(Dependency.spec)),
        FieldSpec("disaster_tasks", "災害時に必要な業務と目標開始・復旧時期", "Work needed in a disaster",
                  .optional, .list(.group([
                      FieldSpec("task", "業務", "Task", .required, .text),
                      FieldSpec("kind", "種別", "Kind", .optional, .enumeration(DisasterKind.spec)),
                      FieldSpec("target", "目標開始・復旧時期", "Target", .optional, .enumeration(DisasterTarget.spec)),
                  ]))),
    ]))

    static let hardware = FieldSpec("hardware", "ハードウェア", "Hardware", .optional, .group([
        FieldSpec("location", "設置場所", "Location", .recommended, .enumeration(HardwareLocation.spec)),
        FieldSpec("seismic", "耐震固定（アンカー・ベルト等）", "Seismic anchoring", .recommended, .bool),
        FieldSpec("ups", "無停電電源装置", "UPS", .optional, .bool),
        FieldSpec("servers", "サーバ", "Servers", .recommended, .list(.group([
            FieldSpec("role", "役割", "Role", .optional, .text),
            FieldSpec("count", "台数", "Count", .optional, .integer, note: "省略時 1"),
            FieldSpec("virtual", "仮想サーバ", "Virtual", .optional, .bool, note: "はい = 共通基盤上の仮想サーバ"),
            FieldSpec("cores", "CPUコア数", "CPU cores", .optional, .integer),
            FieldSpec("memory_gb", "メモリ(GB)", "Memory (GB)", .optional, .number),
            FieldSpec("storage_gb", "ディスク(GB)", "Storage (GB)", .optional, .number),
            FieldSpec("cpu_peak_pct", "ピーク時CPU使用率(%)", "Peak CPU use (%)", .optional, .number, maximum: 100),
            FieldSpec("acquired", "導入年月", "Acquired", .optional, .date),
            FieldSpec("os", "OS", "OS", .optional, .text),
        ])), note: "自前のサーバが無い場合は []"),
        FieldSpec("terminals", "端末", "Terminals", .optional, .group([
            FieldSpec("dedicated", "専用端末数", "Dedicated terminals", .recommended, .integer,
                      note: "汎用PCで利用する場合は 0"),
            FieldSpec("group", "共用端末グループ", "Shared terminal group", .optional, .text,
                      note: "複数システムで共用する専用端末のグループID"),
        ])),
    ]))

    static let software = FieldSpec("software", "ソフトウェア", "Software", .optional, .group([
        FieldSpec("os", "OS", "OS", .optional, .list(.text)),
        FieldSpec("middleware", "ミドルウェア", "Middleware", .optional, .list(.text)),
        FieldSpec("customization", "カスタマイズの程度", "Customization", .recommended,
                  .enumeration(Customization.spec)),
        FieldSpec("customization_items", "カスタマイズ件数", "Customization items", .optional, .integer),
        FieldSpec("platform_compliant", "地域情報プラットフォーム準拠", "Regional platform compliant", .optional, .bool),
        FieldSpec("standard_layout", "中間標準レイアウト仕様でのデータ提供が可能", "Standard data layout available",
                  .recommended, .bool),
        FieldSpec("euc", "EUC機能でデータを取り出せる", "End-user data extraction", .optional, .bool),
    ]))

    static let operation = FieldSpec("operation", "運用", "Operation", .optional, .group([
        FieldSpec("hours", "サービス時間", "Service hours", .optional, .text),
        FieldSpec("backup", "バックアップ", "Backup", .optional, .group([
            FieldSpec("frequency", "バックアップの頻度", "Frequency", .recommended, .enumeration(BackupFrequency.spec)),
            FieldSpec("offsite", "庁舎外保管", "Kept off site", .recommended, .bool),
            FieldSpec("generations", "保管世代数", "Generations kept", .optional, .integer),
            FieldSpec("media", "媒体", "Media", .optional, .text),
            FieldSpec("application", "業務アプリケーションのバックアップ", "Application backed up", .optional, .bool),
        ])),
        FieldSpec("emergency_manual", "緊急時対応手順書", "Emergency procedures", .recommended, .bool),
    ]))

    static let network = FieldSpec("network", "ネットワーク構成", "Network", .optional, .group([
        FieldSpec("segments", "接続するネットワーク", "Network segments", .recommended,
                  .list(.enumeration(NetworkSegment.spec))),
        FieldSpec("remote_maintenance", "リモート保守回線", "Remote maintenance line", .optional, .bool),
    ]))

    static let integrations = FieldSpec("integrations", "他システム連携", "Integrations", .optional, .list(.group([
        FieldSpec("system", "連携先システムID", "System (ID in the inventory)", .optional, .text, note: "system と external のどちらか一方だけを書く"),
        FieldSpec("external", "連携先（台帳外）", "External system", .optional, .text),
        FieldSpec("direction", "方向", "Direction", .required, .enumeration(IntegrationDirection.spec)),
        FieldSpec("method", "方式", "Method", .optional, .enumeration(IntegrationMethod.spec)),
        FieldSpec("timing", "タイミング", "Timing", .optional, .enumeration(IntegrationTiming.spec)),
        FieldSpec("data", "連携データ", "Data", .optional, .text),
    ])))

    static let personalData = FieldSpec("personal_data", "個人情報の有無", "Personal data", .optional, .group([
        FieldSpec("present", "個人情報の有無", "Personal data held", .recommended, .bool),
        FieldSpec("mynumber", "特定個人情報（個人番号）を含む", "Includes My Number", .optional, .bool),
        FieldSpec("records", "保有件数", "Records", .optional, .integer),
        FieldSpec("pia", "特定個人情報保護評価の実施", "Privacy impact assessment done", .optional, .bool),
    ]))

    static let antivirus = FieldSpec("antivirus", "セキュリティ（ウイルス対策）", "Antivirus", .optional, .group([
        FieldSpec("server", "サーバ", "Servers", .recommended, .enumeration(AntivirusStatus.spec)),
        FieldSpec("client", "クライアント", "Clients", .recommended, .enumeration(AntivirusStatus.spec)),
        FieldSpec("definitions", "パターンファイル更新", "Definition updates", .optional,
                  .enumeration(DefinitionUpdates.spec)),
    ]))

    static let security = FieldSpec("security", "セキュリティ（その他）", "Security", .optional, .group([
        FieldSpec("authentication", "認証方式", "Authentication", .optional, .list(.enumeration(Authentication.spec))),
        FieldSpec("access_log", "操作ログ取得", "Access log", .optional, .bool),
        FieldSpec("encryption", "暗号化", "Encryption", .optional, .bool),
        FieldSpec("audit", "セキュリティ監査の実施", "Security audit", .optional, .bool),
        FieldSpec("notes", "特記事項", "Notes", .optional, .markdown),
    ]))

    static let vendor = FieldSpec("vendor", "ベンダー情報", "Vendor", .optional, .group([
        FieldSpec("developer", "開発事業者", "Developer", .recommended, .text),
        FieldSpec("maintainer", "保守事業者", "Maintainer", .recommended, .text),
        FieldSpec("support_base", "保守拠点の所在地", "Support base", .optional, .text),
        FieldSpec("travel_minutes", "障害時の駆けつけ所要時間（分）", "Travel time to site (minutes)", .optional, .integer),
        FieldSpec("contract", "契約", "Contract", .optional, .group([
            FieldSpec("kind", "契約形態", "Kind", .optional, .enumeration(ContractKind.spec)),
            FieldSpec("start", "契約開始日", "Start", .optional, .date),
            FieldSpec("end", "契約終了日", "End", .optional, .date),
            FieldSpec("sla", "SLAの締結", "SLA concluded", .recommended, .bool),
        ])),
        FieldSpec("contact", "連絡先", "Contact", .optional, .group([
            FieldSpec("name", "担当者", "Name", .optional, .text),
            FieldSpec("phone", "電話番号", "Phone", .optional, .text),
            FieldSpec("email", "メールアドレス", "Email", .optional, .text),
        ]), note: "公開版には掲載されません"),
    ]))

    static let bcp = FieldSpec("bcp", "BCP対策の状況", "Business continuity", .optional, .group([
        FieldSpec("in_plan", "ICT-BCPへの記載", "In the ICT-BCP", .recommended, .bool),
        FieldSpec("rto_hours", "目標復旧時間（時間）", "Recovery time objective (hours)", .optional, .number),
        FieldSpec("rpo_hours", "目標復旧時点（時間）", "Recovery point objective (hours)", .optional, .number),
        FieldSpec("dr_site", "DRサイト・遠隔地バックアップ", "DR site or remote backup", .optional, .bool),
        FieldSpec("drills", "訓練の実施", "Drills", .optional, .bool),
    ]))

    static let bcpOperator = FieldSpec("bcp_operator", "システム運用事業者とのBCPに関する取り決め",
                                       "BCP agreement with the operator", .optional, .group([
        FieldSpec("agreement", "取り決めの有無", "Agreement", .recommended, .bool),
        FieldSpec("contents", "取り決めの内容", "Contents", .optional, .list(.text), note: "優先復旧、要員派遣、代替機の提供 など"),
        FieldSpec("response_hours", "駆けつけ・対応開始の約束時間（時間）", "Promised response (hours)", .optional, .number),
    ]))

    static let bcpOthers = FieldSpec("bcp_others", "その他事業者とのBCPに関する取り決め",
                                     "BCP agreements with other parties", .optional, .list(.group([
        FieldSpec("party", "事業者", "Party", .required, .text),
        FieldSpec("agreement", "取り決めの有無", "Agreement", .optional, .bool),
        FieldSpec("contents", "取り決めの内容", "Contents", .optional, .list(.text)),
    ])))

    static let issues = FieldSpec("issues", "課題", "Issues", .optional, .list(.markdownOrGroup([
        FieldSpec("title", "課題", "Title", .required, .text),
        FieldSpec("detail", "詳細", "Detail", .optional, .markdown),
    ])))

    static let notes = FieldSpec("notes", "その他", "Notes", .optional, .markdown)

    /// The spec of a dotted path (`hardware.servers[1].os` or `hardware.servers.os`), if it names a field.
    public static func field(at path: String) -> FieldSpec? {
        if let known = byPath[path] { return known }
        guard path.contains("[") else { return nil }
        return byPath[plainPath(path)]
    }

    /// A path without its list indexes (`[1]`, `[*]`, `[]`): the schema's path of the field, which
    /// stands for it in every item.
    public static func plainPath(_ path: String) -> String {
        path.contains("[") ? path.replacing(/\[[0-9*]*\]/, with: "") : path
    }

    /// A field's label by its dotted path: asked for every row of every page, without copying
    /// the field's whole spec as `field(at:)` does.
    public static func label(at path: String) -> LocalizedText? {
        if let known = labels[path] { return known }
        return path.contains("[") ? field(at: path)?.label : nil
    }

    private static let labels: [String: LocalizedText] = byPath.mapValues(\.label)

    /// A field's label after its group's (`ウイルス対策：サーバ`), for lists a clerk reads out of
    /// context, where 「サーバ」 alone named both `hardware.servers` and `antivirus.server`.
    /// A field of `basic` or at the top keeps its own label.
    public static func qualifiedLabel(at path: String) -> LocalizedText? {
        guard let label = label(at: path) else { return nil }
        let plain = plainPath(path)
        guard let dot = plain.lastIndex(of: "."), !plain.hasPrefix("basic."),
              let group = self.label(at: String(plain[..<dot])) else { return label }
        return LocalizedText(ja: group.ja + "：" + label.ja, en: group.en + ": " + label.en)
    }

    /// A group's number in survey order (1 to 18).
    public static func groupNumber(_ key: String) -> Int? { groupNumbers[key] }

    private static let groupNumbers: [String: Int] =
        Dictionary(groups.enumerated().map { ($1.key, $0 + 1) }, uniquingKeysWith: { a, _ in a })

    /// Every field by its dotted path: labels are looked up for every row of every page.
    static let byPath: [String: FieldSpec] = Dictionary(allFields.map { ($0.path, $0.spec) }, uniquingKeysWith: { a, _ in a })

    /// Every field as (dotted path without indexes, spec), depth first in format order.
    public static let allFields: [(path: String, spec: FieldSpec)] = {
        var result: [(String, FieldSpec)] = []
        func walk(_ spec: FieldSpec) {
            for child in spec.children {
                result.append((child.path, child))
                walk(child)
            }
        }
        walk(root)
        return result
    }()

    /// The slots of `completenessFields`, in the same order.
    static let completenessSlots: [Int] = completenessFields.map { slots[$0] ?? -1 }

    /// The required and recommended fields outside lists: what completeness counts.
    public static let completenessFields: [String] = {
        var result: [String] = []
        func walk(_ spec: FieldSpec) {
            guard case .group(let fields) = spec.kind else { return }
            for child in fields {
                if case .group = child.kind {
                    walk(child)
                } else if child.requirement != .optional {
                    result.append(child.path)
                }
            }
        }
        walk(root)
        return result
    }()
}
