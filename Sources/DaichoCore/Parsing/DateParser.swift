/// Reads the date forms a municipal ledger uses: ISO, slashes, and Japanese eras.
///
/// Accepted: `2019-04-01`, `2019-04`, `2019/4/1`, `2019年4月1日`, `令和7年4月1日`,
/// `平成31年4月`, `令和元年5月1日`, `R7.4.1`, `H31.4`, `S64.1.7`, the two mixed (`R7年4月1日`,
/// `令和7.4.1`), the era in one character (`㋿7.4.1`), and full-width digits.
public enum DateParser {
    public enum Outcome: Sendable, Equatable {
        case date(LedgerDate)
        /// Read and normalised, but outside the era it names (`平成32年`, `平成31年5月1日`).
        case outsideEra(LedgerDate, era: String)
        case invalid
        /// A date as written, but its day is not in the calendar (`2023-02-29`, `2024年2月30日`).
        case noSuchDay(year: Int, month: Int)
    }

    struct Era {
        let name: String
        let letter: Character
        let firstYear: Int
        let start: LedgerDate
        let end: LedgerDate?
    }

    static let eras: [Era] = [
        Era(name: "令和", letter: "R", firstYear: 2019, start: LedgerDate(year: 2019, month: 5, day: 1), end: nil),
        Era(name: "平成", letter: "H", firstYear: 1989, start: LedgerDate(year: 1989, month: 1, day: 8),
            end: LedgerDate(year: 2019, month: 4, day: 30)),
        Era(name: "昭和", letter: "S", firstYear: 1926, start: LedgerDate(year: 1926, month: 12, day: 25),
            end: LedgerDate(year: 1989, month: 1, day: 7)),
    ]

    public static func parse(_ raw: String) -> Outcome {
        if let fields = isoFields(raw.utf8) {
            return makeWestern(fields).map(Outcome.date) ?? missingDay(fields, western: true)
        }
        var text = raw.nfkcTrimmed
        guard !text.isEmpty else { return .invalid }
        // The era in one character (㋿7.4.1), which not every NFKC at hand spells out.
        if let first = text.unicodeScalars.first, let era = ligatures[first.value] { text = era + String(String.UnicodeScalarView(text.unicodeScalars.dropFirst())) }
        // `令和7年4月1日` and `R7.4.1`, or the two mixed: `R7年4月1日`, `令和7.4.1`.
        if let era = eras.first(where: { text.hasPrefix($0.name) }) {
            return parseEra(String(text.dropFirst(era.name.count)), era: era)
        }
        if let first = text.first, let era = eras.first(where: { $0.letter == Character(first.uppercased()) }) {
            return parseEra(String(text.dropFirst()), era: era)
        }
        guard let fields = numbers(in: text) else { return .invalid }
        guard let date = makeWestern(fields) else { return missingDay(fields, western: true) }
        return .date(date)
    }

    /// ㋿ ㍻ ㍼: the one-character forms of the eras read.
    private static let ligatures: [UInt32: String] = [0x32FF: "令和", 0x337B: "平成", 0x337C: "昭和"]

