import DaichoCore
import Testing
@testable import DaichoRender

/// Geometry worked out by hand from the layout constants, escaping, safe links, determinism and empty data.
struct ChartTests {
    static let hostile = "<script>&\"'"
    static let hostileEscaped = "&lt;script&gt;&amp;&quot;&#39;"

    // MARK: Bar chart

    @Test func barGeometry() {
        // One label of 1 unit → label column 7px, plot starts at 7 + 16 = 23; value 1 of maximum 2 on 400px is 200px.
        let chart = BarChart(
            title: "t", description: "d", valueAxisLabel: "件数",
            bars: [.init(label: "A", value: Exact(1), valueText: "1件", category: 1)],
            maximum: Exact(2))
        let svg = chart.svg()
        #expect(svg.contains("<rect x=\"23.0\" y=\"12.0\" width=\"200.0\" height=\"20.0\" fill=\"#56B4E9\"/>"))
        // Value text 4px after the bar end, baseline 14.5 below the bar top, on a white ground
        // 2px wider each side than the text (3 units × 7px).
        #expect(svg.contains("<rect x=\"225.0\" y=\"13.0\" width=\"25.0\" height=\"18.0\" fill=\"#fff\"/><text x=\"227.0\" y=\"26.5\">1件</text>"))
        // Ticks every 0.5 up to 2; the tick at 1 sits at 23 + 200.
        for label in ["0", "0.5", "1", "1.5", "2"] { #expect(svg.contains(">\(label)</text>")) }
        #expect(svg.contains("<line x1=\"223.0\" y1=\"40.0\" x2=\"223.0\" y2=\"44.0\" stroke=\"#666\"/>"))
        // Width: the last tick label "2" is centred at 423 and 7px wide, plus 8 → 434.5, rounded up;
        // height: axis at 8 + 28 + 4 = 40, plus 48.
        #expect(svg.contains("viewBox=\"0 0 435 88\""))
    }

    @Test func barReferenceLineAndDefaultMaximum() {
        // Largest value 3 → ticks 0, 1, 2, 3 and axis end 3; the reference at 1.5 is at 23 + 200.
        let chart = BarChart(
            title: "t", description: "d", valueAxisLabel: "",
            bars: [.init(label: "A", value: Exact(3), valueText: "")],
            referenceLine: .init(value: Exact(3, 2), label: "50%"))
        let svg = chart.svg()
        #expect(svg.contains("width=\"400.0\""))
        #expect(svg.contains("<line x1=\"223.0\" y1=\"22.0\" x2=\"223.0\" y2=\"60.0\" stroke=\"#222\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>"))
        #expect(svg.contains(">50%</text>"))
        #expect(!svg.contains(">4</text>"))
        // The values come after the line, so it does not strike them through.
        let withValue = BarChart(title: "t", description: "d", valueAxisLabel: "",
                                 bars: [.init(label: "A", value: Exact(3), valueText: "3件")],
                                 referenceLine: .init(value: Exact(3, 2), label: "50%")).svg()
        let lineAt = withValue.range(of: "stroke-dasharray")?.lowerBound, valueAt = withValue.range(of: ">3件</text>")?.lowerBound
        if let lineAt, let valueAt { #expect(lineAt < valueAt) } else { Issue.record("no reference line or value: \(withValue)") }
    }

    @Test func barLabelsTruncateWithFullTitle() {
        let long = "住民基本台帳システム連携サーバ更新計画書作成"  // 22 characters, 44 units
        let svg = BarChart(title: "t", description: "d", valueAxisLabel: "",
                           bars: [.init(label: long, value: Exact(1), valueText: "1"),
                                  .init(label: "運用事業者とのBCP取り決めなし", value: Exact(1), valueText: "1")]).svg()
        #expect(svg.contains("<title>\(long): 1</title>"))
        #expect(svg.contains(">住民基本台帳システム連携サーバ更新計画…</text>"))  // 19 characters + "…" = 40 units
        // 29 units: whole, where 24 units cut it to 「運用事業者とのBCP取り…」.
        #expect(svg.contains(">運用事業者とのBCP取り決めなし</text>"))
    }

    /// Labels that would be cut to the same text show where they differ instead; any still alike
    /// are whole; the same name twice stays the same. At 12 units a plain cut keeps 5 characters.
    @Test func cutLabelsStayDistinct() {
        // Alike for 10 characters: 「全国」, "…", then from the 10th on, cut to 6 units with "…".
        #expect(SVG.truncate("全国銀行データ通信（口座振替）", showing: 10, units: 12) == "全国…（口…")
        let shown = SVG.truncateDistinctly(["全国銀行データ通信（口座振替）", "全国銀行データ通信（振込）", "後期高齢者医療システム",
                                            "後期高齢者医療システム", "短い", "abcdefghij", "abcdefghik"], units: 12)
        #expect(shown == ["全国…（口…", "全国…（振…", "後期高齢者…", "後期高齢者…", "短い", "abcdefghij", "abcdefghik"])
        // 「後期高齢者医療システム」 and 「後期高齢者医療広域連合システム」 in the integration map
        // (16 units): alike for 7 characters, cut to 「後期高齢者医療…」 both.
        let diagram = NetworkDiagram(title: "t", description: "d", nodes: [
            .init(id: "a", label: "後期高齢者医療システム"), .init(id: "external:b", label: "後期高齢者医療広域連合システム"),
        ], edges: []).svg()
        #expect(diagram.contains(">後期…療システム</text>") && diagram.contains(">後期…療広域連…</text>"), "\(diagram)")
    }

    @Test func barLinks() {
        let bars: [BarChart.Bar] = [
            .init(label: "a", value: Exact(1), valueText: "1", link: "systems/a.html?x=1&y=2"),
            .init(label: "b", value: Exact(1), valueText: "1", link: " JavaScript:alert(1)"),
            .init(label: "c", value: Exact(1), valueText: "1", link: "data:text/html,<b>"),
        ]
        let svg = BarChart(title: "t", description: "d", valueAxisLabel: "", bars: bars).svg()
        #expect(svg.contains("<a href=\"systems/a.html?x=1&amp;y=2\">"))
        #expect(svg.components(separatedBy: "<a ").count == 2)
        #expect(!svg.lowercased().contains("javascript"))
        #expect(!svg.contains("data:"))
    }

    // MARK: Column chart

    @Test func columnGeometry() {
        // Counts, ticked at whole numbers 0, 1, 2: widest label "1" is 7px, so the plot starts at
        // 24 + 7 + 10 = 41. "2025年度" is 8 units → slot 8 × 7 + 12 = 68, column 48 wide; the first
        // column starts at 41 + 18 = 59, the second at 59 + 68 = 127.
        let chart = ColumnChart(
            title: "t", description: "d", valueAxisLabel: "件数", categoryAxisLabel: "年度",
            columns: [
                .init(label: "2025年度", value: Exact(1), valueText: "1件"),
                .init(label: "2026年度", value: Exact(2), valueText: "2件", category: 2),
            ])
        let svg = chart.svg()
        #expect(svg.contains("<rect x=\"59.0\" y=\"124.0\" width=\"48.0\" height=\"100.0\" fill=\"#E69F00\"/>"))
        #expect(svg.contains("<rect x=\"127.0\" y=\"24.0\" width=\"48.0\" height=\"200.0\" fill=\"#009E73\"/>"))
        #expect(svg.contains("<text x=\"83.0\" y=\"118.0\" text-anchor=\"middle\">1件</text>"))
        // Plot ends at 41 + 16 + 2 × 68 = 193; width 201; height 24 + 200 + 50.
        #expect(svg.contains("viewBox=\"0 0 201 274\""))
        #expect(svg.contains("transform=\"rotate(-90 14.0 124.0)\""))
    }

    /// Many hosts wrap at ten a row, each row with its own axis, so that 41 hosts read at a page's
    /// width: 23 hosts make 3 rows; the 11th host starts the second, at x 62 + 16 and y 12 + 256.
    /// Width 62 + 16 + 10 × 112 − 16 + 8 = 1,190; height 12 + 2 × 256 + 200 + 32 = 756.
    /// Over 100 hosts the chart gives way to its table.
    @Test func hostBinsWrapIntoRows() {
        func chart(_ count: Int) -> String {
            HostBinsChart(title: "t", description: "d", hosts: (1...count).map {
                .init(label: "ホスト\($0)", segments: [.init(label: "s\($0)", share: Exact(1, 2))])
            }, unitLabel: "割合").svg()
        }
        let svg = chart(23)
        #expect(svg.contains("viewBox=\"0 0 1190 756\""))
        #expect(svg.contains("<rect x=\"78.0\" y=\"268.0\" width=\"80.0\" height=\"200.0\" fill=\"#f7f7f7\"/>"))
        #expect(svg.contains(">ホスト11</text>") && svg.contains(">ホスト23</text>"))
        // Three axes, one a row: the 100% line of the third row (3 hosts) at 12 + 512, to 62 + 16 + 3 × 112 − 16.
        #expect(svg.components(separatedBy: ">100%</text>").count == 4)
        #expect(svg.contains("<line x1=\"62.0\" y1=\"524.0\" x2=\"398.0\" y2=\"524.0\" stroke=\"#e0e0e0\"/>"))
        #expect(chart(101).contains(HostBinsChart.tooManyMessage(.ja)) && !chart(100).contains(HostBinsChart.tooManyMessage(.ja)))
        // Up to ten hosts, one row as before: 12 + 200 + 32 high.
        #expect(chart(10).contains("viewBox=\"0 0 1190 244\""))
    }

    // MARK: Timeline

    @Test func timelineGeometry() {
        let chart = TimelineChart(
            title: "t", description: "d",
            years: [
                .init(label: "2026年度", items: [.init(label: "税務"), .init(label: "とても長いシステム名称です", category: 4)]),
                .init(label: "2027年度", items: [.init(label: "福祉", link: "systems/fukushi.html")]),
            ])
        let svg = chart.svg()
        // A name longer than a line (26 units) makes every box two lines high: the second item of
        // the first year at 44 + 46, 40 high; second year's column at 8 + 148.
        #expect(svg.contains("<rect x=\"8.0\" y=\"90.0\" width=\"140.0\" height=\"40.0\" rx=\"4\" fill=\"#fff\" stroke=\"#0072B2\""))
        #expect(svg.contains("<rect x=\"156.0\" y=\"8.0\" width=\"140.0\" height=\"28.0\""))
        #expect(svg.contains("<a href=\"systems/fukushi.html\"><g><title>福祉</title><rect x=\"156.0\" y=\"44.0\""))
        // 16 units a line: eight characters, then the rest, the full name in <title>; a one-line
        // name centred in its box (44 + 20 + 4.5).
        #expect(svg.contains("<text x=\"30.0\" y=\"107.0\">とても長いシステ</text><text x=\"30.0\" y=\"123.0\">ム名称です</text>"))
        #expect(svg.contains("<text x=\"30.0\" y=\"68.5\">税務</text>"))
        #expect(svg.contains("<title>とても長いシステム名称です</title>"))
        // Width 8 + 2 × 148; height 44 + 2 × 46 + 2.
        #expect(svg.contains("viewBox=\"0 0 304 138\""))
        // Names of one line keep boxes of one: 24 high at a pitch of 30.
        let short = TimelineChart(title: "t", description: "d", years: [.init(label: "2026年度", items: [.init(label: "税務"), .init(label: "福祉")])]).svg()
        #expect(short.contains("<rect x=\"8.0\" y=\"74.0\" width=\"140.0\" height=\"24.0\"") && short.contains("<text x=\"30.0\" y=\"90.5\">福祉</text>"))
        // A line breaks after a space in its second half: 「みなと1 ごみ収集管理システム」.
        #expect(TimelineChart.lines("みなと1 ごみ収集管理システム") == ["みなと1 ごみ収集", "管理システム"])
        #expect(TimelineChart.lines("みなと市ごみ収集 管理システム") == ["みなと市ごみ収集", "管理システム"])
        #expect(TimelineChart.lines("みなと市ごみ 収集管理システム") == ["みなと市ごみ", "収集管理システム"])
        #expect(TimelineChart.lines("みなと市ごみ収集管理システム") == ["みなと市ごみ収集", "管理システム"])
    }

    /// The renewal timeline's years: the gaps between years with renewals are years too (with
    /// none), unless the years span 20 or more.
    @Test func renewalYearsFillTheirGaps() {
        #expect(SiteContext.renewalYears([2029, 2027]) == [2027, 2028, 2029])
        #expect(SiteContext.renewalYears([2026]) == [2026])
        #expect(SiteContext.renewalYears([Int]()) == [])
        #expect(SiteContext.renewalYears([2050, 2000, 2030]) == [2000, 2030, 2050])
    }

    /// The colour key under a chart: a swatch and a label per entry, wrapped at the chart's width.
    @Test func colorKeyGeometry() {
        let key = ColorKey([.init(label: "住民情報系", category: 0), .init(label: "内部情報系", category: 1),
                            .init(label: "<区分なし>", category: 7)])
        let chart = TimelineChart(title: "t", description: "d",
                                  years: [.init(label: "2026年度", items: [.init(label: "税務")])], key: key)
        let svg = chart.svg()
        // One year is 156 wide: widened to 320. Each entry is 16 + 7 × its units, then 18 apart:
        // 住民情報系 (10 units) 86 wide from 8; 内部情報系 from 112 to 198; <区分なし> (10 units)
        // would end at 302 from 216, within 320: one row.
        #expect(svg.contains("viewBox=\"0 0 320 110\""))
        // Columns end at 44 + 30 + 2 = 76; the key's row from 82, its middle at 93.
        #expect(svg.contains("<circle cx=\"13.0\" cy=\"93.0\" r=\"5\" fill=\"#E69F00\"/>"))
        #expect(svg.contains("<circle cx=\"117.0\" cy=\"93.0\" r=\"5\" fill=\"#56B4E9\"/>"))
        #expect(svg.contains("<circle cx=\"221.0\" cy=\"93.0\" r=\"5\" fill=\"#999999\"/>"))
        #expect(svg.contains("&lt;区分なし&gt;") && Self.isWellFormed(svg))
        // Narrower than the three: the third wraps to a second row (height 2 × 22 + 6).
        #expect(key.layout(width: Exact(250)).map(\.row) == [0, 0, 1])
        #expect(key.height(width: Exact(250)) == Exact(50))
        // No entries, no key: the chart is as before.
        #expect(!TimelineChart(title: "t", description: "d", years: chart.years).svg().contains("chart-key"))
        let network = NetworkDiagram(title: "n", description: "d", nodes: [.init(id: "a", label: "A")], edges: [], key: key)
        #expect(network.svg().contains("<g class=\"chart-key\">") && Self.isWellFormed(network.svg()))
    }

    // MARK: Host bins

    /// Labels that are ledger names say they are Japanese when the chart is told so (an English
    /// page): each label's `<text>`, and no other text (axes, values, years, hosts, tooltips).
    /// Without it, nothing is marked.
    @Test func ledgerLabelsAreMarkedWhenAsked() {
        func marks(_ svg: String) -> [String] {
            svg.components(separatedBy: "<text").dropFirst().filter { $0.contains(" lang=\"ja\"") }
                .map { String($0[$0.index(after: $0.firstIndex(of: ">")!)...].prefix { $0 != "<" }) }
        }
        var bars = BarChart(title: "t", description: "d", valueAxisLabel: "Ratio (%)",
                            bars: [.init(label: "住民記録", value: Exact(50), valueText: "50% high")],
                            referenceLine: .init(value: Exact(40), label: "reference 40%"))
        #expect(marks(bars.svg(in: .en)).isEmpty)
        bars.labelLanguage = "ja"
        #expect(marks(bars.svg(in: .en)) == ["住民記録"])
        var bins = HostBinsChart(title: "t", description: "d", hosts: [
            .init(label: "Host 1", segments: [.init(label: "税務システム", share: Exact(1, 2)), .init(label: "住民記録システム", share: Exact(1, 4))]),
        ], unitLabel: "Share")
        #expect(marks(bins.svg(in: .en)).isEmpty)
        bins.labelLanguage = "ja"
        // Both names wrap into two lines (`<tspan>`s of one marked `<text>`); the host's label is not marked.
        #expect(marks(bins.svg(in: .en)).count == 2)
        #expect(bins.svg(in: .en).contains("lang=\"ja\"><tspan x=\"118.0\" y=\"159.0\">税務システ</tspan>"))
        var timeline = TimelineChart(title: "t", description: "d", years: [.init(label: "FY2026", items: [.init(label: "福祉")])])
        timeline.labelLanguage = "ja"
        #expect(marks(timeline.svg(in: .en)) == ["福祉"])
        var diagram = NetworkDiagram(title: "t", description: "d", nodes: [.init(id: "a", label: "税務"), .init(id: "external:b", label: "国税連携")],
                                     edges: [.init(from: "a", to: "external:b")])
        diagram.labelLanguage = "ja"
        #expect(marks(diagram.svg(in: .en)) == ["税務", "国税連携"])
    }

    @Test func hostBinGeometry() {
        let chart = HostBinsChart(
            title: "t", description: "d",
            hosts: [
                .init(label: "ホスト1", segments: [
                    .init(label: "税務", share: Exact(1, 2)),
                    .init(label: "福祉", share: Exact(1, 4), category: 4),
                    .init(label: "小さい", share: Exact(1, 20)),
                ]),
                .init(label: "ホスト2", segments: [
                    .init(label: "A", share: Exact(4, 5)),
                    .init(label: "B", share: Exact(1, 2)),
                ]),
            ],
            unitLabel: "メモリ")
        let svg = chart.svg()
        // Bins are 200px tall from y 12 to 212; the first starts at 62 + 16.
        #expect(svg.contains("<rect x=\"78.0\" y=\"112.0\" width=\"80.0\" height=\"100.0\" fill=\"#E69F00\""))
        #expect(svg.contains("<rect x=\"78.0\" y=\"62.0\" width=\"80.0\" height=\"50.0\" fill=\"#0072B2\""))
        #expect(svg.contains("fill=\"#fff\">福祉</text>"))
        // 1/20 is 10px: too short for a label, so only in <title>.
        #expect(svg.contains("<title>小さい: 5.0%</title>"))
        #expect(!svg.contains(">小さい</text>"))
        // 4/5 + 1/2 overflows: the second segment is clipped to the remaining 40px at the top.
        #expect(svg.contains("<rect x=\"190.0\" y=\"12.0\" width=\"80.0\" height=\"40.0\""))
        // Width: the last bin ends at 270, grid lines run 16 further, then an 8px margin; height 212 + 32.
        #expect(svg.contains("viewBox=\"0 0 294 244\""))
    }

    /// A segment's name takes as many lines of 10 units as ⌊(height − 2) ÷ 15⌋ allows, centred,
    /// the last line cut with "…" when the name is longer; the whole name, escaped, is its
    /// `<title>`. Host 1: 1/2 is 100px (6 lines; the name needs 3, at y 162 − 15 + 4.5 = 151.5,
    /// 166.5, 181.5), 3/16 is 37.5px (2 lines), 5/32 is 31.25px (one line, as before).
    @Test func hostBinLabelsWrapWhereTheBoxAllows() {
        let long = "固定資産税地理情報システム"
        let chart = HostBinsChart(title: "t", description: "d", hosts: [
            .init(label: "ホスト1", segments: [
                .init(label: long, share: Exact(1, 2)),
                .init(label: "A&B <試験> 管理システム", share: Exact(3, 16)),
                .init(label: long, share: Exact(5, 32)),
            ]),
        ], unitLabel: "")
        let svg = chart.svg()
        #expect(svg.contains("<text text-anchor=\"middle\" fill=\"#222\"><tspan x=\"118.0\" y=\"151.5\">固定資産税</tspan>"
            + "<tspan x=\"118.0\" y=\"166.5\">地理情報シ</tspan><tspan x=\"118.0\" y=\"181.5\">ステム</tspan></text>"), "\(svg)")
        // 112 − 37.5 = 74.5 to 112, its middle 93.25: lines at 93.25 − 7.5 + 4.5 = 90.25 and 105.25.
        #expect(svg.contains("<title>A&amp;B &lt;試験&gt; 管理システム: 18.8%</title>"))
        #expect(svg.contains("<tspan x=\"118.0\" y=\"90.3\">A&amp;B &lt;試験&gt;</tspan><tspan x=\"118.0\" y=\"105.3\">管理シス…</tspan>"))
        #expect(svg.contains("<title>固定資産税地理情報システム: 15.6%</title>"))
        #expect(svg.contains(">固定資産…</text>"))
        #expect(Self.isWellFormed(svg))
    }

