import Foundation
import Testing
@testable import DaichoCore

struct ExactTests {
    @Test func parsesPlainDecimals() {
        #expect(Exact(decimal: "0.1") == Exact(1, 10))
        #expect(Exact(decimal: "2.0") == Exact(2))
        #expect(Exact(decimal: "-0.25") == Exact(-1, 4))
        #expect(Exact(decimal: ".5") == Exact(1, 2))
        for bad in ["", ".", "1e3", "1.2.3", "abc", "0x10", "1,5", "--1"] {
            #expect(Exact(decimal: bad) == nil, "\(bad)")
        }
    }

    @Test func ceilingIsExact() {
        // ⌈70 × 0.1⌉ = ⌈7⌉ = 7, where binary floating point gives 7.000000000000001 → 8.
        #expect((Exact(70) * Exact(decimal: "0.1")!).ceiling == 7)
        #expect((Exact(71) * Exact(decimal: "0.1")!).ceiling == 8)
        #expect(Exact(0).ceiling == 0)
    }

    @Test func roundsHalfUp() {
        // 21 ÷ 34 = 0.617647… → 0.6176; shown as 61.8%.
        let share = (Exact(21) / Exact(34))!
        #expect(share.decimalString(places: 4) == "0.6176")
        #expect(share.percentString == "61.8")
        // 0.00005 rounds up to 0.0001; 2.5 yen rounds to 3.
        #expect(Exact(1, 20000).decimalString(places: 4) == "0.0001")
        #expect(Exact(5, 2).roundedHalfUp == 3)
        #expect(Exact(-5, 2).roundedHalfUp == -3)
        #expect(Exact(1).percentString == "100.0")
        #expect(Exact(1, 2).decimalString(places: 4) == "0.5")
    }

    @Test func decimalTextByHand() {
        // -1/3 = -0.33333… → -0.3333; -1/30000 = -0.0000333… rounds to 0, written without a sign.
        #expect(Exact(-1, 3).decimalString(places: 4) == "-0.3333")
        #expect(Exact(-1, 30000).decimalString(places: 4) == "0")
        // 2/3 = 0.66666… → 0.6667 (half up); 7/200 = 0.035 → 0.035 (trailing zero dropped).
        #expect(Exact(2, 3).decimalString(places: 4) == "0.6667")
        #expect(Exact(7, 200).decimalString(places: 4) == "0.035")
        // 1/20 = 0.05: the fraction keeps its leading zero; 199999/100000 = 1.99999 → 2.
        #expect(Exact(1, 20).decimalString(places: 4) == "0.05")
        #expect(Exact(199_999, 100_000).decimalString(places: 4) == "2")
        // 12,345,678,901 yen over 7 years = 1,763,668,414.428571… → 1763668414.4286.
        #expect(Exact(12_345_678_901, 7).decimalString(places: 4) == "1763668414.4286")
        #expect(Exact(0).decimalString(places: 0) == "0")
        #expect(Exact(5, 2).decimalString(places: 0) == "3")
        // Beyond 64 bits the exact 128-bit path answers: (2^70 + 1) / 2 = 590295810358705651712.5.
        #expect(Exact((Int128(1) << 70) + 1, 2).decimalString(places: 4) == "590295810358705651712.5")
    }

    /// The 64-bit path gives the digits of the general rule (round with `rounded(places:)`, then
    /// write whole and fraction) for any value, near the 64-bit limits too.
    @Test func decimalTextMatchesTheGeneralRule() {
        func reference(_ value: Exact, _ places: Int) -> String {
            let rounded = value.rounded(places: places)
            var scale: Int128 = 1
            for _ in 0..<places { scale *= 10 }
            let scaled = rounded.numerator * (scale / rounded.denominator)
            let whole = scaled.magnitude / UInt128(scale)
            var fraction = String(scaled.magnitude % UInt128(scale))
            fraction = String(repeating: "0", count: max(0, places - fraction.count)) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            let body = fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
            return scaled < 0 ? "-" + body : body
        }
        var random = SplitMix(seed: 23)
        for round in 0..<20_000 {
            let bits = [8, 20, 34, 50, 62][round % 5]
            let numerator = Int128(random.next() >> UInt64(64 - bits)) * (random.next() % 3 == 0 ? -1 : 1)
            let denominator = Int128(random.next() >> UInt64(64 - [4, 16, 30, 48][round % 4])) + 1
            let places = Int(random.next() % 7)
            let value = Exact(numerator, denominator)
            #expect(value.decimalString(places: places) == reference(value, places), "\(numerator)/\(denominator), \(places) places")
        }
    }

    @Test func comparesExactly() {
        // A ratio of exactly 0.5 is not above 0.5.
        let ratio = (Exact(2_500_000) / Exact(5_000_000))!
        #expect(!(Exact(1, 2) < ratio))
        #expect(ratio == Exact(decimal: "0.5"))
    }

    @Test func groupsYen() {
        #expect(YenFormat.grouped(1_200_000) == "1,200,000")
        #expect(YenFormat.grouped(999) == "999")
        #expect(YenFormat.grouped(1000) == "1,000")
        #expect(YenFormat.grouped(0) == "0")
        #expect(YenFormat.grouped(-1_234) == "-1,234")
        #expect(YenFormat.grouped(Int.min) == "-9,223,372,036,854,775,808")
        #expect(YenFormat.grouped(Int128(Int64.max) + 1) == "9,223,372,036,854,775,808")
    }

