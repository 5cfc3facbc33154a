import DaichoCore
@testable import DaichoRender
import DaichoSite
import Foundation
import Testing

@Suite struct ProcurementDocumentTests {
    /// RFI, RFP and SLA of three contrasting systems: a dependency-1 on-premises system with gaps (juki),
    /// an ASP service (denshi-shinsei), and a system with no costs filled in (kominkan).
    @Test func documentsOfThreeContrastingSystems() async throws {
        let site = try await buildSite(Paths.fixture("small"), options: SiteOptions(draftDate: "2026-12-01"))
        for id in ["juki", "denshi-shinsei", "kominkan"] {
            for kind in DocumentKind.allCases {
                try assertSnapshot(site.text("systems/\(id)/\(kind.rawValue).md"), "documents/\(id)-\(kind.rawValue).md")
            }
        }
        try assertSnapshot(site.text("systems/juki/rfp.html"), "documents/juki-rfp.html")
        try assertSnapshot(site.text("guidelines/index.html"), "documents/guideline.html")
        try assertSnapshot(site.text("guidelines/checklist.html"), "documents/checklist.html")
    }

    @Test func documentsAreFilledFromTheLedger() async throws {
        let site = try await buildSite(Paths.fixture("small"), options: SiteOptions(draftDate: "2026-12-01"))
        let rfi = site.text("systems/juki/rfi.md")
        #expect(rfi.contains("- 開発事業者: さくらシステム株式会社"))
        #expect(rfi.contains("| 税務システム | 送信 | ファイル | 日次 | 異動情報 |"))
        // 6,000 千円 of hardware, shown in yen.
        #expect(rfi.contains("| ハードウェア | 6,000,000円 |"))
        // A count of months: 「12月」 read as December.
        #expect(rfi.contains("| サーバ保守 | 年額（運用保守経費） | 100,000円 | 12か月 | 1,200,000円 |"))
        // Silent ledgers get a marker, never a blank.
        let none = site.text("systems/kominkan/rfi.md")
        #expect(none.contains("| ハードウェア | 【要記入】 |"))
        let html = site.text("systems/juki/rfi.html")
        #expect(html.contains("<mark class=\"draft-marker\">【要記入】</mark>"))
        #expect(html.contains("<section class=\"document-section\">"))
        #expect(html.contains("作成日: 令和8年（2026年）12月1日"))
        #expect(!html.contains("<!--"))
        // The ASP service is procured by a service contract.
        #expect(site.text("systems/denshi-shinsei/rfp.md").contains("サービス利用契約（サービスの提供を受ける契約とし、業務委託契約とはしない）"))
        // Its 件名 names the fiscal year of its renewal (2028-03-31: FY2027, 2027 − 2018 = 令和9),
        // not the inventory's 2026; dates are in the era form.
        #expect(site.text("systems/denshi-shinsei/rfp.md").contains("| 件名 | 令和9年度（2027年度） 電子申請サービスのサービス利用 |"))
        #expect(rfi.contains("- 次期更新予定日: 令和9年（2027年）3月31日"))
        // zeimu's renewal is written R9.3: 2027-03, in fiscal year 2026.
        #expect(site.text("systems/zeimu/rfp.md").contains("| 件名 | 令和8年度（2026年度） 税務システムのサービス利用 |"))
        // The system page links its drafts.
        #expect(site.text("systems/juki/index.html").contains("<a href=\"rfp.html\">"))
    }

