import CCmarkGFM
import DaichoCore
import Foundation

extension MarkdownRenderer {
    /// A ledger's Markdown made fit to be placed inside a document's own Markdown (the drafts'
    /// `.md`, which departments edit and convert, and from which their HTML is made): written out
    /// again by cmark-gfm from its parse, so that whatever the text opens it also closes (a code
    /// fence, a list, a quote) and the document's next section stays a section. Raw HTML (an
    /// unclosed `<!--` hid the rest of an RFI) becomes text, a link to a `javascript:`, `vbscript:`,
    /// `file:` or `data:` address becomes its text, an image becomes a link to it (as on the
    /// site, nothing loads from outside), and headings move `levels` down (`MarkdownHeadings`).
    /// Addresses in the text are left as they are: the document's renderer links them.
    public func contained(_ markdown: String, headingsBelow levels: Int) -> String {
        let bytes = Array(markdown.utf8)
        // Plain text (most purposes) opens nothing, holds no HTML, link or heading: as it is.
        if Self.isPlainText(bytes) { return Self.withoutTrailingBreaks(markdown) }
        // Without a `<`, a backtick, a `~` or a `[` there is no HTML, code fence, link or image:
        // what else it opens (a list, a table, a quote, an indented block) the blank line and the
        // heading after it in the draft close, and its headings are moved down as text. (The parse
        // and rewrite was a seventieth of a full build.)
        if !bytes.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "[") }) {
            return Self.withoutTrailingBreaks(MarkdownHeadings.demoting(markdown, by: levels))
        }
        // Without autolinks: an address stays as written, and the document's renderer links it.
        // The tree is made with the default allocator: the new nodes below are, and cmark frees
        // a node with its own tree's.
        guard let (parser, document) = Self.parse(bytes, extensions: ["table", "strikethrough"], memory: cmark_get_default_mem_allocator())
        else { return "" }
        defer {
            cmark_node_free(document)
            cmark_parser_free(parser)
        }
        Self.makeContained(document, headingLevels: levels)
        // As on the site: images are links (nothing loads from outside), refused links their text.
        Self.replaceImagesWithLinks(document, memory: cmark_get_default_mem_allocator())
        Self.unwrapRefusedLinks(document)
        guard let rendered = cmark_render_commonmark(document, CMARK_OPT_DEFAULT, 0) else { return "" }
        defer { free(rendered) }
        return Self.withoutTrailingBreaks(String(cString: rendered))
    }

    /// The text without its last line breaks (the draft's template puts its own), cut by bytes:
    /// walking the `Character`s of Japanese text backwards was most of the time for plain text.
    static func withoutTrailingBreaks(_ text: String) -> String {
        var end = text.utf8.endIndex
        while end > text.utf8.startIndex, text.utf8[text.utf8.index(before: end)] == 0x0A { end = text.utf8.index(before: end) }
        return end == text.utf8.endIndex ? text : String(text[..<end])
    }

    /// Turns raw HTML into text and moves headings down, in place (nodes gathered first: a tree is
    /// not changed while it is walked).
    private static func makeContained(_ document: OpaquePointer, headingLevels levels: Int) {
        var nodes: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE, CMARK_NODE_HEADING: nodes.append(node)
            default: break
            }
        }
        cmark_iter_free(iterator)
        for node in nodes {
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                cmark_node_set_heading_level(node, min(6, cmark_node_get_heading_level(node) + Int32(levels)))
            case CMARK_NODE_HTML_INLINE:
                guard let text = textNode(literal(node)) else { continue }
                replace(node, with: text)
            case CMARK_NODE_HTML_BLOCK:
                // Its lines as paragraphs of text (one an unclosed `<!--` or `<pre>` ran to the end of the text).
                let paragraphs = literal(node).split(separator: "\n", omittingEmptySubsequences: false)
                    .split { $0.allSatisfy { $0 == " " || $0 == "\t" } }
                for lines in paragraphs {
                    guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) else { continue }
                    for (index, line) in lines.enumerated() {
                        if index > 0, let soft = cmark_node_new(CMARK_NODE_SOFTBREAK) { cmark_node_append_child(paragraph, soft) }
                        if let text = textNode(String(line)) { cmark_node_append_child(paragraph, text) }
                    }
                    cmark_node_insert_before(node, paragraph)
                }
                cmark_node_unlink(node)
                cmark_node_free(node)
            default:
                break
            }
        }
    }

    /// No byte that Markdown reads as more than text, and no line indented (a code block) or
    /// starting a list with a number.
    static func isPlainText(_ bytes: [UInt8]) -> Bool {
        var lineStart = true
        for byte in bytes {
            if markdownBytes.contains(byte) { return false }
            if lineStart && (byte == 0x20 || byte == 0x09 || (0x30...0x39).contains(byte)) { return false }
            lineStart = byte == 0x0A
        }
        return true
    }

    private static let markdownBytes = Set("<`*_[]!#>-+=|~&\\:\r".utf8)

    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private static func textNode(_ literal: String) -> OpaquePointer? {
        guard let text = cmark_node_new(CMARK_NODE_TEXT) else { return nil }
        cmark_node_set_literal(text, literal)
        return text
    }

    private static func replace(_ node: OpaquePointer, with replacement: OpaquePointer) {
        cmark_node_insert_before(node, replacement)
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
