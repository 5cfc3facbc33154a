/// Digit grouping for yen amounts: `1200000` → `1,200,000`.
public enum YenFormat {
    public static func grouped(_ value: Int) -> String {
        grouped(Int128(value))
    }

    public static func grouped(_ value: Int128) -> String {
        if let small = Int64(exactly: value) { return grouped64(small) }
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// Digits written from the last into a small buffer: every amount of every page passes here,
    /// and counting a string's characters at each digit made long amounts quadratic.
    private static func grouped64(_ value: Int64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            var magnitude = value.magnitude
            var end = buffer.count
            var digits = 0
            repeat {
                if digits > 0, digits % 3 == 0 {
                    end -= 1
                    buffer[end] = 0x2C  // ","
                }
                end -= 1
                buffer[end] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                digits += 1
            } while magnitude > 0
            if value < 0 {
                end -= 1
                buffer[end] = 0x2D  // "-"
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[end...]), as: UTF8.self)
        }
    }

    /// `1,200,000円` / `¥1,200,000`. A total that reached `Int.max` (sums saturate there rather
    /// than overflow, which only hostile amounts reach) says it is at least that.
    public static func yen(_ value: Int, _ language: Language) -> String {
        if value == Int.max { return language == .ja ? grouped(value) + "円以上" : "≥ ¥" + grouped(value) }
        return language == .ja ? grouped(value) + "円" : "¥" + grouped(value)
    }

    /// A decimal with its whole part grouped (`40,000`, `1,234.5`, `-0.25`): up to `places`
    /// decimals, none when whole, as `Exact.decimalString(places:)`.
    public static func grouped(_ value: Exact, places: Int) -> String {
        let text = (value < .zero ? Exact(-value.numerator, value.denominator) : value).decimalString(places: places)
        let point = text.firstIndex(of: ".") ?? text.endIndex
        let whole = Int128(text[..<point]).map(grouped) ?? String(text[..<point])
        // A negative value that rounds to zero is printed as zero, without a sign.
        let negative = value < .zero && text.contains { $0 != "0" && $0 != "." }
        return (negative ? "-" : "") + whole + text[point...]
    }

    /// An amount as it is, fraction of a yen included (`3.5円`): a cost line's price × a quantity
    /// such as 0.5 months. Shown rounded, two lines of 3.5 read 4 + 4 beside their total of 7.
    /// Up to 6 decimals, as many as a quantity may have; a whole amount as `yen(_:_:)`.
    public static func yen(exactly value: Exact, _ language: Language) -> String {
        let digits = grouped(value, places: 6)
        return language == .ja ? digits + "円" : "¥" + digits
    }
}

extension Sequence where Element == Int {
    /// The sum, stopping at `Int.max` instead of trapping: totals of hostile amounts (every
    /// amount of 400 ledgers at the limit) pass it.
    public var saturatingSum: Int {
        reduce(0) { total, value in
            let (sum, overflow) = total.addingReportingOverflow(value)
            return overflow ? (value < 0 ? Int.min : Int.max) : sum
        }
    }
}
