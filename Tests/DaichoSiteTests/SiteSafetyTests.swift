import DaichoCore
@testable import DaichoRender
import DaichoSite
import Foundation
import Testing

@Suite struct LinkCheckTests {
    /// Every `href` and `src` of every page, with the page it is on.
    static func references(in site: [String: [UInt8]]) -> [(page: String, tag: String, url: String)] {
        let pattern = /<(\w+)[^>]*?\s(?:href|src)="([^"]*)"/
        var result: [(String, String, String)] = []
        for path in site.htmlPaths {
            for match in site.text(path).matches(of: pattern) {
                result.append((path, String(match.output.1), String(match.output.2)))
            }
        }
        return result
    }

    static func resolve(_ url: String, from page: String) -> String {
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for part in url.split(separator: "/", omittingEmptySubsequences: false) {
            if part == ".." { _ = parts.popLast() } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }

    /// `--only systems` builds no analysis, search or data pages, and links to none of them.
    @Test func aSystemsOnlySiteLinksOnlyToItsOwnPages() async throws {
        var options = SiteOptions()
        options.systemsOnly = true
        let site = try await buildSite(Paths.root.path, options: options)
        #expect(site["analysis/index.html"] == nil && site["systems/index.html"] != nil)
        #expect(Self.checkLinks(site, base: "/") > 100)
    }

    @Test func noBrokenInternalLinkAndNoExternalResource() async throws {
        for project in [Paths.root.path, Paths.fixture("small")] {
            let site = try await buildSite(project)
            #expect(site.count > 20)
            // The error page links from the path of `site.base_url`: `/` in the sample, `/daicho/` in the fixture.
            #expect(Self.checkLinks(site, base: project == Paths.root.path ? "/" : "/daicho/") > 100)
            let css = site.text("assets/style.css")
            #expect(!css.contains("url(http") && !css.contains("@import") && !css.contains("@font-face"))
        }
    }

    /// A forced build leaves out the ledger with errors, not those that link to it, and links only
    /// to pages it has: the pages that name the left-out system (the integrations table, its
    /// partners' links) show its id as text.
    @Test(arguments: [("category: resident", "category: xxx"), ("schema: 1\n", "schema: 1\nbasic: [\n")])
    func aForcedBuildLinksOnlyToPagesItHas(edit: (String, String)) async throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-forced-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
        for item in ["daicho.yaml", "inventory"] {
            try FileManager.default.copyItem(atPath: Paths.root.appendingPathComponent(item).path, toPath: project + "/" + item)
        }
        let file = project + "/inventory/zeimu.yaml"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(edit.0))
        try text.replacingOccurrences(of: edit.0, with: edit.1).write(toFile: file, atomically: true, encoding: .utf8)
        let site = try await buildSite(project, force: true)
        #expect(site.keys.contains("systems/jumin-kiroku/index.html") && !site.keys.contains { $0.hasPrefix("systems/zeimu/") })
        #expect(site.text("analysis/integrations.html").contains("zeimu"))
        #expect(Self.checkLinks(site, base: "/") > 100)
    }

    /// Records every link of `site` that leads to none of its files, and every resource a page
    /// would load from outside; returns how many internal links it checked. Only the error page,
    /// which a server sends at any depth, may link from `base` (the path of `site.base_url`).
    static func checkLinks(_ site: [String: [UInt8]], base: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        var checked = 0
        for (page, tag, url) in references(in: site) {
            let external = url.hasPrefix("http:") || url.hasPrefix("https:") || url.hasPrefix("//")
            if external {
                // Links a reader may follow are fine; nothing the page loads may come from outside.
                #expect(tag == "a", "\(page): <\(tag)> loads \(url)", sourceLocation: sourceLocation)
                continue
            }
            guard !url.hasPrefix("#"), !url.hasPrefix("mailto:") else { continue }
            var target = resolve(String(url.prefix { $0 != "#" && $0 != "?" }), from: page)
            if url.hasPrefix("/") {
                #expect(page == "404.html" && url.hasPrefix(base), "\(page) links to \(url)", sourceLocation: sourceLocation)
                target = String(url.dropFirst(base.count).prefix { $0 != "#" && $0 != "?" })
            }
            #expect(site[target] != nil, "\(page) links to missing \(url)", sourceLocation: sourceLocation)
            checked += 1
        }
        return checked
    }

    @Test func everyPageHasTheBasicsOfAccessibleHTML() async throws {
        let site = try await buildSite(Paths.fixture("small"))
        for path in site.htmlPaths {
            let html = site.text(path)
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ja\""), "\(path)")
            #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"), "\(path)")
            #expect(html.contains("<main id=\"main\">"), "\(path)")
            #expect(html.contains("<h1>"), "\(path)")
        }
    }
}

