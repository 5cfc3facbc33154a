import Foundation

/// Decodes a ledger's bytes as UTF-8, and names the encoding when it is something else.
enum TextDecoding {
    struct Problem: Error {
        var line: Int
        var column: Int
        var message: LocalizedText
        var hint: LocalizedText

        func diagnostic(file: String) -> Diagnostic {
            Diagnostic(.error, .encoding, at: SourceLocation(file: file, line: line, column: column), field: "",
                       message, hint: hint)
        }
    }

    static let resave = LocalizedText(
        ja: "Excel やメモ帳で「UTF-8」を選んで保存し直してください",
        en: "save the file again choosing UTF-8 (Excel: CSV UTF-8; Notepad: UTF-8)")

    static func decode(_ bytes: [UInt8]) -> Result<String, Problem> {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            return .failure(Problem(line: 1, column: 1,
                message: LocalizedText(ja: "UTF-16 で保存されています。UTF-8 で保存してください",
                                       en: "the file is UTF-16; ledgers must be UTF-8"),
                hint: resave))
        }
        if let text = String(validating: body, as: UTF8.self) {
            return .success(text)
        }
        let offset = firstInvalidUTF8(body)
        let prefix = body[body.startIndex..<offset]
        let line = prefix.count(where: { $0 == 0x0A }) + 1
        let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? body.startIndex
        let column = String(decoding: body[lineStart..<offset], as: UTF8.self).unicodeScalars.count + 1
        if looksLikeShiftJIS(body) {
            return .failure(Problem(line: line, column: column,
                message: LocalizedText(ja: "Shift_JIS で保存されているようです。UTF-8 で保存してください",
                                       en: "the file looks like Shift_JIS; ledgers must be UTF-8"),
                hint: resave))
        }
        return .failure(Problem(line: line, column: column,
            message: LocalizedText(ja: "UTF-8 として読めないバイトがあります（文字コードが UTF-8 ではありません）",
                                   en: "invalid UTF-8 bytes (the file is not UTF-8)"),
            hint: resave))
    }

    /// The index of the first byte that does not start a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.endIndex,
                String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            else { return index }
            index += length
        }
        return index
    }

    /// The text of bytes that `looksLikeShiftJIS`, decoded as Windows reads Shift_JIS (CP932, with
    /// its NEC and IBM characters); nil for other bytes. Never used to read a ledger (ledgers are
    /// UTF-8): only to name the department of one saved otherwise. The user-defined area (外字,
    /// lead bytes F0–F9) has no characters to give and Foundation drops them silently: nil then.
    static func shiftJIS(_ bytes: ArraySlice<UInt8>) -> String? {
        guard looksLikeShiftJIS(bytes) else { return nil }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if (0xF0...0xF9).contains(byte) { return nil }
            index += (0x81...0x9F).contains(byte) || (0xE0...0xFC).contains(byte) ? 2 : 1
        }
        return String(data: Data(bytes), encoding: .shiftJIS)
    }

    /// True when the bytes are well-formed Shift_JIS with at least one double-byte character.
    static func looksLikeShiftJIS(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        var doubleBytes = 0
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case 0x00...0x7F, 0xA1...0xDF:
                index += 1
            case 0x81...0x9F, 0xE0...0xFC:
                guard index + 1 < bytes.endIndex else { return false }
                let trail = bytes[index + 1]
                guard (0x40...0x7E).contains(trail) || (0x80...0xFC).contains(trail) else { return false }
                doubleBytes += 1
                index += 2
            default:
                return false
            }
        }
        return doubleBytes > 0
    }
}
