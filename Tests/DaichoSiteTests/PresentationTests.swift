import DaichoRender
import Foundation
import Testing

/// A project of the given ledgers (file name → YAML) in a temporary folder, built into memory.
private func site(_ ledgers: [String: String], config: String? = nil) async throws -> [String: [UInt8]] {
    let project = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-presentation-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: project) }
    try FileManager.default.createDirectory(atPath: project + "/inventory", withIntermediateDirectories: true)
    for (name, text) in ledgers {
        try text.write(toFile: project + "/inventory/\(name).yaml", atomically: true, encoding: .utf8)
    }
    if let config { try config.write(toFile: project + "/daicho.yaml", atomically: true, encoding: .utf8) }
    return try await buildSite(project)
}

/// The part of `text` from `start` to the next `end` after it (empty when `start` is missing).
private func section(_ text: String, from start: String, to end: String) -> String {
    guard let from = text.range(of: start) else { return "" }
    let rest = text[from.lowerBound...]
    guard let to = rest.range(of: end) else { return String(rest) }
    return String(rest[..<to.upperBound])
}

/// How the site presents figures: groups and totals, order, words and units.
struct PresentationTests {
    /// The costs group: one-off and annual amounts under their own headings, each with its total.
    /// In thousands of yen: 6,000 + 9,000 + 15,000 = 30,000 (the maintenance table's 導入経費),
    /// + 2,000 migration = 32,000; annual 3,600 + 1,200 + 0 = 4,800 (the systems list's 年額経費).
    @Test func systemCostsAreGroupedWithTotals() async throws {
        let built = try await site(["a": """
            schema: 1
            id: a
            basic: {name: A, department: 市民課}
            costs:
              unit: thousand_yen
              initial: {hardware: 6000, software: 9000, construction: 15000, migration: 2000}
              annual: {maintenance: 3600, service: 1200, other: 0}
            """])
        let costs = section(built.text("systems/a/index.html"), from: "id=\"g-costs\"", to: "</section>")
        let expected = """
            <h3 class="fields-heading">導入経費（一時経費）</h3>
            <dl class="fields">
            <div><dt>ハードウェア</dt><dd>6,000,000円</dd></div>
            <div><dt>ソフトウェア</dt><dd>9,000,000円</dd></div>
            <div><dt>構築（設計・開発・導入作業）</dt><dd>15,000,000円</dd></div>
            <div class="total"><dt>導入経費 計（データ移行を除く）</dt><dd>30,000,000円</dd></div>
            <div><dt>データ移行</dt><dd>2,000,000円</dd></div>
            <div class="total"><dt>一時経費 計（データ移行を含む）</dt><dd>32,000,000円</dd></div>
            </dl>
            <h3 class="fields-heading">年額経費（毎年度の経費）</h3>
            <dl class="fields">
            <div><dt>運用保守経費</dt><dd>3,600,000円</dd></div>
            <div><dt>サービス利用料・リース料</dt><dd>1,200,000円</dd></div>
            <div><dt>その他</dt><dd>0円</dd></div>
            <div class="total"><dt>年額経費 計</dt><dd>4,800,000円</dd></div>
            </dl>
            """
        #expect(costs.contains(expected), "\(costs)")
        // The same figures as the lists and the export.
        #expect(built.text("analysis/maintenance.html").contains("<td>30,000,000円</td>"))
        #expect(built.text("systems/index.html").contains(">4,800,000円</td>"))
        #expect(built.text("data/systems.csv").contains(",30000000,3600000,4800000,"))
    }

    /// Without a migration amount there is one one-off total; without any initial amount it is "—".
    @Test func costTotalsWithoutMigrationOrInitial() async throws {
        let built = try await site(["a": """
            schema: 1
            id: a
            basic: {name: A, department: 市民課}
            costs: {annual: {maintenance: 100}}
            """])
        let costs = section(built.text("systems/a/index.html"), from: "id=\"g-costs\"", to: "</section>")
        #expect(costs.contains("<div class=\"total\"><dt>導入経費 計（データ移行を除く）</dt><dd>—</dd></div>"), "\(costs)")
        #expect(!costs.contains("一時経費 計"))
        #expect(costs.contains("<div class=\"total\"><dt>年額経費 計</dt><dd>100円</dd></div>"))
    }