@Suite struct HostileInputTests {
    @Test func ledgerStringsNeverBecomeMarkup() async throws {
        let project = try copyFixture("hostile")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try "organization: {name: \"<b>はざま町</b>\", code: \"142085\", population: 8000, fiscal_year: 2026}\n"
            .write(toFile: project + "/daicho.yaml", atomically: true, encoding: .utf8)
        let site = try await buildSite(project, force: true)
        #expect(site["systems/xss/index.html"] != nil)
        for (path, bytes) in site where path.hasSuffix(".html") {
            let html = String(decoding: bytes, as: UTF8.self)
            // Our own scripts are the only ones, always loaded from assets/.
            let scripts = html.matches(of: /<script[^>]*>/).map { String($0.output) }
            #expect(scripts.allSatisfy { $0.contains("assets/") }, "\(path): \(scripts)")
            // Ledger text may say "onerror=" as text; no real tag may carry a handler or script link.
            for tag in html.matches(of: /<[a-zA-Z][^>]*>/).map({ String($0.output) }) {
                #expect(tag.firstMatch(of: /\son[a-z]+\s*=/) == nil, "\(path): \(tag)")
                #expect(!tag.lowercased().contains("javascript:") && !tag.contains("data:text"), "\(path): \(tag)")
                for name in ["<iframe", "<img", "<style", "<b>", "<object", "<embed", "<form"] where name != "<form" || !tag.contains("search-form") {
                    #expect(!tag.lowercased().hasPrefix(name), "\(path): \(tag)")
                }
            }
        }
        let page = site.text("systems/xss/index.html")
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        // The Mustache-looking notes stay text.
        #expect(page.contains("{{mustache}}"))
        #expect(!site.text("assets/search-index.js").contains("</script>"))
    }
}

