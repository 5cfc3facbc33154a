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

    /// Behind one reference: the decoder hands a spec to every value it reads, and copying
    /// seven fields (five of them retained) each time was a twentieth of a check.
    private final class Storage: Sendable {
        let key: String
        let label: LocalizedText
        let requirement: Requirement
        let kind: Kind
        let maximum: Int?
        let note: String?
        let path: String
        let slot: Int

        init(key: String, label: LocalizedText, requirement: Requirement, kind: Kind, maximum: Int?, note: String?,
             path: String, slot: Int) {
            self.key = key
            self.label = label
            self.requirement = requirement
            self.kind = kind
            self.maximum = maximum
            self.note = note
            self.path = path
            self.slot = slot
        }
    }

    private var storage: Storage

    public var key: String { storage.key }
    public var label: LocalizedText { storage.label }
    public var requirement: Requirement { storage.requirement }
    public var kind: Kind { storage.kind }
    /// Upper bound for numbers (`cpu_peak_pct`), if any.
    public var maximum: Int? { storage.maximum }
    /// A short note for the template, e.g. the unit or an example.
    public var note: String? { storage.note }
    /// The note when it gives an example (`西暦4桁で。例: 2026`): the hints for a wrong or a
    /// missing number say it instead of the usual 「例: 120」.
    var example: String? { note.flatMap { $0.contains("例") ? $0 : nil } }
    /// The dotted path without list indexes (`hardware.servers.os`), set when the schema is numbered.
    public var path: String { storage.path }
    /// The field's place in its schema, depth first; -1 before numbering.
    var slot: Int { storage.slot }

    public init(
        _ key: String, _ ja: String, _ en: String, _ requirement: Requirement = .optional, _ kind: Kind,
        maximum: Int? = nil, note: String? = nil
    ) {
        storage = Storage(key: key, label: LocalizedText(ja: ja, en: en), requirement: requirement, kind: kind,
                          maximum: maximum, note: note, path: "", slot: -1)
    }

    /// This spec with another kind, path and place.
    private func with(kind: Kind, path: String, slot: Int) -> FieldSpec {
        var copy = self
        copy.storage = Storage(key: key, label: label, requirement: requirement, kind: kind, maximum: maximum, note: note,
                               path: path, slot: slot)
        return copy
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
            let slot = next
            next += 1
            let path = prefix.isEmpty ? spec.key : (spec.key.isEmpty ? prefix : prefix + "." + spec.key)
            func children(_ fields: [FieldSpec]) -> [FieldSpec] { fields.map { number($0, prefix: path) } }
            let kind: Kind
            switch spec.kind {
            case .group(let fields): kind = .group(children(fields))
            case .markdownOrGroup(let fields): kind = .markdownOrGroup(children(fields))
            case .list(.group(let fields)): kind = .list(.group(children(fields)))
            case .list(.markdownOrGroup(let fields)): kind = .list(.markdownOrGroup(children(fields)))
            default: kind = spec.kind
            }
            return spec.with(kind: kind, path: path, slot: slot)
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

extension FieldSpec {
    /// What to write for a field left out, in the field's form: its allowed values, はい／いいえ,
    /// a date or an amount with an example, as the missing-field diagnostics hint.
    public func fillInHint(at path: String) -> LocalizedText {
        let (ja, en) = (label.ja, label.en)
        switch kind {
        case .enumeration(let values):
            return LocalizedText(ja: "\(path) に次のいずれかを書いてください: \(values.listing(.ja))",
                                 en: "set \(path) to one of: \(values.listing(.en))")
        case .list(.enumeration(let values)):
            return LocalizedText(ja: "\(path) に \(values.listExample) のように書いてください。使える値: \(values.listing(.ja))",
                                 en: "write \(path) as \(values.listExample); allowed: \(values.listing(.en))")
        case .bool:
            return LocalizedText(ja: "\(path) に はい または いいえ を書いてください（\(ja)）", en: "set \(path) to yes or no (\(en))")
        case .date:
            return LocalizedText(ja: "\(path) に日付を書いてください（例: 2019-04-01、令和7年4月1日）", en: "write a date at \(path) (e.g. 2019-04-01)")
        case .yen:
            return LocalizedText(ja: "\(path) に金額を書いてください（例: 1200000）", en: "write an amount at \(path) (e.g. 1200000)")
        case .integer, .number:
            return LocalizedText(ja: "\(path) に数値を書いてください（\(example ?? "例: 120")）", en: "write a number at \(path)")
        case .group, .list(.group), .list(.markdownOrGroup), .markdownOrGroup, .scalarMap:
            return LocalizedText(ja: "\(path): の下に書いてください（daicho new で作る台帳のひな形に、書く項目があります）",
                                 en: "write it under \(path): (the blank ledger from daicho new lists its fields)")
        case .text, .markdown, .list:
            return LocalizedText(ja: "\(path) に\(ja)を書いてください", en: "fill in \(path) (\(en))")
        }
    }
}
