/// Reads the plain YAML that ledgers are written in straight from the bytes into a `YAMLNode` tree,
/// without libyaml's tokens and events (reading and parsing was two fifths of a `--no-cache` build).
///
/// It accepts a subset and gives up (nil) on anything else and on every error, so that libyaml
/// reads those files and reports what is wrong: it never produces a diagnostic of its own. What it
/// accepts it reads to the same tree, texts, lines and columns as libyaml (the differential tests
/// in `PlainYAMLParserTests` compare both on every sample ledger, generated ledgers, random edits
/// of the samples and random texts).
///
/// The subset: block mappings with plain keys; block sequences, also of `- key: value` items and
/// at their key's indentation; flow collections on one line; plain and quoted scalars on one
/// line (no escapes in double quotes); literal block scalars (`|`, `|-`, `|+`); comments; CRLF.
/// Not: anchors, aliases, tags, directives, document markers, folded or multi-line scalars,
/// tabs, complex or quoted keys, and the characters YAML reads as line breaks or forbids.
struct PlainYAMLParser {
    private struct Unsupported: Error {}

    /// A plain key's bytes, and whether they are ASCII alone.
    private struct KeySpan {
        var start: Int
        var end: Int
        var isASCII: Bool
    }

    private struct Line {
        var start: Int
        /// Before the line break (`\n` or `\r\n`).
        var end: Int
        var hasBreak: Bool
        var indent: Int
        /// Only spaces, or a comment after them.
        var isBlank: Bool
        /// ASCII alone, so a column is the byte offset.
        var isASCII: Bool
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let limits: YAMLReader.Limits
    private var lines: [Line] = []
    /// The line being read; kept on a line that is not blank (or at the end) between nodes.
    private var current = 0
    private var nodes = 0
    private var depth = 0
    /// Where the keys of the mappings being read are, innermost last (see `refuseDuplicates`).
    private var keySpans: [KeySpan] = []
    /// The last column counted: line start, position, column.
    private var lastColumn: (start: Int, position: Int, column: Int32) = (-1, 0, 1)

    /// The root node, or nil when the text is outside the subset (or empty, or wrong).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, limits: YAMLReader.Limits) -> YAMLNode? {
        var parser = PlainYAMLParser(bytes: bytes, limits: limits)
        return try? parser.document()
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, limits: YAMLReader.Limits) {
        self.bytes = bytes
        self.limits = limits
    }

    private mutating func document() throws(Unsupported) -> YAMLNode {
        try splitLines()
        skipBlankLines()
        guard current < lines.count, lines[current].indent == 0 else { throw Unsupported() }
        let root = startsSequenceEntry(lines[current], at: lines[current].start)
            ? try sequence(indent: 0, indentless: false) : try mapping(indent: 0, firstKeyAt: nil)
        guard current == lines.count else { throw Unsupported() }
        return root
    }

    // MARK: - Lines

