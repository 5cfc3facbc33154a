import DaichoCore

/// An integration map: systems on a circle in the given order, data flows as straight arrows between them.
public struct NetworkDiagram: Sendable, Hashable {
    /// One system; `group` picks the palette colour, `link` (relative or http/https) makes it clickable.
    public struct Node: Sendable, Hashable {
        public var id: String
        public var label: String
        public var group: Int
        public var link: String?

        public init(id: String, label: String, group: Int = 0, link: String? = nil) {
            self.id = id
            self.label = label
            self.group = group
            self.link = link
        }
    }

    /// A flow from one node id to another; `bothWays` draws an arrowhead at each end.
    /// Edges naming an unknown node, or a node itself, are not drawn.
    public struct Edge: Sendable, Hashable {
        public var from: String
        public var to: String
        public var bothWays: Bool

        public init(from: String, to: String, bothWays: Bool = false) {
            self.from = from
            self.to = to
            self.bothWays = bothWays
        }
    }

    /// The language of the labels when it is not the page's (`"ja"`: ledger names on an English
    /// page), marked on each label's `<text>` (`lang`; the tooltips, which mix in the page's own
    /// words, are not); nil leaves the page's.
    public var labelLanguage: String?
    /// Shown in the SVG's `<title>` only; the page draws it in `<figcaption>`.
    public var title: String
    /// One sentence for `<desc>`.
    public var description: String
    public var nodes: [Node]
    public var edges: [Edge]

    /// What the nodes' colours stand for, drawn under the circle.
    public var key: ColorKey

    public init(title: String, description: String, nodes: [Node], edges: [Edge], key: ColorKey = ColorKey()) {
        self.title = title
        self.description = description
        self.nodes = nodes
        self.edges = edges
        self.key = key
    }

    /// Beyond this many nodes the diagram is replaced by a note pointing to the table.
    static let nodeLimit = 120
    static func tooManyMessage(_ language: Language) -> String {
        language == .ja ? "ノード数が多いため図を省略しました（表をご覧ください）" : "Too many systems to draw (see the table)"
    }
    /// Up to this many nodes labels are horizontal; beyond, they run along the radius so they do not overlap.
    static let horizontalLabelLimit = 16
    static let minimumRadius = 140
    static let nodeRadius = Exact(8)
    static let labelGap = Exact(14)
    /// Eight full-width characters, room the circle's margin keeps for every label.
    static let labelLimit = 16

    /// The circle's radius: at least `minimumRadius`, else about 16px of circumference per node (π ≈ 355/113).
    static func radius(nodeCount: Int) -> Exact {
        Exact(max(minimumRadius, Int(Exact(nodeCount * 16 * 113, 2 * 355).ceiling)))
    }

    /// The whole degree nearest to node `index` of `count`, clockwise from the top.
    static func degrees(index: Int, count: Int) -> Int {
        Int(Exact(360 * index, count).roundedHalfUp) % 360
    }