    /// Lines break between any two characters, after a space rather than inside a Latin word, and
    /// the last one shown ends in "…" (with no space before it) when text is left.
    @Test func wrappingLabels() {
        #expect(SVG.wrap("Internet Banking Gateway", units: 10, lines: 3) == ["Internet", "Banking", "Gateway"])
        #expect(SVG.wrap("Internet Banking Gateway", units: 10, lines: 2) == ["Internet", "Banking…"])
        #expect(SVG.wrap("住民記録システム", units: 10, lines: 1) == ["住民記録…"])
        #expect(SVG.wrap("住民記録システム", units: 10, lines: 4) == ["住民記録シ", "ステム"])
        #expect(SVG.wrap("戸籍", units: 10, lines: 3) == ["戸籍"])
        #expect(SVG.wrap("", units: 10, lines: 3).isEmpty)
    }

    // MARK: Network

    @Test func sineTable() {
        #expect(SineTable.sine(degrees: 30) == Exact(1, 2))
        #expect(SineTable.cosine(degrees: 60) == Exact(1, 2))
        #expect(SineTable.sine(degrees: 210) == Exact(-1, 2))
        #expect(SineTable.sine(degrees: -90) == Exact(-1))
        #expect(SineTable.cosine(degrees: 180) == Exact(-1))
        #expect(NetworkDiagram.degrees(index: 1, count: 7) == 51)
        #expect(NetworkDiagram.degrees(index: 2, count: 7) == 103)
        #expect(NetworkDiagram.radius(nodeCount: 4) == Exact(140))
        #expect(NetworkDiagram.radius(nodeCount: 120) == Exact(306))  // ⌈120 × 16 × 113 / 710⌉
    }