    /// The configuration line names the systems a terminal group is shared with: three, then
    /// 「ほかN」; nothing for a group of one. Virtual servers alone give no count of physical ones.
    @Test func sharedTerminalsAndVirtualServers() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        func ledger(_ id: String, group: String) -> String {
            "schema: 1\nid: \(id)\nbasic: {name: 端末\(id), department: 市民課}\n"
                + "hardware:\n  servers: [{role: AP, count: 1, virtual: true}]\n  terminals: {dedicated: 2, group: \(group)}\n"
        }
        for id in ["t1", "t2", "t3", "t4", "t5"] { try ledger(id, group: "g").write(toFile: project + "/inventory/\(id).yaml", atomically: true, encoding: .utf8) }
        try ledger("t6", group: "alone").write(toFile: project + "/inventory/t6.yaml", atomically: true, encoding: .utf8)
        let site = try await buildSite(project)
        #expect(site.text("systems/t1/rfi.md").contains("- 構成: AP 1台（仮想）。専用端末 2 台（端末t2・端末t3・端末t4ほか1システムと共用）\n"),
                "\(site.text("systems/t1/rfi.md"))")
        #expect(site.text("systems/t6/rfi.md").contains("- 構成: AP 1台（仮想）。専用端末 2 台\n"))
    }

    @Test func gapClausesAppearExactlyWhenTheirFactHolds() async throws {
        let site = try await buildSite(Paths.fixture("small"))
        let heading = "### サービスレベル合意書の締結"
        // Without --date the date is a blank to fill in, marked like every other.
        #expect(site.text("systems/juki/rfp.md").contains("作成日: 令和　　年　　月　　日【要記入】"))
        // juki and kominkan have no SLA; zeimu has one.
        #expect(site.text("systems/juki/rfp.md").contains(heading))
        #expect(site.text("systems/kominkan/rfp.md").contains(heading))
        #expect(!site.text("systems/zeimu/rfp.md").contains(heading))
        // The reason is an editor's comment, not body text.
        #expect(site.text("systems/juki/rfp.md").contains("<!-- 根拠: 台帳: SLAの締結 = いいえ（vendor.contract.sla） -->"))
        #expect(!site.text("systems/juki/rfp.html").contains("vendor.contract.sla"))
        // kominkan is 2,000 minutes away, beyond grade C's 24 hours; juki's 120 minutes are within grade A's 3 hours.
        #expect(site.text("systems/kominkan/rfp.md").contains("### 障害対応の体制"))
        #expect(!site.text("systems/juki/rfp.md").contains("vendor.travel_minutes"))
        // juki (dependency 1) is not monitored from afar: the same clause, for that reason alone.
        #expect(site.text("systems/juki/rfp.md").contains("### 障害対応の体制"))
        #expect(site.text("systems/juki/rfp.md").contains("<!-- 根拠: 台帳: 依存度 = 1 かつ リモート監視 = いいえ（usage.dependency, management.remote_monitoring） -->"))
        // zeimu gives its costs without lines: only the breakdown clause.
        #expect(site.text("systems/zeimu/rfp.md").contains("### 経費の内訳"))
        #expect(!site.text("systems/juki/rfp.md").contains("### 経費の内訳"))
    }

    /// A link only the partner's ledger declares is in the drafts too (from this side), dedicated
    /// terminals are part of the configuration, a backup practice with a gap is not repeated as
    /// the requirement, and the drafts are Japanese whatever the site's language.
    @Test func draftsCarryIncomingLinksTerminalsAndBackupRequirements() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let zeimu = project + "/inventory/zeimu.yaml"
        let text = try String(contentsOfFile: zeimu, encoding: .utf8)
        let line = "integrations:\n  - {system: juki, direction: receive, method: file, timing: daily, data: 異動情報}\n"
        #expect(text.contains(line))
        try text.replacing(line, with: "").write(toFile: zeimu, atomically: true, encoding: .utf8)
        let juki = project + "/inventory/juki.yaml"
        try String(contentsOfFile: juki, encoding: .utf8).replacing("rto_hours: 24,", with: "rto_hours: 2,")
            .replacing("  purpose: |\n    住民基本台帳の記録", with: "  purpose: |\n    # 目的\n    住民基本台帳の記録")
            .write(toFile: juki, atomically: true, encoding: .utf8)
        let site = try await buildSite(project, options: SiteOptions(draftDate: "2026-12-01"))
        // An RTO of 2 hours shortens grade A's 3, and the SLA says so.
        #expect(site.text("systems/juki/sla.md").contains("（稼働率 99.5%、平均復旧時間 2時間）"))
        #expect(site.text("systems/juki/sla.md").contains("平均復旧時間は、区分Aの 3時間を台帳の目標復旧時間（RTO）に合わせて短くしています。"))
        // juki sends; zeimu, silent, receives.
        #expect(site.text("systems/zeimu/rfi.md").contains("| 住民記録システム | 受信 | ファイル | 日次 | 異動情報 |"))
        #expect(site.text("systems/zeimu/rfp.md").contains("住民記録システム"))
        #expect(!site.text("systems/zeimu/rfi.md").contains("連携の記載がありません"))
        // A ledger without links is not told it has none: the ledger may simply not say (the key is optional).
        #expect(site.text("systems/kominkan/rfi.md").contains("台帳には他システムとの連携の記載がありません（【要記入】"))
        #expect(site.text("systems/juki/rfi.md").contains("。専用端末 4 台（税務システムと共用）"))
        // A heading in the ledger's purpose goes below the section it is placed in: the page's
        // 「概要・目的」 (h3) and the RFI's 「### 2.1」.
        #expect(site.text("systems/juki/index.html").contains("<h4>目的</h4>") && !site.text("systems/juki/index.html").contains("<h1>目的</h1>"))
        #expect(site.text("systems/juki/rfi.md").contains("\n#### 目的\n"))
        // The renewal table names each system's category, which the timeline shows by colour alone.
        #expect(site.text("analysis/renewals.html").contains("住民記録システム</a>（住民情報系）"))
        // The cost table asks for what §3 asks: modification and disposal, and each year of the period.
        #expect(site.text("systems/juki/rfi.md").contains("| 区分 | 1年度目 | 2年度目 | 3年度目 | 4年度目 | 5年度目 | 合計 |"))
        #expect(site.text("systems/juki/rfi.md").contains("| 廃棄（データ消去・機器の撤去） |"))
        // kominkan: no backups today, none off site.
        #expect(site.text("systems/kominkan/sla.md").contains(
            "| データバックアップ方法 | 定期的に取得する（頻度は業務に合わせて定める）・庁舎外（遠隔地）に保管する（取得するデータの形式を示す） | 台帳（バックアップ）の現状を改める |"))
        #expect(site.text("systems/zeimu/sla.md").contains("| データバックアップ方法 | 毎日・庁舎外保管（取得するデータの形式を示す） | 台帳（バックアップ） |"))
        // The guideline's conditions reach the RFP: Japanese law for every contract; data kept in
        // Japan and a third-party audit for a service (denshi-shinsei is ASP), not for juki.
        #expect(site.text("systems/juki/rfp.md").contains("契約の準拠法は日本法とし") && site.text("systems/denshi-shinsei/rfp.md").contains("契約の準拠法は日本法とし"))
        #expect(site.text("systems/denshi-shinsei/rfp.md").contains("データを扱う拠点は国内に限ること"))
        #expect(!site.text("systems/juki/rfp.md").contains("データを扱う拠点は国内に限ること"))
        let english = try await buildSite(project, options: SiteOptions(language: .en, draftDate: "2026-12-01"))
        for kind in DocumentKind.allCases {
            #expect(english.text("systems/juki/\(kind.rawValue).md") == site.text("systems/juki/\(kind.rawValue).md"), "\(kind)")
        }
    }

    @Test func slaStatesItsGradeAndWhy() async throws {
        let site = try await buildSite(Paths.fixture("small"))
        #expect(site.text("systems/juki/sla.md").contains("適用する区分: **区分A**（稼働率 99.5%、平均復旧時間 3時間）"))
        #expect(site.text("systems/zeimu/sla.md").contains("**区分B**"))
        #expect(site.text("systems/kominkan/sla.md").contains("**区分C**"))
        // Values from the ledger: juki's 10 concurrent users, 7 generations, RTO 24 h against grade A's 3 h.
        let sla = site.text("systems/juki/sla.md")
        #expect(sla.contains("| 同時接続利用者数 | 平常時 10人。増やす場合の手段と手続きを示す | 台帳（同時接続利用者数） |"))
        #expect(sla.contains("| バックアップデータの保管期間 | 7世代以上を保管し、保管期間と廃棄方法を定める |"))
        #expect(sla.contains("| 平均復旧時間 | 3時間以内 |"))
        // The grade's own hours: no note. A shorter RTO is said to shorten them.
        #expect(!sla.contains("台帳の目標復旧時間（RTO）に合わせて短くしています"))
        #expect(sla.contains("少なくとも年に1回"))
        #expect(sla.contains("| サービス提供状況の確認方法 | オンラインで随時確認でき、") && sla.contains("| オンライン応答時間 |"))
        // kominkan runs on one PC off every network, with no concurrent users in its ledger: the
        // SLA asks for no online status, online response or concurrent users.
        let standalone = site.text("systems/kominkan/sla.md")
        #expect(standalone.contains("| サービス提供状況の確認方法 | 保守の実施状況を定期報告で示し、電話・メール等でも問い合わせできる | スタンドアロン端末のため、オンラインでの確認は求めない |"))
        for item in ["| オンライン応答時間 |", "| 同時接続利用者数 |", "オンラインで随時"] { #expect(!standalone.contains(item), "\(item)") }
        #expect(standalone.contains("| バッチ処理時間 |") && standalone.contains("| サービス稼働率 |"))
    }

    /// Counts of people are grouped as every figure is: 1,200人, not 1200人.
    @Test func userCountsAreGrouped() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try replace("concurrent_users: 10", with: "concurrent_users: 1200", in: project + "/inventory/juki.yaml")
        let site = try await buildSite(project)
        #expect(site.text("systems/juki/sla.md").contains("| 同時接続利用者数 | 平常時 1,200人。"))
        #expect(site.text("systems/juki/rfi.md").contains("1,200人"))
    }

    @Test func editingTheSLATemplateChangesTheOutput() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.copyItem(atPath: Paths.templates, toPath: project + "/templates")
        let sla = project + "/templates/procurement/sla.md"
        try (try String(contentsOfFile: sla, encoding: .utf8)).replacingOccurrences(of: "## 4 見直し", with: "## 4 年次の見直し（さくら町）")
            .write(toFile: sla, atomically: true, encoding: .utf8)
        let site = MemorySite()
        _ = try await SiteBuilder(options: SiteOptions()).build(project: project, into: site)
        #expect(await site.pages.text("systems/juki/sla.md").contains("## 4 年次の見直し（さくら町）"))
    }

    @Test func aMisspelledPlaceholderFailsWithTemplateLineAndKey() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.copyItem(atPath: Paths.templates, toPath: project + "/templates")
        let sla = project + "/templates/procurement/sla.md"
        var lines = try String(contentsOfFile: sla, encoding: .utf8).components(separatedBy: "\n")
        lines[9] = "担当: {{organisation}}"
        try lines.joined(separator: "\n").write(toFile: sla, atomically: true, encoding: .utf8)
        do {
            _ = try await SiteBuilder(options: SiteOptions()).build(project: project, into: MemorySite())
            Issue.record("the build must fail")
        } catch let error as TemplateError {
            #expect(error.template.hasSuffix("templates/procurement/sla.md"))
            #expect(error.line == 10)
            #expect(error.key == "organisation")
        }
    }

    @Test func ledgerTextCannotBecomeMarkdown() {
        #expect(MarkdownText.escape("[x](javascript:alert(1)) | <b> *a* #1") == "\\[x\\](javascript:alert(1)) \\| \\<b\\> \\*a\\* \\#1")
        #expect(MarkdownText.escape("行1\n行2") == "行1 行2")
    }
}
