import DaichoCore

/// A chart with its caption and the data behind it (shown as a table beside it: accessible and printable).
struct ChartView: Sendable {
    var svg: String
    var caption: String
    var table: SubTable
}

/// One analysis page: charts, tables and notes under a heading.
struct AnalysisPage: Sendable {
    var page: PageFrame
    var heading: String
    var intro: String
    var charts: [ChartView]
    var tables: [SubTable]
    var notes: [String]
    var hasNotes: Bool
}

struct AnalysisIndexPage: Sendable {
    var page: PageFrame
    var links: [DashboardPage.SectionLink]
}

extension SiteContext {
    /// Bars beyond this many are left out of a chart (the table keeps them all).
    static let chartLimit = 150

    /// The analysis pages as links (`analysis/<name>.html`): the analysis index and the dashboard list them.
    var analysisLinks: [DashboardPage.SectionLink] {
        analysisSections.map { .init(href: "analysis/\($0.name).html", label: $0.label, description: $0.description) }
    }

    /// (path, template, view model builder) of every analysis page; builders run in parallel.
    func analysisPages() -> [(String, String, @Sendable () -> Any)] {
        let index = frame(path: SiteSection.analysis.path, title: t("analysis"), section: .analysis,
                          crumbs: [(SiteSection.analysis.path, t("analysis"))])
        // Links relative to analysis/index.html.
        let links = analysisSections.map { DashboardPage.SectionLink(href: $0.name + ".html", label: $0.label, description: $0.description) }
        let indexModel: @Sendable () -> Any = { AnalysisIndexPage(page: index, links: links) }
        var result: [(String, String, @Sendable () -> Any)] = [(SiteSection.analysis.path, "analysis-index", indexModel)]
        for section in analysisSections { result.append(("analysis/\(section.name).html", "analysis", section.build)) }
        return result
    }

    private var analysisSections: [(name: String, label: String, description: String, build: @Sendable () -> Any)] {
        let context = self
        return [
            ("distributions", t("distributions"), t("利用形態・設置場所・運用体制・依存度など", "Form of use, location, structure, dependency"),
             { context.distributionsPage() }),
            ("maintenance", t("maintenance"), t("導入経費に対する運用保守経費", "Maintenance against initial cost"), { context.maintenancePage() }),
            ("consolidation", t("consolidation"), t("仮想化基盤への集約案", "Consolidation onto virtualization hosts"),
             { context.consolidationPage() }),
            ("terminals", t("terminals"), t("専用端末と災害用予備機", "Dedicated terminals and spares"), { context.terminalsPage() }),
            ("gaps", t("gapsTitle"), t("短期的に対応すべき課題", "Short-term issues to address"), { context.gapsPage() }),
            ("disaster", t("disaster"), t("発災時に必要な業務と復旧目標", "Work and targets after a disaster"), { context.disasterPage() }),
            ("renewals", t("renewals"), t("年度別の更新予定", "Renewals by fiscal year"), { context.renewalsPage() }),
            ("integrations", t("integrations"), t("システム間のデータ連携", "Data links between systems"), { context.integrationsPage() }),
        ]
    }

    private func analysisFrame(_ path: String, _ title: String) -> PageFrame {
        frame(path: path, title: title, section: .analysis,
              crumbs: [(SiteSection.analysis.path, t("analysis")), (path, title)])
    }

    private func page(_ path: String, _ title: String, intro: String, charts: [ChartView], tables: [SubTable] = [],
                      notes: [String] = []) -> AnalysisPage {
        // Every table of an analysis page says when it has no rows.
        let none = noneText
        var charts = charts, tables = tables
        for index in charts.indices { charts[index].table.emptyText = none }
        for index in tables.indices { tables[index].emptyText = none }
        return AnalysisPage(page: analysisFrame(path, title), heading: title, intro: intro, charts: charts, tables: tables,
                            notes: notes, hasNotes: !notes.isEmpty)
    }

    private func percent(_ value: Exact) -> String { value.percentString + "%" }

    /// The language of chart labels that are ledger names (systems, outside parties): Japanese,
    /// said so on a page in another language (see `Language.marksLedgerText`).
    private var ledgerLabelLanguage: String? { language.marksLedgerText ? "ja" : nil }

    /// What an analysis table says where it has nothing to list, a whole table or one cell.
    private var noneText: String { t("該当なし", "None") }

    /// A cell listing systems (links, made already), or 「該当なし」 when there are none: a blank
    /// cell reads as a figure left out, not as a list with nothing in it.
    private func listCell(_ items: [String]) -> String {
        items.isEmpty ? HTML.escape(noneText) : items.joined(separator: "、")
    }

    /// A count as every figure of the site is written, its digits grouped (`1,764`).
    private func count(_ value: Int) -> String { YenFormat.grouped(value) }

