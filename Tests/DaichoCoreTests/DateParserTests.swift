import Testing
@testable import DaichoCore

struct DateParserTests {
    @Test(arguments: [
        ("2019-04-01", "2019-04-01"), ("2019-04", "2019-04"), ("2019/4/1", "2019-04-01"),
        ("2019年4月1日", "2019-04-01"), ("2019.4", "2019-04"),
        // 令和7年 = 2019 + 7 − 1 = 2025
        ("令和7年4月1日", "2025-04-01"), ("R7.4.1", "2025-04-01"), ("r7.4.1", "2025-04-01"),
        ("令和元年5月1日", "2019-05-01"), ("令和元年5月", "2019-05"),
        // 平成31年 = 1989 + 31 − 1 = 2019; April 2019 is still 平成
        ("平成31年4月", "2019-04"), ("H31.4", "2019-04"), ("平成31年4月30日", "2019-04-30"),
        ("H30.10", "2018-10"),
        // 昭和64年 = 1926 + 64 − 1 = 1989; 昭和 ended on 1989-01-07
        ("昭和64年1月7日", "1989-01-07"), ("S63.12.31", "1988-12-31"),
        ("令和７年４月１日", "2025-04-01"), ("２０１９－０４", "2019-04"),
        ("2020-02-29", "2020-02-29"),
    ])
    func readsAndNormalises(input: String, expected: String) {
        guard case .date(let date) = DateParser.parse(input) else {
            Issue.record("\(input) did not parse")
            return
        }
        #expect(date.description == expected)
    }

    @Test(arguments: [
        ("平成32年1月", "2020-01", "平成"), ("平成31年5月1日", "2019-05-01", "平成"), ("平成31年5月", "2019-05", "平成"),
        ("令和元年4月", "2019-04", "令和"), ("令和元年4月30日", "2019-04-30", "令和"),
        ("昭和64年1月8日", "1989-01-08", "昭和"), ("H32.4.1", "2020-04-01", "平成"),
    ])
    func warnsOutsideTheEraButNormalises(input: String, expected: String, era: String) {
        #expect(DateParser.parse(input) == .outsideEra(DateParser.parse(expected).date!, era: era))
    }

    @Test(arguments: ["", "2019-13-01", "2019-02-30", "2019-02-29", "令和", "R7", "明日", "2019-4-1-1", "令和0年4月",
                      "2019--01", "12345-01-01", "平成31年", "7年4月1日", "19-04-01", "0999-04-01", "1/4/1"])
    func rejects(input: String) {
        #expect(DateParser.parse(input) == .invalid)
    }

    @Test func fiscalYearStartsInApril() {
        #expect(LedgerDate(year: 2027, month: 3, day: 31).fiscalYear == 2026)
        #expect(LedgerDate(year: 2027, month: 4).fiscalYear == 2027)
    }

    /// Property: every valid date, written in ISO or in its era, reads back the same.
    @Test func roundTripsRandomDates() {
        var random = SplitMix(seed: 42)
        for _ in 0..<2000 {
            let year = Int(random.next() % 110) + 1927
            let month = Int(random.next() % 12) + 1
            let day = Int(random.next() % UInt64(LedgerDate.daysIn(month: month, year: year))) + 1
            let date = LedgerDate(year: year, month: month, day: day)
            #expect(DateParser.parse(date.description) == .date(date))
            let era = DateParser.eras.first { date >= $0.start }!
            let eraYear = year - era.firstYear + 1
            let written = "\(era.name)\(eraYear == 1 ? "元" : "\(eraYear)")年\(month)月\(day)日"
            #expect(DateParser.parse(written) == .date(date), "\(written)")
        }
    }
}

extension DateParser.Outcome {
    var date: LedgerDate? {
        switch self {
        case .date(let date), .outsideEra(let date, _): date
        case .invalid: nil
        }
    }
}