    @Test func networkGeometry() {
        let nodes = ["a", "b", "c", "d"].map { NetworkDiagram.Node(id: $0, label: $0.uppercased()) }
        let edges: [NetworkDiagram.Edge] = [
            .init(from: "a", to: "b"), .init(from: "c", to: "d", bothWays: true),
            .init(from: "a", to: "zz"), .init(from: "a", to: "a"),
        ]
        let chart = NetworkDiagram(title: "t", description: "d", nodes: nodes, edges: edges)
        let svg = chart.svg()
        // Radius 140, margin 140 + 14 + 16 × 7 + 12 = 278: nodes at the top, right, bottom and left.
        #expect(svg.contains("viewBox=\"0 0 556 556\""))
        #expect(svg.contains("<circle cx=\"278.0\" cy=\"138.0\""))
        #expect(svg.contains("<circle cx=\"418.0\" cy=\"278.0\""))
        #expect(svg.contains("<line x1=\"278.0\" y1=\"138.0\" x2=\"418.0\" y2=\"278.0\""))
        // Label of the right node 14px outside, anchored at its start.
        #expect(svg.contains("<text x=\"432.0\" y=\"282.5\" text-anchor=\"start\">B</text>"))
        // Unknown and self edges are dropped; one edge has arrowheads at both ends.
        #expect(svg.components(separatedBy: "<line ").count == 3)
        #expect(svg.components(separatedBy: "marker-start=").count == 2)
        let id = SVG.identifier(kind: "network", title: "t", description: "d")
        #expect(svg.contains("<marker id=\"\(id)-arrow-end\""))
        #expect(svg.contains("marker-end=\"url(#\(id)-arrow-end)\""))
    }

