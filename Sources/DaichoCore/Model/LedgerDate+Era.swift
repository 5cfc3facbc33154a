/// Dates as Japanese public documents write them: the era year first, the Western year beside it.
extension LedgerDate {
    /// `令和11年（2029年）3月31日`, `令和元年（2019年）5月`; before 昭和, the Western year alone.
    /// (A month-only date takes the era of the month's first day: `2019-04` is 平成31年4月.)
    public var japanese: String {
        let first = LedgerDate(year: year, month: month, day: day ?? 1)
        let yearText = Self.eraYear(at: first).map { "\($0)（\(year)年）" } ?? "\(year)年"
        return yearText + "\(month)月" + (day.map { "\($0)日" } ?? "")
    }

    /// `令和10年度（2028年度）`: a fiscal year (April–March) is named by the era in force in May,
    /// so the year of the 2019 change is 令和元年度, as municipalities name it now.
    public static func japaneseFiscalYear(_ year: Int) -> String {
        guard let era = eraYear(at: LedgerDate(year: year, month: 5, day: 1)) else { return "\(year)年度" }
        return "\(era)度（\(year)年度）"
    }

    /// `令和11年`, `平成元年`; nil before 昭和.
    static func eraYear(at date: LedgerDate) -> String? {
        guard let era = DateParser.eras.first(where: { $0.start <= date }) else { return nil }
        let number = date.year - era.firstYear + 1
        return era.name + (number == 1 ? "元" : "\(number)") + "年"
    }
}
