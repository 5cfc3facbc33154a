/// Escaping for text that goes into HTML and SVG: every string from a ledger passes through here
/// (or through Mustache's `{{ }}`, which escapes the same characters).
public enum HTML {
    /// Escapes `& < > " '` for content and attribute values alike, and drops the control
    /// characters that XML 1.0 does not allow (tab and line breaks stay).
    public static func escape(_ text: String) -> String {
        // Byte by byte: every character to change is one ASCII byte, or U+FFFE/U+FFFF (EF BF BE/BF),
        // and the bytes of other multi-byte characters are all 0x80 and above. (The first version
        // went scalar by scalar whenever it met an 0xEF lead byte, which every full-width
        // parenthesis of Japanese text has.)
        var text = text
        let escaped: String? = text.withUTF8 { utf8 in
            func isDropped(_ index: Int) -> Bool {
                utf8[index] == 0xEF && index + 2 < utf8.count && utf8[index + 1] == 0xBF
                    && (utf8[index + 2] == 0xBE || utf8[index + 2] == 0xBF)
            }
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                if byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
                    || isDropped(index) { break }
                index += 1
            }
            // Most text (names, amounts, dates) has nothing to escape or drop: it is returned as it is.
            guard index < utf8.count else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(utf8.count + 16)
            result.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[..<index]))
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case 0x26: result += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
                case 0x3C: result += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
                case 0x3E: result += [0x26, 0x67, 0x74, 0x3B]  // &gt;
                case 0x22: result += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
                case 0x27: result += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
                case 0x09, 0x0A, 0x0D: result.append(byte)
                case 0..<0x20: break
                case 0xEF where isDropped(index): index += 2
                default: result.append(byte)
                }
                index += 1
            }
            return String(decoding: result, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Multi-line plain text with line breaks kept.
    public static func text(_ text: String) -> String {
        let escaped = escape(text)
        // `replacing` goes through the generic string algorithms (a twentieth of `--only systems`).
        return escaped.utf8.contains(0x0A) ? escaped.replacing("\n", with: "<br>") : escaped
    }

    /// A link, escaped; `href` must be a path this program made, never ledger text.
    /// - Parameter attributes: more attributes, made by this program (` lang="ja"`).
    public static func link(_ href: String, _ label: String, attributes: String = "") -> String {
        "<a href=\"\(escape(href))\"\(attributes)>\(escape(label))</a>"
    }
}

/// Markup already made safe, kept as the bytes it was made in: a template writes it as it is
/// (`{{{…}}}`), without the validated `String` a document body cost on the way (a full build
/// makes thirty thousand of them). It prints as its text, so swift-mustache renders it the same.
struct HTMLBytes: Sendable, CustomStringConvertible {
    let bytes: [UInt8]

    var description: String { String(decoding: bytes, as: UTF8.self) }
}


/// Markup a template writes straight into the page as it renders it (`{{{…}}}`), never held as a
/// value of its own: a national inventory's analysis tables run to tens of megabytes, and each
/// held as cells, then as markup, then in the page was most of a build's peak memory. It prints
/// as its text, so swift-mustache renders it the same.
///
/// A writer of rows may copy unchanged rows from the page the last build wrote: the renderer hands
/// it the page's `RowReuse` where what it writes stays at the offsets it writes it to.
struct HTMLWriter: Sendable, CustomStringConvertible {
    private let body: @Sendable (inout [UInt8], RowReuse?) -> Void

    init(_ write: @escaping @Sendable (inout [UInt8]) -> Void) {
        body = { output, _ in write(&output) }
    }

    init(reusing write: @escaping @Sendable (inout [UInt8], RowReuse?) -> Void) {
        body = write
    }

    func write(_ output: inout [UInt8], reuse: RowReuse? = nil) { body(&output, reuse) }

    var description: String {
        var bytes: [UInt8] = []
        write(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