    @Test func networkRadialLabelsAndCap() {
        let many = (0..<120).map { NetworkDiagram.Node(id: "n\($0)", label: "システム\($0)") }
        let drawn = NetworkDiagram(title: "t", description: "d", nodes: many, edges: []).svg()
        #expect(drawn.components(separatedBy: "<circle ").count == 121)
        #expect(drawn.contains("transform=\"rotate("))
        let tooMany = NetworkDiagram(title: "t", description: "d", nodes: many + [.init(id: "x", label: "x")], edges: []).svg()
        #expect(tooMany.contains(">ノード数が多いため図を省略しました（表をご覧ください）</text>"))
        #expect(!tooMany.contains("<circle"))
        #expect(tooMany.hasPrefix("<svg "))
    }

    // MARK: Every chart

    static func charts(label: String, link: String?, title: String = "題名") -> [String] {
        [
            BarChart(title: title, description: label, valueAxisLabel: label,
                     bars: [.init(label: label, value: Exact(1), valueText: label, link: link)],
                     referenceLine: .init(value: Exact(1, 2), label: label)).svg(),
            ColumnChart(title: title, description: label, valueAxisLabel: label, categoryAxisLabel: label,
                        columns: [.init(label: label, value: Exact(1), valueText: label)]).svg(),
            TimelineChart(title: title, description: label,
                          years: [.init(label: label, items: [.init(label: label, link: link)])]).svg(),
            HostBinsChart(title: title, description: label,
                          hosts: [.init(label: label, segments: [.init(label: label, share: Exact(1, 2))])],
                          unitLabel: label).svg(),
            NetworkDiagram(title: title, description: label,
                           nodes: [.init(id: label, label: label, link: link), .init(id: "b", label: "b")],
                           edges: [.init(from: label, to: "b")]).svg(),
        ]
    }

