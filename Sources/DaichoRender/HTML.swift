/// Escaping for text that goes into HTML: every string from a ledger passes through here
/// (or through Mustache's `{{ }}`, which escapes the same characters).
public enum HTML {
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Multi-line plain text with line breaks kept.
    public static func text(_ text: String) -> String {
        escape(text).replacing("\n", with: "<br>")
    }

    /// A link, escaped; `href` must be a path this program made, never ledger text.
    public static func link(_ href: String, _ label: String) -> String {
        "<a href=\"\(escape(href))\">\(escape(label))</a>"
    }
}
