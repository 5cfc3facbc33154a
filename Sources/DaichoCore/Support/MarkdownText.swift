/// Text placed into Markdown as text: it cannot become a link, an image, a table-cell break,
/// a heading, code, strikethrough or raw HTML. Line breaks become spaces.
///
/// `_` is left alone: inside words (`Shift_JIS`) it never emphasises, and escaping it would fill
/// the documents clerks read as plain text with backslashes.
public enum MarkdownText {
    /// The bytes that need escaping, as a 128-bit mask (a set lookup per byte was a thirtieth of a full build).
    private static let special: (low: UInt64, high: UInt64) = "\\`*[]<>|#!~&\n\r".utf8.reduce((0, 0)) { mask, byte in
        byte < 64 ? (mask.0 | 1 << UInt64(byte), mask.1) : (mask.0, mask.1 | 1 << UInt64(byte - 64))
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 64 ? special.low & (1 << UInt64(byte)) != 0 : byte < 128 && special.high & (1 << UInt64(byte - 64)) != 0
    }

    public static func escape(_ text: String) -> String {
        // Most values (names, dates, amounts) need nothing: skip the copy.
        // Over the contiguous bytes: through `String.UTF8View` the scan was a thirtieth of a build.
        var scanned = text
        guard scanned.withUTF8({ $0.contains(where: isSpecial) }) else { return text }
        // Byte by byte, not character by character: a special character followed by a combining
        // mark (`[` + U+0338) is one `Character` that is not "[", and went through unescaped
        // although cmark-gfm reads its `[` all the same.
        var result: [UInt8] = []
        result.reserveCapacity(text.utf8.count + 8)
        var afterCarriageReturn = false
        for byte in text.utf8 {
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
}