    @Test func hostileTextIsEscaped() {
        for svg in Self.charts(label: Self.hostile, link: Self.hostile, title: Self.hostile) {
            #expect(!svg.contains("<script"))
            #expect(svg.contains(Self.hostileEscaped))
            #expect(svg.contains("<a href=\"\(Self.hostileEscaped)\">") || !svg.contains("<a "))
            #expect(Self.isWellFormed(svg))
        }
    }

    @Test func unsafeLinksAreDropped() {
        for link in ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "java\tscript:alert(1)", "\u{1}javascript:x",
                     "data:text/html;base64,AAAA", "vbscript:msgbox", "mailto:a@example.jp", ""] {
            #expect(SVG.safeLink(link) == nil, "\(link)")
            for svg in Self.charts(label: "x", link: link) { #expect(!svg.contains("<a ")) }
        }
        for link in ["https://www.example.jp/", "HTTP://example.jp", "../systems/a.html", "a/b:c", "#top", "?q=1"] {
            #expect(SVG.safeLink(link) == link, "\(link)")
        }
    }

    /// A chart with links is a group (a screen reader would hide an image's parts, links and all);
    /// the same chart without links is an image.
    @Test func aChartWithLinksIsAGroup() {
        #expect(Self.charts(label: "x", link: "a.html").map { $0.contains(" role=\"group\" ") } == [true, false, true, false, true])
        #expect(Self.charts(label: "x", link: nil).allSatisfy { $0.contains(" role=\"img\" ") })
    }

