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
    /// The dotted path without list indexes (`hardware.servers.os`), set when the schema is numbered.
    public internal(set) var path = ""
    /// The field's place in its schema, depth first; -1 before numbering.
    var slot = -1

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

extension FieldSpec {
    /// This spec with `path` and `slot` set on it and on every field below it, depth first.
    func numbered() -> FieldSpec {
        var next = 0
        func number(_ spec: FieldSpec, prefix: String) -> FieldSpec {
            var spec = spec
            spec.slot = next
            next += 1
            spec.path = prefix.isEmpty ? spec.key : (spec.key.isEmpty ? prefix : prefix + "." + spec.key)
            func children(_ fields: [FieldSpec]) -> [FieldSpec] { fields.map { number($0, prefix: spec.path) } }
            switch spec.kind {
            case .group(let fields): spec.kind = .group(children(fields))
            case .markdownOrGroup(let fields): spec.kind = .markdownOrGroup(children(fields))
            case .list(.group(let fields)): spec.kind = .list(.group(children(fields)))
            case .list(.markdownOrGroup(let fields)): spec.kind = .list(.markdownOrGroup(children(fields)))
            default: break
            }
            return spec
        }
        return number(self, prefix: "")
    }

    /// Every numbered field's path and slot.
    func slots() -> [String: Int] {
        var result: [String: Int] = [:]
        func walk(_ spec: FieldSpec) {
            result[spec.path] = spec.slot
            spec.children.forEach(walk)
        }
        walk(self)
        return result
    }
}

/// A set of fields of one schema, by slot: the decoder marks every field it reads, and
/// hashing a path string for each would cost more than reading the value.
struct FieldSet: Sendable {
    private var bits: [Bool]
    private let slots: [String: Int]

    init(slots: [String: Int] = [:]) {
        self.bits = Array(repeating: false, count: slots.count + 1)
        self.slots = slots
    }

    mutating func insert(_ spec: FieldSpec) {
        if bits.indices.contains(spec.slot) { bits[spec.slot] = true }
    }

    mutating func insert(_ path: String) {
        if let slot = slots[path], bits.indices.contains(slot) { bits[slot] = true }
    }

    func contains(slot: Int) -> Bool { bits.indices.contains(slot) && bits[slot] }

    func contains(_ path: String) -> Bool { slots[path].map(contains(slot:)) ?? false }
}
