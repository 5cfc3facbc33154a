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
        // The long and short forms mixed, and the eras' one-character forms.
        ("R7年4月1日", "2025-04-01"), ("H31年4月", "2019-04"), ("R元年5月1日", "2019-05-01"),
        ("㋿7.4.1", "2025-04-01"), ("㋿7年4月1日", "2025-04-01"), ("㍻31.4.30", "2019-04-30"), ("㍼64年1月7日", "1989-01-07"),
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

    @Test(arguments: ["", "2019-13-01", "令和", "R7", "明日", "2019-4-1-1", "令和0年4月",
                      "2019--01", "12345-01-01", "平成31年", "7年4月1日", "19-04-01", "0999-04-01", "1/4/1"])
    func rejects(input: String) {
        #expect(DateParser.parse(input) == .invalid)
    }

    /// Excel's serial numbers, worked from 1899-12-30 (Excel counts a 1900-02-29): 45748 days on
    /// is 2025-04-01, 43952 is 2020-05-01 (Reiwa's first 1 May a year on), 20000 is 1954-10-03.
    @Test func excelSerialNumbers() {
        #expect(DateParser.excelSerial("45748")?.description == "2025-04-01")
        #expect(DateParser.excelSerial("43952")?.description == "2020-05-01")
        #expect(DateParser.excelSerial("20000")?.description == "1954-10-03")
        #expect(DateParser.excelSerial("４５７４８")?.description == "2025-04-01")
        for text in ["19999", "80001", "4574", "457480", "45748.5", "R7"] { #expect(DateParser.excelSerial(text) == nil, "\(text)") }
        let result = parseLedger("schema: 1\nid: sample\nbasic:\n  name: テスト\n  department: 市民課\n  renewal: 45748\n")
        let problem = result.diagnostics.first { $0.fieldPath == "basic.renewal" }
        #expect(problem?.code == .invalidDate)
        #expect(problem?.hint?.ja.hasPrefix("Excel の日付のシリアル値のようです（45748 は 2025-04-01）。") == true, "\(String(describing: problem))")
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
        case .invalid, .noSuchDay: nil
        }
    }
}

/// A date whose day the calendar lacks is said to be so, with the month's length.
struct NoSuchDayTests {
    @Test func theDayIsNotInTheCalendar() {
        #expect(DateParser.parse("2023-02-29") == .noSuchDay(year: 2023, month: 2))
        #expect(DateParser.parse("2019-02-30") == .noSuchDay(year: 2019, month: 2))
        #expect(DateParser.parse("2019-02-29") == .noSuchDay(year: 2019, month: 2))
        #expect(DateParser.parse("2024年2月30日") == .noSuchDay(year: 2024, month: 2))
        #expect(DateParser.parse("令和6年4月31日") == .noSuchDay(year: 2024, month: 4))
        #expect(DateParser.parse("2024-02-29") == .date(LedgerDate(year: 2024, month: 2, day: 29)))
        // Not a date at all stays invalid: a month of 13, a day of 0, a short year.
        #expect(DateParser.parse("2024-13-01") == .invalid)
        #expect(DateParser.parse("2024/2/0") == .invalid)
        #expect(DateParser.parse("24-02-30") == .invalid)
        let result = parseLedger(minimalLedger(extra: "  in_service: 2023-02-29"))
        #expect(result.diagnostics.first { $0.fieldPath == "basic.in_service" }?.message.ja == "「2023-02-29」という日付はありません（2023年2月は28日まで）")
    }
}