    /// - Parameters: number: the survey item's number (①); name: what it asks, which heads the table's first column.
    private func distributionChart(_ number: String, _ name: String, _ distribution: EnumDistribution, _ spec: EnumSpec) -> ChartView {
        let title = number + " " + name
        let bars = distribution.counts.enumerated().map { index, entry in
            BarChart.Bar(label: spec.label(of: entry.token).text(language), value: distribution.share(of: entry.token) * Exact(100),
                         valueText: "\(count(entry.count))（\(percent(distribution.share(of: entry.token)))）", category: index)
        }
        let chart = BarChart(title: title, description: t("回答 \(count(distribution.answered))件に占める割合", "Share of \(count(distribution.answered)) answers"),
                             valueAxisLabel: t("割合（%）", "Share (%)"), bars: bars, referenceLine: nil, maximum: Exact(100))
        let rows = distribution.counts.map { [HTML.escape(spec.label(of: $0.token).text(language)), count($0.count), percent(distribution.share(of: $0.token))] }
            + [[t("unanswered"), count(distribution.unanswered), ""]]
        return ChartView(svg: chart.svg(in: language), caption: title + t("（回答 \(count(distribution.answered))、未回答 \(count(distribution.unanswered))）",
                                                             " (answered \(count(distribution.answered)), unanswered \(count(distribution.unanswered)))"),
                         table: SubTable(caption: title, headers: [name, t("count"), t("share")], rows: rows))
    }

    func distributionsPage() -> AnalysisPage {
        let d = analysis.distributions
        let users = d.users
        let orgWide = project.policy.userBuckets.first ?? 300, broad = project.policy.userBuckets.last ?? 56
        let userBars: [(String, Int)] = [
            (t("全庁的（\(orgWide)人以上）", "Organisation-wide (\(orgWide)+)"), users.orgWide),
            (t("中規模（\(broad)〜\(orgWide - 1)人）", "Broad (\(broad)–\(orgWide - 1))"), users.broad),
            (t("業務特化（\(broad - 1)人以下）", "Specialised (up to \(broad - 1))"), users.specialized),
        ]
        let userChart = BarChart(
            title: t("⑤ 利用職員数", "⑤ Staff users"), description: t("利用職員数の区分ごとのシステム数", "Systems per user bucket"),
            valueAxisLabel: t("システム数", "Systems"),
            bars: userBars.enumerated().map { .init(label: $1.0, value: Exact($1.1), valueText: count($1.1), category: $0) },
            referenceLine: nil, maximum: nil)
        let serverKeys = d.servers.keys.sorted()
        let serverChart = ColumnChart(
            title: t("⑥ システムあたりの物理サーバ台数", "⑥ Physical servers per system"),
            description: t("物理サーバの台数ごとのシステム数", "Systems by number of physical servers"),
            valueAxisLabel: t("システム数", "Systems"), categoryAxisLabel: t("物理サーバ台数", "Physical servers"),
            columns: serverKeys.map { .init(label: "\($0)", value: Exact(d.servers[$0] ?? 0), valueText: count(d.servers[$0] ?? 0), category: 4) })
        return page("analysis/distributions.html", t("distributions"),
                    intro: t("調査項目①〜⑦に沿って、利用形態・設置場所・運用体制・依存度・利用者数・サーバ台数の分布を示します。",
                             "Distributions along survey items ①–⑦."),
                    charts: [
                        distributionChart("①", t("利用形態", "Form of use"), d.usageForm, UsageForm.spec),
                        distributionChart("②", t("設置場所", "Location"), d.location, HardwareLocation.spec),
                        distributionChart("③", t("運用体制", "Operating structure"), d.managementStructure, ManagementStructure.spec),
                        distributionChart("④", t("業務の情報システムへの依存度", "Dependency on the system"), d.dependency, Dependency.spec),
                        // With its unanswered count, as the other four: the rows add up to every system.
                        ChartView(svg: userChart.svg(in: language),
                                  caption: userChart.title + t("（回答 \(count(users.answered))、未回答 \(count(analysis.systemCount - users.answered))）",
                                                               " (answered \(count(users.answered)), unanswered \(count(analysis.systemCount - users.answered)))"),
                                  table: SubTable(caption: userChart.title, headers: [t("利用職員数", "Staff users"), t("systemsCount")],
                                                  rows: userBars.map { [HTML.escape($0.0), count($0.1)] }
                                                      + [[t("unanswered"), count(analysis.systemCount - users.answered)]])),
                        ChartView(svg: serverChart.svg(in: language), caption: serverChart.title,
                                  table: SubTable(caption: serverChart.title, headers: [t("physicalServers"), t("systemsCount")],
                                                  rows: serverKeys.map { ["\($0)", count(d.servers[$0] ?? 0)] })),
                    ])
    }

    static func flagCategory(_ flag: MaintenanceAnalysis.Flag) -> Int {
        switch flag {
        case .high: 5
        case .low: 1
        case .ok: 2
        case .none, .unknown, .notApplicable: 7
        }
    }