    /// Sums of hostile amounts stop at `Int.max` rather than trap, and say they are at least that.
    @Test func totalsSaturateAndSaySo() {
        #expect([Int.max - 1, 5, 7].saturatingSum == Int.max)
        #expect([1, 2, 3].saturatingSum == 6 && [Int]().saturatingSum == 0)
        #expect(YenFormat.yen(Int.max, .ja) == "9,223,372,036,854,775,807円以上")
        #expect(YenFormat.yen(Int.max - 1, .ja) == "9,223,372,036,854,775,806円")
    }

    /// A cost line's amount as it is: 7円 × 0.5 = 3.5円, not 4円 (two such lines beside a total of 7).
    @Test func yenWithAFraction() {
        #expect(YenFormat.yen(exactly: Exact(7) * Exact(1, 2), .ja) == "3.5円")
        #expect(YenFormat.yen(exactly: Exact(100_000) * Exact(decimal: "12.000005")!, .ja) == "1,200,000.5円")
        // 12,345,000 × 0.001 = 12,345 exactly; 1 × 0.000001 keeps all six places.
        #expect(YenFormat.yen(exactly: Exact(12_345_000) * Exact(decimal: "0.001")!, .ja) == "12,345円")
        #expect(YenFormat.yen(exactly: Exact(decimal: "0.000001")!, .en) == "¥0.000001")
        #expect(YenFormat.yen(exactly: Exact(-2_500, 1000), .ja) == "-2.5円")
    }

    /// A decimal grouped as amounts are: 40000 → 40,000; 1234567.25 → 1,234,567.25; a negative
    /// one keeps its sign, unless it rounds to zero at the places asked for.
    @Test func groupedDecimals() {
        #expect(YenFormat.grouped(Exact(40_000), places: 6) == "40,000")
        #expect(YenFormat.grouped(Exact(decimal: "1234567.25")!, places: 6) == "1,234,567.25")
        #expect(YenFormat.grouped(Exact(decimal: "307.2")!, places: 1) == "307.2")
        #expect(YenFormat.grouped(Exact(decimal: "0.5")!, places: 6) == "0.5")
        #expect(YenFormat.grouped(Exact(-12_345, 10), places: 6) == "-1,234.5")
        #expect(YenFormat.grouped(Exact(-1, 10_000_000), places: 6) == "0")
    }

    /// Property: the digits are the number's, with a comma before every third from the right.
    @Test func yenGroupingMatchesTheDigits() {
        var random = SplitMix(seed: 11)
        for _ in 0..<2000 {
            let value = Int(bitPattern: UInt(random.next())) >> Int(random.next() % 63)
            let grouped = YenFormat.grouped(value)
            #expect(grouped.replacingOccurrences(of: ",", with: "") == String(value), "\(value)")
            let parts = grouped.drop { $0 == "-" }.split(separator: ",")
            #expect(parts.dropFirst().allSatisfy { $0.count == 3 } && (1...3).contains(parts.first?.count ?? 0), "\(grouped)")
        }
    }

    /// Property: grouping then reading an amount gives the amount back.
    @Test func yenGroupingRoundTrips() {
        var random = SplitMix(seed: 7)
        for _ in 0..<2000 {
            let value = Int(random.next() % 1_000_000_000_000)
            #expect(SchemaDecoder.yen(YenFormat.grouped(value)) == value)
        }
    }

    /// Worked by hand: three fractions with denominators near 10^18 and no common factor. The
    /// first sum is exact (denominator near 10^36); adding the third needs a denominator near
    /// 10^54, past 128 bits, so the result is rounded to nine decimals (3·10^-18 → 0) instead of
    /// trapping. 10^20 × 10^20 likewise is held at the bound of 10^27. Small fractions stay exact.
    @Test func arithmeticPastOneHundredTwentyEightBitsIsRoundedNotFatal() {
        let first = Exact(1, 1_000_000_000_000_000_003), second = Exact(1, 999_999_999_999_999_989)
        let third = Exact(1, 1_000_000_000_000_000_009)
        #expect((first + second).denominator > Int128(10).power(35))
        #expect(first + second + third == .zero)
        #expect(first - second - third == .zero)
        #expect(Exact(Int128(10).power(20)) * Exact(Int128(10).power(20)) == Exact(Int128(10).power(27)))
        #expect((Exact(Int128(10).power(20)) / Exact(1, Int128(10).power(20)))! == Exact(Int128(10).power(27)))
        #expect(Exact(1, 3) + Exact(1, 6) == Exact(1, 2))
        #expect(Exact(7, 10) - Exact(1, 5) == Exact(1, 2))
        #expect((Exact(2, 3) / Exact(4, 9))! == Exact(3, 2))
    }

    /// Comparisons whose cross products pass 128 bits are decided on the full 256-bit products:
    /// 10^38 / (10^9 + 1) (just under 10^29) against 10^30 multiplies out to about 10^39.
    @Test func comparisonsPastOneHundredTwentyEightBits() {
        let large = Exact(Int128(10).power(30)), fraction = Exact(Int128(10).power(38), Int128(10).power(9) + 1)
        #expect(fraction < large)
        #expect(!(large < fraction))
        #expect(Exact(1, Int128(10).power(30)) < Exact(Int128(10).power(20), 7))
        #expect(!(Exact(Int128(10).power(20), 7) < Exact(1, Int128(10).power(30))))
        #expect(Exact(Int128(10).power(30)) < Exact(Int128(10).power(30) + 1))
    }
}

private extension Int128 {
    func power(_ exponent: Int) -> Int128 { (0..<exponent).reduce(1) { result, _ in result * self } }
}
