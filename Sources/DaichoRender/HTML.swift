/// Escaping for text that goes into HTML and SVG: every string from a ledger passes through here
/// (or through Mustache's `{{ }}`, which escapes the same characters).
public enum HTML {
    /// Escapes `& < > " '` for content and attribute values alike, and drops the control
    /// characters that XML 1.0 does not allow (tab and line breaks stay).
    public static func escape(_ text: String) -> String {
        // Most text (names, amounts, dates) has nothing to escape or drop: return it as it is.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0xEF }) {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count)
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

    /// Multi-line plain text with line breaks kept.
    public static func text(_ text: String) -> String {
        let escaped = escape(text)
        // `replacing` goes through the generic string algorithms (a twentieth of `--only systems`).
        return escaped.utf8.contains(0x0A) ? escaped.replacing("\n", with: "<br>") : escaped
    }

    /// A link, escaped; `href` must be a path this program made, never ledger text.
    public static func link(_ href: String, _ label: String) -> String {
        "<a href=\"\(escape(href))\">\(escape(label))</a>"
    }
}