@Suite struct PublicProfileTests {
    /// What a hidden field lets one work out goes with it: a gap found from it, the terminal
    /// groups, the money columns of the CSV; an index in a path (`[]`, `[0]`) hides the key in
    /// every item; the name, department and id cannot be hidden.
    @Test func whatAHiddenFieldGivesAwayGoesWithIt() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let settings = project + "/daicho.yaml"
        let original = try String(contentsOfFile: settings, encoding: .utf8)
        try original.replacing("    - costs.lines\n", with: """
                - costs.lines
                - vendor.contract.sla
                - hardware.terminals.group
                - integrations[].data
                - hardware.servers[0].role
                - costs.annual.other

            """).write(toFile: settings, atomically: true, encoding: .utf8)
        let internalSite = try await buildSite(project)
        let published = try await buildSite(project, options: SiteOptions(profile: .public))
        for secret in ["SLA未締結", "madoguchi", "異動情報", "AP・DB", "年額経費"] {
            #expect(internalSite.values.contains { String(decoding: $0, as: UTF8.self).contains(secret) }, "internal lacks \(secret)")
            for (path, bytes) in published {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(secret), "\(path) shows \(secret)")
            }
        }
        #expect(published.text("analysis/terminals.html").contains("公開版には掲載していません"))
        // The gaps' card and page say what they leave out (no_sla too, from the hidden field),
        // and the page's intro names no withheld topic; the internal edition says nothing of it.
        let withheld = "公開版では、セキュリティ・BCPに関する課題と、公開しない項目から判定する課題を掲載していません。"
        #expect(published.text("index.html").contains("<p class=\"note\">\(withheld)</p>"))
        #expect(published.text("analysis/gaps.html").contains("SLA、設計書、カスタマイズなど、台帳から分かる課題です。\(withheld)"))
        #expect(!published.text("analysis/gaps.html").contains("バックアップ、耐震、ウイルス対策"))
        #expect(!internalSite.text("index.html").contains("公開版では") && !internalSite.text("analysis/gaps.html").contains("公開版では"))
        let analysisBytes = try #require(published["data/analysis.json"])
        let analysis = try #require(JSONSerialization.jsonObject(with: Data(analysisBytes)) as? [String: Any])
        #expect((analysis["gaps_withheld"] as? [String])?.contains("no_sla") == true)
        #expect(((analysis["terminals"] as? [String: Any])?["groups"] as? [Any])?.isEmpty == true)
        #expect(((analysis["costs"] as? [String: Any])?["by_department"] as? [String: Any])?.isEmpty == true)

        try original.replacing("    - costs.lines\n", with: "    - costs.lines\n    - basic.name\n")
            .write(toFile: settings, atomically: true, encoding: .utf8)
        let outcome = try await SiteBuilder(options: SiteOptions(profile: .public), templatesOverride: Paths.templates)
            .build(project: project, into: MemorySite())
        guard case .stopped(let checked) = outcome else {
            Issue.record("a public_hide of basic.name was accepted")
            return
        }
        #expect(checked.diagnostics.contains { $0.fieldPath == "policy.public_hide[1]" && $0.message.ja.contains("隠せません") })
    }

    /// `policy.public_hide` leaves each path it names out of every page and export of the public
    /// edition: a Markdown field, a list, one key of a list's items, a vendor in one role.
    @Test func publicHideLeavesItsFieldsOutEverywhere() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try replace("  maintainer: 共同利用センター", with: "  maintainer: 保守専門株式会社", in: project + "/inventory/zeimu.yaml")
        let settings = project + "/daicho.yaml"
        try String(contentsOfFile: settings, encoding: .utf8).replacing("    - costs.lines\n", with: """
                - costs.lines
                - basic.purpose
                - usage.disaster_tasks
                - hardware.servers[*].role
                - integrations[*].data
                - vendor.maintainer
                - basic.renewal
                - basic.category

            """).write(toFile: settings, atomically: true, encoding: .utf8)
        let internalSite = try await buildSite(project)
        let published = try await buildSite(project, options: SiteOptions(profile: .public))
        let secrets = ["公民館の部屋の予約", "避難者名簿の作成", "受付PC", "AP・DB", "異動情報", "本人確認情報", "保守専門株式会社", "2027-05"]
        for secret in secrets {
            #expect(internalSite.values.contains { String(decoding: $0, as: UTF8.self).contains(secret) }, "internal lacks \(secret)")
            for (path, bytes) in published {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(secret), "\(path) shows \(secret)")
            }
        }
        // What is not hidden stays: the servers' other columns, the links themselves, the developer.
        let juki = published.text("systems/juki/index.html")
        #expect(juki.contains("SRV-OS-HIDDEN-2019") == false && juki.contains("1,200 GB") && juki.contains("住基ネット"))
        #expect(published.text("systems/zeimu/index.html").contains("共同利用センター"))
        #expect(published.text("analysis/disaster.html").contains("公開版には掲載していません"))
        // The guideline's counts follow the same rule: no_cost_breakdown is worked out from the
        // hidden costs.lines, so its count is withheld there too (it was printed all the same).
        #expect(internalSite.text("guidelines/guideline.md").contains("内訳を把握できていないシステムは 1 件です"))
        #expect(published.text("guidelines/guideline.md").contains("内訳を把握できていないシステムは 非公開です"))
        #expect(published.text("guidelines/index.html").contains("内訳を把握できていないシステムは 非公開です"))
        // The integration map's table names each system's category (its node's colour), unless hidden.
        #expect(internalSite.text("analysis/integrations.html").contains("<td>住民情報系</td><td>送信</td>"))
        #expect(!published.text("analysis/integrations.html").contains("<td>住民情報系</td>"))
        // The facts behind the withheld per-system gaps not_anchored and no_emergency_manual are
        // left out with them (kominkan has no emergency manual; the internal edition shows both facts).
        #expect(internalSite.text("systems/kominkan/index.html").contains("耐震固定"))
        for (path, bytes) in published where path.hasPrefix("systems/") || path.hasPrefix("data/") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("耐震固定") && !text.contains("緊急時対応手順書") && !text.contains("\"seismic\"")
                    && !text.contains("\"emergency_manual\""), "\(path)")
        }
        // The software's OS list names the servers' OS, which the edition withholds: it goes too.
        #expect(internalSite.text("systems/juki/index.html").contains("Windows Server 2019"))
        for (path, bytes) in published {
            #expect(!String(decoding: bytes, as: UTF8.self).contains("Windows Server 2019"), "\(path)")
        }
        // Hiding the cost breakdown (`costs.lines`, as the fixture does) leaves the amounts; hiding
        // one amount hides every per-system amount, which would give it away.
        // juki: 3,600 千円 a year, 18,000,000円 over five.
        #expect(published.text("analysis/maintenance.html").contains("18,000,000円"))
        #expect(published.text("systems/index.html").contains("3,600,000円"))
        try String(contentsOfFile: settings, encoding: .utf8).replacing("    - basic.renewal\n", with: "    - basic.renewal\n    - costs.annual.other\n")
            .write(toFile: settings, atomically: true, encoding: .utf8)
        let moneyHidden = try await buildSite(project, options: SiteOptions(profile: .public))
        #expect(moneyHidden.text("analysis/maintenance.html").contains("経費を掲載していません"))
        #expect(!moneyHidden.text("systems/index.html").contains("3,600,000円"))
        #expect(!moneyHidden.text("analysis/maintenance.html").contains("18,000,000円"))
    }

    /// The public edition is the same whatever a hidden field holds, and whether it is filled in
    /// at all: not only its value but the completeness it counts towards (a hidden recommended
    /// field), the checklist's share it tallies (`security.audit`) and the order of the disaster
    /// table it would sort (a hidden task name) stay out of every page and export.
    @Test func thePublicEditionDoesNotChangeWithAHiddenField() async throws {
        func variant(_ edits: [(file: String, from: String, to: String)]) async throws -> (internal: [String: [UInt8]], published: [String: [UInt8]]) {
            let project = try copyFixture("small")
            defer { try? FileManager.default.removeItem(atPath: project) }
            let settings = project + "/daicho.yaml"
            try String(contentsOfFile: settings, encoding: .utf8).replacing("    - costs.lines\n", with: "    - costs.lines\n    - usage.disaster_tasks[].task\n")
                .write(toFile: settings, atomically: true, encoding: .utf8)
            let kominkan = project + "/inventory/kominkan.yaml"
            try String(contentsOfFile: kominkan, encoding: .utf8)
                .replacing("usage: {users: 6, form: standalone_pc, dependency: 4}", with: """
                    usage:
                      users: 6
                      form: standalone_pc
                      dependency: 4
                      disaster_tasks: [{task: 施設の開放, kind: disaster, target: same_day}]
                    """)
                .write(toFile: kominkan, atomically: true, encoding: .utf8)
            for edit in edits {
                let path = project + "/inventory/" + edit.file
                let text = try String(contentsOfFile: path, encoding: .utf8)
                #expect(text.contains(edit.from), "\(edit.file) lacks \(edit.from)")
                try text.replacing(edit.from, with: edit.to).write(toFile: path, atomically: true, encoding: .utf8)
            }
            return (try await buildSite(project), try await buildSite(project, options: SiteOptions(profile: .public)))
        }
        let before = try await variant([])
        // Off-site backup (recommended, hidden by default) no longer filled in; the audit (hidden)
        // answered otherwise; the hidden task renamed from after 施設の開放 (避…) to before it (あ…).
        let after = try await variant([("juki.yaml", "offsite: false, ", ""), ("juki.yaml", "audit: false", "audit: true"),
                                       ("juki.yaml", "避難者名簿の作成", "ああ名簿")])
        #expect(before.internal.text("systems/juki/index.html") != after.internal.text("systems/juki/index.html"))
        #expect(before.internal.text("guidelines/checklist.html") != after.internal.text("guidelines/checklist.html"))
        #expect(before.internal.text("index.html") != after.internal.text("index.html"))
        #expect(Set(before.published.keys) == Set(after.published.keys))
        for (path, bytes) in before.published {
            let same = after.published[path] == bytes
            #expect(same, "\(path) changes with a hidden field")
        }
        // The hidden task given the name of juki's other task: the internal table merges the two
        // (one row per task per system), the public one, which cannot tell, lists both as before.
        let repeated = try await variant([("juki.yaml", "避難者名簿の作成", "住民票の交付")])
        #expect(before.internal.text("analysis/disaster.html") != repeated.internal.text("analysis/disaster.html"))
        for (path, bytes) in before.published {
            let same = repeated.published[path] == bytes
            #expect(same, "\(path) changes when a hidden task repeats another's name")
        }
        // juki: 38 counted fields less the 8 the public profile hides (operation.backup.offsite among
        // them, and hardware.seismic and operation.emergency_manual, the facts of two withheld gaps).
        #expect(before.published.text("systems/juki/index.html").contains("(30/30)"))
        #expect(before.published.text("guidelines/checklist.html").contains("公開版には掲載していません"))
    }

    /// A ledger's decimals are shown as written (up to the 6 places it may give), not rounded to
    /// 2 or 4: a quantity, hours, gigabytes; a line's amount keeps its fraction of a yen.
    @Test func decimalsAreShownAsWritten() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let juki = project + "/inventory/juki.yaml"
        var text = try String(contentsOfFile: juki, encoding: .utf8)
        for (from, to) in [("unit_price: 100, quantity: 12,", "unit_price: 100, quantity: 12.000005,"), ("memory_gb: 32,", "memory_gb: 16.123456,"),
                           ("rto_hours: 24,", "rto_hours: 0.333333,")] {
            #expect(text.contains(from))
            text = text.replacing(from, with: to)
        }
        try text.write(toFile: juki, atomically: true, encoding: .utf8)
        let site = try await buildSite(project)
        let page = site.text("systems/juki/index.html")
        // 100 千円 = 100,000円 × 12.000005 = 1,200,000.5円.
        #expect(page.contains("12.000005か月") && page.contains("1,200,000.5円"))
        #expect(page.contains("16.123456 GB") && page.contains("0.333333時間"))
        #expect(site.text("systems/juki/sla.md").contains("0.333333時間"))
        #expect(site.text("systems/juki/rfi.md").contains("1,200,000.5円"))
        let json = site.text("data/systems.json")
        #expect(json.contains("12.000005") && json.contains("16.123456") && json.contains("0.333333"))
    }

    /// A vendor of 300 systems each at the largest amounts (10 trillion thousand yen apiece) made
    /// the vendors' list overflow and stop the program; its total stops at the limit and says so,
    /// and no figure per resident is made from a total that stopped.
    @Test func totalsOfHostileAmountsDoNotStopTheBuild() async throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-huge-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.createDirectory(atPath: project + "/inventory", withIntermediateDirectories: true)
        try "organization: {name: 市, population: 1000}\n".write(toFile: project + "/daicho.yaml", atomically: true, encoding: .utf8)
        for index in 0..<300 {
            let id = String(format: "s%03d", index)
            try """
                schema: 1
                id: \(id)
                basic: {name: 大\(index), department: 総務課}
                costs:
                  unit: thousand_yen
                  initial: {hardware: 10000000000000}
                  annual: {maintenance: 10000000000000, service: 10000000000000, other: 10000000000000}
                vendor: {developer: 大手株式会社}

                """.write(toFile: project + "/inventory/\(id).yaml", atomically: true, encoding: .utf8)
        }
        let site = try await buildSite(project)
        #expect(site.text("vendors/index.html").contains("9,223,372,036,854,775,807円以上"))
        #expect(site.text("index.html").contains("円以上"))
        let bytes = try #require(site["data/analysis.json"])
        let analysis = try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect((analysis["costs"] as? [String: Any])?["per_resident"] is NSNull)
    }

    @Test func hiddenFieldsAppearNowhere() async throws {
        let internalSite = try await buildSite(Paths.fixture("small"))
        let published = try await buildSite(Paths.fixture("small"), options: SiteOptions(profile: .public))
        let hiddenCodes = ["no_offsite", "not_anchored", "no_emergency_manual", "no_operator_agreement"]
        let secrets = ["山田 太郎", "045-000-1234", "juki-support@example.jp", "SRV-OS-HIDDEN-2019", "HIDDEN-TAPE",
                       "端末は窓口専用", "電力会社", "マイナンバー利用事務系", "サーバ保守", "アプリ保守",
                       "庁舎外保管なし", "耐震固定なし", "緊急時対応手順書なし", "運用事業者とのBCP取り決めなし"] + hiddenCodes
        for secret in secrets {
            // The internal site shows them, so the test really looks for something.
            let shownInternally = internalSite.values.contains(where: { String(decoding: $0, as: UTF8.self).contains(secret) })
            #expect(shownInternally, "internal lacks \(secret)")
            // analysis.json names every gap code (below); no other file names a hidden one.
            for (path, bytes) in published where !(path == "data/analysis.json" && hiddenCodes.contains(secret)) {
                #expect(!String(decoding: bytes, as: UTF8.self).contains(secret), "\(path) shows \(secret)")
            }
        }
        // analysis.json keeps all 13 codes in `gaps`, as its contract binds it to, but a hidden one
        // with no systems; `gaps_withheld` says which; `system_gaps` names none of them.
        func analysis(_ site: [String: [UInt8]]) throws -> [String: Any] {
            let bytes = try #require(site["data/analysis.json"])
            return try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        }
        let publicGaps = try #require(try analysis(published)["gaps"] as? [String: [String]])
        let internalGaps = try #require(try analysis(internalSite)["gaps"] as? [String: [String]])
        #expect(publicGaps.count == 13 && internalGaps.count == 13)
        #expect(hiddenCodes.contains { !(internalGaps[$0] ?? []).isEmpty })
        for code in hiddenCodes { #expect(publicGaps[code] == [], "\(code)") }
        #expect(Set(try #require(try analysis(published)["gaps_withheld"] as? [String])).isSuperset(of: hiddenCodes))
        #expect(try analysis(internalSite)["gaps_withheld"] == nil)
        let publicBySystem = try #require(try analysis(published)["system_gaps"] as? [String: [String]])
        #expect(publicBySystem.values.allSatisfy { Set($0).isDisjoint(with: hiddenCodes) })
        #expect(published.text("index.html").contains("公開版"))
        // Only the public edition's exports are called open data.
        #expect(published.text("data/index.html").contains("<h1>オープンデータ</h1>"))
        #expect(internalSite.text("data/index.html").contains("<h1>データ出力（庁内版）</h1>") && !internalSite.text("index.html").contains("オープンデータ"))
        // Procurement drafts are internal working papers.
        #expect(internalSite["systems/juki/rfp.md"] != nil)
        #expect(published.keys.allSatisfy { !$0.hasSuffix("rfp.md") && !$0.hasSuffix("sla.html") })
        // Governance gaps stay public.
        #expect(published.text("systems/juki/index.html").contains("SLA未締結"))
    }
}