    @Test func commonStructure() {
        for svg in Self.charts(label: "ラベル", link: "systems/x.html") {
            let root = svg.prefix { $0 != ">" }
            #expect(root.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "))
            // With links (the bar, timeline and network charts here), a group; without, an image.
            #expect(root.contains("preserveAspectRatio=\"xMinYMin meet\" role=\"\(svg.contains("<a href=") ? "group" : "img")\""))
            #expect(root.contains("class=\"chart-svg\" font-family=\"sans-serif\""))
            #expect(!root.contains(" width=") && !root.contains(" height="))
            let lines = svg.split(separator: "\n")
            #expect(lines[1].hasPrefix("<title id=\"chart-") && lines[2].hasPrefix("<desc id=\"chart-"))
            for forbidden in ["<script", "<style", "<foreignObject", "<image", "<use", "@import", "url(http"] {
                #expect(!svg.contains(forbidden))
            }
            // The only absolute URL is the SVG namespace.
            #expect(svg.components(separatedBy: "http").count == 2)
            #expect(Self.isWellFormed(svg))
        }
    }

    @Test func deterministic() {
        #expect(Self.charts(label: "同じ", link: "a.html") == Self.charts(label: "同じ", link: "a.html"))
    }

    @Test func identifiersDifferByTitle() {
        let first = Self.charts(label: "同じ", link: nil, title: "図1")
        let second = Self.charts(label: "同じ", link: nil, title: "図2")
        for (a, b) in zip(first, second) {
            let idA = Self.identifier(in: a)
            let idB = Self.identifier(in: b)
            #expect(idA.count == "chart-".count + 16)
            #expect(idA != idB)
            #expect(a.contains("aria-labelledby=\"\(idA)-title \(idA)-desc\""))
        }
        // FNV-1a 64 of the empty string is its offset basis.
        #expect(SVG.identifier(kind: "", title: "", description: "") != SVG.identifier(kind: "bar", title: "", description: ""))
    }

