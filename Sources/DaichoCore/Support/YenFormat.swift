/// Digit grouping for yen amounts: `1200000` → `1,200,000`.
public enum YenFormat {
    public static func grouped(_ value: Int) -> String {
        grouped(Int128(value))
    }

    public static func grouped(_ value: Int128) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return value < 0 ? "-" + result : result
    }

    /// `1,200,000円` / `¥1,200,000`.
    public static func yen(_ value: Int, _ language: Language) -> String {
        language == .ja ? grouped(value) + "円" : "¥" + grouped(value)
    }
}
