import DaichoCore
#if canImport(Glibc)
import Glibc
#endif

/// Procurement documents rendered a section at a time, each section's HTML kept for the next
/// document that has the same section word for word.
///
/// Half of a build's Markdown is clauses every system's RFI, RFP and SLA share, and cmark-gfm was
/// a sixth of a full build's CPU time. A section runs from a line that starts with an ATX heading
/// (`#` to `######` and a space) to the next: cut there, cmark-gfm makes the same HTML of the parts
/// as of the whole, because an ATX heading at the margin ends every open block (paragraph, list,
/// quote, table) and cannot continue one. Three things reach across such a line, and a document
/// with any of them is rendered whole: link reference definitions (`[label]: url`,
/// document-wide), fenced code (a heading line inside is code) and HTML blocks (which can run on
/// past the line).
final class MarkdownSectionCache: @unchecked Sendable {
    private struct Entry {
        var markdown: [UInt8]
        var html: [UInt8]
    }

    /// Two generations: when the newer is full it becomes the older and the oldest goes. A section
    /// found in the older moves to the newer, so clauses in use stay however many systems pass,
    /// and memory stays bounded (at 2,048 sections a generation, some 4 MB a lane).
    private var newer: [UInt64: Entry] = [:], older: [UInt64: Entry] = [:]
    private let capacity: Int
    /// Sections taken from the cache (tests check the cache is used).
    private(set) var hits = 0

    /// - Parameter capacity: sections a generation holds. Unchecked `Sendable`: one renderer's lane
    ///   uses it at a time (its batches one after another), never two at once.
    init(capacity: Int = 2_048) {
        self.capacity = capacity
    }

    /// The document's HTML, from the cache where its sections were rendered before.
    func html(_ markdown: [UInt8], renderer: MarkdownRenderer) -> [UInt8] {
        guard let sections = Self.cut(markdown), sections.count > 1 else { return renderer.htmlBytes(markdown) }
        var html: [UInt8] = []
        html.reserveCapacity(markdown.count * 3 / 2)
        for section in sections {
            let key = section.withUnsafeBytes { Digest64.hash($0) }
            if let entry = newer[key], entry.markdown[...] == section {
                html += entry.html
                hits += 1
                continue
            }
            if let entry = older[key], entry.markdown[...] == section {
                html += entry.html
                hits += 1
                keep(key, entry)
                continue
            }
            let markdown = Array(section)
            let made = renderer.htmlBytes(markdown)
            keep(key, Entry(markdown: markdown, html: made))
            html += made
        }
        return html
    }

    private func keep(_ key: UInt64, _ entry: Entry) {
        if newer.count >= capacity {
            older = newer
            newer = [:]
        }
        newer[key] = entry
    }

    /// The document cut before each line that starts with an ATX heading; nil where cutting could
    /// change the HTML (see the type's comment).
    static func cut(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        if ByteSearch.firstIndex(of: referenceMark, in: bytes) != nil
            || ByteSearch.firstIndex(of: backtickFence, in: bytes) != nil
            || ByteSearch.firstIndex(of: tildeFence, in: bytes) != nil { return nil }
        var cuts: [Int] = [0]
        let whole: Bool = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            var lineStart = 0
            while lineStart < buffer.count {
                let lineEnd = memchr(base + lineStart, 0x0A, buffer.count - lineStart)
                    .map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? buffer.count
                // An HTML block starts with `<` after at most three spaces, inside any quotes or list
                // markers too: any line whose first other byte is `<` keeps the document whole.
                var first = lineStart
                while first < lineEnd, buffer[first] == 0x20 || buffer[first] == 0x09 || buffer[first] == 0x3E { first += 1 }
                if first < lineEnd, buffer[first] == 0x3C { return true }
                // One to six `#` and a space: an ATX heading (seven are a paragraph's text).
                var hashes = lineStart
                while hashes < lineEnd, hashes - lineStart < 7, buffer[hashes] == 0x23 { hashes += 1 }
                if lineStart > 0, hashes > lineStart, hashes - lineStart <= 6, hashes < lineEnd, buffer[hashes] == 0x20 {
                    cuts.append(lineStart)
                }
                lineStart = lineEnd + 1
            }
            return false
        }
        if whole { return nil }
        cuts.append(bytes.count)
        return (0..<cuts.count - 1).map { bytes[cuts[$0]..<cuts[$0 + 1]] }
    }

    private static let referenceMark = Array("]:".utf8)
    private static let backtickFence = Array("```".utf8), tildeFence = Array("~~~".utf8)
}
