import CCmarkGFM

/// Links to the addresses cmark-gfm's HTML renderer refuses (`javascript:`, `vbscript:`, `file:`,
/// `data:`): on the site and in the drafts such a link is its text alone, not a link to nowhere
/// (`<a href="">`).
extension MarkdownRenderer {
    /// Whether the text has a `javascript:`, `vbscript:`, `file:` or `data:` in any case, where a
    /// refused link could be: one pass over the bytes, looking back from each `:` (and from a `\:`,
    /// which cmark reads as a colon). Any `&` counts too: cmark decodes entities in an address, so
    /// `javascript&#58;x` and `java&#115;cript:x` are refused links as well.
    static func mayHaveRefusedLink(_ bytes: [UInt8]) -> Bool {
        func ends(_ index: Int, with word: [UInt8]) -> Bool {
            guard index >= word.count else { return false }
            return zip(bytes[(index - word.count)..<index], word).allSatisfy { $0 | 0x20 == $1 }
        }
        for index in bytes.indices where bytes[index] == 0x3A || bytes[index] == 0x26 {
            if bytes[index] == 0x26 { return true }
            let end = index > 0 && bytes[index - 1] == 0x5C ? index - 1 : index
            if refusedSchemeEnds.contains(where: { ends(end, with: $0) }) { return true }
        }
        return false
    }

    /// How the refused schemes end (`javascript` and `vbscript` both in `script`), in lower case.
    private static let refusedSchemeEnds = ["script", "file", "data"].map { Array($0.utf8) }

    /// Each link to a refused address replaced by its text (see `refusedLink`).
    static func unwrapRefusedLinks(_ document: OpaquePointer) {
        var links: [OpaquePointer] = []
        guard let iterator = cmark_iter_new(document) else { return }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_LINK,
                  refusedLink(cmark_node_get_url(node).map { String(cString: $0) } ?? "") else { continue }
            links.append(node)
        }
        cmark_iter_free(iterator)
        for link in links { unwrap(link) }
    }

    /// The addresses cmark-gfm's HTML renderer refuses (it writes `href=""` for them), checked as
    /// it checks them: the scheme before the first `:`, in any case.
    static func refusedLink(_ url: String) -> Bool {
        let scheme = url.prefix { $0 != ":" && $0 != "/" && $0 != "?" && $0 != "#" }
        guard scheme.count < url.count, url[scheme.endIndex] == ":" else { return false }
        return ["javascript", "vbscript", "file", "data"].contains(scheme.lowercased())
    }

    /// Puts a node's children where it was, and removes it.
    static func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_insert_before(node, child)
        }
        cmark_node_unlink(node)
        cmark_node_free(node)
    }
}
