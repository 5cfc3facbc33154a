import Foundation
import Testing
@testable import DaichoCore

/// The readers of scalar values work on bytes and code points for speed. Each is checked here
/// against the plain definition it replaced (kept below as the oracle) on random texts made of
/// the characters ledgers mix: digits in both widths, separators, era names, kana, kanji,
/// combining marks and the many kinds of space.
struct TextReadingTests {
    static let pieces = [
        "0", "1", "2", "4", "7", "9", "12", "2019", "31", "０", "１", "９", "-", "/", ".", "+", ",", " ", "\t", "\u{3000}",
        "\u{A0}", "\u{2003}", "\u{85}", "\n", "年", "月", "日", "元", "令和", "平成", "昭和", "R", "h", "S", "e", "true", "false",
        "はい", "なし", "有", "か", "\u{3099}", "\u{309B}", "ｶ", "ﾞ", "ガ", "ー", "住", "\u{F900}", "\u{0301}", "e\u{0301}",
        "é", "（", "）", "①", "㍻", "、", "「", "〇", "ヽ", "ゟ",
    ]

    static func randomText(_ random: inout SplitMix) -> String {
        let count = Int(random.next() % 9)
        return (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
    }

    @Test func whiteSpaceIsUnicodesPropertyForEveryScalar() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.isWhiteSpace != scalar.properties.isWhitespace { differing.append(value) }
            // `isBlank` tells most texts by their first byte: alone and followed by a letter.
            let text = String(Character(scalar))
            if text.isBlank != scalar.properties.isWhitespace || (text + "x").isBlank { differing.append(value) }
        }
        #expect(differing.isEmpty, "\(differing.map { String($0, radix: 16) })")
    }

    @Test func stableScalarsAreTheirOwnNFKC() {
        var changed: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value), scalar.isNFKCStable else { continue }
            let text = String(Character(scalar))
            if text.precomposedStringWithCompatibilityMapping.unicodeScalars.map(\.value) != [value] { changed.append(value) }
        }
        #expect(changed.isEmpty, "\(changed.map { String($0, radix: 16) })")
        // Spot checks of what must take the slow path.
        for text in ["０", "ｶ", "\u{3000}", "\u{3099}", "㍻", "①", "\u{F900}"] {
            #expect(!text.unicodeScalars.allSatisfy { $0.isNFKCStable }, "\(text)")
        }
    }

    /// Tokens as written, labels, both padded or in full width, and random texts.
    @Test func enumTokensAsTheyWereLookedUp() {
        var random = SplitMix(seed: 7)
        for spec in [SystemCategory.spec, Development.spec, IntegrationDirection.spec, CostLineKind.spec] {
            var inputs = spec.cases.flatMap { [$0.token, $0.label.ja, " \($0.token)", $0.token.uppercased(), "\($0.label.ja)\u{3000}"] }
            inputs += spec.cases.map { String($0.token.unicodeScalars.map { Character(Unicode.Scalar($0.value + 0xFEE0) ?? $0) }) }
            inputs += (0..<2000).map { _ in Self.randomText(&random) }
            for input in inputs {
                #expect(spec.token(for: input) == Oracle.token(spec, input), "\(input.debugDescription)")
            }
        }
    }

    /// Half-width kana with a voiced mark become one full-width character, as a browser's
    /// `normalize('NFKC')` makes them: the search index and the query must agree.
    @Test func halfWidthVoicedKanaCompose() {
        #expect("ｺﾝﾋﾞﾆ交付ｼｽﾃﾑ".nfkcTrimmed == "コンビニ交付システム")
        #expect("ﾊﾟｯｹｰｼﾞ".nfkcTrimmed == "パッケージ")
        #expect("ｶﾞ".nfkcTrimmed.unicodeScalars.count == 1)
    }

    @Test func randomTexts() {
        var random = SplitMix(seed: 2026)
        for _ in 0..<20_000 {
            let text = Self.randomText(&random)
            #expect(text.nfkcTrimmed == Oracle.nfkcTrimmed(text), "nfkcTrimmed \(text.debugDescription)")
            #expect(text.isBlank == Oracle.isBlank(text), "isBlank \(text.debugDescription)")
            #expect(Exact(decimal: text) == Oracle.decimal(text), "decimal \(text.debugDescription)")
            #expect(SchemaDecoder.bool(text) == Oracle.bool(text), "bool \(text.debugDescription)")
            let normalised = Oracle.nfkcTrimmed(text)
            for kanji in [false, true] {
                #expect(DateParser.numbers(in: normalised, kanji: kanji) == Oracle.numbers(in: normalised, kanji: kanji),
                        "numbers \(normalised.debugDescription) kanji: \(kanji)")
            }
        }
    }

    @Test(arguments: ["2019年4月1日", "7年4月", "31年4月30日", "2019-4-1", "2019/04", "7.4.1", "2019年4/1", "2019年4月1",
                      "2019年", "年4月", "2019年-4", "12345-1", "2019-4-", "-4-1", "1-2-3-4", "2019年4月1日日", "0000-00"])
    func numbersOfHandWrittenDates(text: String) {
        for kanji in [false, true] {
            #expect(DateParser.numbers(in: text, kanji: kanji) == Oracle.numbers(in: text, kanji: kanji), "\(text) \(kanji)")
        }
    }

    @Test(arguments: ["", "-", "+", ".", "5.", ".5", "+.5", "-0", "007", "1.2.3", "--5", "1e3", "1,000", "0.0001",
                      String(repeating: "9", count: 30), String(repeating: "9", count: 31), "123456789012345.123456789012345"])
    func decimalsAsBefore(text: String) {
        #expect(Exact(decimal: text) == Oracle.decimal(text), "\(text)")
    }
}