    func maintenancePage() -> AnalysisPage {
        let path = "analysis/maintenance.html"
        let root = "../"
        let m = analysis.maintenance
        if visibility.hidesCosts {
            return page(path, t("maintenance"), intro: t("公開版では経費を掲載していません。", "Costs are not published in this edition."), charts: [])
        }
        let withRatio = m.systems.filter { $0.ratio != nil }
        let shown = withRatio.leading(Self.chartLimit) { ($1.ratio ?? .zero) < ($0.ratio ?? .zero) || (($0.ratio == $1.ratio) && $0.id < $1.id) }
        var chart = BarChart(
            title: t("運用保守経費の割合（\(m.periodYears)年間）", "Maintenance ratio (\(m.periodYears) years)"),
            description: t("導入経費に対する\(m.periodYears)年間の運用保守経費の割合。破線は基準 \(percent(m.referenceRatio))",
                           "\(m.periodYears)-year maintenance over initial cost; dashed line: reference \(percent(m.referenceRatio))"),
            valueAxisLabel: t("割合（%）", "Ratio (%)"),
            bars: shown.map { s in
                BarChart.Bar(label: byID.name(s.id) ?? s.id, value: (s.ratio ?? .zero) * Exact(100),
                             valueText: percent(s.ratio ?? .zero) + " " + s.flag.label.text(language),
                             category: Self.flagCategory(s.flag), link: root + systemPath(s.id))
            },
            referenceLine: .init(value: m.referenceRatio * Exact(100), label: t("基準 ", "reference ") + percent(m.referenceRatio)),
            maximum: nil)
        chart.labelLanguage = ledgerLabelLanguage
        // A row shows its own system's figures alone (what its ledger and the policy give), so a
        // rebuild copies the rows of unchanged systems from the last page (`Fragments.maintenance`).
        // Highest ratio first, as the chart (ids are no order to a reader); those without one last.
        let systems = Self.byRatio(m.systems), shownIn = language
        let table = SubTable(caption: t("システム別", "By system"),
                             headers: [t("system"), t("initialCost"), t("保守費（\(m.periodYears)年）", "Maintenance (\(m.periodYears) y)"),
                                       t("ratio"), t("flag"), t("lifecycleCost"), t("annualEquivalent")],
                             count: systems.count, rowID: { systems[$0].id }) { [self] index in
            let s = systems[index]
            return [systemLink(s.id, root: root),
                    s.initial.map { YenFormat.yen($0, shownIn) } ?? "—", s.omPeriod.map { YenFormat.yen($0, shownIn) } ?? "—",
                    s.ratio.map { percent($0) } ?? "—",
                    "<span class=\"flag flag-\(s.flag.rawValue)\">\(HTML.escape(s.flag.label.text(shownIn)))</span>",
                    s.lifecycleCost.map { YenFormat.yen($0, shownIn) } ?? "—", s.annualEquivalent.map { YenFormat.yen($0, shownIn) } ?? "—"]
        }.sortable([.text, .number, .number, .number, .text, .number, .number], descending: 3)
        var notes = [t("判定は「不明（保守費が未記入）」「対象外（導入経費が0または未記入）」「保守費なし」「低い（\(percent(m.lowRatio))未満）」「高い（\(percent(m.referenceRatio))超）」「適正」の順に判定しています。",
                       "Flags are checked in this order: unknown, not applicable, none, low (below \(percent(m.lowRatio))), high (above \(percent(m.referenceRatio))), ok.")]
        if withRatio.count > shown.count {
            notes.append(t("図は割合の高い順に \(shown.count) システムまで表示しています。すべては表をご覧ください。",
                           "The chart shows the \(shown.count) highest ratios; the table has them all."))
        }
        // The chart has a bar per ratio: the systems without one are in the table alone.
        if withRatio.count < m.systems.count {
            notes.append(t("割合のない \(count(m.systems.count - withRatio.count)) システム（不明・対象外）は図に含めず、表の末尾に載せています。",
                           "The \(m.systems.count - withRatio.count) systems without a ratio (unknown, not applicable) are in the table only, at its end."))
        }
        return page(path, t("maintenance"),
                    intro: t("導入経費（ハードウェア・ソフトウェア・構築）に対する運用保守経費の割合です。基準を超えるものは保守内容の見直し、極端に低いものは必要な保守が行われているかの確認が必要です。",
                             "Maintenance cost against initial cost. Above the reference, review the maintenance; far below it, check that minimum maintenance is done."),
                    charts: [ChartView(svg: chart.svg(in: language), caption: chart.title, table: table)], notes: notes)
    }

    /// The maintenance rows highest ratio first (ties by id), then those without a ratio by id.
    static func byRatio(_ systems: [MaintenanceAnalysis.System]) -> [MaintenanceAnalysis.System] {
        systems.sorted { a, b in
            switch (a.ratio, b.ratio) {
            case let (x?, y?): x != y ? y < x : a.id < b.id
            case (.some, nil): true
            case (nil, .some): false
            case (nil, nil): a.id < b.id
            }
        }
    }

