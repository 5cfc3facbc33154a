@testable import DaichoCore
import Testing

/// The drafts print dates as municipal papers do: era year, Western year beside it.
struct LedgerDateEraTests {
    @Test(arguments: [
        (LedgerDate(year: 2027, month: 3, day: 31), "令和9年（2027年）3月31日"),    // 2027 − 2019 + 1 = 9
        (LedgerDate(year: 2019, month: 5, day: 1), "令和元年（2019年）5月1日"),     // the first day of 令和
        (LedgerDate(year: 2019, month: 4, day: 30), "平成31年（2019年）4月30日"),   // the last day of 平成
        (LedgerDate(year: 2019, month: 4), "平成31年（2019年）4月"),                // a month is named by its first day
        (LedgerDate(year: 2019, month: 5), "令和元年（2019年）5月"),
        (LedgerDate(year: 1989, month: 1, day: 8), "平成元年（1989年）1月8日"),
        (LedgerDate(year: 1989, month: 1, day: 7), "昭和64年（1989年）1月7日"),     // 1989 − 1926 + 1 = 64
        (LedgerDate(year: 1926, month: 12, day: 1), "1926年12月1日"),               // before 昭和: the Western year alone
    ])
    func aDateInTheEraForm(date: LedgerDate, expected: String) {
        #expect(date.japanese == expected)
    }

    @Test(arguments: [
        (2028, "令和10年度（2028年度）"),   // 2028 − 2019 + 1 = 10
        (2019, "令和元年度（2019年度）"),   // began in 平成 (April), named in 令和 (May on)
        (2018, "平成30年度（2018年度）"),
        (1989, "平成元年度（1989年度）"),
        (1988, "昭和63年度（1988年度）"),   // ended in 平成 (March 1989), named by May 1988
        (1900, "1900年度"),
    ])
    func aFiscalYearInTheEraForm(year: Int, expected: String) {
        #expect(LedgerDate.japaneseFiscalYear(year) == expected)
    }
}
