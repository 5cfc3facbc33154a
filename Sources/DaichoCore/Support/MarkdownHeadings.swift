/// A ledger's Markdown (`purpose`, `notes`, …) placed under a page's or document's own headings:
/// its headings are moved down so that `# 目的` in a purpose is not a second title of the page, or
/// a new chapter of an RFI, but a heading inside the section the text belongs to.
public enum MarkdownHeadings {
    /// `text` with every heading `levels` deeper (at most level 6), written as `#` headings: an
    /// underlined one (`目的` over `===`) becomes one too, with every line of its paragraph. Code
    /// blocks are left alone.
    public static func demoting(_ text: String, by levels: Int) -> String {
        // Most texts have no heading: nothing to do, no copy.
        guard levels > 0, text.utf8.contains(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "-") })
        else { return text }
        var output: [String] = []
        var fence: MarkdownFence?
        /// Where the paragraph that ends at the last line of `output` starts, nil after a blank
        /// line or a block that is not a paragraph.
        var paragraphStart: Int?
        func heading(_ level: Int, _ content: Substring) -> String {
            String(repeating: "#", count: min(6, level + levels)) + (content.isEmpty ? "" : " " + content)
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let body = line.drop { $0 == " " }
            let indented = line.count - body.count > 3
            let trimmed = body.hasSuffix("\r") ? body.dropLast() : body
            if let open = fence {
                output.append(String(line))
                if open.isClosed(by: line.utf8) { fence = nil }
                continue
            }
            if let opened = MarkdownFence.opened(by: line.utf8) {
                fence = opened
                output.append(String(line))
                paragraphStart = nil
                continue
            }
            if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) {
                output.append(String(line))
                paragraphStart = nil
                continue
            }
            let hashes = trimmed.prefix { $0 == "#" }.count
            if !indented, (1...6).contains(hashes), trimmed.count == hashes || trimmed.dropFirst(hashes).first == " " || trimmed.dropFirst(hashes).first == "\t" {
                output.append(heading(hashes, trimmed.dropFirst(hashes).drop { $0 == " " || $0 == "\t" }))
                paragraphStart = nil
                continue
            }
            let underline = trimmed.reversed().drop { $0 == " " || $0 == "\t" }
            if !indented, let start = paragraphStart, let mark = underline.first, mark == "=" || mark == "-",
               underline.allSatisfy({ $0 == mark }) {
                let content = output[start...].map { String($0.trimmingCharactersInWhitespace) }.joined(separator: " ")
                output.removeSubrange(start...)
                output.append(heading(mark == "=" ? 1 : 2, Substring(content)))
                paragraphStart = nil
                continue
            }
            // A paragraph line, unless it starts another block (a list item, a quote, a table row,
            // a rule), which an underline does not turn into a heading.
            // (An ordered list starts with an ASCII digit: 一 is a number to `Character` too.)
            let opensBlock = trimmed.first.map { "-+*>|".contains($0) || ($0.isASCII && $0.isNumber) } ?? false
            if paragraphStart == nil { paragraphStart = opensBlock ? nil : output.count }
            output.append(String(line))
        }
        return output.joined(separator: "\n")
    }
}
