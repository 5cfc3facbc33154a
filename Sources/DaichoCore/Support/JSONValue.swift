// Not `indirect`: arrays and dictionaries already hold their elements out of line, and boxing
// every string and number cost an allocation per value in the large exports.

/// A JSON document built by hand so numbers are written exactly as computed
/// (no binary floating point) and objects always print with sorted keys.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number's exact text: `0.6176`, `118`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static func int(_ value: Int) -> JSONValue { .number(String(value)) }
    public static func int(_ value: Int?) -> JSONValue { value.map(int) ?? .null }
    /// A share or ratio, rounded half up to 4 decimals.
    public static func decimal(_ value: Exact?, places: Int = 4) -> JSONValue {
        value.map { .number($0.decimalString(places: places)) } ?? .null
    }
    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    public static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }

    /// Two-space indented text with sorted keys, ending with a newline.
    public func rendered() -> String {
        var output = ""
        write(into: &output, indent: "")
        return output + "\n"
    }

    /// Writes the value as `rendered()` would at this indentation, without the final newline.
    public func write(into output: inout String, indent: String) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .number(let text): output += text
        case .string(let text): JSONValue.escape(text, into: &output)
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            // Short lists of plain values stay on one line, as people read them.
            if items.count <= 12, items.allSatisfy(\.isScalar) {
                output += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { output += ", " }
                    item.write(into: &output, indent: indent)
                }
                output += "]"
                return
            }
            let inner = indent + "  "
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += inner
                item.write(into: &output, indent: inner)
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let fields):
            guard !fields.isEmpty else { output += "{}"; return }
            let inner = indent + "  "
            output += "{\n"
            let keys = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                output += inner
                JSONValue.escape(key, into: &output)
                output += ": "
                fields[key]?.write(into: &output, indent: inner)
                output += index == keys.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    static func escape(_ text: String, into output: inout String) {
        output += "\""
        // Most strings need no escaping at all: copy them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 }) {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            // Keeps the file safe to inline in a <script> element of a page.
            case "<": output += "\\u003c"
            case ">": output += "\\u003e"
            case "&": output += "\\u0026"
            case "\u{2028}": output += "\\u2028"
            case "\u{2029}": output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    output += "\\u" + String(scalar.value, radix: 16).leftPadded(to: 4)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// Writes an object given as (dotted path, value) pairs exactly as the nested `.object` would
    /// render, without building it: for large exports, where the tree cost more than the text.
    /// Keys are snake_case ASCII (every character sorts after "."), and no path is a prefix of another.
    public static func writeObject(_ entries: [(path: String, value: JSONValue)], indent: String,
                                   into output: inout String) {
        guard !entries.isEmpty else {
            output += "{}"
            return
        }
        // With "." below every key character, sorting whole paths sorts them key by key.
        let sorted = entries.sorted { $0.path < $1.path }.map { (path: $0.path.split(separator: "."), value: $0.value) }
        func pad(_ depth: Int) -> String { indent + String(repeating: "  ", count: depth) }
        var open: [Substring] = []
        var first = true
        output += "{\n"
        for entry in sorted {
            guard let key = entry.path.last else { continue }
            let parents = entry.path.dropLast()
            var common = 0
            while common < open.count, common < parents.count, open[common] == parents[parents.startIndex + common] {
                common += 1
            }
            while open.count > common {
                output += "\n" + pad(open.count) + "}"
                open.removeLast()
                first = false
            }
            for component in parents.dropFirst(common) {
                if !first { output += ",\n" }
                output += pad(open.count + 1)
                escape(String(component), into: &output)
                output += ": {\n"
                open.append(component)
                first = true
            }
            if !first { output += ",\n" }
            let inner = pad(open.count + 1)
            output += inner
            escape(String(key), into: &output)
            output += ": "
            entry.value.write(into: &output, indent: inner)
            first = false
        }
        while !open.isEmpty {
            output += "\n" + pad(open.count) + "}"
            open.removeLast()
        }
        output += "\n" + indent + "}"
    }
}
