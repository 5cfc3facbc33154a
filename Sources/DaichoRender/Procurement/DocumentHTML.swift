/// Markdown documents as HTML pages: comments for editors removed, sections that start a new
/// printed page, and the 【要記入】 markers highlighted.
enum DocumentHTML {
    static func render(_ markdown: String, markdown renderer: MarkdownRenderer) -> String {
        let html = renderer.html(strippingComments(markdown))
        return highlightMarkers(sections(html))
    }

    /// Editor's comments (`<!-- 根拠: … -->`) say why a clause is there; they are not part of the document.
    /// (Byte scanning: these run on every document of every system.)
    static func strippingComments(_ markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        let open = Array("<!--".utf8), close = Array("-->".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == open[0], bytes[index...].starts(with: open),
                let end = firstIndex(of: close, in: bytes, from: index + open.count) {
                index = end + close.count
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                continue
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Wraps each `<h2>` and what follows it in a section, so print starts each on a new page.
    static func sections(_ html: String) -> String {
        let bytes = Array(html.utf8), marker = Array("<h2".utf8)
        var starts: [Int] = []
        var from = 0
        while let found = firstIndex(of: marker, in: bytes, from: from) {
            starts.append(found)
            from = found + marker.count
        }
        guard let first = starts.first else { return html }
        var out = String(decoding: bytes[..<first], as: UTF8.self)
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] : bytes.count
            out += "<section class=\"document-section\">\n" + String(decoding: bytes[start..<end], as: UTF8.self) + "</section>\n"
        }
        return out
    }

    /// Compares bytes, not characters: documents are long and the marker is in most of them.
    static func highlightMarkers(_ html: String) -> String {
        let bytes = Array(html.utf8), marker = Array(SiteContext.marker.utf8)
        guard var found = firstIndex(of: marker, in: bytes, from: 0) else { return html }
        let open = Array("<mark class=\"draft-marker\">".utf8), close = Array("</mark>".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var copied = 0
        while true {
            out += bytes[copied..<found]
            out += open + marker + close
            copied = found + marker.count
            guard let next = firstIndex(of: marker, in: bytes, from: copied) else { break }
            found = next
        }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let head = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == head, bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Gives `<h2>` and `<h3>` ids for the table of contents.
    static func withAnchors(_ html: String) -> (String, [(id: String, title: String, level: Int)]) {
        var headings: [(String, String, Int)] = []
        var out = ""
        var rest = Substring(html)
        while let match = rest.firstMatch(of: /<h([23])>(.*?)<\/h[23]>/) {
            out += rest[..<match.range.lowerBound]
            let level = Int(match.output.1) ?? 2
            let id = "s\(headings.count + 1)"
            let inner = String(match.output.2)
            headings.append((id, inner.replacing(/<[^>]+>/, with: "").unescapedEntities, level))
            out += "<h\(level) id=\"\(id)\">\(inner)</h\(level)>"
            rest = rest[match.range.upperBound...]
        }
        out += rest
        return (out, headings)
    }
}

extension String {
    /// The few entities cmark writes in headings, back to text (the template escapes again).
    var unescapedEntities: String {
        replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"").replacing("&amp;", with: "&")
    }
}
