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

    /// The value of a mapping's key written as text, nil for a missing key or another kind of node.
    func value<Key: StringProtocol>(for key: Key) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { if case .scalar(let text, _) = $0.key.content { text == key } else { false } }?.value
    }
}

extension [YAMLNode.Pair] {
    /// Whether two keys are the same text. Ledger mappings are small: comparing keys pairwise
    /// is cheaper than hashing them, and nothing is allocated when there is no duplicate.
    var hasDuplicateKeys: Bool {
        guard count > 1 else { return false }
        if count > 24 {
            var seen = Set<String>()
            return contains { if case .scalar(let key, _) = $0.key.content { !seen.insert(key).inserted } else { false } }
        }
        for index in 1..<count {
            guard case .scalar(let key, _) = self[index].key.content else { continue }
            for other in 0..<index {
                if case .scalar(let earlier, _) = self[other].key.content, earlier == key { return true }
            }
        }
        return false
    }
}
