import DaichoCore

/// Markdown documents as HTML pages: comments for editors removed, sections that start a new
/// printed page, and the 【要記入】 markers highlighted.
enum DocumentHTML {
    /// The page body of a document. Bytes from end to end: every system has three documents, and
    /// each step's validated `String` cost a thirtieth of a full build.
    /// - Parameter cache: rendered Markdown sections to reuse, and to keep for the next document.
    static func render(_ markdown: [UInt8], markdown renderer: MarkdownRenderer, cache: MarkdownSectionCache? = nil) -> HTMLBytes {
        let stripped = strippingComments(markdown)
        let html = cache?.html(stripped, renderer: renderer) ?? renderer.htmlBytes(stripped)
        return HTMLBytes(bytes: highlightMarkers(sections(html)))
    }

    /// Editor's comments (`<!-- 根拠: … -->`) say why a clause is there; they are not part of the document.
    /// A comment is taken out where the templates write one: from a line's start, outside a code
    /// fence, closed before the next blank line. A `<!--` anywhere else (in a ledger's code block,
    /// say) is text: left unclosed it took everything up to the template's next comment.
    static func strippingComments(_ markdown: String) -> String {
        String(decoding: strippingComments(Array(markdown.utf8)), as: UTF8.self)
    }

    static func strippingComments(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var copied = 0, from = 0
        // Fences are looked for only in a document that has one (a ledger's code block): most have none.
        var fences = FenceTracker(bytes)
        while let open = ByteSearch.firstIndex(of: commentOpen, in: bytes, from: from) {
            from = open + commentOpen.count
            guard open == 0 || bytes[open - 1] == 0x0A, !fences.isInside(line: open),
                  let end = ByteSearch.firstIndex(of: commentClose, in: bytes, from: from) else { continue }
            if let blank = ByteSearch.firstIndex(of: blankLine, in: bytes, from: open), blank < end { continue }
            if out.isEmpty { out.reserveCapacity(bytes.count) }
            out += bytes[copied..<open]
            copied = end + commentClose.count
            if copied < bytes.count, bytes[copied] == 0x0A { copied += 1 }
            from = copied
        }
        guard copied > 0 else { return bytes }
        out += bytes[copied...]
        return out
    }

    /// Whether a line is inside a fenced code block (`MarkdownFence`), asked of lines in increasing order.
    struct FenceTracker {
        private let bytes: [UInt8]
        /// How far a backtick or a tilde was looked for, and found: lines are read one by one only
        /// from the first (most documents have none before their last comment).
        private var searched = 0
        private var fenced = false
        private var scanned = 0
        private var open: MarkdownFence?

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        /// - Parameter line: the offset of a line's first byte, not before the last one asked.
        mutating func isInside(line: Int) -> Bool {
            if !fenced {
                guard let mark = bytes[searched..<line].firstIndex(where: { $0 == 0x60 || $0 == 0x7E }) else {
                    searched = line
                    return false
                }
                fenced = true
                // From the line the mark is on.
                scanned = bytes[..<mark].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            }
            while scanned < line {
                let end = bytes[scanned...].firstIndex(of: 0x0A) ?? bytes.count
                step(bytes[scanned..<end])
                scanned = end + 1
            }
            return open != nil
        }

        private mutating func step(_ line: ArraySlice<UInt8>) {
            if let fence = open {
                if fence.isClosed(by: line) { open = nil }
            } else {
                open = MarkdownFence.opened(by: line)
            }
        }
    }

    /// Wraps each `<h2>` and what follows it in a section, so print starts each on a new page.
    static func sections(_ bytes: [UInt8]) -> [UInt8] {
        var starts: [Int] = []
        var from = 0
        while let found = ByteSearch.firstIndex(of: headingOpen, in: bytes, from: from) {
            starts.append(found)
            from = found + headingOpen.count
        }
        guard let first = starts.first else { return bytes }
        var out = Array(bytes[..<first])
        out.reserveCapacity(bytes.count + starts.count * (sectionOpen.count + sectionClose.count))
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] : bytes.count
            out += sectionOpen
            out += bytes[start..<end]
            out += sectionClose
        }
        return out
    }

    /// Compares bytes, not characters: documents are long and the marker is in most of them.
    static func highlightMarkers(_ html: String) -> String {
        String(decoding: highlightMarkers(Array(html.utf8)), as: UTF8.self)
    }

    static func highlightMarkers(_ bytes: [UInt8]) -> [UInt8] {
        guard var found = ByteSearch.firstIndex(of: marker, in: bytes, from: 0) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var copied = 0
        while true {
            out += bytes[copied..<found]
            out += markOpen
            out += marker
            out += markClose
            copied = found + marker.count
            guard let next = ByteSearch.firstIndex(of: marker, in: bytes, from: copied) else { break }
            found = next
        }
        out += bytes[copied...]
        return out
    }

    private static let commentOpen = Array("<!--".utf8), commentClose = Array("-->".utf8), blankLine = Array("\n\n".utf8)
    private static let headingOpen = Array("<h2".utf8)
    private static let sectionOpen = Array("<section class=\"document-section\">\n".utf8), sectionClose = Array("</section>\n".utf8)
    private static let marker = Array(SiteContext.marker.utf8)
    private static let markOpen = Array("<mark class=\"draft-marker\">".utf8), markClose = Array("</mark>".utf8)

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
