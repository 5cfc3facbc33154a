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
        if let legacy = legacyEncoding(of: body) {
            return .failure(Problem(line: line, column: column,
                message: LocalizedText(ja: "\(legacy.name) で保存されているようです。UTF-8 で保存してください",
                                       en: "the file looks like \(legacy.name); ledgers must be UTF-8"),
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

    /// The encodings other than UTF-8 that Japanese PCs save text in: `check` names the one a
    /// ledger is in, and the follow-up reads its department line in it.
    enum Legacy: Sendable, Equatable {
        case shiftJIS
        case eucJP

        var name: String {
            switch self {
            case .shiftJIS: "Shift_JIS"
            case .eucJP: "EUC-JP"
            }
        }
    }

    /// Which of Shift_JIS and EUC-JP the bytes are in, if either: the one they are well-formed in,
    /// with a character of two bytes or more. EUC-JP text is often well-formed Shift_JIS too
    /// (保険年金課, CA DD B8 B1 C7 AF B6 E2 B2 DD, reads ﾊﾝｸｱﾇｯｶ箚ﾝ), and Shift_JIS now and then
    /// EUC-JP: bytes well-formed in both are in the one whose reading has fewer half-width
    /// katakana, which real text seldom holds and a misreading is full of; Shift_JIS, the usual
    /// one on Windows, on a tie. `check` and the follow-up both ask here, so they agree.
    static func legacyEncoding(of bytes: ArraySlice<UInt8>) -> Legacy? {
        let sjis = scanShiftJIS(bytes), euc = scanEUCJP(bytes)
        switch (sjis, euc) {
        case let (s?, e?): return e < s ? .eucJP : .shiftJIS
        case (.some, nil): return .shiftJIS
        case (nil, .some): return .eucJP
        case (nil, nil): return nil
        }
    }

    /// The text of bytes in the encoding `legacyEncoding` names, nil for other bytes. Never used
    /// to read a ledger (ledgers are UTF-8): only to name the department of one saved otherwise.
    static func legacyText(_ bytes: ArraySlice<UInt8>) -> String? {
        switch legacyEncoding(of: bytes) {
        case .shiftJIS?: shiftJIS(bytes)
        case .eucJP?: eucJP(bytes)
        case nil: nil
        }
    }

    /// Well-formed Shift_JIS, decoded as Windows reads it (CP932, with its NEC and IBM
    /// characters). The user-defined area (外字, lead bytes F0–F9) has no characters to give and
    /// Foundation drops them silently: nil then.
    static func shiftJIS(_ bytes: ArraySlice<UInt8>) -> String? {
        guard scanShiftJIS(bytes) != nil else { return nil }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if (0xF0...0xF9).contains(byte) { return nil }
            index += (0x81...0x9F).contains(byte) || (0xE0...0xFC).contains(byte) ? 2 : 1
        }
        return String(data: Data(bytes), encoding: .shiftJIS)
    }

    /// Well-formed EUC-JP, decoded. Foundation on Linux has no EUC-JP decoder, but both encodings
    /// code the same JIS X 0208 rows and cells: each character is moved to its Shift_JIS bytes by
    /// arithmetic and read as Shift_JIS. JIS X 0212 (after 8F) has no Shift_JIS form, and the
    /// user-defined rows (leads F5–FE) no characters: nil for those, and for a text the decoder
    /// took a character from (a cell JIS leaves empty).
    static func eucJP(_ bytes: ArraySlice<UInt8>) -> String? {
        guard scanEUCJP(bytes) != nil else { return nil }
        var converted: [UInt8] = []
        converted.reserveCapacity(bytes.count)
        var characters = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            characters += 1
            switch byte {
            case 0x00...0x7F:
                converted.append(byte)
                index += 1
            case 0x8E:
                converted.append(bytes[index + 1])
                index += 2
            case 0xA1...0xF4:
                let (row, cell) = (Int(byte) - 0x80, Int(bytes[index + 1]) - 0x80)
                converted.append(UInt8((row + 1) / 2 + (row <= 0x5E ? 0x70 : 0xB0)))
                converted.append(UInt8(row % 2 == 1 ? cell + (cell <= 0x5F ? 0x1F : 0x20) : cell + 0x7E))
                index += 2
            default:
                return nil
            }
        }
        guard let text = String(data: Data(converted), encoding: .shiftJIS), text.unicodeScalars.count == characters else { return nil }
        return text
    }

    /// True when the bytes are well-formed Shift_JIS with at least one double-byte character.
    static func looksLikeShiftJIS(_ bytes: ArraySlice<UInt8>) -> Bool { scanShiftJIS(bytes) != nil }

    /// For well-formed Shift_JIS with a double-byte character, how many half-width katakana it
    /// reads (single bytes A1–DF); nil for other bytes.
    private static func scanShiftJIS(_ bytes: ArraySlice<UInt8>) -> Int? {
        var index = bytes.startIndex
        var doubleBytes = 0, halfWidth = 0
        while index < bytes.endIndex {
            let byte = bytes[index]
            switch byte {
            case 0x00...0x7F:
                index += 1
            case 0xA1...0xDF:
                halfWidth += 1
                index += 1
            case 0x81...0x9F, 0xE0...0xFC:
                guard index + 1 < bytes.endIndex else { return nil }
                let trail = bytes[index + 1]
                guard (0x40...0x7E).contains(trail) || (0x80...0xFC).contains(trail) else { return nil }
                doubleBytes += 1
                index += 2
            default:
                return nil
            }
        }
        return doubleBytes > 0 ? halfWidth : nil
    }

    /// For well-formed EUC-JP with a character of two bytes or more, how many half-width
    /// katakana it reads (8E and a byte A1–DF); nil for other bytes.
    private static func scanEUCJP(_ bytes: ArraySlice<UInt8>) -> Int? {
        func high(_ at: Int) -> Bool { at < bytes.endIndex && (0xA1...0xFE).contains(bytes[at]) }
        var index = bytes.startIndex
        var multiBytes = 0, halfWidth = 0
        while index < bytes.endIndex {
            switch bytes[index] {
            case 0x00...0x7F:
                index += 1
                continue
            case 0x8E:
                guard index + 1 < bytes.endIndex, (0xA1...0xDF).contains(bytes[index + 1]) else { return nil }
                halfWidth += 1
                index += 2
            case 0x8F:
                guard high(index + 1), high(index + 2) else { return nil }
                index += 3
            case 0xA1...0xFE:
                guard high(index + 1) else { return nil }
                index += 2
            default:
                return nil
            }
            multiBytes += 1
        }
        return multiBytes > 0 ? halfWidth : nil
    }
}
