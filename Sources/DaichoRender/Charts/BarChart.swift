import DaichoCore

/// Horizontal bars with labels at the left, the value at each bar's end and an optional dashed reference line.
public struct BarChart: Sendable, Hashable {
    /// One bar; `category` picks the palette colour, `link` (relative or http/https) makes the bar clickable.
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Exact
        public var valueText: String
        public var category: Int
        public var link: String?
        /// This bar's label's language, when not the chart's `labelLanguage` (a label that is one
        /// ledger name among labels that mix in the page's words).
        public var labelLanguage: String?

        public init(label: String, value: Exact, valueText: String, category: Int = 0, link: String? = nil,
                    labelLanguage: String? = nil) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.category = category
            self.link = link
            self.labelLanguage = labelLanguage
        }
    }

    /// A dashed vertical line across the bars at `value`, labelled above the plot (e.g. a 50% line).
    public struct Reference: Sendable, Hashable {
        public var value: Exact
        public var label: String

        public init(value: Exact, label: String) {
            self.value = value
            self.label = label
        }
    }

    /// Shown in the SVG's `<title>` only; the page draws it in `<figcaption>`.
    public var title: String
    /// One sentence for `<desc>`.
    public var description: String
    public var valueAxisLabel: String
    public var bars: [Bar]
    public var referenceLine: Reference?
    /// The value at the axis end; by default the largest value or reference (at least 1), rounded up to a tick.
    public var maximum: Exact?
    /// The language of the labels when it is not the page's (`"ja"`: ledger names on an English
    /// page), marked on each label's `<text>` (`lang`; the tooltips, which mix in the page's own
    /// words, are not); nil leaves the page's.
    public var labelLanguage: String?

    public init(
        title: String, description: String, valueAxisLabel: String, bars: [Bar],
        referenceLine: Reference? = nil, maximum: Exact? = nil
    ) {
        self.title = title
        self.description = description
        self.valueAxisLabel = valueAxisLabel
        self.bars = bars
        self.referenceLine = referenceLine
        self.maximum = maximum
    }

    static let plotWidth = Exact(400)
    static let barHeight = Exact(20)
    static let rowPitch = Exact(28)
    /// Twenty full-width characters: a gap's or a system's name mostly whole (the plot keeps its
    /// width; the label column grows to the longest label shown).
    static let labelLimit = 40

    /// - Parameter language: of the page, for the message drawn instead of a chart.
    public func svg(in language: Language = .ja) -> String {
        let id = SVG.identifier(kind: "bar", title: title, description: description)
        guard !bars.isEmpty else {
            return SVG.message(SVG.emptyMessage(language), id: id, title: title, description: description)
        }
        let dataMaximum = (bars.map(\.value) + [referenceLine?.value].compactMap { $0 }).max() ?? .one
        // Counts (every value whole) are ticked at whole numbers: no 0.25 システム when all are 0.
        let axis = ValueAxis(maximum: maximum, covering: dataMaximum, wholeSteps: bars.allSatisfy(\.value.isInteger))

        let labels = SVG.truncateDistinctly(bars.map(\.label), units: Self.labelLimit)
        let labelUnits = labels.map(SVG.units).max() ?? 0
        let plotX = Exact(labelUnits) * SVG.pixelsPerUnit + Exact(16)
        let plotEnd = plotX + Self.plotWidth
        let top = referenceLine == nil ? Exact(8) : Exact(28)
        let axisY = top + Exact(bars.count) * Self.rowPitch + Exact(4)
        let x = { (value: Exact) in plotX + SVG.fraction(value, of: axis.maximum) * Self.plotWidth }

        var width = plotEnd + Exact(8)
        var body: [String] = []

        // Grid, ticks and tick labels.
        for tick in axis.ticks {
            let tickX = x(tick)
            if Exact.zero < tick { body.append(SVG.line(tickX, top, tickX, axisY, stroke: SVG.gridColor)) }
            body.append(SVG.line(tickX, axisY, tickX, axisY + Exact(4), stroke: SVG.axisColor))
            let label = SVG.tickLabel(tick)
            body.append(SVG.text(label, x: tickX, y: axisY + Exact(18), anchor: "middle"))
            width = max(width, tickX + SVG.half(SVG.width(label)) + Exact(8))
        }
        body.append(SVG.line(plotX, top, plotX, axisY, stroke: SVG.axisColor))
        body.append(SVG.line(plotX, axisY, plotEnd, axisY, stroke: SVG.axisColor))
        if !valueAxisLabel.isEmpty {
            body.append(SVG.text(valueAxisLabel, x: plotX + SVG.half(Self.plotWidth), y: axisY + Exact(38), anchor: "middle", limit: 56))
        }

        // Bars.
        var valueTexts: [String] = []
        for (index, bar) in bars.enumerated() {
            let barY = top + Exact(index) * Self.rowPitch + Exact(4)
            let textY = barY + Exact(29, 2)
            let barWidth = x(bar.value) - plotX
            let name = bar.valueText.isEmpty ? bar.label : "\(bar.label): \(bar.valueText)"
            var group = ["<g>", "<title>\(SVG.escape(name))</title>"]
            group.append(SVG.text(labels[index], x: plotX - Exact(8), y: textY, anchor: "end", attributes: SVG.lang(bar.labelLanguage ?? labelLanguage)))
            group.append("<rect x=\"\(SVG.number(plotX))\" y=\"\(SVG.number(barY))\" width=\"\(SVG.number(barWidth))\""
                + " height=\"\(SVG.number(Self.barHeight))\" fill=\"\(SVG.color(bar.category))\"/>")
            if !bar.valueText.isEmpty {
                let valueX = plotX + barWidth + Exact(4)
                // Drawn after the reference line, on a white ground, so the line does not strike it
                // through; outside the bar's link, which stays one stop for the keyboard.
                valueTexts.append("<rect x=\"\(SVG.number(valueX - Exact(2)))\" y=\"\(SVG.number(barY + Exact(1)))\""
                    + " width=\"\(SVG.number(SVG.width(bar.valueText) + Exact(4)))\" height=\"\(SVG.number(Self.barHeight - Exact(2)))\" fill=\"#fff\"/>"
                    + SVG.text(bar.valueText, x: valueX, y: textY))
                width = max(width, valueX + SVG.width(bar.valueText) + Exact(8))
            }
            group.append("</g>")
            body.append(SVG.linked(group.joined(), to: bar.link))
        }

        // The reference line goes over the bars so it stays visible.
        if let reference = referenceLine, !(reference.value < .zero), !(axis.maximum < reference.value) {
            let lineX = x(reference.value)
            var group = ["<g>", SVG.line(lineX, top - Exact(6), lineX, axisY, stroke: SVG.textColor,
                                         extra: " stroke-width=\"1.5\" stroke-dasharray=\"4 3\"")]
            if !reference.label.isEmpty {
                group.append(SVG.text(reference.label, x: lineX, y: top - Exact(10), anchor: "middle", limit: 40))
                width = max(width, lineX + SVG.half(SVG.width(SVG.truncate(reference.label, units: 40))) + Exact(8))
            }
            group.append("</g>")
            body.append(group.joined())
        }
        body += valueTexts

        return SVG.document(id: id, title: title, description: description, width: width, height: axisY + Exact(48), body: body)
    }
}
