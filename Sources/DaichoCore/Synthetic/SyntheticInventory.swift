/// Deterministic synthetic inventories for benchmarks and scale tests: realistic ledgers
/// (all 18 groups, integrations, shared terminal groups, costs with lines, a few warnings)
/// for `count` systems across municipalities of 50 systems each.
public struct SyntheticInventory: Sendable {
    public var count: Int
    public var seed: UInt64

    public init(count: Int, seed: UInt64) {
        self.count = count
        self.seed = seed
    }

    /// `daicho.yaml` of the generated project.
    public var projectFile: String {
        """
        organization:
          name: 合成県（\(count)システム）
          code: "142085"
          population: \(max(1000, count * 1100))
          fiscal_year: 2026
        site:
          title: 合成県 情報システム台帳（ベンチマーク用）
        """ + "\n"
    }

    static let municipalityNames = ["みなと", "さくら", "かわせ", "やまびこ", "あおば", "しおかぜ", "ひかり", "もりの", "はなぞの", "つばさ"]
    static let departments = ["市民課", "税務課", "保険年金課", "福祉課", "子育て支援課", "健康増進課", "総務課", "財政課",
                              "情報政策課", "教育総務課", "都市計画課", "環境課", "会計課", "危機管理課"]
    static let kinds: [(name: String, department: Int, category: String, business: [String])] = [
        ("住民記録システム", 0, "resident", ["異動届の処理", "住民票の写しの交付"]),
        ("税務システム", 1, "resident", ["住民税の課税", "固定資産税の課税"]),
        ("国民健康保険システム", 2, "resident", ["資格管理", "保険税の賦課"]),
        ("介護保険システム", 3, "resident", ["認定", "給付"]),
        ("児童手当システム", 4, "resident", ["認定請求", "支給"]),
        ("健康管理システム", 5, "individual", ["健診", "予防接種"]),
        ("文書管理システム", 6, "internal", ["文書の収受", "電子決裁"]),
        ("財務会計システム", 7, "internal", ["予算編成", "支出命令"]),
        ("グループウェア", 8, "infrastructure", ["スケジュール", "掲示板"]),
        ("校務支援システム", 9, "individual", ["成績処理", "出欠管理"]),
        ("地理情報システム", 10, "individual", ["地図の閲覧", "台帳の管理"]),
        ("ごみ収集管理システム", 11, "individual", ["収集計画", "粗大ごみ受付"]),
        ("会計管理システム", 12, "internal", ["収入管理", "支払管理"]),
        ("防災情報システム", 13, "individual", ["一斉配信", "避難所の管理"]),
    ]
    static let vendors = ["湾岸システム開発株式会社", "みなとデータサービス株式会社", "あおば情報技術株式会社", "ひかりソリューションズ株式会社",
                          "つばさシステム株式会社", "はなぞの計算センター株式会社"]
    static let forms = ["dedicated_server", "dedicated_server", "shared_platform", "asp", "joint_cloud", "standalone_pc", "mainframe", "other"]
    static let locations = ["server_room", "server_room", "office", "datacenter", "vendor", "cloud", "none"]

