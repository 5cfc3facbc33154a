/// One allowed value of an enumerated field: the token written in YAML and its labels.
public struct EnumCase: Sendable, Hashable {
    public var token: String
    public var label: LocalizedText

    public init(_ token: String, _ ja: String, _ en: String) {
        self.token = token
        self.label = LocalizedText(ja: ja, en: en)
    }
}

/// The allowed values of an enumerated field, in the order the spec lists them.
public struct EnumSpec: Sendable, Hashable {
    public let cases: [EnumCase]
    /// Japanese labels after NFKC, computed once: lookups run for every value of every ledger.
    private let normalizedLabels: [String]
    /// The same without the long-vowel mark: 「サーバー」 as many offices write it is the
    /// label's 「サーバ」 (the ministry's spelling).
    private let plainLabels: [String]
    /// Whether a label has the mark: without it in the label or the input, the comparison
    /// without marks is the one already made.
    private let labelsHaveLongVowels: Bool

    public init(_ cases: [EnumCase]) {
        self.cases = cases
        self.normalizedLabels = cases.map(\.label.ja.nfkcTrimmed)
        self.plainLabels = normalizedLabels.map(Self.withoutLongVowels)
        labelsHaveLongVowels = normalizedLabels.contains { $0.contains("ー") }
    }

    static func withoutLongVowels(_ text: String) -> String {
        text.contains("ー") ? text.replacing("ー", with: "") : text
    }

    public var tokens: [String] { cases.map(\.token) }

    public func label(of token: String) -> LocalizedText {
        cases.first { $0.token == token }?.label ?? LocalizedText(ja: token, en: token)
    }

    /// The token for an input that is a token or a Japanese label (compared after NFKC).
    public func token(for input: String) -> String? {
        // A token as written, the usual case, without normalising (a token is ASCII and trimmed,
        // so normalising it changes nothing).
        if let hit = cases.first(where: { input.isSchemaText($0.token) }) { return hit.token }
        let key = input.nfkcTrimmed
        if let hit = cases.first(where: { $0.token == key }) { return hit.token }
        if let index = normalizedLabels.firstIndex(of: key) { return cases[index].token }
        let lowered = key.lowercased()
        if let hit = cases.first(where: { $0.token == lowered }) { return hit.token }
        guard key.contains("ー") || labelsHaveLongVowels else { return nil }
        return plainLabels.firstIndex(of: Self.withoutLongVowels(key)).map { cases[$0].token }
    }

    /// Several values as a list of them is written: `[mynumber, lgwan]`.
    public var listExample: String { "[" + cases.prefix(2).map(\.token).joined(separator: ", ") + "]" }

    /// The allowed values as the hint shows them: `token（ラベル）, …`.
    public func listing(_ language: Language) -> String {
        cases.map { language == .ja ? "\($0.token)（\($0.label.ja)）" : "\($0.token) (\($0.label.en))" }
            .joined(separator: ", ")
    }

    /// The token or label closest to a wrong input, if one is close enough to be a likely typo.
    ///
    /// A suggestion never turns the clerk's words into their opposite: a Japanese input with a
    /// negation (`導入なし`) is matched only with labels that have one too, and one without only
    /// with labels without (`installed`（導入済） was suggested for 導入なし, one edit from it).
    public func nearest(to input: String) -> EnumCase? {
        let key = input.nfkcTrimmed.lowercased()
        let negated = Self.isNegated(key)
        let agreeing = zip(cases, normalizedLabels).filter { Self.isNegated($0.1) == negated || key.allSatisfy(\.isASCII) }
        // A label written without its bracketed note (`業務委託なし` for `業務委託なし（職員対応）`).
        if let hit = zip(cases, normalizedLabels).first(where: { Self.withoutNote($0.1) == key && !key.isEmpty }) { return hit.0 }
        var best: (EnumCase, Int)?
        for (candidate, label) in zip(cases, normalizedLabels) {
            for text in [candidate.token, label] {
                // Japanese labels only: a token is ASCII and carries no Japanese negation.
                if !text.allSatisfy(\.isASCII) && !agreeing.contains(where: { $0.0 == candidate }) { continue }
                let distance = EditDistance.between(key, text)
                // Japanese labels pack more meaning per character: allow more edits there.
                let allowed = text.allSatisfy(\.isASCII) ? max(2, text.count / 3) : max(2, text.count / 2)
                if distance <= allowed, distance < (best?.1 ?? .max) {
                    best = (candidate, distance)
                }
            }
        }
        // The start of a longer label, as a clerk shortens it (`パッケージ` for
        // `パッケージ（ノンカスタマイズ）`): the first such value.
        guard best == nil, key.count >= 2 else { return best?.0 }
        return agreeing.first { $0.1.hasPrefix(key) }?.0
    }

    /// Words that make a Japanese label say "no", "not yet" or "none".
    static let negations = ["なし", "無し", "無い", "ない", "無", "未", "不"]

    static func isNegated(_ text: String) -> Bool {
        negations.contains { text.contains($0) }
    }

    /// A label without its final bracketed note: `業務委託なし（職員対応）` → `業務委託なし`.
    static func withoutNote(_ label: String) -> String {
        guard label.hasSuffix("）") || label.hasSuffix(")"), let open = label.lastIndex(where: { $0 == "（" || $0 == "(" }) else { return label }
        return String(label[..<open])
    }
}

/// A Swift enum whose raw values are ledger tokens.
public protocol LedgerEnum: RawRepresentable, CaseIterable, Sendable, Hashable, Comparable, BinaryRecord
where RawValue == String {
    static var spec: EnumSpec { get }
}

extension LedgerEnum {
    public var token: String { rawValue }
    public var label: LocalizedText { Self.spec.label(of: rawValue) }

    /// Spec order, which is the order tables and charts use.
    public var order: Int { Self.spec.cases.firstIndex { $0.token == rawValue } ?? Int.max }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
}

/// In the binary form a case travels as its place among `allCases`, not as its token: turning a
/// token back into a case compared it with the tokens one by one, for every field of every ledger
/// a rebuild takes from the cache.
extension LedgerEnum {
    public func write(to writer: inout BinaryWriter) {
        var place: UInt64 = 0
        for candidate in Self.allCases {
            if candidate == self { break }
            place += 1
        }
        writer.putVarint(place)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        let place = try reader.varint()
        let cases = Self.allCases
        guard place < UInt64(cases.count) else { throw BinaryReader.Malformed() }
        self = cases[cases.index(cases.startIndex, offsetBy: Int(place))]
    }
}
