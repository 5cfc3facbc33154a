import Foundation

extension String {
    /// NFKC-normalised and trimmed, so full-width digits and brackets compare equal to ASCII.
    public var nfkcTrimmed: String {
        let trimmed = String(trimmingCharactersInWhitespace)
        // Pure ASCII is already NFKC; skipping Foundation keeps large inventories fast.
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) { return trimmed }
        return String(trimmed.precomposedStringWithCompatibilityMapping.trimmingCharactersInWhitespace)
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
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return self[endIndex...] }
        let last = scalars.lastIndex { !$0.properties.isWhitespace } ?? first
        return self[first..<scalars.index(after: last)]
    }

    /// True when there is nothing but white space.
    var isBlank: Bool {
        if let first = utf8.first, Self.isVisibleASCII(first) { return false }
        return unicodeScalars.allSatisfy(\.properties.isWhitespace)
    }

    private static func isVisibleASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
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
