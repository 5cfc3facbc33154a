import DaichoCore

/// A consolidation plan: each host a fixed-height bin filled bottom-up with the servers placed on it.
public struct HostBinsChart: Sendable, Hashable {
    /// One host and what it carries.
    public struct Host: Sendable, Hashable {
        public var label: String
        public var segments: [Segment]

        public init(label: String, segments: [Segment]) {
            self.label = label
            self.segments = segments
        }
    }

    /// One placed server; `share` is its part of the host's capacity (0–1), `category` the palette colour.
    public struct Segment: Sendable, Hashable {
        public var label: String
        public var share: Exact
        public var category: Int

        public init(label: String, share: Exact, category: Int = 0) {
            self.label = label
            self.share = share
            self.category = category
        }
    }

    /// Shown in the SVG's `<title>` only; the page draws it in `<figcaption>`.
    public var title: String
    /// One sentence for `<desc>`.
    public var description: String
    public var hosts: [Host]
    /// The language of the labels when it is not the page's (`"ja"`: ledger names on an English
    /// page), marked on each label's `<text>` (`lang`; the tooltips, which mix in the page's own
    /// words, are not); nil leaves the page's.
    public var labelLanguage: String?
    /// What the bins measure (e.g. "メモリ使用率"), drawn along the vertical axis.
    public var unitLabel: String

    public init(title: String, description: String, hosts: [Host], unitLabel: String) {
        self.title = title
        self.description = description
        self.hosts = hosts
        self.unitLabel = unitLabel
    }

    static let binHeight = Exact(200)
    static let binWidth = Exact(80)
    static let binPitch = Exact(112)
    static let top = Exact(12)
    static let plotX = Exact(62)
    static let minimumLabelHeight = Exact(18)
    /// Units of a label's line: 70px of the 80px bin at the 13px font.
    static let segmentLimit = 10
    /// From one line of a segment's label to the next: a tall segment shows more of its name.
    static let lineHeight = Exact(15)
    static let hostLimit = 14
    /// Hosts side by side before the next row: 41 hosts in one row were drawn 60 px high at a
    /// page's width, their labels unreadable. Ten keep a row about a page wide, printed too.
    static let hostsPerRow = 10
    /// The height of a row with its labels, and the gap to the next.
    static let rowPitch = Exact(256)
    /// Beyond this many hosts (ten rows) the chart gives way to its table, as the integration map does.
    static let drawnLimit = 100
    static func tooManyMessage(_ language: Language) -> String {
        language == .ja ? "ホスト数が多いため図を省略しました（表をご覧ください）" : "Too many hosts to draw (see the table)"
    }