    /// - Parameter language: of the page, for the message drawn instead of a chart.
    public func svg(in language: Language = .ja) -> String {
        let id = SVG.identifier(kind: "network", title: title, description: description)
        guard !nodes.isEmpty else {
            return SVG.message(SVG.emptyMessage(language), id: id, title: title, description: description)
        }
        guard nodes.count <= Self.nodeLimit else {
            return SVG.message(Self.tooManyMessage(language), id: id, title: title, description: description)
        }
        let count = nodes.count
        let radius = Self.radius(nodeCount: count)
        let margin = radius + Self.labelGap + Exact(Self.labelLimit) * SVG.pixelsPerUnit + Exact(12)
        let center = margin
        let angles = nodes.indices.map { Self.degrees(index: $0, count: count) }
        let point = { (index: Int, distance: Exact) -> (x: Exact, y: Exact) in
            (center + distance * SineTable.sine(degrees: angles[index]),
             center - distance * SineTable.cosine(degrees: angles[index]))
        }
        var indexByID: [String: Int] = [:]
        for (index, node) in nodes.enumerated() where indexByID[node.id] == nil { indexByID[node.id] = index }

        var body: [String] = []
        let drawn = edges.compactMap { edge -> (from: Int, to: Int, bothWays: Bool)? in
            guard let from = indexByID[edge.from], let to = indexByID[edge.to], from != to else { return nil }
            return (from, to, edge.bothWays)
        }
        if !drawn.isEmpty {
            body.append("<defs>"
                + "<marker id=\"\(id)-arrow-end\" viewBox=\"0 0 8 8\" refX=\"17\" refY=\"4\" markerWidth=\"8\" markerHeight=\"8\""
                + " markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0L8,4L0,8z\" fill=\"\(SVG.axisColor)\"/></marker>"
                + "<marker id=\"\(id)-arrow-start\" viewBox=\"0 0 8 8\" refX=\"-9\" refY=\"4\" markerWidth=\"8\" markerHeight=\"8\""
                + " markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M8,0L0,4L8,8z\" fill=\"\(SVG.axisColor)\"/></marker>"
                + "</defs>")
        }
        for edge in drawn {
            let start = point(edge.from, radius)
            let end = point(edge.to, radius)
            let arrow = edge.bothWays ? " ↔ " : " → "
            let markers = (edge.bothWays ? " marker-start=\"url(#\(id)-arrow-start)\"" : "")
                + " marker-end=\"url(#\(id)-arrow-end)\""
            body.append("<line x1=\"\(SVG.number(start.x))\" y1=\"\(SVG.number(start.y))\" x2=\"\(SVG.number(end.x))\""
                + " y2=\"\(SVG.number(end.y))\" stroke=\"\(SVG.axisColor)\" stroke-width=\"1.2\"\(markers)>"
                + "<title>\(SVG.escape(nodes[edge.from].label + arrow + nodes[edge.to].label))</title></line>")
        }

        let horizontal = count <= Self.horizontalLabelLimit
        let texts = SVG.truncateDistinctly(nodes.map(\.label), units: Self.labelLimit)
        for (index, node) in nodes.enumerated() {
            let position = point(index, radius)
            let label = point(index, radius + Self.labelGap)
            let angle = angles[index]
            let text = texts[index]
            let labelElement: String
            if horizontal {
                let anchor = angle == 0 || angle == 180 ? "middle" : angle < 180 ? "start" : "end"
                let shift = angle == 0 ? Exact.zero : angle == 180 ? Exact(9) : Exact(9, 2)
                labelElement = SVG.text(text, x: label.x, y: label.y + shift, anchor: anchor, attributes: SVG.lang(labelLanguage))
            } else {
                // Along the radius, reading outwards on the right half and inwards-flipped on the left.
                let rotation = angle < 180 ? angle - 90 : angle - 270
                labelElement = SVG.text(text, x: label.x, y: label.y + Exact(9, 2), anchor: angle < 180 ? "start" : "end",
                                        attributes: " transform=\"rotate(\(rotation) \(SVG.number(label.x)) \(SVG.number(label.y)))\""
                                            + SVG.lang(labelLanguage))
            }
            let group = [
                "<g>", "<title>\(SVG.escape(node.label))</title>",
                "<circle cx=\"\(SVG.number(position.x))\" cy=\"\(SVG.number(position.y))\" r=\"\(SVG.number(Self.nodeRadius))\""
                    + " fill=\"\(SVG.color(node.group))\" stroke=\"#fff\" stroke-width=\"1.5\"/>",
                labelElement, "</g>",
            ]
            body.append(SVG.linked(group.joined(), to: node.link))
        }
        let size = margin * Exact(2)
        body += key.svg(top: size, width: size)
        let height = size + (key.entries.isEmpty ? .zero : key.height(width: size) + Exact(6))
        return SVG.document(id: id, title: title, description: description, width: size, height: height, body: body)
    }
}
