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
    public var trimmingCharactersInWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
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