    func consolidationPage() -> AnalysisPage {
        if visibility.hidesAny(Analysis.consolidationSources) { return withheldPage("analysis/consolidation.html", t("consolidation")) }
        let c = analysis.consolidation
        let root = "../"
        let analyzer = Analyzer(policy: project.policy)
        let capacity = analyzer.hostCapacityForDisplay
        let demands = Dictionary(analyzer.demandsForDisplay(ledgers).map { ($0.id, $0.share(of: capacity)) }, uniquingKeysWith: { a, _ in a })
        var bins = HostBinsChart(
            title: t("集約後のホスト構成", "Hosts after consolidation"),
            description: t("各ホストに載せるシステムと、その最も大きい資源の割合", "Systems on each host and the share of its largest resource"),
            hosts: c.hosts.enumerated().map { index, ids in
                .init(label: t("ホスト\(index + 1)", "Host \(index + 1)"), segments: ids.enumerated().map { position, id in
                    .init(label: byID.name(id) ?? id, share: demands[id] ?? .zero, category: position)
                })
            },
            unitLabel: t("ホスト容量に対する割合", "Share of host capacity"))
        bins.labelLanguage = ledgerLabelLanguage
        let compare = BarChart(
            title: t("物理サーバ台数（集約前と集約後）", "Physical servers before and after"),
            description: t("集約前 \(count(c.physicalBefore))台、集約後 \(count(c.physicalAfter))台", "\(count(c.physicalBefore)) before, \(count(c.physicalAfter)) after"),
            valueAxisLabel: t("台数", "Servers"),
            bars: [.init(label: t("before"), value: Exact(c.physicalBefore), valueText: count(c.physicalBefore), category: 7),
                   .init(label: t("after"), value: Exact(c.physicalAfter), valueText: count(c.physicalAfter), category: 2)],
            referenceLine: nil, maximum: nil)
        let hostRows = c.hosts.enumerated().map { index, ids in
            [t("ホスト\(index + 1)", "Host \(index + 1)"),
             listCell(ids.map { systemLink($0, root: root) + HTML.escape(t("（\(percent(demands[$0] ?? .zero))）", " (\(percent(demands[$0] ?? .zero)))")) })]
        }
        let facts = SubTable(caption: t("集約の前提と結果", "Assumptions and results"), headers: [t("項目", "Item"), t("内容", "Value")], rows: [
            [t("候補（専用サーバ1台のシステム）", "Candidates (one dedicated server)"), count(c.candidates.count)],
            [t("host") + t("の容量", " capacity"), t("vCPU \(YenFormat.grouped(capacity.vcpu, places: 1))、メモリ \(YenFormat.grouped(capacity.memory, places: 1)) GB、ディスク \(YenFormat.grouped(capacity.storage, places: 1)) GB（余裕率 \(percent(project.policy.headroom)) を除く）",
                                                   "vCPU \(YenFormat.grouped(capacity.vcpu, places: 1)), memory \(YenFormat.grouped(capacity.memory, places: 1)) GB, storage \(YenFormat.grouped(capacity.storage, places: 1)) GB (after \(percent(project.policy.headroom)) headroom)")],
            [t("使用ホスト数", "Hosts used"), count(c.hostsUsed)], [t("lowerBound"), count(c.lowerBound)],
            [t("予備ホスト", "Spare hosts"), count(c.spareHosts)], [t("ホスト合計", "Hosts in all"), count(c.hostsTotal)],
            [t("physicalServers") + t("（集約前→集約後）", " (before → after)"), "\(count(c.physicalBefore)) → \(count(c.physicalAfter))"],
            [t("assumed"), listCell(c.assumed.map { systemLink($0, root: root) })],
            [t("unplaceable"), listCell(c.unplaceable.map { systemLink($0, root: root) })],
        ])
        return page("analysis/consolidation.html", t("consolidation"),
                    intro: t("専用サーバ1台で動いているシステムを、仮想化基盤のホストへ集約した場合の試算です（大きい順に先頭のホストから詰める方法）。",
                             "What consolidating single-server systems onto virtualization hosts would take (first-fit decreasing)."),
                    charts: [
                        ChartView(svg: compare.svg(in: language), caption: compare.title,
                                  table: SubTable(caption: compare.title, headers: [t("区分", "Stage"), t("physicalServers")],
                                                  rows: [[t("before"), count(c.physicalBefore)], [t("after"), count(c.physicalAfter)]])),
                        ChartView(svg: bins.svg(in: language), caption: bins.title,
                                  table: SubTable(caption: bins.title, headers: [t("host"), t("systems") + t("（ホスト容量に対する割合）", " (share of the host)")],
                                                  rows: hostRows).sortable([.text, nil])),
                    ],
                    tables: [facts])
    }

