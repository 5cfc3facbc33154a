import DaichoCore

/// Procurement documents rendered a section at a time, each section's HTML kept for the next
/// document that has the same section word for word.
///
/// Half of a build's Markdown is clauses every system's RFI, RFP and SLA share (measured at
/// 10,000 systems: 73 of 139 MB in distinct sections), and cmark-gfm was a sixth of a full build's
/// CPU time. A section here runs from a line that starts with `## ` to the next: cut there,
/// cmark-gfm makes the same HTML of the parts as of the whole, because an ATX heading at the
/// margin ends every open block (paragraph, list, quote, table) and cannot continue one. Three
/// things reach across such a line, and a document with any of them is rendered whole:
/// link reference definitions (`[label]: url`, document-wide), fenced code (a `## ` line inside is
/// code) and HTML blocks (which can run on past the line).
final class MarkdownSections {
    private struct Entry {
        var markdown: ArraySlice<UInt8>
        var html: [UInt8]
    }

    private var entries: [UInt64: Entry] = [:]
    /// Sections kept at most; then the cache starts afresh (shared clauses come back at once,
    /// and memory stays bounded however many systems there are).
    private let capacity: Int
    private(set) var hits = 0

    init(capacity: Int = 1_024) {
        self.capacity = capacity
    }

    /// The document's HTML, from the cache where its sections were rendered before.
    func html(_ markdown: [UInt8], renderer: MarkdownRenderer) -> [UInt8] {
        guard let sections = Self.sections(markdown), sections.count > 1 else { return renderer.htmlBytes(markdown) }
        var html: [UInt8] = []
        html.reserveCapacity(markdown.count * 3 / 2)
        for section in sections {
            let key = section.withUnsafeBytes { Digest64.hash($0) }
            if let entry = entries[key], entry.markdown == section {
                html += entry.html
                hits += 1
                continue
            }
            let made = renderer.htmlBytes(Array(section))
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(markdown: section, html: made)
            html += made
        }
        return html
    }

    /// The document cut before each line that starts with `## `; nil where cutting could change
    /// the HTML (see the type's comment).
    static func sections(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        if ByteSearch.firstIndex(of: referenceMark, in: bytes) != nil
            || ByteSearch.firstIndex(of: backtickFence, in: bytes) != nil
            || ByteSearch.firstIndex(of: tildeFence, in: bytes) != nil { return nil }
        var cuts: [Int] = [0]
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            // An HTML block starts with `<` after at most three spaces, inside any quotes or list
            // markers too: any line whose first other byte is `<` keeps the document whole.
            var first = lineStart
            while first < lineEnd, bytes[first] == 0x20 || bytes[first] == 0x09 || bytes[first] == 0x3E { first += 1 }
            if first < lineEnd, bytes[first] == 0x3C { return nil }
            if lineStart > 0, lineEnd - lineStart >= 3, bytes[lineStart] == 0x23, bytes[lineStart + 1] == 0x23,
               bytes[lineStart + 2] == 0x20 {
                cuts.append(lineStart)
            }
            lineStart = lineEnd + 1
        }
        cuts.append(bytes.count)
        return (0..<cuts.count - 1).map { bytes[cuts[$0]..<cuts[$0 + 1]] }
    }

    private static let referenceMark = Array("]:".utf8)
    private static let backtickFence = Array("```".utf8), tildeFence = Array("~~~".utf8)
}
