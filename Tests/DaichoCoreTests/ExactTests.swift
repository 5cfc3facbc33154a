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
}