    func terminalsPage() -> AnalysisPage {
        if visibility.hidesAny(Analysis.terminalSources) { return withheldPage("analysis/terminals.html", t("terminals")) }
        let term = analysis.terminals
        let root = "../"
        let groups = term.groups.sorted { $0.count != $1.count ? $0.count > $1.count : $0.group < $1.group }
        // A group of one system is that system; a shared group is named after its first system
        // (its own name is an id from the ledgers), with "shared" in words, not by colour alone.
        // `name` takes the system's name, `words` the rest (the table escapes both, and marks the name Japanese).
        func groupLabel(_ group: TerminalAnalysis.Group, name: (String) -> String = { $0 }, words: (String) -> String = { $0 }) -> String {
            guard group.systems.count > 1 else { return name(byID.name(group.group) ?? group.group) }
            let named = group.systems.contains(group.group) ? group.group : group.systems.first
            let first = named.flatMap { byID.name($0) } ?? group.group
            return words(t("共用: ", "Shared: ")) + name(first) + words(t(" ほか\(group.systems.count - 1)", " and \(group.systems.count - 1) more"))
        }
        let chart = BarChart(
            title: t("専用端末の台数（グループ別）", "Dedicated terminals per group"),
            description: t("\(count(term.types))種類、合計 \(count(term.total))台", "\(count(term.types)) types, \(count(term.total)) in all"),
            valueAxisLabel: t("台数", "Terminals"),
            // A group of one system is labelled with ledger text alone (the name of the system its
            // id names, else the id); a shared group's label mixes in the page's words, and is
            // left in the page's language.
            bars: groups.prefix(Self.chartLimit).map { .init(label: groupLabel($0), value: Exact($0.count), valueText: count($0.count),
                                                             category: $0.systems.count > 1 ? 4 : 0,
                                                             labelLanguage: $0.systems.count > 1 ? nil : ledgerLabelLanguage) },
            referenceLine: nil, maximum: nil)
        let spares = BarChart(
            title: t("災害用予備機の台数", "Spare terminals for disasters"),
            description: t("予備率 \(percent(term.spareRate)) で、種類ごとに用意する場合と端末仕様を共通化した場合",
                           "At a spare rate of \(percent(term.spareRate)): per type versus a common specification"),
            valueAxisLabel: t("台数", "Terminals"),
            bars: [.init(label: t("sparesDedicated"), value: Exact(term.sparesDedicated), valueText: count(term.sparesDedicated), category: 5),
                   .init(label: t("sparesCommon"), value: Exact(term.sparesCommon), valueText: count(term.sparesCommon), category: 2)],
            referenceLine: nil, maximum: nil)
        // In the chart's order, largest first.
        let rows = groups.map { group in
            [groupLabel(group, name: { language.ledgerInline(HTML.escape($0)) }, words: HTML.escape)
                + (group.systems.count > 1 ? HTML.escape(t("（\(group.group)）", " (\(group.group))")) : ""),
             count(group.count), listCell(group.systems.map { systemLink($0, root: root) })]
        }
        return page("analysis/terminals.html", t("terminals"),
                    intro: t("業務ごとの専用端末の台数です。共用端末グループ（グラフの青の棒、「共用」の付いたもの）は1種類として数えます。端末仕様を共通化すると、災害用の予備機を少なくできます。",
                             "Dedicated terminals per business; a shared group (blue bars, marked \"Shared\") counts once. A common specification needs fewer spares."),
                    charts: [
                        ChartView(svg: chart.svg(in: language), caption: chart.title,
                                  table: SubTable(caption: chart.title, headers: [t("group"), t("terminalsCount"), t("systems")], rows: rows)
                                      .sortable([.text, .number, nil], descending: 1)),
                        ChartView(svg: spares.svg(in: language), caption: spares.title,
                                  table: SubTable(caption: spares.title, headers: [t("区分", "Case"), t("terminalsCount")],
                                                  rows: [[t("sparesDedicated"), count(term.sparesDedicated)], [t("sparesCommon"), count(term.sparesCommon)]])),
                    ],
                    // The chart draws the largest groups only, as the maintenance chart its highest ratios.
                    notes: groups.count > Self.chartLimit
                        ? [t("図は台数の多い順に \(Self.chartLimit) グループまで表示しています。すべて（\(groups.count) グループ）は図の表をご覧ください。",
                             "The chart shows the \(Self.chartLimit) largest groups; its table has all \(groups.count).")] : [])
    }

