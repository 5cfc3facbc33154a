/// A value read from YAML and checked against the schema, before it becomes the typed model.
public indirect enum Value: Sendable {
    case text(String)
    case integer(Int)
    case number(Exact)
    case bool(Bool)
    case date(LedgerDate)
    /// An amount as written, before `costs.unit` is applied.
    case yen(Int)
    case token(String)
    case list([Value])
    case group([String: Value])
    case scalarMap([ExtraField])

    var text: String? { if case .text(let v) = self { v } else { nil } }
    var integer: Int? { if case .integer(let v) = self { v } else { nil } }
    var number: Exact? { if case .number(let v) = self { v } else { nil } }
    var bool: Bool? { if case .bool(let v) = self { v } else { nil } }
    var date: LedgerDate? { if case .date(let v) = self { v } else { nil } }
    var yen: Int? { if case .yen(let v) = self { v } else { nil } }
    var token: String? { if case .token(let v) = self { v } else { nil } }
    var list: [Value]? { if case .list(let v) = self { v } else { nil } }
    var fields: [String: Value]? { if case .group(let v) = self { v } else { nil } }

    subscript(key: String) -> Value? { fields?[key] }

    func enumeration<E: LedgerEnum>(_ type: E.Type = E.self) -> E? { token.flatMap(E.init(rawValue:)) }
}

/// One `extra:` entry: a municipality's own field, shown as a table.
public struct ExtraField: Sendable, Hashable {
    public var key: String
    public var value: String
}

/// Where each value of a ledger came from, keyed by field path (`integrations[0].system`).
public struct SourceMap: Sendable {
    public var file: String
    var locations: [String: SourceLocation] = [:]

    public init(file: String) {
        self.file = file
    }

    /// The location of a field, or of its nearest ancestor that the file has, or the file's start.
    public func location(of path: String) -> SourceLocation {
        var path = Substring(path)
        while true {
            if let found = locations[String(path)] { return found }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = path[..<cut]
        }
        return locations[""] ?? SourceLocation(file: file)
    }

    public func has(_ path: String) -> Bool { locations[path] != nil }

    /// Keeps only the places rules across ledgers point at: a large inventory holds every
    /// ledger in memory, and a full map is most of a ledger's size.
    func retainingCrossFileLocations() -> SourceMap {
        var kept = SourceMap(file: file)
        for (path, location) in locations where Self.isCrossFile(path) {
            kept.locations[path] = location
        }
        return kept
    }

    static func isCrossFile(_ path: String) -> Bool {
        switch path {
        case "", "id", "hardware", "hardware.terminals", "hardware.terminals.dedicated": return true
        default:
            guard path.hasPrefix("integrations[") else { return false }
            return path.hasSuffix("]") || path.hasSuffix("].system") || path.hasSuffix("].direction")
        }
    }

    mutating func record(_ path: String, line: Int, column: Int) {
        locations[path] = SourceLocation(file: file, line: line, column: column)
    }
}
