/// An exact rational number for money, ratios and thresholds: no binary floating point.
///
/// Numerator and denominator are 128-bit and kept reduced with a positive denominator,
/// so ledger-sized values (yen amounts times period years, decimal policy values) are exact.
public struct Exact: Sendable, Hashable, Comparable, CustomStringConvertible {
    public private(set) var numerator: Int128
    public private(set) var denominator: Int128

    public init(_ numerator: Int128, _ denominator: Int128 = 1) {
        precondition(denominator != 0, "denominator must not be zero")
        let sign: Int128 = denominator < 0 ? -1 : 1
        let divisor = Exact.gcd(numerator.magnitude, denominator.magnitude)
        self.numerator = sign * numerator / Int128(divisor)
        self.denominator = sign * denominator / Int128(divisor)
    }

    public init(_ value: Int) { self.init(Int128(value)) }

    public init(_ numerator: Int, _ denominator: Int) { self.init(Int128(numerator), Int128(denominator)) }

    public static let zero = Exact(0)
    public static let one = Exact(1)

    /// Parses a plain decimal (`12`, `-0.25`, `2.0`); nil for anything else, including exponents.
    public init?(decimal text: String) {
        // Read from the bytes: ASCII digits with one optional sign and point (Character
        // properties and substrings were a tenth of reading a ledger's numbers).
        var bytes = text.utf8[...]
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var value: Int128 = 0
        var digits = 0, fractionDigits = 0
        var point = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") && !point {
                point = true
            } else if (0x30...0x39).contains(byte) {
                // 30 digits at most: well inside Int128, so the sum below cannot overflow.
                guard digits < 30 else { return nil }
                value = value * 10 + Int128(byte - 0x30)
                digits += 1
                if point { fractionDigits += 1 }
            } else {
                return nil
            }
        }
        // A point needs a digit after it ("5." is not a number); before it none is needed (".5").
        guard point ? fractionDigits > 0 : digits > 0 else { return nil }
        var scale: Int128 = 1
        for _ in 0..<fractionDigits { scale *= 10 }
        self.init(negative ? -value : value, scale)
    }

    public var isInteger: Bool { denominator == 1 }

    public var description: String {
        isInteger ? "\(numerator)" : "\(numerator)/\(denominator)"
    }

    public static func < (lhs: Exact, rhs: Exact) -> Bool {
        if lhs.denominator == rhs.denominator { return lhs.numerator < rhs.numerator }
        let (left, leftOverflow) = lhs.numerator.multipliedReportingOverflow(by: rhs.denominator)
        let (right, rightOverflow) = rhs.numerator.multipliedReportingOverflow(by: lhs.denominator)
        if !leftOverflow && !rightOverflow { return left < right }
        // Past 128 bits (a fine fraction against a large number): the full products decide.
        let wideLeft = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let wideRight = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return wideLeft.high != wideRight.high ? wideLeft.high < wideRight.high : wideLeft.low < wideRight.low
    }

    // Sums, differences, products and quotients are exact while their terms fit 128 bits, which
    // every ledger-sized value does (12 digits with 6 decimals at most). Past that (extreme values
    // in a hostile file: fractions with large, coprime denominators summed in a chart), the result
    // is rounded to nine decimals instead of stopping the program (see `approximately`).

    public static func + (lhs: Exact, rhs: Exact) -> Exact {
        combined(lhs, rhs, { $0.addingReportingOverflow($1) }, approximately: +)
    }

    public static func - (lhs: Exact, rhs: Exact) -> Exact {
        combined(lhs, rhs, { $0.subtractingReportingOverflow($1) }, approximately: -)
    }

    /// A sum or difference: of the numerators over a shared denominator, else over the product of
    /// the two; past 128 bits, of the approximations.
    private static func combined(_ lhs: Exact, _ rhs: Exact,
                                 _ operation: (Int128, Int128) -> (partialValue: Int128, overflow: Bool),
                                 approximately approximate: (Double, Double) -> Double) -> Exact {
        if lhs.denominator == rhs.denominator, case (let numerator, false) = operation(lhs.numerator, rhs.numerator) {
            return Exact(numerator, lhs.denominator)
        }
        guard let left = product(lhs.numerator, rhs.denominator), let right = product(rhs.numerator, lhs.denominator),
            case (let numerator, false) = operation(left, right), let denominator = product(lhs.denominator, rhs.denominator)
        else { return approximately(approximate(lhs.approximation, rhs.approximation)) }
        return Exact(numerator, denominator)
    }

    public static func * (lhs: Exact, rhs: Exact) -> Exact {
        guard let numerator = product(lhs.numerator, rhs.numerator), let denominator = product(lhs.denominator, rhs.denominator)
        else { return approximately(lhs.approximation * rhs.approximation) }
        return Exact(numerator, denominator)
    }

    /// Division; nil when dividing by zero.
    public static func / (lhs: Exact, rhs: Exact) -> Exact? {
        guard rhs.numerator != 0 else { return nil }
        guard let numerator = product(lhs.numerator, rhs.denominator), let denominator = product(lhs.denominator, rhs.numerator)
        else { return approximately(lhs.approximation / rhs.approximation) }
        return Exact(numerator, denominator)
    }

    private static func product(_ a: Int128, _ b: Int128) -> Int128? {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : result
    }

    /// The value as a binary floating-point number (only for results that left 128 bits).
    var approximation: Double { Double(numerator) / Double(denominator) }

    /// `value` rounded to nine decimals, kept within ±10^27 so that what is done with it next
    /// (rounding for display multiplies by powers of ten) stays inside 128 bits.
    static func approximately(_ value: Double) -> Exact {
        guard value.isFinite else { return .zero }
        if value.magnitude >= 1e27 { return Exact(value < 0 ? -approximationBound : approximationBound) }
        return Exact(Int128((value * 1e9).rounded()), 1_000_000_000)
    }

    private static let approximationBound: Int128 = 1_000_000_000_000_000_000_000_000_000

    /// The smallest integer not below this value (⌈x⌉).
    public var ceiling: Int128 {
        let quotient = numerator / denominator
        return numerator % denominator > 0 ? quotient + 1 : quotient
    }

    /// Rounded half up (away from zero at .5) to an integer.
    public var roundedHalfUp: Int128 {
        let twice = 2 * numerator.magnitude + denominator.magnitude
        let magnitude = twice / (2 * denominator.magnitude)
        return numerator < 0 ? -Int128(magnitude) : Int128(magnitude)
    }

    /// Rounded half up to `places` decimals, as an exact value.
    public func rounded(places: Int) -> Exact {
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        return Exact((self * Exact(scale)).roundedHalfUp, scale)
    }

    /// Plain decimal text with at most `places` decimals, trailing zeros dropped (`0.6176`, `0.5`, `2`).
    public func decimalString(places: Int) -> String {
        var bytes: [UInt8] = []
        appendDecimal(places: places, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `decimalString(places:)` appended to `output` as UTF-8, without making the string: the
    /// exports write tens of thousands of shares, and the general path (a reduced fraction made
    /// twice, 128-bit divisions in each reduction) was a few percent of a rebuild.
    public func appendDecimal(places: Int, into output: inout [UInt8]) {
        // Half up, away from zero: ⌊(2·|n|·10^p + d) / 2d⌋, which reducing n/d first leaves the same.
        // Values of ledger size fit 64 bits; anything larger takes the exact 128-bit path.
        guard places >= 0, places <= 18, numerator.magnitude <= UInt64.max, denominator <= Int128(UInt64.max / 2) else {
            return appendDecimalWide(places: places, into: &output)
        }
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = UInt64(numerator.magnitude), denominator = UInt64(self.denominator)
        let (times, overflowed) = magnitude.multipliedReportingOverflow(by: 2 * scale)
        let (twice, carried) = times.addingReportingOverflow(denominator)
        guard !overflowed, !carried else { return appendDecimalWide(places: places, into: &output) }
        let scaled = twice / (2 * denominator)
        if numerator < 0 && scaled != 0 { output.append(0x2D) }
        Self.appendDigits(scaled / scale, into: &output)
        var fraction = scaled % scale, digits = places
        guard fraction != 0 else { return }
        while fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        output.append(0x2E)
        let start = output.count
        output.append(contentsOf: repeatElement(0x30, count: digits))
        var index = start + digits - 1
        while fraction > 0 {
            output[index] = 0x30 + UInt8(fraction % 10)
            fraction /= 10
            index -= 1
        }
    }

    private static func appendDigits(_ value: UInt64, into output: inout [UInt8]) {
        guard value >= 10 else { return output.append(0x30 + UInt8(value)) }
        let start = output.count
        var rest = value
        while rest > 0 {
            output.append(0x30 + UInt8(rest % 10))
            rest /= 10
        }
        output[start...].reverse()
    }

    /// `appendDecimal` for any value, through `rounded(places:)`.
    private func appendDecimalWide(places: Int, into output: inout [UInt8]) {
        let value = rounded(places: places)
        var scale: Int128 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = value.numerator * (scale / value.denominator)
        let negative = scaled < 0
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt128(scale)
        var fraction = String(magnitude % UInt128(scale))
        fraction = String(repeating: "0", count: max(0, places - fraction.count)) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let body = fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
        output += (negative && magnitude != 0 ? "-" + body : body).utf8
    }

    /// Decimal text with exactly `places` decimals (`61.8`, `100.0`), rounded half up.
    public func fixedString(places: Int) -> String {
        let text = decimalString(places: places)
        guard places > 0 else { return text }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction + String(repeating: "0", count: places - fraction.count)
    }

    /// This ratio as a percentage with one decimal: 21/34 → `61.8`.
    public var percentString: String { (self * Exact(100)).fixedString(places: 1) }

    private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}

/// `.zero`, `+` and `-` above: generic sums (`Dimensions`) take exact numbers as they take integers.
extension Exact: AdditiveArithmetic {}
