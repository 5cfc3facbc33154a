/// Where each value of a ledger came from, keyed by field path (`integrations[0].system`).
///
/// While a file is being read, places are looked up in its YAML tree on demand (only diagnostics
/// need them); afterwards only the places that rules across ledgers point at are kept.
public struct SourceMap: Sendable {
    /// One kept place, in 12 bytes: which cross-file path (and list index), line and column.
    /// A hundred thousand ledgers keep about a million of them.
    struct Place: Sendable, Equatable {
        var key: Key
        var line: Int32
        var column: Int32
    }

    struct Key: Sendable, Equatable {
        var kind: UInt8
        var index: UInt16

        /// The paths rules across ledgers point at, in `isCrossFile` order. (The department and the
        /// group name too: their spelling warnings, and the questions to the ledgers that spell
        /// them otherwise, are at those lines, not at the file's start.)
        static let fixed = ["", "id", "hardware", "hardware.terminals", "hardware.terminals.dedicated",
                            "basic.department", "hardware.terminals.group"]
        static let perIntegration = ["", ".system", ".direction"]

        init(kind: UInt8, index: UInt16 = 0) {
            self.kind = kind
            self.index = index
        }

        init?<Text: StringProtocol>(_ path: Text) {
            if let fixed = Key.fixed.firstIndex(where: { $0 == path }) {
                self.init(kind: UInt8(fixed))
                return
            }
            guard path.hasPrefix("integrations["), let close = path.firstIndex(of: "]"),
                  let index = UInt16(path[path.index(path.startIndex, offsetBy: 13)..<close]),
                  let suffix = Key.perIntegration.firstIndex(where: { $0 == path[path.index(after: close)...] })
            else { return nil }
            self.init(kind: UInt8(Key.fixed.count + suffix), index: index)
        }
    }

    public var file: String
    var tree: YAMLNode?
    /// A handful of places per ledger: a list is smaller than a dictionary and as quick to search.
    var places: [Place] = []

    public init(file: String) {
        self.file = file
    }

    init(file: String, tree: YAMLNode) {
        self.file = file
        self.tree = tree
    }

    init(file: String, places: [Place]) {
        self.file = file
        self.places = places
    }

    /// The location of a field, or of its nearest ancestor that the file has, or the file's start.
    public func location(of path: String) -> SourceLocation {
        if let tree {
            let found = Self.deepest(path, in: tree)
            return SourceLocation(file: file, line: Int(found.node.line), column: Int(found.node.column))
        }
        var path = Substring(path)
        while true {
            if let key = Key(path), let found = places.first(where: { $0.key == key }) { return location(found) }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = path[..<cut]
        }
        return places.first { $0.key == Key(kind: 0) }.map(location) ?? SourceLocation(file: file)
    }

    private func location(_ place: Place) -> SourceLocation {
        SourceLocation(file: file, line: Int(place.line), column: Int(place.column))
    }

    public func has(_ path: String) -> Bool {
        if let tree { return Self.deepest(path, in: tree).complete }
        guard let key = Key(path) else { return false }
        return places.contains { $0.key == key }
    }

    /// Keeps only the places rules across ledgers point at: a large inventory holds every
    /// ledger in memory, and a YAML tree is most of a ledger's size.
    ///
    /// The ledger parser has the decoder note these places as it passes them
    /// (`SchemaDecoder.keptPlaces`); this walk is the definition its tests compare against.
    func retainingCrossFileLocations() -> SourceMap {
        guard let tree else { return self }
        var kept = SourceMap(file: file)
        func keep(_ kind: Int, _ node: YAMLNode, index: UInt16 = 0) {
            kept.places.append(Place(key: Key(kind: UInt8(kind), index: index), line: node.line, column: node.column))
        }
        for (kind, path) in Key.fixed.enumerated() {
            let found = Self.deepest(path, in: tree)
            if found.complete { keep(kind, found.node) }
        }
        // Walked directly: making and parsing back three paths per integration was a twelfth of a check.
        let integrations = Self.deepest("integrations", in: tree)
        if integrations.complete, case .sequence(let items) = integrations.node.content {
            for (index, item) in items.enumerated() {
                guard let index = UInt16(exactly: index) else { break }
                keep(Key.fixed.count, item, index: index)
                for (offset, name) in ["system", "direction"].enumerated() {
                    if let value = item.value(for: name) { keep(Key.fixed.count + 1 + offset, value, index: index) }
                }
            }
        }
        return kept
    }

    /// What the ledger schema's slots stand for among the kept places: a `Key.kind`, `integrationItem`
    /// for the integrations list, or -1. Indexed by `FieldSpec.slot`.
    static let ledgerSlotKinds: [Int8] = {
        var kinds = [Int8](repeating: -1, count: LedgerSchema.slots.count + 1)
        func mark(_ path: String, _ kind: Int) {
            if let slot = LedgerSchema.slots[path], kinds.indices.contains(slot) { kinds[slot] = Int8(kind) }
        }
        for (kind, path) in Key.fixed.enumerated() where !path.isEmpty { mark(path, kind) }
        mark("integrations", Int(integrationItem))
        for (offset, suffix) in Key.perIntegration.enumerated() where !suffix.isEmpty {
            mark("integrations" + suffix, Key.fixed.count + offset)
        }
        return kinds
    }()

    /// The kind of an integration item's own place.
    static let integrationItem = Int8(Key.fixed.count)

    /// Kept places in the order `retainingCrossFileLocations` makes them: the fixed paths by kind,
    /// then each integration's item, system and direction.
    static func ordered(_ places: [Place]) -> [Place] {
        let fixed = UInt8(Key.fixed.count)
        return places.sorted { a, b in
            let (aFixed, bFixed) = (a.key.kind < fixed, b.key.kind < fixed)
            if aFixed != bFixed { return aFixed }
            if aFixed { return a.key.kind < b.key.kind }
            return (a.key.index, a.key.kind) < (b.key.index, b.key.kind)
        }
    }

    /// Follows a path (`a.b[2].c`) down the tree as far as the file has it.
    /// - Returns: the node of the path, or, when the file lacks it, the key of its nearest ancestor
    ///   the file has (`basic:` for a missing `basic.name`: the first key under `basic` was named,
    ///   a field the clerk did write) or the ancestor itself where it has no key (a list's item,
    ///   the file's start).
    static func deepest(_ path: String, in root: YAMLNode) -> (node: YAMLNode, complete: Bool) {
        var node = root
        var key: YAMLNode?
        var rest = Substring(path)
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]"),
                      let index = Int(rest[rest.index(after: rest.startIndex)..<close]) else { return (key ?? node, false) }
                switch node.content {
                case .sequence(let items) where items.indices.contains(index):
                    node = items[index]
                    key = nil
                case .scalar where index == 0:
                    break  // `segments: lgwan` is read as a one-item list
                default:
                    return (key ?? node, false)
                }
                rest = rest[rest.index(after: close)...]
            } else {
                if rest.first == "." { rest = rest.dropFirst() }
                let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? rest.endIndex
                let name = rest[..<end]
                guard case .mapping(let pairs) = node.content,
                      let pair = pairs.first(where: { if case .scalar(let text, _) = $0.key.content { text == name } else { false } })
                else { return (key ?? node, false) }
                node = pair.value
                key = pair.key
                rest = rest[end...]
            }
        }
        return (node, true)
    }
}
