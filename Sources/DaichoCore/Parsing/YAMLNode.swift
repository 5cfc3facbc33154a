/// A YAML node as the schema decoder needs it: text, pairs or items, and where it starts.
///
/// Scalars keep their raw text (the schema decides types) and whether they were plain,
/// because only a plain `null` or `~` means "not filled in"; a quoted "null" is text.
public struct YAMLNode: Sendable, Equatable {
    public struct Pair: Sendable, Equatable {
        public var key: YAMLNode
        public var value: YAMLNode
    }

    public enum Content: Sendable, Equatable {
        case scalar(String, plain: Bool)
        case mapping([Pair])
        case sequence([YAMLNode])
    }

    public var content: Content
    /// 1-based, columns in Unicode scalars (as libyaml counts them).
    public var line: Int32
    public var column: Int32

    public var isScalar: Bool { if case .scalar = content { true } else { false } }
}
