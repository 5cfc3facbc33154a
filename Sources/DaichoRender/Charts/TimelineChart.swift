import DaichoCore

/// Renewals by fiscal year: one column per year, left to right, its items stacked as small labelled boxes.
public struct TimelineChart: Sendable, Hashable {
    /// One fiscal year's column, headed by `label` (e.g. "2026年度").
    public struct Year: Sendable, Hashable {
        public var label: String
        public var items: [Item]

        public init(label: String, items: [Item]) {
            self.label = label
            self.items = items
        }
    }

    /// One box; `category` picks the palette colour, `link` (relative or http/https) makes it clickable.
    public struct Item: Sendable, Hashable {
        public var label: String
        public var link: String?
        public var category: Int

        public init(label: String, link: String? = nil, category: Int = 0) {
            self.label = label
            self.link = link
            self.category = category
        }
    }

    /// Shown in the SVG's `<title>` only; the page draws it in `<figcaption>`.
    public var title: String
    /// One sentence for `<desc>`.
    public var description: String
    public var years: [Year]
    /// The language of the labels when it is not the page's (`"ja"`: ledger names on an English
    /// page), marked on each label's `<text>` (`lang`; the tooltips, which mix in the page's own
    /// words, are not); nil leaves the page's.
    public var labelLanguage: String?
    /// What the boxes' colours stand for, drawn under the columns.
    public var key: ColorKey

    public init(title: String, description: String, years: [Year], key: ColorKey = ColorKey()) {
        self.title = title
        self.description = description
        self.years = years
        self.key = key
    }

    static let columnWidth = Exact(140)
    static let columnPitch = Exact(148)
    static let headerHeight = Exact(28)
    static let itemsTop = Exact(44)
    static let itemHeight = Exact(24)
    static let itemPitch = Exact(30)
    /// What fits in a box: 140 px less the marker (22 px) and a margin, at 7 px a unit (a full-width
    /// character is two). Ten units cut most names to four characters.
    static let itemLimit = 16
    static let headerLimit = 18
    /// Boxes of two lines, when a name is longer than one: cut at one line, names that begin alike
    /// (「みなと1 ごみ収…」) kept four characters of what tells them apart.
    static let twoLineHeight = Exact(40)
    static let twoLinePitch = Exact(46)

    /// A name as the box's lines: whole on one line when it fits, else the first line full (broken
    /// after a space in its second half, where there is one) and the rest cut to the second.
    static func lines(_ label: String) -> [String] {
        guard SVG.units(label) > itemLimit else { return [label] }
        var first = SVG.prefix(label, units: itemLimit)
        if let space = first.lastIndex(where: { $0 == " " || $0 == "　" }), SVG.units(String(first[..<space])) * 2 >= itemLimit {
            first = String(first[..<space])
        }
        var rest = Substring(label.dropFirst(first.count))
        while rest.first == " " || rest.first == "　" { rest = rest.dropFirst() }
        return [first, SVG.truncate(String(rest), units: itemLimit)]
    }

    /// - Parameter language: of the page, for the message drawn instead of a chart.
    public func svg(in language: Language = .ja) -> String {
        let id = SVG.identifier(kind: "timeline", title: title, description: description)
        let tallest = years.map(\.items.count).max() ?? 0
        guard tallest > 0 else {
            return SVG.message(SVG.emptyMessage(language), id: id, title: title, description: description)
        }
        let twoLines = years.contains { $0.items.contains { SVG.units($0.label) > Self.itemLimit } }
        let (itemHeight, itemPitch) = twoLines ? (Self.twoLineHeight, Self.twoLinePitch) : (Self.itemHeight, Self.itemPitch)
        var body: [String] = []
        for (column, year) in years.enumerated() {
            let columnX = Exact(8) + Exact(column) * Self.columnPitch
            let center = columnX + SVG.half(Self.columnWidth)
            body.append("<rect x=\"\(SVG.number(columnX))\" y=\"8.0\" width=\"\(SVG.number(Self.columnWidth))\""
                + " height=\"\(SVG.number(Self.headerHeight))\" rx=\"4\" fill=\"#eeeeee\"/>")
            body.append(SVG.text(year.label, x: center, y: Exact(53, 2), anchor: "middle", limit: Self.headerLimit,
                                 attributes: " font-weight=\"bold\""))
            for (row, item) in year.items.enumerated() {
                let boxY = Self.itemsTop + Exact(row) * itemPitch
                let lines = Self.lines(item.label)
                // One line centred in the box; two, one above the other.
                let texts = lines.count == 1
                    ? [SVG.text(lines[0], x: columnX + Exact(22), y: boxY + SVG.half(itemHeight) + Exact(9, 2), attributes: SVG.lang(labelLanguage))]
                    : lines.enumerated().map { SVG.text($1, x: columnX + Exact(22), y: boxY + Exact(17 + 16 * $0), attributes: SVG.lang(labelLanguage)) }
                let group = [
                    "<g>", "<title>\(SVG.escape(item.label))</title>",
                    "<rect x=\"\(SVG.number(columnX))\" y=\"\(SVG.number(boxY))\" width=\"\(SVG.number(Self.columnWidth))\""
                        + " height=\"\(SVG.number(itemHeight))\" rx=\"4\" fill=\"#fff\" stroke=\"\(SVG.color(item.category))\" stroke-width=\"1.5\"/>",
                    "<circle cx=\"\(SVG.number(columnX + Exact(11)))\" cy=\"\(SVG.number(boxY + SVG.half(itemHeight)))\""
                        + " r=\"5\" fill=\"\(SVG.color(item.category))\"/>",
                ] + texts + ["</g>"]
                body.append(SVG.linked(group.joined(), to: item.link))
            }
        }
        // A single year's column is narrow: the key gets room for a row of its own.
        let columnsWidth = Exact(8) + Exact(years.count) * Self.columnPitch
        let width = key.entries.isEmpty ? columnsWidth : max(columnsWidth, Exact(320))
        let columnsEnd = Self.itemsTop + Exact(tallest) * itemPitch + Exact(2)
        body += key.svg(top: columnsEnd + Exact(6), width: width)
        let height = columnsEnd + (key.entries.isEmpty ? .zero : key.height(width: width) + Exact(6))
        return SVG.document(id: id, title: title, description: description, width: width, height: height, body: body)
    }
}
