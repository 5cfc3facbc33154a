/// A value read from YAML and checked against the schema, before it becomes the typed model.
public enum Value: Sendable {
    case text(String)
    case integer(Int)
    case number(Exact)
    case bool(Bool)
    case date(LedgerDate)
    /// An amount as written, before `costs.unit` is applied.
    case yen(Int)
    case token(String)
    case list([Value])
    case group(ValueGroup)
    case scalarMap([ExtraField])

    var text: String? { if case .text(let v) = self { v } else { nil } }
    var integer: Int? { if case .integer(let v) = self { v } else { nil } }
    var number: Exact? { if case .number(let v) = self { v } else { nil } }
    var bool: Bool? { if case .bool(let v) = self { v } else { nil } }
    var date: LedgerDate? { if case .date(let v) = self { v } else { nil } }
    var yen: Int? { if case .yen(let v) = self { v } else { nil } }
    var token: String? { if case .token(let v) = self { v } else { nil } }
    var list: [Value]? { if case .list(let v) = self { v } else { nil } }
    var fields: ValueGroup? { if case .group(let v) = self { v } else { nil } }

    subscript(key: String) -> Value? { fields?[key] }

    func enumeration<E: LedgerEnum>(_ type: E.Type = E.self) -> E? { token.flatMap(E.init(rawValue:)) }
}

/// A group's values by key, in the order the file gives them.
///
/// A group has a few dozen keys at most, mostly short ASCII ones that compare as machine words:
/// finding one in a list costs less than the dictionary, which hashed every key written and read.
public struct ValueGroup: Sendable {
    /// A struct, not a tuple: an array of tuples is freed through the runtime's generic tuple
    /// code, element by element (a fortieth of a cold `analyze`).
    private struct Entry: Sendable {
        var key: String
        var value: Value
    }

    private var entries: [Entry] = []

    init(capacity: Int = 0) {
        entries.reserveCapacity(capacity)
    }

    /// Keys are unique: the YAML readers refuse a mapping that repeats one.
    ///
    /// - Parameter key: the schema's spelling of the key (see `String.isSchemaText`).
    mutating func append(_ key: String, _ value: Value) {
        entries.append(Entry(key: key, value: value))
    }

    subscript(key: String) -> Value? {
        // By index: a loop over the entries copied (and retained) each value it passed.
        for index in entries.indices where entries[index].key.isSchemaText(key) {
            return entries[index].value
        }
        return nil
    }
}

/// One `extra:` entry: a municipality's own field, shown as a table.
public struct ExtraField: Sendable, Hashable {
    public var key: String
    public var value: String
    /// Whether the value was written plain (not quoted, not a block): only a plain `true` or
    /// `false` is YAML's yes or no; `"true"` is the text the clerk typed.
    public var plain: Bool

    public init(key: String, value: String, plain: Bool = true) {
        self.key = key
        self.value = value
        self.plain = plain
    }
}
