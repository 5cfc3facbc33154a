/// Text placed into Markdown as text: it cannot become a link, an image, a table-cell break,
/// a heading, code, strikethrough or raw HTML. Line breaks become spaces.
///
/// `_` is escaped only where it could emphasise: between two ASCII letters or digits (`Shift_JIS`)
/// it never does, and escaping it there would fill the documents clerks read as plain text with
/// backslashes.
public enum MarkdownText {
    /// The bytes that need escaping, as a 128-bit mask (a set lookup per byte was a thirtieth of a full build).
    private static let special: (low: UInt64, high: UInt64) = "\\`*[]<>|#!~&\n\r".utf8.reduce((0, 0)) { mask, byte in
        byte < 64 ? (mask.0 | 1 << UInt64(byte), mask.1) : (mask.0, mask.1 | 1 << UInt64(byte - 64))
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 64 ? special.low & (1 << UInt64(byte)) != 0 : byte < 128 && special.high & (1 << UInt64(byte - 64)) != 0
    }

    public static func escape(_ text: String) -> String {
        let inline = escapingInline(text)
        // Only a value that starts with a space, a tab, `-`, `+` or a digit can be indentation, a
        // rule or a list marker: most go no further (this runs for every value of every draft).
        guard let first = inline.utf8.first,
              first == 0x20 || first == 0x09 || first == 0x2D || first == 0x2B || (0x30...0x39).contains(first) else { return inline }
        return escapingRule(escapingListMarker(unindented(inline)))
    }

    /// Four spaces (or a tab) before a value made it a code block where a template starts a line,
    /// or a list item, with it: such indentation is dropped. Less is left as typed.
    private static func unindented(_ text: String) -> String {
        var width = 0
        for byte in text.utf8 {
            if byte == 0x20 { width += 1 } else if byte == 0x09 { width += 4 } else { break }
            // By scalars: a space before a combining mark is one `Character` that is not " ".
            if width >= 4 { return String(String.UnicodeScalarView(text.unicodeScalars.drop { $0 == " " || $0 == "\t" })) }
        }
        return text
    }

    /// A value of three or more `-` (and spaces) is a rule where a line starts with it, or a list
    /// item does (`- ---`): its first `-` is escaped. (`*` is always escaped, and `_` where it stands alone.)
    private static func escapingRule(_ text: String) -> String {
        let bytes = text.utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }), bytes[first] == 0x2D,
              bytes.allSatisfy({ $0 == 0x2D || $0 == 0x20 || $0 == 0x09 }), bytes.count(where: { $0 == 0x2D }) >= 3 else { return text }
        return String(text[..<first]) + "\\" + String(text[first...])
    }

    /// Whether the `_` at `index` can open or close emphasis: unless it stands between two ASCII
    /// letters or digits.
    private static func emphasises(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        func word(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        return index == 0 || index == bytes.count - 1 || !word(bytes[index - 1]) || !word(bytes[index + 1])
    }

    /// A value that begins like a list item (`- `, `+ `, `1. `, `1) `) would open a list where a
    /// template puts it at the start of a line (a list item of its own, nested): the marker is
    /// escaped. Only then: `-3` or `1.5` stay as clerks typed them.
    private static func escapingListMarker(_ text: String) -> String {
        let bytes = text.utf8
        guard let start = bytes.firstIndex(where: { $0 != 0x20 }) else { return text }
        let marker: String.Index
        if bytes[start] == 0x2D || bytes[start] == 0x2B {
            marker = start
        } else {
            var end = start, digits = 0
            while end < bytes.endIndex, (0x30...0x39).contains(bytes[end]), digits < 9 { end = bytes.index(after: end); digits += 1 }
            guard digits > 0, end < bytes.endIndex, bytes[end] == 0x2E || bytes[end] == 0x29 else { return text }
            marker = end
        }
        let next = bytes.index(after: marker)
        guard next == bytes.endIndex || bytes[next] == 0x20 || bytes[next] == 0x09 else { return text }
        return String(text[..<marker]) + "\\" + String(text[marker...])
    }

    private static func escapingInline(_ text: String) -> String {
        // Most values (names, dates, amounts) need nothing: skip the copy.
        // Over the contiguous bytes: through `String.UTF8View` the scan was a thirtieth of a build.
        var scanned = text
        // One scan for most values: nothing to escape, and no `:` or `.` an address needs.
        guard scanned.withUTF8({ $0.contains { isSpecial($0) || $0 == 0x3A || $0 == 0x2E || $0 == 0x5F } }) else { return text }
        let breaks = scanned.withUTF8(linkStarts)
        let underscores = scanned.withUTF8 { bytes in
            bytes.contains(0x5F) ? bytes.indices.filter { bytes[$0] == 0x5F && emphasises(bytes, at: $0) } : []
        }
        guard !breaks.isEmpty || !underscores.isEmpty || scanned.withUTF8({ $0.contains(where: isSpecial) }) else { return text }
        // Byte by byte, not character by character: a special character followed by a combining
        // mark (`[` + U+0338) is one `Character` that is not "[", and went through unescaped
        // although cmark-gfm reads its `[` all the same.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 8)
        var afterCarriageReturn = false
        // The places to escape in order, walked with the bytes (a lookup per byte in the lists was
        // quadratic: a megabyte of `a_ ` took minutes).
        let places = breaks.isEmpty ? underscores : underscores.isEmpty ? breaks : (breaks + underscores).sorted()
        var next = places.startIndex
        for (offset, byte) in text.utf8.enumerated() {
            if next < places.endIndex, places[next] == offset {
                result.append(0x5C)
                next += 1
            }
            switch byte {
            case 0x0A where afterCarriageReturn: break  // "\r\n" is one break, one space
            case 0x0A, 0x0D: result.append(0x20)
            default:
                if isSpecial(byte) { result.append(0x5C) }
                result.append(byte)
            }
            afterCarriageReturn = byte == 0x0D
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// Where an address in the text would become a link by GFM's autolinks, which escaping the
    /// usual characters does not stop: the `:` of `://` and the `.` of `www.`, each escaped (a
    /// system named `https://example.com` became a link in the drafts' HTML). E-mail addresses
    /// are left as they are: no escape stops them, and they open a mail program, not a page.
    private static func linkStarts(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var starts: [Int] = []
        guard bytes.count >= 4 else { return starts }
        for index in 0...(bytes.count - 4) {
            if bytes[index] == 0x3A, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x2F {
                starts.append(index)
            } else if bytes[index] | 0x20 == 0x77, bytes[index + 1] | 0x20 == 0x77, bytes[index + 2] | 0x20 == 0x77,
                      bytes[index + 3] == 0x2E {
                starts.append(index + 3)
            }
        }
        return starts
    }
}
