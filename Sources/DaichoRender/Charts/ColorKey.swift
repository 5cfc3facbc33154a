import DaichoCore

/// The key to a chart's colours (what each palette category stands for), drawn below the chart
/// in the SVG itself, so that it prints and travels with the picture.
public struct ColorKey: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var label: String
        public var category: Int

        public init(label: String, category: Int) {
            self.label = label
            self.category = category
        }
    }

    public var entries: [Entry]

    public init(_ entries: [Entry] = []) {
        self.entries = entries
    }

    static let rowHeight = Exact(22)
    static let left = Exact(8)
    /// Swatch and the gap after it, and the space between two entries.
    static let swatch = Exact(16)
    static let spacing = Exact(18)
    static let labelLimit = 24

    /// Each entry's place, rows wrapped at `width` (an entry wider than a row takes a row alone).
    func layout(width: Exact) -> [(entry: Entry, x: Exact, row: Int)] {
        var placed: [(Entry, Exact, Int)] = []
        var x = Self.left, row = 0
        for entry in entries {
            let span = Self.swatch + SVG.width(SVG.truncate(entry.label, units: Self.labelLimit))
            if x > Self.left && x + span > width {
                row += 1
                x = Self.left
            }
            placed.append((entry, x, row))
            x = x + span + Self.spacing
        }
        return placed
    }

    /// The height the key takes under a chart `width` wide: nothing without entries.
    func height(width: Exact) -> Exact {
        guard let last = layout(width: width).last else { return .zero }
        return Exact(last.row + 1) * Self.rowHeight + Exact(6)
    }

    /// The key's elements, its first row's top at `top`.
    func svg(top: Exact, width: Exact) -> [String] {
        guard !entries.isEmpty else { return [] }
        var body = ["<g class=\"chart-key\">"]
        for (entry, x, row) in layout(width: width) {
            let middle = top + Exact(row) * Self.rowHeight + Exact(11)
            body.append("<circle cx=\"\(SVG.number(x + Exact(5)))\" cy=\"\(SVG.number(middle))\" r=\"5\" fill=\"\(SVG.color(entry.category))\"/>")
            body.append(SVG.text(SVG.truncate(entry.label, units: Self.labelLimit), x: x + Self.swatch, y: middle + Exact(9, 2)))
        }
        body.append("</g>")
        return body
    }
}
