import Foundation

extension String {
    /// NFKC-normalised and trimmed, so full-width digits and brackets compare equal to ASCII.
    public var nfkcTrimmed: String {
        let trimmed = String(trimmingCharactersInWhitespace)
        // ASCII, kana and kanji (most values: names, era dates) are NFKC already; Foundation's
        // normalisation is left for the rest (full-width digits, half-width kana, symbols).
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) || trimmed.unicodeScalars.allSatisfy(\.isNFKCStable) { return trimmed }
        // With a (half-width) voiced sound mark, decomposed and then composed: Foundation's NFKC
        // here leaves ﾋﾞ as ヒ and a combining mark, where NFKC (and a browser's
        // `normalize('NFKC')`) gives ビ. Only then: the two passes cost more, and names with
        // 「・」 take this path.
        let voiced = trimmed.unicodeScalars.contains { (0x3099...0x309A).contains($0.value) || (0xFF9E...0xFF9F).contains($0.value) }
        let normalized = voiced ? trimmed.decomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping
            : trimmed.precomposedStringWithCompatibilityMapping
        return String(normalized.trimmingCharactersInWhitespace)
    }

    /// A name that groups systems (departments, vendors), trimmed of white space and in
    /// Unicode's composed form (NFC). 「総務課　」 pasted from a spreadsheet with a full-width
    /// space, or quoted with a space, is 「総務課」: otherwise two departments that look the same.
    /// 「ガ」 typed, and 「カ」 with a combining mark as copied from some PDFs and file names, are
    /// one department to `String` but two to a hash of the bytes, which names its page's folder.
    /// Most names are kana and kanji alone, composed already.
    public var groupingName: String {
        let trimmed = trimmingCharactersInWhitespace
        let name = trimmed.utf8.count == utf8.count ? self : String(trimmed)
        if name.unicodeScalars.allSatisfy(\.isNFKCStable) { return name }
        return name.precomposedStringWithCanonicalMapping
    }

    /// Trimmed of white space (including the full-width space U+3000) at both ends.
    /// Works on Unicode scalars: this runs for every value of every ledger, and grapheme
    /// breaking cost more than the rest of reading a scalar.
    public var trimmingCharactersInWhitespace: Substring {
        // Most values start and end with a visible ASCII character: nothing to trim.
        if let first = utf8.first, let last = utf8.last, Self.isVisibleASCII(first), Self.isVisibleASCII(last) {
            return self[...]
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhiteSpace }) else { return self[endIndex...] }
        let last = scalars.lastIndex { !$0.isWhiteSpace } ?? first
        return self[first..<scalars.index(after: last)]
    }

    /// True when there is nothing but white space.
    var isBlank: Bool {
        guard let first = utf8.first else { return true }
        if Self.isVisibleASCII(first) { return false }
        // White space beyond ASCII starts with one of these bytes (U+0085 and U+00A0; U+1680;
        // U+2000–U+205F; U+3000): any other lead byte, such as most Japanese text's, starts a
        // character that is not white space.
        if first >= 0xC0, first != 0xC2, first != 0xE1, first != 0xE2, first != 0xE3 { return false }
        return unicodeScalars.allSatisfy(\.isWhiteSpace)
    }

    private static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }

    /// Whether this is `key`, a key or token of the schema: texts of other UTF-8 lengths are told
    /// apart without `==`, which takes Unicode's slow path for every unequal pair. (`==` would
    /// also find another spelling equal, but no other spelling equals lower-case ASCII.)
    func isSchemaText(_ key: String) -> Bool { utf8.count == key.utf8.count && self == key }
}

extension Unicode.Scalar {
    /// Unicode's White_Space property (`properties.isWhitespace`): the same 25 code points since
    /// Unicode 6.3, tested against the property table over every scalar. Read from the value
    /// because the table lookup cost more than the rest of reading a short value.
    var isWhiteSpace: Bool {
        switch value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    /// True for scalars that NFKC leaves as they are, alone and beside one another: ASCII,
    /// Japanese punctuation and brackets, hiragana, katakana (not the combining sound marks, nor
    /// the ones with compatibility forms) and the unified kanji. None of them combines with a
    /// neighbour, so a text made of them alone is NFKC already (tested scalar by scalar).
    var isNFKCStable: Bool {
        switch value {
        case 0x00...0x7F, 0x3001...0x3003, 0x3005...0x3007, 0x3008...0x3011, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC,
             0x4E00...0x9FFF: true
        default: false
        }
    }
}

/// Levenshtein distance over Unicode characters, for "did you mean" hints.
enum EditDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