/// The definitions the fast readers replaced, as they were.
private enum Oracle {
    static func trimmed(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return text[text.endIndex...] }
        let last = scalars.lastIndex { !$0.properties.isWhitespace } ?? first
        return text[first..<scalars.index(after: last)]
    }

    static func nfkcTrimmed(_ text: String) -> String {
        let trimmed = String(Self.trimmed(text))
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) { return trimmed }
        // NFKC as Unicode defines it (Foundation's own composes too little here, see `nfkcTrimmed`).
        return String(Self.trimmed(trimmed.decomposedStringWithCompatibilityMapping.precomposedStringWithCanonicalMapping))
    }

    static func token(_ spec: EnumSpec, _ input: String) -> String? {
        let key = input.nfkcTrimmed
        if let hit = spec.cases.first(where: { $0.token == key }) { return hit.token }
        if let hit = spec.cases.first(where: { $0.label.ja.nfkcTrimmed == key }) { return hit.token }
        let lowered = key.lowercased()
        return spec.cases.first { $0.token == lowered }?.token
    }

    static func isBlank(_ text: String) -> Bool { text.unicodeScalars.allSatisfy(\.properties.isWhitespace) }

    static func bool(_ text: String) -> Bool? {
        switch nfkcTrimmed(text).lowercased() {
        case "true", "yes", "はい", "有", "あり", "有り": true
        case "false", "no", "いいえ", "無", "なし", "無し": false
        default: nil
        }
    }

    static func decimal(_ text: String) -> Exact? {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty || parts.count == 2, whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty,
            whole.count + fraction.count <= 30
        else { return nil }
        guard let value = Int128(String(whole) + String(fraction)) else { return nil }
        var scale: Int128 = 1
        for _ in 0..<fraction.count { scale *= 10 }
        return Exact(negative ? -value : value, scale)
    }

    static func numbers(in text: String, kanji: Bool) -> [Int]? {
        var body = text
        if kanji {
            guard body.contains("年") else { return nil }
            if body.hasSuffix("日") { body.removeLast() } else if body.hasSuffix("月") { body.removeLast() }
            body = body.replacing("年", with: "-").replacing("月", with: "-")
        }
        let parts = body.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" || $0 == "." }
        guard (2...3).contains(parts.count) else { return nil }
        var values: [Int] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 4, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part)
            else { return nil }
            values.append(value)
        }
        return values
    }
}