@Suite(.serialized) struct OutputSafetyTests {
    @Test func aFailedBuildLeavesThePreviousSiteUntouched() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site"
        let templates = project + "/templates"
        try FileManager.default.copyItem(atPath: Paths.templates, toPath: templates)
        let builder = SiteBuilder(options: SiteOptions())
        guard case .built = try await builder.build(project: project, output: output) else {
            Issue.record("first build stopped")
            return
        }
        let before = try String(contentsOfFile: output + "/systems/juki/index.html", encoding: .utf8)

        // A misspelled key on line 3 of the system template.
        let systemTemplate = templates + "/layouts/system.mustache"
        var lines = try String(contentsOfFile: systemTemplate, encoding: .utf8).components(separatedBy: "\n")
        lines[2] = lines[2].replacingOccurrences(of: "{{department}}", with: "{{departmnet}}")
        try lines.joined(separator: "\n").write(toFile: systemTemplate, atomically: true, encoding: .utf8)
        do {
            _ = try await builder.build(project: project, output: output)
            Issue.record("a misspelled key must fail the build")
        } catch let error as TemplateError {
            #expect(error.template.hasSuffix("templates/layouts/system.mustache"))
            #expect(error.line == 3)
            #expect(error.key == "departmnet")
            #expect(error.diagnostic.message.ja.contains("departmnet"))
        }
        #expect(try String(contentsOfFile: output + "/systems/juki/index.html", encoding: .utf8) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project).filter { $0.contains(".building-") }
        #expect(leftovers.isEmpty)
    }

    @Test func neverReplacesAFolderItDidNotBuild() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let builder = SiteBuilder(options: SiteOptions(), templatesOverride: Paths.templates)
        // The project itself, and a folder of someone's documents, are refused and left as they were.
        for output in [project, project + "/documents"] {
            try FileManager.default.createDirectory(atPath: project + "/documents", withIntermediateDirectories: true)
            try "大事な文書".write(toFile: project + "/documents/memo.txt", atomically: true, encoding: .utf8)
            do {
                _ = try await builder.build(project: project, output: output, incremental: false)
                Issue.record("\(output) must be refused")
            } catch let error as WriteError {
                guard case .notASite = error else { Issue.record("\(error)"); continue }
                if output.hasSuffix("/documents") {
                    #expect(error.message(.ja) == "「\(output)」は Daicho が作ったサイトではないため、置き換えません（中に memo.txt があります。空のフォルダか、新しいフォルダを指定してください）")
                }
            }
            #expect(FileManager.default.fileExists(atPath: project + "/inventory/juki.yaml"))
            #expect(FileManager.default.fileExists(atPath: project + "/documents/memo.txt"))
        }
        // A folder that looks empty names what is in it: hidden files too.
        try FileManager.default.createDirectory(atPath: project + "/hidden", withIntermediateDirectories: true)
        for name in [".gitkeep", "Thumbs.db", "a", "b", "c", "d"] { try "".write(toFile: project + "/hidden/" + name, atomically: true, encoding: .utf8) }
        do {
            _ = try await builder.build(project: project, output: project + "/hidden", incremental: false)
            Issue.record("a folder with files must be refused")
        } catch let error as WriteError {
            #expect(error.message(.ja).contains("（中に .gitkeep、Thumbs.db、a、b、c（ほか 1 件）があります。"), "\(error.message(.ja))")
        }
        #expect(WriteError.notASite("x", holding: nil).message(.ja) == "「x」は Daicho が作ったサイトではないため、置き換えません（フォルダではありません。空のフォルダか、新しいフォルダを指定してください）")
        // A site it built, and an empty folder, are fine.
        try FileManager.default.createDirectory(atPath: project + "/empty", withIntermediateDirectories: true)
        guard case .built = try await builder.build(project: project, output: project + "/empty", incremental: false) else {
            Issue.record("an empty folder must be usable")
            return
        }
        guard case .built = try await builder.build(project: project, output: project + "/empty", incremental: false) else {
            Issue.record("its own site must be replaceable")
            return
        }
    }

    /// A site whose front page was deleted by hand is still the site Daicho built (its manifest is
    /// beside it): a full build replaces it, and so does `--no-incremental`. Without the manifest
    /// the same folder is refused, as any folder that does not look built.
    @Test func aBuiltSiteWithoutItsFrontPageCanBeBuiltWhole() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site"
        let builder = SiteBuilder(options: SiteOptions(), templatesOverride: Paths.templates)
        _ = try await builder.build(project: project, output: output)
        try FileManager.default.removeItem(atPath: output + "/index.html")
        guard case .built = try await builder.build(project: project, output: output, incremental: false) else {
            Issue.record("the site must be built whole")
            return
        }
        #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
        try FileManager.default.removeItem(atPath: output + "/index.html")
        try FileManager.default.removeItem(atPath: project + "/.site.daicho-manifest")
        await #expect(throws: WriteError.self) { _ = try await builder.build(project: project, output: output, incremental: false) }
    }

    @Test func editingATemplateChangesTheOutput() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.copyItem(atPath: Paths.templates, toPath: project + "/templates")
        let footer = project + "/templates/layouts/footer.mustache"
        let text = try String(contentsOfFile: footer, encoding: .utf8)
        try text.replacingOccurrences(of: "</footer>", with: "<p>さくら町 情報政策係</p></footer>")
            .write(toFile: footer, atomically: true, encoding: .utf8)
        let site = MemorySite()
        _ = try await SiteBuilder(options: SiteOptions()).build(project: project, into: site)
        #expect(await site.pages.text("index.html").contains("さくら町 情報政策係"))
    }

    @Test func errorsStopTheBuildUnlessForced() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try "schema: 1\nid: broken\nbasic: {name: x, department: y}\nusage: {form: nonsense}\n"
            .write(toFile: project + "/inventory/broken.yaml", atomically: true, encoding: .utf8)
        let site = MemorySite()
        let stopped = try await SiteBuilder(options: SiteOptions(), templatesOverride: Paths.templates).build(project: project, into: site)
        guard case .stopped = stopped else { Issue.record("must stop"); return }
        #expect(await site.pages.isEmpty)
        let forced = try await buildSite(project, force: true)
        #expect(forced["systems/broken/index.html"] == nil)
        #expect(forced["systems/juki/index.html"] != nil)
        #expect(forced.text("index.html").contains("inventory/broken.yaml"))
    }
}

func copyFixture(_ name: String) throws -> String {
    let target = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-site-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: Paths.fixture(name), toPath: target)
    return target
}
