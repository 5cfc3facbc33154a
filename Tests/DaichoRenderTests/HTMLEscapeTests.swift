import DaichoCore
@testable import DaichoRender
import Testing

/// `HTML.escape`: the five characters as entities, control characters other than tab and line
/// breaks dropped, U+FFFE and U+FFFF dropped, everything else (Japanese, full-width forms) kept.
struct HTMLEscapeTests {
    @Test func examples() {
        #expect(HTML.escape("住民基本台帳（住基）") == "住民基本台帳（住基）")
        #expect(HTML.escape("<a href='x'>A&B \"c\"</a>") == "&lt;a href=&#39;x&#39;&gt;A&amp;B &quot;c&quot;&lt;/a&gt;")
        #expect(HTML.escape("行1\n行2\t\r\u{0}\u{1B}終") == "行1\n行2\t\r終")
        #expect(HTML.escape("（\u{FFFE}）\u{FFFF}＜") == "（）＜")
        #expect(HTML.escape("") == "")
    }

    /// Property: the same as escaping scalar by scalar (the reference below), on random text of
    /// ASCII specials, controls, Japanese, full-width forms (lead byte 0xEF), U+FFFD–U+FFFF and emoji.
    @Test func sameAsScalarByScalar() {
        var random = SplitMix(seed: 3)
        let alphabet: [Unicode.Scalar] = ["a", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1F}", "台", "（", "）",
                                          "＜", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{EFFF}", "\u{F000}", "🙂", "é"]
        var escaped = 0
        for _ in 0..<3_000 {
            let string = random.text(from: alphabet, lengthBelow: 12)
            #expect(HTML.escape(string) == Self.reference(string), "\(string.unicodeScalars.map { $0.value })")
            if HTML.escape(string) != string { escaped += 1 }
        }
        #expect(escaped > 1_000)  // most texts had something to change: not only the fast path was tried
    }

    static func reference(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