    /// - Parameter language: of the page, for the message drawn instead of a chart.
    public func svg(in language: Language = .ja) -> String {
        let id = SVG.identifier(kind: "hostbins", title: title, description: description)
        guard !hosts.isEmpty else {
            return SVG.message(SVG.emptyMessage(language), id: id, title: title, description: description)
        }
        guard hosts.count <= Self.drawnLimit else {
            return SVG.message(Self.tooManyMessage(language), id: id, title: title, description: description)
        }
        let rows = (hosts.count + Self.hostsPerRow - 1) / Self.hostsPerRow
        let end = Self.plotX + Exact(16) + Exact(min(hosts.count, Self.hostsPerRow)) * Self.binPitch - Exact(16)
        var body: [String] = []
        // Each row with its own axis, so every host reads against its scale.
        for row in 0..<rows {
            let rowTop = Self.top + Exact(row) * Self.rowPitch
            let bottom = rowTop + Self.binHeight
            let rowEnd = Self.plotX + Exact(16) + Exact(min(hosts.count - row * Self.hostsPerRow, Self.hostsPerRow)) * Self.binPitch - Exact(16)
            for percent in stride(from: 0, through: 100, by: 25) {
                let tickY = bottom - Exact(percent, 100) * Self.binHeight
                if percent > 0 { body.append(SVG.line(Self.plotX, tickY, rowEnd, tickY, stroke: SVG.gridColor)) }
                body.append(SVG.line(Self.plotX - Exact(4), tickY, Self.plotX, tickY, stroke: SVG.axisColor))
                body.append(SVG.text("\(percent)%", x: Self.plotX - Exact(6), y: tickY + Exact(9, 2), anchor: "end"))
            }
            body.append(SVG.line(Self.plotX, rowTop, Self.plotX, bottom, stroke: SVG.axisColor))
            if !unitLabel.isEmpty {
                body.append(SVG.verticalText(unitLabel, x: Exact(14), y: rowTop + SVG.half(Self.binHeight), limit: 28))
            }
        }

        for (index, host) in hosts.enumerated() {
            let rowTop = Self.top + Exact(index / Self.hostsPerRow) * Self.rowPitch
            let bottom = rowTop + Self.binHeight
            let binX = Self.plotX + Exact(16) + Exact(index % Self.hostsPerRow) * Self.binPitch
            let center = binX + SVG.half(Self.binWidth)
            var group = ["<g>"]
            group.append("<rect x=\"\(SVG.number(binX))\" y=\"\(SVG.number(rowTop))\" width=\"\(SVG.number(Self.binWidth))\""
                + " height=\"\(SVG.number(Self.binHeight))\" fill=\"#f7f7f7\"/>")
            var filled = Exact.zero
            for segment in host.segments {
                let share = segment.share < .zero ? .zero : segment.share
                let upTo = Exact.one < filled + share ? .one : filled + share
                let height = (upTo - filled) * Self.binHeight
                let segmentY = bottom - upTo * Self.binHeight
                filled = upTo
                var part = ["<g>", "<title>\(SVG.escape("\(segment.label): \(share.percentString)%"))</title>"]
                part.append("<rect x=\"\(SVG.number(binX))\" y=\"\(SVG.number(segmentY))\" width=\"\(SVG.number(Self.binWidth))\""
                    + " height=\"\(SVG.number(height))\" fill=\"\(SVG.color(segment.category))\" stroke=\"#fff\"/>")
                if !(height < Self.minimumLabelHeight) {
                    part.append(Self.label(segment, center: center, middle: segmentY + SVG.half(height), height: height,
                                           language: labelLanguage))
                }
                part.append("</g>")
                group.append(part.joined())
            }
            group.append("<rect x=\"\(SVG.number(binX))\" y=\"\(SVG.number(rowTop))\" width=\"\(SVG.number(Self.binWidth))\""
                + " height=\"\(SVG.number(Self.binHeight))\" fill=\"none\" stroke=\"\(SVG.axisColor)\"/>")
            group.append(SVG.text(host.label, x: center, y: bottom + Exact(18), anchor: "middle", limit: Self.hostLimit))
            group.append("</g>")
            body.append(group.joined())
        }
        let height = Self.top + Exact(rows - 1) * Self.rowPitch + Self.binHeight + Exact(32)
        return SVG.document(id: id, title: title, description: description, width: end + Exact(8), height: height, body: body)
    }

    /// A segment's name in as many lines as its height holds, centred on `middle`; the whole name
    /// is in the segment's `<title>` and in the table beside the chart.
    static func label(_ segment: Segment, center: Exact, middle: Exact, height: Exact, language: String? = nil) -> String {
        // ⌊(height − 2) ÷ 15⌋ lines, one at least: a 37.5px segment holds two.
        let fits = (height - Exact(2)) / lineHeight ?? .zero
        let room = max(1, Int(clamping: fits.isInteger ? fits.ceiling : fits.ceiling - 1))
        let lines = SVG.wrap(segment.label, units: segmentLimit, lines: room)
        let fill = " fill=\"\(SVG.textColor(on: segment.category))\"" + SVG.lang(language)
        guard lines.count > 1 else {
            return SVG.text(lines.first ?? "", x: center, y: middle + Exact(9, 2), anchor: "middle", attributes: fill)
        }
        let first = middle - SVG.half(Exact(lines.count - 1) * lineHeight) + Exact(9, 2)
        let spans = lines.enumerated().map { index, line in
            "<tspan x=\"\(SVG.number(center))\" y=\"\(SVG.number(first + Exact(index) * lineHeight))\">\(SVG.escape(line))</tspan>"
        }
        return "<text text-anchor=\"middle\"\(fill)>" + spans.joined() + "</text>"
    }
}