    func gapsPage() -> AnalysisPage {
        let root = "../"
        let codes = GapAnalysis.Code.allCases.filter(visibility.shows)
        let chart = BarChart(
            title: t("課題ごとのシステム数", "Systems per gap"),
            description: t("短期的に対応すべき課題に該当するシステムの数", "Systems with each short-term gap"),
            valueAxisLabel: t("システム数", "Systems"),
            bars: codes.map { .init(label: $0.label.text(language), value: Exact(analysis.gaps.byCode[$0]?.count ?? 0),
                                    valueText: count(analysis.gaps.byCode[$0]?.count ?? 0), category: $0.isSecurityOrBCP ? 5 : 4) },
            referenceLine: nil, maximum: nil)
        // The bars' two colours say what the table's kind column says in words (the public
        // edition, which shows no security or BCP gap, has one colour and neither).
        let twoKinds = codes.contains { $0.isSecurityOrBCP } && codes.contains { !$0.isSecurityOrBCP }
        func kind(_ code: GapAnalysis.Code) -> [String] {
            guard twoKinds else { return [] }
            return ["<span class=\"nowrap\">" + (code.isSecurityOrBCP ? t("セキュリティ・BCP", "Security and BCP") : t("その他", "Other")) + "</span>"]
        }
        let rows = codes.map { code in
            [HTML.escape(code.label.text(language))] + kind(code) + [count(analysis.gaps.byCode[code]?.count ?? 0),
             listCell((analysis.gaps.byCode[code] ?? []).map { systemLink($0, root: root) })]
        }
        var notes = twoKinds ? [t("グラフの朱色の棒はセキュリティ・BCPの課題、青の棒はその他の課題です。", "In the chart, vermillion bars are security and BCP gaps, blue bars the others.")] : []
        notes.append(t("未記入の項目から課題は判定しません（記入率に反映されます）。", "An absent field never raises a gap; it lowers completeness instead."))
        // These three concern servers in the building: a service or a cloud is not counted.
        let onPremises = [GapAnalysis.Code.noBackup, .noOffsite, .notAnchored].filter(visibility.shows)
        if !onPremises.isEmpty {
            notes.append(t("「\(onPremises.map { $0.label.ja }.joined(separator: "」「"))」は、サーバを庁舎内（サーバ室・執務室）に置くシステムだけを数えています。",
                           "\(onPremises.map { $0.label.en }.joined(separator: ", ")) count only systems with servers in the building (server room or office)."))
        }
        // The public edition's intro names no topic it withholds, and says at once what it leaves out.
        let withheld = visibility.withheldGapsNote
        return page("analysis/gaps.html", t("gapsTitle"),
                    intro: withheld.map { t("SLA、設計書、カスタマイズなど、台帳から分かる課題です。", "Gaps the ledgers reveal: SLA, documents, customization.")
                        + $0.text(language) }
                        ?? t("バックアップ、耐震、ウイルス対策、手順書、事業者との取り決め、SLA、設計書、カスタマイズなど、台帳から分かる課題です。",
                             "Gaps the ledgers reveal: backup, anchoring, antivirus, procedures, agreements, SLA, documents, customization."),
                    charts: [ChartView(svg: chart.svg(in: language), caption: chart.title,
                                       table: SubTable(caption: chart.title, headers: [t("gaps")] + (twoKinds ? [t("区分", "Kind")] : []) + [t("count"), t("systems")], rows: rows)
                                           .sortable([.text] + (twoKinds ? [.text] : []) + [.number, nil]))],
                    notes: notes)
    }

    /// The page of an analysis whose ledger fields `public_hide` hides: its title, and a note that
    /// the public edition leaves it out.
    private func withheldPage(_ path: String, _ title: String) -> AnalysisPage {
        page(path, title, intro: t("この一覧は公開版には掲載していません。", "This list is not part of the public edition."), charts: [])
    }

    func disasterPage() -> AnalysisPage {
        let root = "../"
        guard let shown = visibility.visibleColumns(of: "usage.disaster_tasks", [("task", 0), ("kind", 1), ("target", 2)]),
              shown.contains(2) else {
            return withheldPage("analysis/disaster.html", t("disaster"))
        }
        let targets = DisasterTarget.allCases
        let (showsTask, showsKind) = (shown.contains(0), shown.contains(1))
        let rows = analysis.disasterTable.map { row in
            (showsTask ? [language.ledgerInline(HTML.escape(row.task))] : []) + (showsKind ? [row.kind.map { HTML.escape($0.label.text(language)) } ?? "—"] : [])
                + [systemLink(row.system, root: root)]
                + targets.map { row.target == $0
                    ? "<span class=\"mark\" aria-hidden=\"true\">●</span><span class=\"visually-hidden\">\(HTML.escape($0.label.text(language)))</span>" : "" }
        }
        let table = SubTable(caption: t("disaster"),
                             headers: (showsTask ? [t("task")] : []) + (showsKind ? [t("kind")] : []) + [t("system")]
                                 + targets.map { $0.label.text(language) }, rows: rows)
            .sortable((showsTask ? [.text] : []) + (showsKind ? [.text] : []) + [.text])
        let counts = targets.map { target in analysis.disasterTable.filter { $0.target == target }.count }
        let chart = ColumnChart(
            title: t("目標時期ごとの業務数", "Tasks per target"),
            description: t("発災後の目標開始・復旧時期ごとの業務の数", "Tasks by target start or recovery time"),
            valueAxisLabel: t("業務数", "Tasks"), categoryAxisLabel: t("target"),
            columns: zip(targets, counts).map { .init(label: $0.label.text(language), value: Exact($1), valueText: count($1), category: 5) })
        return page("analysis/disaster.html", t("disaster"),
                    intro: t("災害時に必要な業務と、その目標開始・復旧時期の一覧です（災害対策業務、優先的に復旧すべき通常業務の順）。",
                             "Work needed in a disaster and its target time (disaster response first, then priority regular work)."),
                    charts: [ChartView(svg: chart.svg(in: language), caption: chart.title,
                                       table: SubTable(caption: chart.title, headers: [t("target"), t("count")],
                                                       rows: zip(targets, counts).map { [HTML.escape($0.label.text(language)), count($1)] }))],
                    tables: [table])
    }