    /// The maintenance table comes highest ratio first, those without a ratio last (not by id), and
    /// sorts in the browser; the terminal groups come largest first. Ratios over 5 years:
    /// b 200,000 × 5 ÷ 1,000,000 = 100.0%, a 50.0%, d 500,000 ÷ 2,000,000 = 25.0%, c none.
    @Test func analysisTablesComeInAReadersOrderAndSort() async throws {
        func ledger(_ id: String, _ costs: String, terminals: Int) -> String {
            "schema: 1\nid: \(id)\nbasic: {name: 系\(id), department: 市民課}\ncosts: \(costs)\n"
                + "hardware: {terminals: {dedicated: \(terminals)}}\n"
                + "integrations: [{system: \(id == "a" ? "b" : "a"), direction: both}]\n"
        }
        let built = try await site([
            "a": ledger("a", "{initial: {hardware: 1000000}, annual: {maintenance: 100000}}", terminals: 2),
            "b": ledger("b", "{initial: {hardware: 1000000}, annual: {maintenance: 200000}}", terminals: 5),
            "c": ledger("c", "{annual: {maintenance: 100}}", terminals: 1),
            "d": ledger("d", "{initial: {hardware: 2000000}, annual: {maintenance: 100000}}", terminals: 3),
        ])
        let maintenance = section(built.text("analysis/maintenance.html"), from: "<table class=\"data-table\" data-sortable>", to: "</table>")
        let order = ["b", "a", "d", "c"].map { maintenance.range(of: "systems/\($0)/index.html")?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order == order.sorted { ($0 ?? maintenance.endIndex) < ($1 ?? maintenance.endIndex) }, "\(maintenance)")
        #expect(maintenance.contains("<th scope=\"col\" data-sort=\"number\" aria-sort=\"descending\">運用保守経費の割合</th>"))
        #expect(maintenance.contains("<th scope=\"col\" data-sort=\"text\">システム</th>"))
        let terminals = built.text("analysis/terminals.html")
        let groups = section(terminals, from: "<table class=\"data-table\" data-sortable>", to: "</table>")
        #expect(groups.contains("<td>系b</td><td>5</td>") && groups.contains("<td>系a</td><td>2</td>"), "\(groups)")
        let rows = ["系b</td><td>5", "系d</td><td>3", "系a</td><td>2", "系c</td><td>1"].map { groups.range(of: $0)?.lowerBound }
        #expect(rows.allSatisfy { $0 != nil } && rows == rows.sorted { ($0 ?? groups.endIndex) < ($1 ?? groups.endIndex) })
        #expect(groups.contains("<th scope=\"col\" data-sort=\"number\" aria-sort=\"descending\">台数</th>"))
        // The other analysis tables of systems sort too.
        for page in ["gaps", "integrations", "renewals", "disaster"] {
            #expect(built.text("analysis/\(page).html").contains("data-sortable>"), "\(page)")
        }
    }

    /// An extra field written `true` or `false` reads はい or いいえ, as the ledger's own yes-or-no
    /// fields do; other values stay as written.
    @Test func extraYesAndNoAreWords() async throws {
        let built = try await site(["a": """
            schema: 1
            id: a
            basic: {name: A, department: 市民課}
            extra: {標準化対象業務: true, 共同利用: false, 資産番号: IT-2024-001, 備考: trueness}
            """])
        let page = built.text("systems/a/index.html")
        #expect(page.contains("<dt>標準化対象業務</dt><dd>はい</dd>"), "\(page)")
        #expect(page.contains("<dt>共同利用</dt><dd>いいえ</dd>"))
        #expect(page.contains("<dt>資産番号</dt><dd>IT-2024-001</dd>"))
        #expect(page.contains("<dt>備考</dt><dd>trueness</dd>"))
    }

    /// A value the clerk quoted is text and reads as written, `"true"` too; only an unquoted true
    /// or false is yes or no.
    @Test func quotedExtraIsText() async throws {
        let built = try await site(["a": """
            schema: 1
            id: a
            basic: {name: A, department: 市民課}
            extra:
              引用: "true"
              単引用: 'false'
              大文字: "TRUE"
              そのまま: true
            """])
        let page = built.text("systems/a/index.html")
        #expect(page.contains("<dt>引用</dt><dd>true</dd>"), "\(page)")
        #expect(page.contains("<dt>単引用</dt><dd>false</dd>"))
        #expect(page.contains("<dt>大文字</dt><dd>TRUE</dd>"))
        #expect(page.contains("<dt>そのまま</dt><dd>はい</dd>"))
    }

