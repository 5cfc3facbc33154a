import CCmarkGFM
import Foundation

/// GitHub-flavoured Markdown to HTML through cmark-gfm, safe for text from ledgers.
///
/// All cmark-gfm pointers live in this file. cmark-gfm's default (no `CMARK_OPT_UNSAFE`)
/// replaces raw HTML with a comment and drops `javascript:`, `vbscript:`, `file:` and
/// `data:` links, so a ledger cannot inject markup or script.
public struct MarkdownRenderer: Sendable {
    public init() {
        _ = MarkdownRenderer.registered
    }

    /// Registers the GFM extensions once per process (Swift globals initialise once, thread-safely).
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    private static let extensionNames = ["table", "autolink", "strikethrough", "tagfilter"]

    public func html(_ markdown: String) -> String {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS
        guard let parser = cmark_parser_new(options) else { return "" }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var bytes = Array(markdown.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return "" }
        defer { cmark_node_free(document) }
        // Source positions help debugging the parse, not the reader: render without them.
        guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser))
        else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }
}