    /// File name (`<id>.yaml`) → contents, for system `index` (0-based).
    public func ledger(_ index: Int) -> (name: String, text: String) {
        var random = SplitMix(seed: seed &+ UInt64(index) &* 0x9E37_79B9)
        let block = index / 50, position = index % 50
        let kind = Self.kinds[position % Self.kinds.count]
        let town = Self.municipalityNames[block % Self.municipalityNames.count] + "\(block / Self.municipalityNames.count + 1)"
        let id = "s\(block)-\(position)"
        let department = "\(town) \(Self.departments[kind.department])"
        let vendor = Self.vendors[Int(random.next() % UInt64(Self.vendors.count))]
        let form = Self.forms[Int(random.next() % UInt64(Self.forms.count))]
        let location = form == "asp" || form == "joint_cloud" ? "cloud" : Self.locations[Int(random.next() % 5)]
        let thousand = random.next() % 5 == 0
        let unit = thousand ? 1000 : 1
        let hardware = Int(random.next() % 200) * 100_000 / unit
        let software = Int(random.next() % 300) * 100_000 / unit
        let construction = Int(random.next() % 400) * 100_000 / unit
        let monthly = Int(random.next() % 50 + 1) * 10_000 / unit
        let maintenance = monthly * 12
        let users = Int(random.next() % 400) + 3
        let dependency = Int(random.next() % 4) + 1
        let terminals = random.next() % 3 == 0 ? Int(random.next() % 10) + 1 : 0
        let shared = position < 6 && terminals > 0
        let renewalYear = 2026 + Int(random.next() % 6)
        let sparse = random.next() % 10 == 0
        let inService = random.next() % 4 == 0 ? "令和\(Int(random.next() % 6) + 2)年4月1日" : "20\(15 + Int(random.next() % 9))-04-01"
        var lines = [
            "schema: 1",
            "id: \(id)",
            "basic:",
            "  name: \(town) \(kind.name)",
            "  department: \(department)",
            "  category: \(kind.category)",
        ]
        if !sparse { lines.append("  purpose: \(kind.name)で\(kind.business[0])と\(kind.business[1])を行う。") }
        lines += [
            "  business: [\(kind.business.joined(separator: ", "))]",
            "  development: \(["package", "package_custom", "scratch", "joint", "service"][Int(random.next() % 5)])",
            "  product: \(vendor.prefix(2))パッケージ",
            "  in_service: \(inService)",
            "  renewal: \(renewalYear)-03-31",
            "costs:",
            "  unit: \(thousand ? "thousand_yen" : "yen")",
            "  initial: {hardware: \(hardware), software: \(software), construction: \(construction), migration: \(construction / 10)}",
            "  annual: {maintenance: \(maintenance), service: 0, other: 0}",
            "  lines:",
            "    - {name: 保守, kind: annual_maintenance, unit_price: \(monthly), quantity: 12, unit: 月}",
            "management: {structure: \(["onsite", "offsite", "in_house"][Int(random.next() % 3)]), staff_se_work: \(random.next() % 4 == 0), remote_monitoring: true, annual_report: \(random.next() % 3 != 0), design_docs: \(random.next() % 3 != 0), manual_current: true}",
            "usage:",
            "  users: \(users)",
            "  concurrent_users: \(max(1, users / 4))",
            "  form: \(form)",
            "  dependency: \(dependency)",
        ]
        if dependency == 1 {
            lines += ["  disaster_tasks:", "    - {task: \(kind.business[0]), kind: priority, target: \(["same_day", "next_day", "within_3_days"][Int(random.next() % 3)])}"]
        }
        let servers = form == "dedicated_server" ? (random.next() % 5 == 0 ? 2 : 1) : 0
        lines += [
            "hardware:",
            "  location: \(location)",
            "  seismic: \(random.next() % 5 != 0)",
            "  ups: true",
            servers == 0 ? "  servers: []" : "  servers:",
        ]
        for _ in 0..<servers {
            lines.append("    - {role: AP・DB, cores: \(Int(random.next() % 16) + 2), memory_gb: \(Int(random.next() % 64) + 8), storage_gb: \(Int(random.next() % 2000) + 100), cpu_peak_pct: \(Int(random.next() % 90) + 5), acquired: 2019-04, os: Windows Server 2019}")
        }
        lines.append(shared ? "  terminals: {dedicated: 4, group: \(id.prefix { $0 != "-" })-madoguchi}" : "  terminals: {dedicated: \(terminals)}")
        lines += [
            "software: {os: [Windows Server 2019], middleware: [SQL Server], customization: \(["none", "parameter", "module", "source"][Int(random.next() % 4)]), platform_compliant: \(random.next() % 2 == 0), standard_layout: \(random.next() % 2 == 0), euc: true}",
            "operation:",
            "  hours: 平日 8:30–17:15",
            "  backup: {frequency: \(["daily", "weekly", "monthly", "irregular", "none"][Int(random.next() % 5)]), offsite: \(random.next() % 2 == 0), generations: \(Int(random.next() % 10) + 1), media: LTO, application: true}",
            "  emergency_manual: \(random.next() % 3 != 0)",
            "network: {segments: [\(["mynumber", "lgwan", "internet", "closed", "standalone"][Int(random.next() % 5)])], remote_maintenance: true}",
        ]
        // Each system sends to the next one in its municipality, which declares the same link as received.
        var links: [String] = []
        if position + 1 < 50, index + 1 < count { links.append("  - {system: s\(block)-\(position + 1), direction: send, method: file, timing: daily, data: 連携データ}") }
        if position > 0 { links.append("  - {system: s\(block)-\(position - 1), direction: receive, method: file, timing: daily, data: 連携データ}") }
        if random.next() % 3 == 0 { links.append("  - {external: 住基ネット, direction: both, method: platform, timing: realtime}") }
        if !links.isEmpty { lines += ["integrations:"] + links }
        lines += [
            "personal_data: {present: true, mynumber: \(kind.category == "resident"), records: \(users * 100), pia: true}",
            "antivirus: {server: installed, client: \(random.next() % 20 == 0 ? "not_installed" : "installed"), definitions: auto}",
            "security: {authentication: [password, ic_card], access_log: true, encryption: true, audit: \(random.next() % 2 == 0)}",
            "vendor:",
            "  developer: \(vendor)",
            "  maintainer: \(vendor)",
            "  support_base: 横浜市",
            "  travel_minutes: \(Int(random.next() % 240) + 20)",
            "  contract: {kind: \(["purchase", "lease", "service", "license"][Int(random.next() % 4)]), start: 2021-04-01, end: \(renewalYear)-03-31\(sparse ? "" : ", sla: \(random.next() % 3 == 0)")}",
            "  contact: {name: 担当者\(index), phone: 045-000-0000, email: support\(index)@example.jp}",
        ]
        if !sparse { lines.append("bcp: {in_plan: \(random.next() % 2 == 0), rto_hours: 24, rpo_hours: 24, dr_site: false, drills: false}") }
        lines += [
            "bcp_operator: {agreement: \(random.next() % 2 == 0), contents: [優先復旧]}",
            "issues:",
            "  - 次期更新で標準準拠システムへの移行を検討する。",
            "notes: 合成データ（ベンチマーク用）。",
            "extra: {資産番号: A-\(index)}",
        ]
        return ("\(id).yaml", lines.joined(separator: "\n") + "\n")
    }
}