    /// The date an Excel serial number stands for (`45748` is 2025-04-01: what a date cell becomes
    /// when its value is pasted as a number), for the numbers 20000–80000 (1954-10-03 to 2119-01-11).
    public static func excelSerial(_ text: String) -> LedgerDate? {
        let plain = text.nfkcTrimmed
        guard plain.utf8.count == 5, plain.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let serial = Int(plain),
              (20_000...80_000).contains(serial) else { return nil }
        // Days since 1899-12-30 (Excel counts 1900-02-29, which never was), as a civil date.
        let days = serial - 25_569 + 719_468  // to days since 0000-03-01
        let era = days / 146_097, dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return LedgerDate(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// `.noSuchDay` for year, month and day that a calendar lacks only for the day; else `.invalid`.
    private static func missingDay(_ fields: [Int], western: Bool) -> Outcome {
        guard fields.count == 3, !western || fields[0] >= 1000, (1...12).contains(fields[1]), fields[2] >= 1,
              fields[2] > LedgerDate.daysIn(month: fields[1], year: fields[0]) else { return .invalid }
        return .noSuchDay(year: fields[0], month: fields[1])
    }

    /// A Western date has a year of four digits: `7年4月1日` is 令和7年 written short, and `19-04-01`
    /// a year cut to two digits, neither the year 7 or 19.
    private static func makeWestern(_ fields: [Int]) -> LedgerDate? {
        fields[0] >= 1000 ? make(fields) : nil
    }

    /// The date after the era's name or letter, in either form (`7年4月1日`, `7.4.1`).
    private static func parseEra(_ rest: String, era: Era) -> Outcome {
        var rest = rest
        if rest.hasPrefix("元") { rest = "1" + rest.dropFirst() }
        guard var fields = numbers(in: rest), fields.count >= 2, fields[0] >= 1 else {
            return .invalid
        }
        fields[0] += era.firstYear - 1
        guard let date = make(fields) else { return missingDay(fields, western: false) }
        // A month-only date is inside the era when any day of that month is.
        let first = LedgerDate(year: date.year, month: date.month, day: date.day ?? 1)
        let last = LedgerDate(year: date.year, month: date.month,
                              day: date.day ?? LedgerDate.daysIn(month: date.month, year: date.year))
        if last < era.start || (era.end.map { first > $0 } ?? false) {
            return .outsideEra(date, era: era.name)
        }
        return .date(date)
    }

    /// Splits `2019-04-01`, `2019/4/1`, `2019.4.1` or `2019年4月1日` into numbers.
    /// `2019-04-01` or `2019-04` exactly, read from the bytes: most dates in a ledger look like
    /// this, and the general path (normalising, splitting) costs more than the rest of a field.
    private static func isoFields(_ bytes: String.UTF8View) -> [Int]? {
        guard bytes.count == 10 || bytes.count == 7 else { return nil }
        var fields: [Int] = [0]
        fields.reserveCapacity(3)
        var digits = 0
        for byte in bytes {
            if byte == UInt8(ascii: "-") {
                guard digits > 0 else { return nil }
                fields.append(0)
                digits = 0
            } else if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                fields[fields.count - 1] = fields[fields.count - 1] * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            } else {
                return nil
            }
        }
        guard digits > 0, fields.count == (bytes.count == 10 ? 3 : 2) else { return nil }
        return fields
    }

    /// The numbers of `2019-4-1`, `2019/4/1`, `2019.4.1` and (with `kanji`) `2019年4月1日`, read
    /// from the bytes: two or three fields of one to four ASCII digits. With `kanji` (by default,
    /// when the text has 年), the text must have 年; one 日 or 月 at the end is dropped, and 年 and
    /// 月 separate like `-`. (Splitting and replacing `String`s here was most of the cost of an era date.)
    static func numbers(in text: String, kanji: Bool? = nil) -> [Int]? {
        var bytes = Array(text.utf8)[...]
        let hasYear = contains(bytes, year)
        let kanji = kanji ?? hasYear
        if kanji {
            guard hasYear else { return nil }
            if bytes.suffix(3).elementsEqual(day) || bytes.suffix(3).elementsEqual(month) { bytes.removeLast(3) }
        }
        var values: [Int] = []
        var value = 0, digits = 0
        func endField() -> Bool {
            guard digits > 0 else { return false }
            values.append(value)
            (value, digits) = (0, 0)
            return true
        }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if (0x30...0x39).contains(byte) {
                guard digits < 4 else { return nil }
                value = value * 10 + Int(byte - 0x30)
                digits += 1
                index += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".") {
                guard endField() else { return nil }
                index += 1
            } else if kanji, bytes[index...].starts(with: year) || bytes[index...].starts(with: month) {
                guard endField() else { return nil }
                index += 3
            } else {
                return nil
            }
        }
        guard endField(), (2...3).contains(values.count) else { return nil }
        return values
    }

    // 年, 月 and 日 in UTF-8.
    private static let year: [UInt8] = [0xE5, 0xB9, 0xB4], month: [UInt8] = [0xE6, 0x9C, 0x88], day: [UInt8] = [0xE6, 0x97, 0xA5]

    /// True when `bytes` has `part` in it (UTF-8 has no false matches inside a character).
    private static func contains(_ bytes: ArraySlice<UInt8>, _ part: [UInt8]) -> Bool {
        guard bytes.count >= part.count else { return false }
        return (bytes.startIndex...(bytes.endIndex - part.count)).contains { bytes[$0...].starts(with: part) }
    }

    private static func make(_ fields: [Int]) -> LedgerDate? {
        let year = fields[0], month = fields[1]
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        if fields.count == 3 {
            guard (1...LedgerDate.daysIn(month: month, year: year)).contains(fields[2]) else { return nil }
            return LedgerDate(year: year, month: month, day: fields[2])
        }
        return LedgerDate(year: year, month: month)
    }
}
