/// A calendar date of the ledger, to the day or to the month (`2019-04-01`, `2019-04`).
public struct LedgerDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    /// Nil when the ledger gives the month only.
    public var day: Int?

    public init(year: Int, month: Int, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The normalised form: `YYYY-MM-DD` or `YYYY-MM`.
    public var description: String {
        let head = String(format4: year) + "-" + String(twoDigits: month)
        return day.map { head + "-" + String(twoDigits: $0) } ?? head
    }

    /// The Japanese fiscal year (April–March) the date falls in.
    public var fiscalYear: Int { month >= 4 ? year : year - 1 }

    public static func < (lhs: LedgerDate, rhs: LedgerDate) -> Bool {
        (lhs.year, lhs.month, lhs.day ?? 0) < (rhs.year, rhs.month, rhs.day ?? 0)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension String {
    init(twoDigits value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }

    init(format4 value: Int) {
        let text = "\(value)"
        self = String(repeating: "0", count: Swift.max(0, 4 - text.count)) + text
    }
}