    @Test func emptyData() {
        let empties = [
            BarChart(title: "t", description: "d", valueAxisLabel: "", bars: []).svg(),
            ColumnChart(title: "t", description: "d", valueAxisLabel: "", categoryAxisLabel: "", columns: []).svg(),
            TimelineChart(title: "t", description: "d", years: []).svg(),
            TimelineChart(title: "t", description: "d", years: [.init(label: "2026年度", items: [])]).svg(),
            HostBinsChart(title: "t", description: "d", hosts: [], unitLabel: "").svg(),
            NetworkDiagram(title: "t", description: "d", nodes: [], edges: []).svg(),
        ]
        for svg in empties {
            #expect(svg.contains("viewBox=\"0 0 320 48\""))
            #expect(svg.contains("<text x=\"160.0\" y=\"28.0\" text-anchor=\"middle\">データがありません</text>"))
            #expect(svg.hasSuffix("</svg>"))
            #expect(Self.isWellFormed(svg))
        }
        // An English page's chart says so in English.
        #expect(BarChart(title: "t", description: "d", valueAxisLabel: "", bars: []).svg(in: .en).contains(">No data</text>"))
        let many = HostBinsChart(title: "t", description: "d", hosts: (1...101).map { .init(label: "h\($0)", segments: []) }, unitLabel: "")
        #expect(many.svg(in: .en).contains(">Too many hosts to draw (see the table)</text>"))
    }