    /// Splits the lines, refusing what this reader leaves to libyaml anywhere in the file: tabs,
    /// control characters, a lone CR, NEL/LS/PS (line breaks to YAML), a BOM after the start,
    /// U+FFFE/U+FFFF, and lines starting a directive or a document marker.
    private mutating func splitLines() throws(Unsupported) {
        lines.reserveCapacity(bytes.count / 24)
        guard let base = bytes.baseAddress else { return }
        var index = 0
        let count = bytes.count
        while index < count {
            let start = index
            var indent = 0
            while index < count, bytes[index] == 0x20 {
                index += 1
                indent += 1
            }
            let contentStart = index
            var end = count
            var hasBreak = false
            var isASCII = true
            while index < count {
                // Eight bytes at a time: printable ASCII (most of a ledger's keys, numbers and dates:
                // no byte below 0x20 and none above 0x7E), or bytes of multi-byte characters none of
                // which starts a character refused below (no 0xC2, 0xE2 or 0xEF: most Japanese text).
                if index + 8 <= count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    let below = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                    let above = ((word &+ 0x0101_0101_0101_0101) | word) & 0x8080_8080_8080_8080
                    if below | above == 0 {
                        index += 8
                        continue
                    }
                    if word & 0x8080_8080_8080_8080 == 0x8080_8080_8080_8080,
                       !Self.hasByte(word, 0xC2), !Self.hasByte(word, 0xE2), !Self.hasByte(word, 0xEF) {
                        isASCII = false
                        index += 8
                        continue
                    }
                }
                let byte = bytes[index]
                if byte >= 0x20 && byte < 0x7F {
                    index += 1
                    continue
                }
                switch byte {
                case 0x0A:
                    end = index
                    hasBreak = true
                case 0x0D:
                    guard index + 1 < count, bytes[index + 1] == 0x0A else { throw Unsupported() }
                    end = index
                    hasBreak = true
                    index += 1
                case 0xC2:
                    if index + 1 < count, bytes[index + 1] < 0xA0 { throw Unsupported() }
                case 0xE2:
                    if index + 2 < count, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                        throw Unsupported()
                    }
                case 0xEF:
                    if index + 2 < count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { throw Unsupported() }
                    if index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { throw Unsupported() }
                default:
                    if byte < 0x80 { throw Unsupported() }  // controls, tabs and DEL
                }
                if byte >= 0x80 { isASCII = false }
                if hasBreak { break }
                index += 1
            }
            if hasBreak { index += 1 }
            if indent == 0, contentStart + 3 <= end {
                let first = bytes[contentStart]
                if first == 0x25 { throw Unsupported() }  // %
                if (first == 0x2D || first == 0x2E), bytes[contentStart + 1] == first, bytes[contentStart + 2] == first {
                    throw Unsupported()  // --- or ...
                }
            }
            let blank = contentStart == end || bytes[contentStart] == 0x23
            lines.append(Line(start: start, end: end, hasBreak: hasBreak, indent: indent, isBlank: blank, isASCII: isASCII))
        }
    }

    /// Whether any of the word's eight bytes is `byte`.
    private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let x = word ^ (0x0101_0101_0101_0101 &* UInt64(byte))
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    private mutating func skipBlankLines() {
        while current < lines.count, lines[current].isBlank { current += 1 }
    }

    /// `-` followed by a space or the end of the line, at `position`.
    private func startsSequenceEntry(_ line: Line, at position: Int) -> Bool {
        guard position < line.end, bytes[position] == 0x2D else { return false }
        return position + 1 == line.end || bytes[position + 1] == 0x20
    }

    /// libyaml's column: 1-based, in Unicode scalars. Nodes on a line are met left to right, so
    /// the count goes on from the last one instead of from the start of the line each time.
    private mutating func column(_ line: Line, _ position: Int) -> Int32 {
        if line.isASCII { return Int32(position - line.start + 1) }
        var (index, column) = lastColumn.start == line.start && lastColumn.position <= position
            ? (lastColumn.position, lastColumn.column) : (line.start, 1)
        while index < position {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        lastColumn = (line.start, position, column)
        return column
    }

    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }

    private mutating func counted(_ node: YAMLNode) throws(Unsupported) -> YAMLNode {
        try count()
        return node
    }

    private mutating func count() throws(Unsupported) {
        nodes += 1
        guard nodes <= limits.maxNodes else { throw Unsupported() }
    }

    private mutating func enter() throws(Unsupported) {
        depth += 1
        // Well inside the limit: at its edge libyaml and the tree builder say what went wrong.
        guard depth < limits.maxDepth - 2 else { throw Unsupported() }
    }

    // MARK: - Block collections

    /// A block mapping whose keys stand at `indent`; the first key may sit after a `- ` on the
    /// line of a sequence entry (`firstKeyAt`).
    private mutating func mapping(indent: Int, firstKeyAt: Int?) throws(Unsupported) -> YAMLNode {
        try enter()
        try count()
        let start = firstKeyAt ?? lines[current].start + indent
        let lineNumber = Int32(current + 1), columnNumber = column(lines[current], start)
        var pairs: [YAMLNode.Pair] = []
        // Room for a ledger's usual groups at once: growing an array pair by pair reallocates it
        // four or five times (a twenty-fifth of a cold `analyze` went to growing arrays).
        pairs.reserveCapacity(indent == 0 ? 24 : 8)
        let spans = keySpans.count
        var keyAt: Int? = start
        while true {
            let line = lines[current]
            let position = keyAt ?? line.start + indent
            keyAt = nil
            let (key, colon) = try blockKey(line, at: position)
            let after = skipSpaces(line, from: colon + 1)
            let value = after == line.end || bytes[after] == 0x23
                ? try nested(under: indent, nullAt: (line, colon + 1), indentless: true)
                : try inline(line, at: after, blockIndent: indent)
            pairs.append(YAMLNode.Pair(key: key, value: value))
            guard current < lines.count else { break }
            let next = lines[current]
            if next.indent < indent { break }
            guard next.indent == indent, !startsSequenceEntry(next, at: next.start + indent) else {
                throw Unsupported()
            }
        }
        try refuseDuplicates(pairs, spans: spans)
        depth -= 1
        return YAMLNode(content: .mapping(pairs), line: lineNumber, column: columnNumber)
    }

    /// A block sequence whose `-` stand at `indent`; `indentless` when it sits at its key's
    /// indentation, so that a key after it ends it.
    private mutating func sequence(indent: Int, indentless: Bool) throws(Unsupported) -> YAMLNode {
        try enter()
        try count()
        let lineNumber = Int32(current + 1)
        var items: [YAMLNode] = []
        items.reserveCapacity(4)
        while true {
            let line = lines[current]
            let dash = line.start + indent
            let after = skipSpaces(line, from: dash + 1)
            if after == line.end || bytes[after] == 0x23 {
                items.append(try nested(under: indent, nullAt: (line, dash + 1), indentless: false))
            } else if startsSequenceEntry(line, at: after) {
                throw Unsupported()  // `- - x`
            } else if isPlainStart(bytes[after]), keyColon(line, from: after) != nil {
                items.append(try mapping(indent: after - line.start, firstKeyAt: after))
            } else {
                items.append(try inline(line, at: after, blockIndent: indent))
            }
            guard current < lines.count else { break }
            let next = lines[current]
            if next.indent < indent { break }
            guard next.indent == indent else { throw Unsupported() }
            if !startsSequenceEntry(next, at: next.start + indent) {
                guard indentless else { throw Unsupported() }
                break
            }
        }
        depth -= 1
        return YAMLNode(content: .sequence(items), line: lineNumber, column: Int32(indent + 1))
    }

    /// The value of a key or entry with nothing after it on its line: a collection on the lines
    /// below, or an empty (null) scalar right after the `:` or `-`, as libyaml places it.
    private mutating func nested(under indent: Int, nullAt: (line: Line, position: Int), indentless: Bool)
        throws(Unsupported) -> YAMLNode {
        let lineNumber = current + 1
        current += 1
        skipBlankLines()
        if current < lines.count {
            let next = lines[current]
            let first = next.start + next.indent
            if next.indent > indent {
                return startsSequenceEntry(next, at: first)
                    ? try sequence(indent: next.indent, indentless: false) : try mapping(indent: next.indent, firstKeyAt: nil)
            }
            if indentless, next.indent == indent, startsSequenceEntry(next, at: first) {
                return try sequence(indent: indent, indentless: true)
            }
        }
        return try counted(YAMLNode(content: .scalar("", plain: true), line: Int32(lineNumber),
                                    column: column(nullAt.line, nullAt.position)))
    }

    /// A plain key and the position of its `:`.
    private mutating func blockKey(_ line: Line, at position: Int) throws(Unsupported) -> (YAMLNode, Int) {
        guard position < line.end, isPlainStart(bytes[position]), let colon = keyColon(line, from: position) else {
            throw Unsupported()
        }
        var end = colon
        while end > position, bytes[end - 1] == 0x20 { end -= 1 }
        // libyaml takes a key of up to 1,024 characters; long keys are not ledger keys anyway.
        guard end - position <= 512 else { throw Unsupported() }
        var isASCII = true
        for index in position..<end {
            let byte = bytes[index]
            if Self.isFlowIndicatorOrQuote(byte) || byte == 0x23 { throw Unsupported() }
            if byte >= 0x80 { isASCII = false }
        }
        keySpans.append(KeySpan(start: position, end: end, isASCII: isASCII))
        let key = try counted(YAMLNode(content: .scalar(text(position, end), plain: true),
                                       line: Int32(current + 1), column: column(line, position)))
        return (key, colon)
    }

    /// The first `:` followed by a space or the end of the line, before any comment.
    private func keyColon(_ line: Line, from position: Int) -> Int? {
        var index = position
        while index < line.end {
            let byte = bytes[index]
            if byte == 0x3A, index + 1 == line.end || bytes[index + 1] == 0x20 { return index }
            if byte == 0x23, index > position, bytes[index - 1] == 0x20 { return nil }
            index += 1
        }
        return nil
    }

    private func skipSpaces(_ line: Line, from position: Int) -> Int {
        var index = position
        while index < line.end, bytes[index] == 0x20 { index += 1 }
        return index
    }

    /// Only blanks, or a comment after at least one, from `position` to the end of the line.
    private func restIsBlank(_ line: Line, from position: Int) -> Bool {
        let next = skipSpaces(line, from: position)
        return next == line.end || (next > position && bytes[next] == 0x23)
    }

    // MARK: - Values on one line

    /// A value that starts on the key's or entry's line: flow collection, quoted, literal or plain.
    /// Moves to the next line that is not blank.
    private mutating func inline(_ line: Line, at position: Int, blockIndent: Int) throws(Unsupported) -> YAMLNode {
        let byte = bytes[position]
        var node: YAMLNode
        var end: Int
        switch byte {
        case 0x7B, 0x5B:  // { [
            (node, end) = try flow(line, at: position)
        case 0x22, 0x27:  // " '
            (node, end) = try quoted(line, at: position)
        case 0x7C:  // |
            return try literal(line, at: position, blockIndent: blockIndent)
        default:
            guard isPlainStart(byte) else { throw Unsupported() }
            end = position
            while end < line.end {
                let next = bytes[end]
                if next == 0x23, bytes[end - 1] == 0x20 { break }
                if next == 0x3A, end + 1 == line.end || bytes[end + 1] == 0x20 { throw Unsupported() }
                end += 1
            }
            while bytes[end - 1] == 0x20 { end -= 1 }
            node = try counted(YAMLNode(content: .scalar(text(position, end), plain: true),
                                        line: Int32(current + 1), column: column(line, position)))
        }
        guard restIsBlank(line, from: end) else { throw Unsupported() }
        current += 1
        skipBlankLines()
        return node
    }

    /// Plain scalars may start with any character but these (and `-`, `?`, `:` only before a
    /// non-space, which this reader leaves to libyaml).
    private func isPlainStart(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2D, 0x3F, 0x3A, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x23, 0x26, 0x2A, 0x21, 0x7C, 0x3E, 0x27, 0x22, 0x25, 0x40, 0x60, 0x20:
            false
        default:
            true
        }
    }

    private static func isFlowIndicatorOrQuote(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x2C, 0x5B, 0x5D, 0x7B, 0x7D, 0x22, 0x27: true
        default: false
        }
    }

    /// A quoted scalar closed on its line, and the position after its closing quote.
    private mutating func quoted(_ line: Line, at position: Int) throws(Unsupported) -> (YAMLNode, Int) {
        let quote = bytes[position]
        var index = position + 1
        var value: [UInt8] = []
        var simple = true  // no '' inside: the text is a slice
        while true {
            guard index < line.end else { throw Unsupported() }
            let byte = bytes[index]
            if quote == 0x22 {
                if byte == 0x5C { throw Unsupported() }  // escapes are libyaml's
                if byte == 0x22 { break }
            } else if byte == 0x27 {
                guard index + 1 < line.end, bytes[index + 1] == 0x27 else { break }
                if simple {
                    value = Array(bytes[(position + 1)..<index])
                    simple = false
                }
                value.append(0x27)
                index += 2
                continue
            }
            if !simple { value.append(byte) }
            index += 1
        }
        let content = simple ? text(position + 1, index) : String(decoding: value, as: UTF8.self)
        let node = try counted(YAMLNode(content: .scalar(content, plain: false), line: Int32(current + 1),
                                        column: column(line, position)))
        return (node, index + 1)
    }

    /// A flow mapping or sequence closed on its line, and the position after it.
    private mutating func flow(_ line: Line, at position: Int) throws(Unsupported) -> (YAMLNode, Int) {
        try enter()
        let isMapping = bytes[position] == 0x7B
        let close: UInt8 = isMapping ? 0x7D : 0x5D
        let lineNumber = Int32(current + 1), columnNumber = column(line, position)
        try count()
        // As many entries as commas in what follows on the line, and one: enough for most flow
        // collections (exactly, for a ledger's). Only so far ahead: on a long line of many
        // collections, counting to its end for each would take time by the square of its length.
        var entries = 1
        for index in position..<min(line.end, position + 256) where bytes[index] == 0x2C { entries += 1 }
        var pairs: [YAMLNode.Pair] = []
        var items: [YAMLNode] = []
        if isMapping { pairs.reserveCapacity(entries) } else { items.reserveCapacity(entries) }
        let spans = keySpans.count
        var index = skipSpaces(line, from: position + 1)
        if index < line.end, bytes[index] == close {
            index += 1
        } else {
            while true {
                if isMapping {
                    let (key, colon) = try flowPlain(line, at: index, isKey: true)
                    index = skipSpaces(line, from: colon + 1)
                    let (value, end) = try flowValue(line, at: index)
                    pairs.append(YAMLNode.Pair(key: key, value: value))
                    index = end
                } else {
                    let (item, end) = try flowValue(line, at: index)
                    items.append(item)
                    index = end
                }
                index = skipSpaces(line, from: index)
                guard index < line.end else { throw Unsupported() }
                if bytes[index] == close {
                    index += 1
                    break
                }
                guard bytes[index] == 0x2C else { throw Unsupported() }
                index = skipSpaces(line, from: index + 1)
                // A trailing comma, an empty entry or a line break inside: libyaml's.
                guard index < line.end, bytes[index] != close, bytes[index] != 0x2C else { throw Unsupported() }
            }
        }
        if isMapping { try refuseDuplicates(pairs, spans: spans) }
        depth -= 1
        let content: YAMLNode.Content = isMapping ? .mapping(pairs) : .sequence(items)
        return (YAMLNode(content: content, line: lineNumber, column: columnNumber), index)
    }

    private mutating func flowValue(_ line: Line, at position: Int) throws(Unsupported) -> (YAMLNode, Int) {
        guard position < line.end else { throw Unsupported() }
        switch bytes[position] {
        case 0x7B, 0x5B: return try flow(line, at: position)
        case 0x22, 0x27: return try quoted(line, at: position)
        default: return try flowPlain(line, at: position, isKey: false)
        }
    }

    /// A plain scalar inside a flow collection: up to `,` or the closing bracket (a value), or up
    /// to `: ` (a key, whose colon position is returned). Comments and any other `:` inside a
    /// flow collection are left to libyaml, whose versions read them differently.
    private mutating func flowPlain(_ line: Line, at position: Int, isKey: Bool) throws(Unsupported) -> (YAMLNode, Int) {
        guard position < line.end, isPlainStart(bytes[position]) else { throw Unsupported() }
        var index = position
        scan: while index < line.end {
            switch bytes[index] {
            case 0x2C, 0x5D, 0x7D:  // , ] }
                guard !isKey else { throw Unsupported() }
                break scan
            case 0x3A:
                guard isKey, index + 1 < line.end, bytes[index + 1] == 0x20 else { throw Unsupported() }
                break scan
            case 0x5B, 0x7B, 0x23, 0x22, 0x27:  // [ { # " '
                throw Unsupported()
            default:
                index += 1
            }
        }
        guard index < line.end else { throw Unsupported() }
        var last = index
        while bytes[last - 1] == 0x20 { last -= 1 }
        if isKey {
            guard last - position <= 512 else { throw Unsupported() }
            var isASCII = true
            for index in position..<last where bytes[index] >= 0x80 { isASCII = false }
            keySpans.append(KeySpan(start: position, end: last, isASCII: isASCII))
        }
        let node = try counted(YAMLNode(content: .scalar(text(position, last), plain: true), line: Int32(current + 1),
                                        column: column(line, position)))
        return (node, index)
    }

    // MARK: - Literal block scalars

    /// `|`, `|-` or `|+` and the lines below it, read as libyaml's block-scalar scanner reads
    /// them (content indentation from the first non-empty line, at least one more than the
    /// collection's; blank lines kept as line breaks; the tail chomped as the indicator says).
    private mutating func literal(_ line: Line, at position: Int, blockIndent: Int) throws(Unsupported) -> YAMLNode {
        var index = position + 1
        var chomping = 0  // -1 strip, 0 clip, +1 keep
        if index < line.end, bytes[index] == 0x2D || bytes[index] == 0x2B {
            chomping = bytes[index] == 0x2D ? -1 : 1
            index += 1
        }
        // An indentation indicator, folding or anything else after the header: libyaml's.
        guard index == line.end || restIsBlank(line, from: index), index == line.end || bytes[index] == 0x20 else {
            throw Unsupported()
        }
        let lineNumber = Int32(current + 1), columnNumber = column(line, position)
        // Leading empty lines; the first line with content sets the indentation.
        var row = current + 1
        var breaks = 0
        var widestBlank = 0
        while row < lines.count, lines[row].start + lines[row].indent == lines[row].end, lines[row].hasBreak {
            widestBlank = max(widestBlank, lines[row].indent)
            breaks += 1
            row += 1
        }
        // Empty, or blank lines wider than the text below them: libyaml's.
        guard row < lines.count, lines[row].start + lines[row].indent < lines[row].end else { throw Unsupported() }
        let indent = lines[row].indent
        guard indent > blockIndent, indent >= widestBlank else { throw Unsupported() }
        var value: [UInt8] = []
        var pendingBreak = false
        while row < lines.count {
            let next = lines[row]
            if next.start + min(next.indent, indent) == next.end {
                // Only spaces up to the indentation: a line break of the text.
                guard next.hasBreak else { break }
                breaks += 1
                row += 1
                continue
            }
            guard next.indent >= indent else { break }
            if pendingBreak { value.append(0x0A) }
            value.append(contentsOf: repeatElement(0x0A, count: breaks))
            breaks = 0
            value.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(next.start + indent)..<next.end]))
            pendingBreak = next.hasBreak
            row += 1
        }
        if chomping >= 0, pendingBreak { value.append(0x0A) }
        if chomping > 0 { value.append(contentsOf: repeatElement(0x0A, count: breaks)) }
        current = row
        skipBlankLines()
        return try counted(YAMLNode(content: .scalar(String(decoding: value, as: UTF8.self), plain: false),
                                    line: lineNumber, column: columnNumber))
    }

    // MARK: - Checks

    /// A key written twice: libyaml's reader reports it (with both keys and the place). The keys
    /// are the mapping's, from `spans` on in `keySpans`, which then forgets them.
    ///
    /// Two keys of ASCII alone are the same text exactly when their bytes are, compared here; any
    /// other pair is compared as Unicode text, as `hasDuplicateKeys` does. (Comparing the strings
    /// pairwise took Unicode's slow path for each unequal pair: a fiftieth of a cold `analyze`.)
    private mutating func refuseDuplicates(_ pairs: [YAMLNode.Pair], spans: Int) throws(Unsupported) {
        defer { keySpans.removeSubrange(spans...) }
        guard keySpans.count - spans == pairs.count, pairs.count <= 24 else {
            if pairs.hasDuplicateKeys { throw Unsupported() }
            return
        }
        // Keys of ASCII alone are first told apart by a bit for their length and end bytes: only
        // a key whose bit is taken is compared with the keys before it (when any key is not
        // ASCII, every key is).
        let allASCII = keySpans[spans...].allSatisfy { $0.isASCII && $0.end > $0.start }
        var taken: UInt64 = 0
        for index in pairs.indices {
            let key = keySpans[spans + index]
            if allASCII {
                let mix = (key.end - key.start) &* 31 &+ Int(bytes[key.start]) &+ Int(bytes[key.end - 1]) &* 7
                let bit = UInt64(1) << UInt64(mix & 63)
                defer { taken |= bit }
                if taken & bit == 0 { continue }
            }
            for other in 0..<index {
                let earlier = keySpans[spans + other]
                if key.isASCII && earlier.isASCII {
                    guard key.end - key.start == earlier.end - earlier.start else { continue }
                    var offset = 0
                    while offset < key.end - key.start, bytes[key.start + offset] == bytes[earlier.start + offset] { offset += 1 }
                    if offset == key.end - key.start { throw Unsupported() }
                } else if case .scalar(let text, _) = pairs[index].key.content,
                          case .scalar(let earlierText, _) = pairs[other].key.content, text == earlierText {
                    throw Unsupported()
                }
            }
        }
    }
}