    /// On English pages, the elements holding ledger text (Japanese) say so with `lang="ja"`: the
    /// system page's title, department and fields, `extra` (its yes, in English, not), the lists'
    /// rows, department and vendor pages, analysis tables (a shared terminal group marks the
    /// system's name, not its English words), the breadcrumbs' names, the terminal chart's label of
    /// a group of one system (not a shared group's, which mixes in English words). Japanese pages
    /// are left without the attribute.
    @Test func ledgerTextIsMarkedJapaneseOnEnglishPages() async throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-lang-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.createDirectory(atPath: project + "/inventory", withIntermediateDirectories: true)
        try """
            schema: 1
            id: a
            basic: {name: 住民記録, department: 市民課, business: [異動届]}
            hardware: {terminals: {dedicated: 3, group: madoguchi}}
            vendor: {developer: みなと開発}
            extra: {資産番号: S-1, 標準化: true}
            """.write(toFile: project + "/inventory/a.yaml", atomically: true, encoding: .utf8)
        try ("schema: 1\nid: b\nbasic: {name: 税務, department: 税務課}\nhardware: {terminals: {dedicated: 3, group: madoguchi}}\n"
            + "integrations: [{system: a, direction: send}]\n")
            .write(toFile: project + "/inventory/b.yaml", atomically: true, encoding: .utf8)
        try "schema: 1\nid: c\nbasic: {name: 窓口予約, department: 市民課}\nhardware: {terminals: {dedicated: 2}}\n"
            .write(toFile: project + "/inventory/c.yaml", atomically: true, encoding: .utf8)
        let english = try await buildSite(project, options: SiteOptions(language: .en))
        let system = english.text("systems/a/index.html")
        #expect(system.contains("<h1 lang=\"ja\">住民記録 <small"), "\(system)")
        #expect(system.contains("index.html\" lang=\"ja\">市民課</a>"))
        #expect(system.contains("<dd><span lang=\"ja\">異動届</span></dd>"))
        #expect(system.contains("<dt lang=\"ja\">資産番号</dt><dd lang=\"ja\">S-1</dd>"))
        #expect(system.contains("<dt lang=\"ja\">標準化</dt><dd>Yes</dd>"))
        #expect(english.text("systems/index.html").contains("<td lang=\"ja\"><a href=\"../systems/a/index.html\">住民記録</a></td>"))
        #expect(english.text("systems/index.html").contains("<option value=\"市民課\" lang=\"ja\">市民課</option>"))
        let departments = english.text("departments/index.html")
        #expect(departments.contains("<td lang=\"ja\"><a href="), "\(departments)")
        #expect(departments.contains(">市民課</a></td>"))
        let department = try #require(english.htmlPaths.first { $0.hasPrefix("departments/d-") && english.text($0).contains("<h1 lang=\"ja\">市民課</h1>") })
        #expect(english.text(department).contains("<td lang=\"ja\"><a href=\"../../systems/a/index.html\">住民記録</a></td>"))
        #expect(english.text("vendors/index.html").contains(">みなと開発</a></td>"))
        let terminals = english.text("analysis/terminals.html")
        #expect(terminals.contains("<td>Shared: <span lang=\"ja\">住民記録</span> and 1 more (madoguchi)</td>"), "\(terminals)")
        #expect(terminals.contains("<a href=\"../systems/a/index.html\" lang=\"ja\">住民記録</a>"))
        #expect(terminals.contains(" text-anchor=\"end\" lang=\"ja\">窓口予約</text>"), "\(terminals)")
        #expect(terminals.contains(" text-anchor=\"end\">Shared: 住民記録 and 1 more</text>"))
        // The breadcrumbs' names of a system, a department and a draft's system; not the site's own words.
        #expect(system.contains("<li lang=\"ja\"><span aria-current=\"page\">住民記録</span></li>"), "\(system)")
        #expect(system.contains("<li><a href=\"../../systems/index.html\">Systems</a></li>"))
        #expect(english.text(department).contains("<li lang=\"ja\"><span aria-current=\"page\">市民課</span></li>"))
        #expect(english.text("systems/a/rfi.html").contains("<li lang=\"ja\"><a href=\"../../systems/a/index.html\">住民記録</a></li>"))
        // Chart labels that are system names too (the integration map's).
        let map = english.text("analysis/integrations.html")
        #expect(map.contains(" lang=\"ja\">住民記録</text>") && map.contains(" lang=\"ja\">税務</text>"), "\(map)")
        // The Japanese pages have none of it.
        let japanese = try await buildSite(project)
        for page in ["systems/a/index.html", "systems/index.html", "departments/index.html", "analysis/terminals.html", department,
                     "analysis/integrations.html"] {
            #expect(!japanese.text(page).contains("lang=\"ja\">"), "\(page)")
        }
        // (A draft is marked Japanese as a whole in both languages; its breadcrumbs, outside it, are not.)
        #expect(japanese.text("systems/a/rfi.html").contains("<li><a href=\"../../systems/a/index.html\">住民記録</a></li>"))
    }

    /// Renewal years before the target year (2026) are marked overdue in words on the table, the
    /// timeline and the count chart (whose columns read 年度 as the table does), and in vermilion.
    @Test func overdueRenewalYearsAreMarked() async throws {
        let built = try await site([
            "a": "schema: 1\nid: a\nbasic: {name: A, department: 市民課, renewal: 2025-06-30}\n",
            "b": "schema: 1\nid: b\nbasic: {name: B, department: 市民課, renewal: 2026-06-30}\n",
        ], config: "organization: {name: みなと市, fiscal_year: 2026}\n")
        let page = built.text("analysis/renewals.html")
        #expect(page.contains("<td>2025年度（更新時期を過ぎたもの）</td><td>1</td>"), "\(page)")
        #expect(page.contains("<td>2026年度</td><td>1</td>"))
        #expect(page.contains(">2025年度（超過）</text>"))
        #expect(page.contains("<title>2025年度: 1</title><rect") && page.contains("fill=\"#D55E00\"/>"))
        #expect(page.contains("<title>2026年度: 1</title>"))
        #expect(page.contains("対象年度（2026年度）より前の年度は、更新時期を過ぎたものです（件数の図では朱色の棒）。"))
        // Without a target year no year is overdue.
        let plain = try await site(["a": "schema: 1\nid: a\nbasic: {name: A, department: 市民課, renewal: 2025-06-30}\n"])
        #expect(!plain.text("analysis/renewals.html").contains("過ぎた"))
    }

    /// Counts and sizes have their digits grouped, a Japanese unit follows its number without a
    /// space, and a label that names its unit is not followed by a value that says it again.
    /// 1,764 terminals in one group: spares ⌈1,764 × 0.1⌉ = 177. The default host: 8,000 GB × 0.8
    /// = 6,400 GB of disk, 384 × 0.8 = 307.2 GB of memory, 32 × 2 × 0.8 = 51.2 vCPU.
    @Test func numbersAndUnitsAreWrittenOneWay() async throws {
        let built = try await site(["a": """
            schema: 1
            id: a
            basic: {name: A, department: 市民課}
            usage: {form: dedicated_server}
            hardware:
              servers: [{role: DB, cores: 4, memory_gb: 0.5, storage_gb: 40000}]
              terminals: {dedicated: 1764}
            vendor: {travel_minutes: 50}
            bcp: {rto_hours: 24, rpo_hours: 1.5}
            bcp_operator: {response_hours: 4}
            """])
        let page = built.text("systems/a/index.html")
        #expect(page.contains("<td>0.5 GB</td><td>40,000 GB</td>"), "\(page)")
        #expect(page.contains("<dd>物理サーバ 1台</dd>"))
        #expect(page.contains("<dd>1,764台</dd>"))
        #expect(page.contains("<dt>障害時の駆けつけ所要時間</dt><dd>50分</dd>"))
        #expect(page.contains("<dt>目標復旧時間</dt><dd>24時間</dd>"))
        #expect(page.contains("<dt>目標復旧時点</dt><dd>1.5時間</dd>"))
        #expect(page.contains("<dt>駆けつけ・対応開始の約束時間</dt><dd>4時間</dd>"))
        #expect(built.text("analysis/terminals.html").contains("1種類、合計 1,764台"))
        #expect(built.text("analysis/terminals.html").contains("<td>1,764</td>"))
        let dashboard = built.text("index.html")
        #expect(dashboard.contains("1種類 1,764台"), "\(dashboard)")
        #expect(dashboard.contains("予備機 個別 177台／共通化 177台"))
        #expect(built.text("analysis/consolidation.html").contains("vCPU 51.2、メモリ 307.2 GB、ディスク 6,400 GB"))
    }

    /// An inventory with nothing to count (one ledger, no costs, links or servers): every table
    /// says 「該当なし」 rather than a header alone, count axes are whole numbers, and the
    /// dashboard says no costs are entered rather than 「0円」.
    @Test func emptyStatesSaySo() async throws {
        let built = try await site(["a": "schema: 1\nid: a\nbasic: {name: A, department: 市民課}\n"])
        let integrations = built.text("analysis/integrations.html")
        // One cell across every column of the header.
        let headers = section(integrations, from: "<thead>", to: "</thead>").components(separatedBy: "<th ").count - 1
        #expect(headers >= 4)
        #expect(integrations.contains("<tbody>\n<tr><td class=\"empty\" colspan=\"\(headers)\">該当なし</td></tr>\n</tbody>"), "\(integrations)")
        let gaps = built.text("analysis/gaps.html")
        #expect(!gaps.contains(">0.25</text>") && !gaps.contains(">0.5</text>"), "\(gaps)")
        let dashboard = built.text("index.html")
        #expect(dashboard.contains("—（経費の記入なし）") && !dashboard.contains(">0円<"), "\(dashboard)")
    }
}
