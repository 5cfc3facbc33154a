import DaichoCore

/// Vertical columns over categories (e.g. renewals per fiscal year), value axis at the left.
public struct ColumnChart: Sendable, Hashable {
    /// One column; `category` picks the palette colour.
    public struct Column: Sendable, Hashable {
        public var label: String
        public var value: Exact
        public var valueText: String
        public var category: Int

        public init(label: String, value: Exact, valueText: String, category: Int = 0) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.category = category
        }
    }

    /// Shown in the SVG's `<title>` only; the page draws it in `<figcaption>`.
    public var title: String
    /// One sentence for `<desc>`.
    public var description: String
    public var valueAxisLabel: String
    public var categoryAxisLabel: String
    public var columns: [Column]

    public init(title: String, description: String, valueAxisLabel: String, categoryAxisLabel: String, columns: [Column]) {
        self.title = title
        self.description = description
        self.valueAxisLabel = valueAxisLabel
        self.categoryAxisLabel = categoryAxisLabel
        self.columns = columns
    }

    static let plotHeight = Exact(200)
    static let top = Exact(24)
    static let labelLimit = 12
    static let minimumSlot = 56

    /// - Parameter language: of the page, for the message drawn instead of a chart.
    public func svg(in language: Language = .ja) -> String {
        let id = SVG.identifier(kind: "column", title: title, description: description)
        guard !columns.isEmpty else {
            return SVG.message(SVG.emptyMessage(language), id: id, title: title, description: description)
        }
        // Counts are ticked at whole numbers.
        let axis = ValueAxis(covering: columns.map(\.value).max() ?? .one, wholeSteps: columns.allSatisfy(\.value.isInteger))
        let tickLabels = axis.ticks.map(SVG.tickLabel)
        let tickWidth = tickLabels.map(SVG.width).max() ?? .zero
        let plotX = Exact(24) + tickWidth + Exact(10)
        let bottom = Self.top + Self.plotHeight
        let labelUnits = columns.map { SVG.units(SVG.truncate($0.label, units: Self.labelLimit)) }.max() ?? 0
        let valueUnits = columns.map { SVG.units($0.valueText) }.max() ?? 0
        let slot = Exact(max(Self.minimumSlot, labelUnits * 7 + 12, valueUnits * 7 + 8))
        let columnWidth = slot - Exact(20)
        let plotEnd = plotX + Exact(16) + Exact(columns.count) * slot
        let y = { (value: Exact) in bottom - SVG.fraction(value, of: axis.maximum) * Self.plotHeight }

        var body: [String] = []
        for (tick, label) in zip(axis.ticks, tickLabels) {
            let tickY = y(tick)
            if Exact.zero < tick { body.append(SVG.line(plotX, tickY, plotEnd, tickY, stroke: SVG.gridColor)) }
            body.append(SVG.line(plotX - Exact(4), tickY, plotX, tickY, stroke: SVG.axisColor))
            body.append(SVG.text(label, x: plotX - Exact(6), y: tickY + Exact(9, 2), anchor: "end"))
        }
        body.append(SVG.line(plotX, Self.top, plotX, bottom, stroke: SVG.axisColor))
        body.append(SVG.line(plotX, bottom, plotEnd, bottom, stroke: SVG.axisColor))
        if !valueAxisLabel.isEmpty {
            body.append(SVG.verticalText(valueAxisLabel, x: Exact(14), y: Self.top + SVG.half(Self.plotHeight), limit: 28))
        }
        if !categoryAxisLabel.isEmpty {
            body.append(SVG.text(categoryAxisLabel, x: SVG.half(plotX + plotEnd), y: bottom + Exact(40), anchor: "middle", limit: 56))
        }

        for (index, column) in columns.enumerated() {
            let columnX = plotX + Exact(18) + Exact(index) * slot
            let center = columnX + SVG.half(columnWidth)
            let columnY = y(column.value)
            let name = column.valueText.isEmpty ? column.label : "\(column.label): \(column.valueText)"
            var group = ["<g>", "<title>\(SVG.escape(name))</title>"]
            group.append("<rect x=\"\(SVG.number(columnX))\" y=\"\(SVG.number(columnY))\" width=\"\(SVG.number(columnWidth))\""
                + " height=\"\(SVG.number(bottom - columnY))\" fill=\"\(SVG.color(column.category))\"/>")
            if !column.valueText.isEmpty {
                group.append(SVG.text(column.valueText, x: center, y: columnY - Exact(6), anchor: "middle"))
            }
            group.append(SVG.text(SVG.truncate(column.label, units: Self.labelLimit), x: center, y: bottom + Exact(18), anchor: "middle"))
            group.append("</g>")
            body.append(group.joined())
        }

        return SVG.document(id: id, title: title, description: description, width: plotEnd + Exact(8), height: bottom + Exact(50), body: body)
    }
}