    @Test func helpers() {
        #expect(SVG.units("ab年度") == 6)
        #expect(SVG.truncate("abcdef", units: 5) == "abc…")
        #expect(SVG.truncate("abcde", units: 5) == "abcde")
        #expect(SVG.tickLabel(Exact(1_200_000)) == "1,200,000")
        #expect(SVG.tickLabel(Exact(5, 2)) == "2.5")
        #expect(SVG.color(9) == "#56B4E9" && SVG.color(-1) == "#999999")
        #expect(SVG.escape("a\u{0}b\u{7}\n") == "ab\n")
        #expect(ValueAxis.roundStep(atLeast: Exact(1, 4)) == Exact(1, 4))
        #expect(ValueAxis.roundStep(atLeast: Exact(5, 4)) == Exact(2))
        #expect(ValueAxis.roundStep(atLeast: Exact(120)) == Exact(200))
        #expect(ValueAxis(covering: Exact(7)).ticks == [0, 2, 4, 6, 8].map { Exact($0) })
        #expect(ValueAxis(covering: Exact(0)).maximum == Exact(1))
        #expect(ValueAxis(fixed: Exact(7)).ticks == [0, 2, 4, 6].map { Exact($0) })
        // Counts: 10 / 4 = 2.5 is the round step, 5 the whole one; 3 / 4 rounds to 1, not 0.75 … 1.
        #expect(ValueAxis(covering: Exact(10)).ticks == [0, 2.5, 5, 7.5, 10].map { Exact(decimal: "\($0)")! })
        #expect(ValueAxis(covering: Exact(10), wholeSteps: true).ticks == [0, 5, 10].map { Exact($0) })
        #expect(ValueAxis(covering: Exact(3), wholeSteps: true).ticks == [0, 1, 2, 3].map { Exact($0) })
        #expect(ValueAxis(covering: Exact(7), wholeSteps: true).ticks == [0, 2, 4, 6, 8].map { Exact($0) })
    }

    @Test func randomLabelsStayWellFormed() {
        var generator = SplitMix(seed: 0x5EED)
        let alphabet = Array("<>&\"'aあ;#/:= \n\t\u{1}")
        for _ in 0..<200 {
            let label = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            for svg in Self.charts(label: label, link: label, title: label) {
                #expect(Self.isWellFormed(svg), "\(label.debugDescription)")
            }
        }
    }

    // MARK: Support

    static func identifier(in svg: String) -> String {
        let marker = "<title id=\""
        guard let start = svg.range(of: marker) else { return "" }
        return String(svg[start.upperBound...].prefix { $0 != "\"" }.dropLast("-title".count))
    }

    /// A small XML check: tags balance, attribute values are quoted without `<`, and every `&` starts a known entity.
    static func isWellFormed(_ svg: String) -> Bool {
        var stack: [Substring] = []
        var rest = Substring(svg)
        while let open = rest.firstIndex(where: { $0 == "<" || $0 == "&" || $0 == ">" }) {
            if rest[open] == ">" { return false }
            if rest[open] == "&" {
                let after = rest[rest.index(after: open)...]
                guard let entity = ["amp;", "lt;", "gt;", "quot;", "#39;"].first(where: { after.hasPrefix($0) }) else { return false }
                rest = after.dropFirst(entity.count)
                continue
            }
            var index = rest.index(after: open)
            var quoted = false
            while index < rest.endIndex, quoted || rest[index] != ">" {
                if rest[index] == "\"" { quoted.toggle() }
                if rest[index] == "<" || (quoted && rest[index] == "&" && !rest[index...].hasPrefix("&amp;")
                    && !rest[index...].hasPrefix("&lt;") && !rest[index...].hasPrefix("&gt;")
                    && !rest[index...].hasPrefix("&quot;") && !rest[index...].hasPrefix("&#39;")) { return false }
                index = rest.index(after: index)
            }
            guard index < rest.endIndex else { return false }
            let tag = rest[rest.index(after: open)..<index]
            if tag.hasPrefix("/") {
                guard stack.popLast() == tag.dropFirst() else { return false }
            } else if !tag.hasSuffix("/") {
                stack.append(tag.prefix { $0 != " " })
            }
            rest = rest[rest.index(after: index)...]
        }
        return stack.isEmpty
    }
}