    /// The key to the system category colours of a chart showing systems of `categories`: the
    /// categories present in schema order, then grey for systems without one (and partners
    /// outside the inventory). None where the public profile hides the category.
    func categoryKey(_ categories: [SystemCategory?], external: Bool = false) -> ColorKey {
        guard !visibility.hides("basic.category") else { return ColorKey() }
        let present = Set(categories.compactMap { $0 })
        var entries = SystemCategory.allCases.filter(present.contains).map { ColorKey.Entry(label: $0.label.text(language), category: $0.order) }
        let uncategorised = categories.contains { $0 == nil }
        if uncategorised || external {
            let label = switch (uncategorised, external) {
            case (true, true): t("区分なし・台帳外", "No category, external")
            case (true, false): t("区分なし", "No category")
            default: t("台帳外", "External")
            }
            entries.append(.init(label: label, category: 7))
        }
        return ColorKey(entries)
    }

    /// The years with renewals, and the years between them without (a year with none is a year
    /// a timeline should show as such), unless they span more than 20 years.
    static func renewalYears(_ years: some Collection<Int>) -> [Int] {
        guard let first = years.min(), let last = years.max() else { return [] }
        return last - first < 20 ? Array(first...last) : years.sorted()
    }

    func renewalsPage() -> AnalysisPage {
        if visibility.hides("basic.renewal") { return withheldPage("analysis/renewals.html", t("renewals")) }
        let root = "../"
        let years = Self.renewalYears(analysis.renewals.keys)
        // A year before the target year is one whose renewal is overdue, as the dashboard says:
        // marked in words on each of its labels, and in vermilion on the count chart.
        let fiscalYear = project.organization.fiscalYear
        func overdue(_ year: Int) -> Bool { fiscalYear.map { year < $0 } ?? false }
        func yearLabel(_ year: Int, long: Bool) -> String {
            guard overdue(year) else { return t("\(year)年度", "FY\(year)") }
            return long ? t("\(year)年度（更新時期を過ぎたもの）", "FY\(year) (overdue)") : t("\(year)年度（超過）", "FY\(year) (overdue)")
        }
        var timeline = TimelineChart(
            title: t("年度別の更新予定", "Renewals by fiscal year"),
            description: t("次期更新予定日の年度（4月〜翌3月）ごとのシステム", "Systems by the fiscal year (April–March) of their next renewal"),
            years: years.map { year in
                .init(label: yearLabel(year, long: false), items: (analysis.renewals[year] ?? []).prefix(Self.chartLimit).map { id in
                    .init(label: byID.name(id) ?? id, link: root + systemPath(id),
                          category: visibility.hides("basic.category") ? 7 : byID[id]?.category.map { $0.order } ?? 7)
                })
            }, key: categoryKey(years.flatMap { (analysis.renewals[$0] ?? []).prefix(Self.chartLimit) }.map { byID[$0]?.category }))
        timeline.labelLanguage = ledgerLabelLanguage
        let counts = ColumnChart(
            title: t("年度別の更新件数", "Renewals per fiscal year"), description: t("年度ごとの更新予定システム数", "Systems renewing each fiscal year"),
            valueAxisLabel: t("システム数", "Systems"), categoryAxisLabel: t("fiscalYearShort"),
            columns: years.map { .init(label: t("\($0)年度", "FY\($0)"), value: Exact(analysis.renewals[$0]?.count ?? 0),
                                       valueText: count(analysis.renewals[$0]?.count ?? 0), category: overdue($0) ? 5 : 4) })
        // Each system with its category, which the timeline shows by colour alone.
        let hidesCategory = visibility.hides("basic.category")
        func named(_ id: String) -> String {
            guard !hidesCategory, let category = byID[id]?.category else { return systemLink(id, root: root) }
            return systemLink(id, root: root) + HTML.escape(t("（\(category.label.ja)）", " (\(category.label.en))"))
        }
        let rows = years.map { year in
            [yearLabel(year, long: true), count(analysis.renewals[year]?.count ?? 0),
             listCell((analysis.renewals[year] ?? []).map(named))]
        }
        let table = SubTable(caption: timeline.title, headers: [t("fiscalYearShort"), t("count"), t("systems")], rows: rows)
            .sortable([.text, .number, nil])
        let most = years.map { analysis.renewals[$0]?.count ?? 0 }.max() ?? 0
        var notes: [String] = []
        if let fiscalYear, years.contains(where: overdue) {
            notes.append(t("対象年度（\(fiscalYear)年度）より前の年度は、更新時期を過ぎたものです（件数の図では朱色の棒）。",
                           "Years before the target year (FY\(fiscalYear)) are overdue renewals (vermilion bars in the count chart)."))
        }
        if most > Self.chartLimit {
            notes.append(t("年度別の図は各年度 \(Self.chartLimit) システムまで表示しています。すべては図の表をご覧ください。",
                           "The timeline shows up to \(Self.chartLimit) systems a year; its table has them all."))
        }
        return page("analysis/renewals.html", t("renewals"),
                    intro: t("更新時期の集中を避け、共同利用や標準化の機会を見つけるための年度別一覧です。",
                             "Renewals by fiscal year, to spread the load and spot chances for joint use and standardisation."),
                    charts: [ChartView(svg: counts.svg(in: language), caption: counts.title,
                                       table: SubTable(caption: counts.title, headers: [t("fiscalYearShort"), t("count")],
                                                       rows: years.map { [yearLabel($0, long: true), count(analysis.renewals[$0]?.count ?? 0)] })),
                             ChartView(svg: timeline.svg(in: language), caption: timeline.title, table: table)],
                    notes: notes)
    }

