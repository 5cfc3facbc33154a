import CCmarkGFM
import Foundation

/// Held while a document with a `~` finishes its parse: see `MarkdownRenderer.registered`. A
/// pthread mutex, as a contended `Mutex` (a priority-inheriting futex) cost a twentieth of a full build.
let tildeLock = NSLock()

/// GitHub-flavoured Markdown to HTML through cmark-gfm, safe for text from ledgers.
///
/// cmark-gfm pointers live in this file, `ContainedMarkdown.swift` and `RefusedLinks.swift`.
/// cmark-gfm's default (no `CMARK_OPT_UNSAFE`) replaces raw HTML with a comment and drops
/// `javascript:`, `vbscript:`, `file:` and `data:` links, so a ledger cannot inject markup or script.
public struct MarkdownRenderer: Sendable {
    public init() {
        _ = MarkdownRenderer.registered
    }

    /// Registers the GFM extensions once per process (Swift globals initialise once, thread-safely).
    ///
    /// cmark-gfm keeps the extensions' special characters (`:` and `w` for autolinks, `~` for
    /// strikethrough) in a process-wide table. Each parse adds them when it starts on the inlines
    /// (the larger part of cmark's work) and removes them when done, so two parses at once corrupt
    /// each other (`~~` then renders as text). Every parser here attaches the same extensions, so
    /// the characters are added once, for good, and the extensions' own lists emptied: parsers then
    /// leave the table alone. Strikethrough keeps its list, which its delimiters are matched
    /// against (emptied, `~~` loops forever); it is attached only to documents with a `~`, and
    /// those finish under `tildeLock`, so only they touch the table's `~`, one at a time. A document
    /// without the byte never reads that entry.
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        let shared = extensionNames.filter { $0 != "strikethrough" }.compactMap { cmark_find_syntax_extension($0) }
        guard let setup = cmark_parser_new(CMARK_OPT_DEFAULT) else { return true }
        for syntax in shared { cmark_parser_attach_syntax_extension(setup, syntax) }
        cmark_manage_extensions_special_characters(setup, 1)
        for syntax in shared { cmark_syntax_extension_set_special_inline_chars(syntax, nil) }
        cmark_parser_free(setup)
        return true
    }()

    /// In the order they were always attached: the HTML renderer runs them in it.
    static let extensionNames = ["table", "autolink", "strikethrough", "tagfilter"]
    private static let tildeByte = Array("~".utf8)

    /// A ledger's Markdown (or the guideline's) as HTML; a link to an address cmark-gfm refuses
    /// is its text alone, not a link to nowhere (`<a href="">`).
    public func html(_ markdown: String) -> String {
        String(decoding: htmlBytes(Array(markdown.utf8), unwrappingRefusedLinks: true), as: UTF8.self)
    }

    /// `html` from and to UTF-8 bytes (documents are worked on as bytes from end to end). The
    /// drafts' Markdown has no refused link to unwrap: its ledger text is escaped or `contained`.
    func htmlBytes(_ markdown: [UInt8], unwrappingRefusedLinks: Bool = false) -> [UInt8] {
        guard let parsed = Self.parse(markdown) else {
            daicho_arena_reset()
            return []
        }
        defer {
            cmark_node_free(parsed.document)
            cmark_parser_free(parsed.parser)
            // The parse's blocks all go at once: nothing of it is used after this (the HTML is
            // copied out, and was made with the default allocator).
            daicho_arena_reset()
        }
        // Every image is written `![…`: without those two bytes there is no tree to walk.
        if Self.mayHaveImages(markdown) { Self.replaceImagesWithLinks(parsed.document) }
        if unwrappingRefusedLinks, Self.mayHaveRefusedLink(markdown) { Self.unwrapRefusedLinks(parsed.document) }
        // The renderer's buffer from the default allocator: it is handed back and freed with free(3).
        guard let rendered = cmark_render_html_with_mem(parsed.document, CMARK_OPT_DEFAULT,
                                                        cmark_parser_get_syntax_extensions(parsed.parser),
                                                        cmark_get_default_mem_allocator())
        else { return [] }
        defer { free(rendered) }
        return Self.headerCellsScoped(Array(UnsafeRawBufferPointer(start: rendered, count: strlen(rendered))))
    }

    /// A GFM table's header cells as column headers for screen readers (`scope="col"`; cmark-gfm
    /// writes a bare `<th>`, or `<th align="…">`). Every such tag in cmark's output is a header
    /// cell: text from a ledger is escaped, and raw HTML is dropped. (`<thead>` is left alone.)
    static func headerCellsScoped(_ html: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        var copied = 0, from = 0
        while let found = ByteSearch.firstIndex(of: headerCell, in: html, from: from) {
            let after = found + headerCell.count
            from = after
            guard after < html.count, html[after] == UInt8(ascii: ">") || html[after] == UInt8(ascii: " ") else { continue }
            if result.isEmpty { result.reserveCapacity(html.count + 256) }
            result.append(contentsOf: html[copied..<after])
            result.append(contentsOf: scope)
            copied = after
        }
        guard copied > 0 else { return html }
        result.append(contentsOf: html[copied...])
        return result
    }

    private static let headerCell = Array("<th".utf8)
    private static let scope = Array(" scope=\"col\"".utf8)

    /// The document tree and its parser (which owns the extension list the renderer needs); both freed by the caller,
    /// then the thread's arena reset. Every block of the parse comes from that arena (`daicho_arena_mem`, in
    /// the module's `shim.h`): a document was a few hundred calloc/free pairs, most of a full build's time in malloc.
    /// - Parameters:
    ///   - extensions: those of `extensionNames` to attach (strikethrough only to a text with a `~`).
    ///   - memory: the arena, or for a tree the caller keeps past the next document, the default allocator.
    static func parse(_ markdown: [UInt8], extensions: [String] = extensionNames,
                      memory: UnsafeMutablePointer<cmark_mem> = daicho_arena_mem()) -> (parser: OpaquePointer, document: OpaquePointer)? {
        guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT | CMARK_OPT_SOURCEPOS, memory) else { return nil }
        let tilde = ByteSearch.firstIndex(of: Self.tildeByte, in: markdown) != nil
        for name in extensions where tilde || name != "strikethrough" {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        markdown.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        if tilde { tildeLock.lock() }
        let finished = cmark_parser_finish(parser)
        if tilde { tildeLock.unlock() }
        guard let document = finished else {
            cmark_parser_free(parser)
            return nil
        }
        return (parser, document)
    }

    static func mayHaveImages(_ markdown: [UInt8]) -> Bool {
        ByteSearch.firstIndex(of: imageOpening, in: markdown) != nil
    }

    private static let imageOpening = Array("![".utf8)

    /// Pages never load anything from outside, so an image in a ledger becomes a link to it.
    /// - Parameter memory: the tree's allocator (cmark-gfm frees a node with its root's).
    static func replaceImagesWithLinks(_ document: OpaquePointer, memory: UnsafeMutablePointer<cmark_mem> = daicho_arena_mem()) {
        var images: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator),
                cmark_node_get_type(node) == CMARK_NODE_IMAGE {
                images.append(node)
            }
        }
        cmark_iter_free(iterator)
        for image in images {
            // From the same arena as the tree: cmark-gfm frees a tree's nodes with its root's allocator.
            guard let link = cmark_node_new_with_mem(CMARK_NODE_LINK, memory) else { continue }
            cmark_node_set_url(link, cmark_node_get_url(image))
            cmark_node_set_title(link, cmark_node_get_title(image))
            while let child = cmark_node_first_child(image) {
                cmark_node_unlink(child)
                cmark_node_append_child(link, child)
            }
            cmark_node_insert_before(image, link)
            cmark_node_unlink(image)
            cmark_node_free(image)
        }
    }
}
