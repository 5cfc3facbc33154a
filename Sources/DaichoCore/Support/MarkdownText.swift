/// Text placed into Markdown as text: it cannot become a link, an image, a table-cell break,
/// a heading, code, strikethrough or raw HTML. Line breaks become spaces.
///
/// `_` is left alone: inside words (`Shift_JIS`) it never emphasises, and escaping it would fill
/// the documents clerks read as plain text with backslashes.
public enum MarkdownText {
    private static let special = Set("\\`*[]<>|#!~&\n\r".utf8)

    public static func escape(_ text: String) -> String {
        // Most values (names, dates, amounts) need nothing: skip the copy.
        guard text.utf8.contains(where: special.contains) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count + 8)
        for character in text {
            switch character {
            case "\n", "\r\n", "\r":
                result.append(" ")
            case "\\", "`", "*", "[", "]", "<", ">", "|", "#", "!", "~", "&":
                result.append("\\")
                result.append(character)
            default:
                result.append(character)
            }
        }
        return result
    }
}