    func integrationsPage() -> AnalysisPage {
        let root = "../"
        // The map draws each link's direction: without it (or the partners) the page is withheld.
        guard let shown = visibility.visibleColumns(of: "integrations", [("system", 0), ("direction", 1), ("method", 2), ("data", 3)]),
              shown.contains(0), shown.contains(1) else {
            return withheldPage("analysis/integrations.html", t("integrations"))
        }
        let (hidesExternal, hidesCategory) = (visibility.hides("integrations.external"), visibility.hides("basic.category"))
        var nodes: [NetworkDiagram.Node] = []
        var edges: [NetworkDiagram.Edge] = []
        var seen: Set<String> = []
        // Where each row's link is: the rows are made as the table is written (see `SubTable.row`).
        var links: [(ledger: Int32, link: Int32)] = []
        for ledger in ledgers where !ledger.integrations.isEmpty || incoming[ledger.id] != nil {
            nodes.append(.init(id: ledger.id, label: ledger.name, group: hidesCategory ? 7 : ledger.category?.order ?? 7,
                               link: root + systemPath(ledger.id)))
        }
        for (index, ledger) in ledgers.enumerated() {
            for (position, link) in ledger.integrations.enumerated() where !(hidesExternal && link.target.isExternal) {
                let target: String
                switch link.target {
                case .system(let id):
                    target = id
                case .external(let name):
                    target = "external:" + name
                    if seen.insert(target).inserted { nodes.append(.init(id: target, label: name, group: 7)) }
                }
                // Each pair once: the link declared from the lower id, or the only side declaring it.
                let key = [ledger.id, target].sorted().joined(separator: "→")
                if seen.insert(key).inserted {
                    switch link.direction {
                    case .send: edges.append(.init(from: ledger.id, to: target))
                    case .receive: edges.append(.init(from: target, to: ledger.id))
                    case .both: edges.append(.init(from: ledger.id, to: target, bothWays: true))
                    }
                }
                links.append((Int32(index), Int32(position)))
            }
        }
        let ledgers = self.ledgers, places = links
        // The columns `public_hide` leaves in: the system and partner with `system`, then direction,
        // method and data items; the system's category, the colour of its node on the map, unless hidden.
        let columns = [0, 4, 1, 0, 2, 3].enumerated()
            .filter { $0.element == 4 ? !hidesCategory : shown.contains($0.element) }.map(\.offset)
        let headers = [t("system"), t("category"), t("direction"), t("partner"), t("method"), t("dataItems")]
        let rows = SubTable(caption: t("連携の一覧", "All links"), headers: columns.map { headers[$0] },
                            count: links.count) { [self] row in
            let ledger = ledgers[Int(places[row].ledger)]
            let link = ledger.integrations[Int(places[row].link)]
            let partner: String
            switch link.target {
            case .system(let id): partner = systemLink(id, root: root)
            case .external(let name): partner = language.ledgerInline(HTML.escape(name)) + t("（台帳外）", " (external)")
            }
            let cells = [HTML.link(root + systemPath(ledger.id), ledger.name, attributes: language.ledgerLangAttribute),
                         HTML.escape(ledger.category?.label.text(language) ?? "—"),
                         HTML.escape(link.direction.label.text(language)), partner,
                         link.method.map { HTML.escape($0.label.text(language)) } ?? "—",
                         link.data.map { language.ledgerInline(HTML.escape($0)) } ?? "—"]
            return columns.map { cells[$0] }
        }.sortable(columns.map { _ in .text })
        var diagram = NetworkDiagram(
            title: t("システム連携図", "Integration map"),
            description: t("\(count(nodes.count)) システム・\(count(edges.count)) 連携。矢印はデータの流れ", "\(count(nodes.count)) systems, \(count(edges.count)) links; arrows show the data flow"),
            nodes: nodes, edges: edges,
            key: categoryKey(ledgers.filter { !$0.integrations.isEmpty || incoming[$0.id] != nil }.map(\.category),
                             external: nodes.contains { $0.id.hasPrefix("external:") }))
        diagram.labelLanguage = ledgerLabelLanguage
        return page("analysis/integrations.html", t("integrations"),
                    intro: t("台帳に記載されたシステム間・外部とのデータ連携です。", "Data links between systems and with outside systems."),
                    charts: [ChartView(svg: diagram.svg(in: language), caption: diagram.title, table: rows)],
                    notes: [t("表は各台帳の記載を1行ずつ載せています。両方の台帳に書かれた連携は2行（それぞれの側から）になり、図では1本の線です。",
                              "The table has a row per ledger entry: a link both ledgers list has two rows, one from each side, and one line on the map.")])
    }
}
