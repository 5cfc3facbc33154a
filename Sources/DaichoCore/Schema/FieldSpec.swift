/// Whether a field must be filled: required (error when missing), recommended (warning), or optional.
public enum Requirement: String, Sendable {
    case required = "R"
    case recommended = "r"
    case optional = ""
}

/// One field of the ledger format: key, labels, requirement and kind of value.
///
/// The schema is the single description of ledger-v1 that decoding, completeness,
/// the `daicho new` template, visibility paths and "did you mean" hints all read.
public struct FieldSpec: Sendable {
    public indirect enum Kind: Sendable {
        case text
        case markdown
        /// A whole number, at least 0.
        case integer
        /// An exact decimal number, at least 0.
        case number
        case bool
        case date
        /// A yen amount: a non-negative integer or a digit-grouped string.
        case yen
        case enumeration(EnumSpec)
        case list(Kind)
        case group([FieldSpec])
        /// A list item that is either Markdown or a group (`issues`).
        case markdownOrGroup([FieldSpec])
        /// A map of string to scalar (`extra`).
        case scalarMap
    }

    public var key: String
    public var label: LocalizedText
    public var requirement: Requirement
    public var kind: Kind
    /// Upper bound for numbers (`cpu_peak_pct`), if any.
    public var maximum: Int?
    /// A short note for the template, e.g. the unit or an example.
    public var note: String?

    public init(
        _ key: String, _ ja: String, _ en: String, _ requirement: Requirement = .optional, _ kind: Kind,
        maximum: Int? = nil, note: String? = nil
    ) {
        self.key = key
        self.label = LocalizedText(ja: ja, en: en)
        self.requirement = requirement
        self.kind = kind
        self.maximum = maximum
        self.note = note
    }

    /// The fields of a group or group-like list item.
    public var children: [FieldSpec] {
        switch kind {
        case .group(let fields), .markdownOrGroup(let fields), .list(.group(let fields)),
            .list(.markdownOrGroup(let fields)):
            fields
        default: []
        }
    }

    public func child(_ key: String) -> FieldSpec? {
        children.first { $0.key == key }
    }
}
