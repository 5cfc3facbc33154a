#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

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
        String(decoding: renderedBytes(), as: UTF8.self)
    }

    /// `rendered()` as UTF-8 bytes, the form files are written in.
    /// The members of a top-level object are written in parallel (a national analysis is tens of
    /// megabytes) and joined in key order.
    public func renderedBytes() -> [UInt8] {
        var output: [UInt8] = []
        guard case .object(let fields) = self, fields.count > 1 else {
            write(into: &output, indent: 0)
            output.append(0x0A)
            return output
        }
        return Self.renderedBytes(writers: JSONValue.sortedKeys(fields).map { key in
            (key, { (fields[key] ?? .null).write(into: &$0, indent: $1) })
        })
    }

    /// An object's `renderedBytes()` from writers of its members in written order, the members
    /// written in parallel.
    public static func renderedBytes(writers members: [(key: String, write: @Sendable (inout [UInt8], Int) -> Void)]) -> [UInt8] {
        Array(renderedPieces(writers: members).joined())
    }

    /// `renderedBytes(writers:)` as the pieces that follow each other: the opening brace, each
    /// member, the closing brace.
    public static func renderedPieces(writers members: [(key: String, write: @Sendable (inout [UInt8], Int) -> Void)])
        -> [[UInt8]] {
        let parts = Concurrently.map(members.count) { index in
            member(members[index].key, last: index == members.count - 1, members[index].write)
        }
        return [[0x7B, 0x0A]] + parts + [[0x7D, 0x0A]]
    }

    /// `renderedBytes()` a top-level member at a time, for a sink that appends: the analysis of a
    /// national inventory is tens of megabytes, and its parts and their join at once were the
    /// largest allocation of a build.
    public func renderedParts() -> () -> [UInt8]? {
        guard case .object(let fields) = self, !fields.isEmpty else {
            var done = false
            return {
                guard !done else { return nil }
                done = true
                return self.renderedBytes()
            }
        }
        return Self.renderedParts(members: JSONValue.sortedKeys(fields).map { key in (key, { fields[key] ?? .null }) })
    }

    /// An object's `renderedParts()` from its members in written order, each value made only when
    /// its part is asked for and dropped after.
    public static func renderedParts(members: [(key: String, value: @Sendable () -> JSONValue)]) -> () -> [UInt8]? {
        renderedParts(writers: members.map { member in (member.key, { member.value().write(into: &$0, indent: $1) }) })
    }

    /// `renderedParts(members:)` with each member written by its own writer (given the output
    /// and the indentation), so that a large member need not be made as a tree first.
    public static func renderedParts(writers members: [(key: String, write: @Sendable (inout [UInt8], Int) -> Void)]) -> () -> [UInt8]? {
        guard !members.isEmpty else { return JSONValue.object([:]).renderedParts() }
        var next = -1
        return {
            defer { next += 1 }
            if next < 0 { return [0x7B, 0x0A] }
            if next == members.count { return [0x7D, 0x0A] }
            guard next < members.count else { return nil }
            return member(members[next].key, last: next == members.count - 1, members[next].write)
        }
    }

    /// One member of a top-level object, as `rendered()` writes it: indented, with its comma.
    private static func member(_ key: String, last: Bool, _ write: (inout [UInt8], Int) -> Void) -> [UInt8] {
        var part: [UInt8] = []
        pad(2, into: &part)
        escape(key, into: &part)
        part += [0x3A, 0x20]
        write(&part, 2)
        part += last ? [0x0A] : [0x2C, 0x0A]
        return part
    }

    // Written as bytes, not into a String: at national scale the exports are tens of megabytes,
    // and String appends (with their UTF-8 bookkeeping) were most of the time spent on them.

    /// Writes the value as `rendered()` would at this indentation (in spaces), without the final newline.
    public func write(into output: inout [UInt8], indent: Int) {
        switch self {
        case .null: output += JSONValue.nullBytes
        case .bool(let value): output += value ? JSONValue.trueBytes : JSONValue.falseBytes
        case .number(let text): output += text.utf8
        case .string(let text): JSONValue.escape(text, into: &output)
        case .array(let items):
            JSONValue.writeList(items, oneLine: items.count <= 12 && items.allSatisfy(\.isScalar), indent: indent, into: &output) {
                $0.write(into: &$1, indent: $2)
            }
        case .object(let fields):
            // The members sorted with their values: looking each sorted key up again hashed
            // 10,000 system ids a second time for every object keyed by system.
            JSONValue.writeObject(JSONValue.sortedMembers(fields), indent: indent, into: &output) { $0.write(into: &$1, indent: $2) }
        }
    }

    /// Writes an object from its members in written order, each value by `write` (given the
    /// output and the value's indentation): the bytes of `.object`, without making the tree.
    public static func writeObject<Value>(_ members: [(key: String, value: Value)], indent: Int, into output: inout [UInt8],
                                          value write: (Value, inout [UInt8], Int) -> Void) {
        guard !members.isEmpty else {
            output += [0x7B, 0x7D]
            return
        }
        output += [0x7B, 0x0A]
        for (index, member) in members.enumerated() {
            pad(indent + 2, into: &output)
            escape(member.key, into: &output)
            output += [0x3A, 0x20]
            write(member.value, &output, indent + 2)
            if index < members.count - 1 { output.append(0x2C) }
            output.append(0x0A)
        }
        pad(indent, into: &output)
        output.append(0x7D)
    }

    /// Writes `.strings(values)` as `write` would, without making it.
    public static func writeStrings<Values: Collection<String>>(_ values: Values, indent: Int, into output: inout [UInt8]) {
        writeList(values, oneLine: values.count <= 12, indent: indent, into: &output) { value, output, _ in escape(value, into: &output) }
    }

    /// Writes `.object(fields.mapValues(JSONValue.strings))` without making it: the lists of ids
    /// by gap, fiscal year or flag.
    public static func writeStringLists(_ fields: [String: [String]], indent: Int, into output: inout [UInt8]) {
        writeObject(sortedMembers(fields), indent: indent, into: &output) { writeStrings($0, indent: $2, into: &$1) }
    }

    /// A list as `.array` writes it, each item by `write` (given the output and the item's
    /// indentation). Short lists of plain values stay on one line (`oneLine`), as people read them.
    static func writeList<Items: Collection>(_ items: Items, oneLine: Bool, indent: Int, into output: inout [UInt8],
                                             write: (Items.Element, inout [UInt8], Int) -> Void) {
        guard !items.isEmpty else {
            output += [0x5B, 0x5D]
            return
        }
        if oneLine {
            output.append(0x5B)
            for (index, item) in items.enumerated() {
                if index > 0 { output += [0x2C, 0x20] }
                write(item, &output, indent)
            }
            output.append(0x5D)
            return
        }
        output += [0x5B, 0x0A]
        let last = items.count - 1
        for (index, item) in items.enumerated() {
            pad(indent + 2, into: &output)
            write(item, &output, indent + 2)
            if index < last { output.append(0x2C) }
            output.append(0x0A)
        }
        pad(indent, into: &output)
        output.append(0x5D)
    }

    static let nullBytes = Array("null".utf8), trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)

    /// Copied from a row of blanks: appending a `repeatElement` went element by element, and
    /// indentation is a fifth of the bytes of the exports.
    public static func pad(_ spaces: Int, into output: inout [UInt8]) {
        guard spaces <= blanks.count else {
            output.append(contentsOf: repeatElement(0x20, count: spaces))
            return
        }
        blanks.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<max(0, spaces)])) }
    }

    private static let blanks = [UInt8](repeating: 0x20, count: 64)

    /// An integer's decimal digits, as `String(value)` spells them, without making the string.
    public static func appendInteger(_ value: Int, into output: inout [UInt8]) {
        guard value != 0 else {
            output.append(0x30)
            return
        }
        if value < 0 { output.append(0x2D) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 20 digits, filled from the end
        let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var end = buffer.count
            while magnitude > 0 {
                end -= 1
                buffer[end] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
            }
            return end
        }
        withUnsafeBytes(of: &digits) { output.append(contentsOf: $0[count...]) }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    public static func escape(_ text: String, into output: inout [UInt8]) {
        output.append(0x22)
        var text = text
        text.withUTF8 { utf8 in
            // Most strings need no escaping at all: copy them whole.
            guard utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 })
            else {
                output.append(contentsOf: utf8)
                return
            }
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                index += 1
                switch byte {
                case 0x22: output += [0x5C, 0x22]
                case 0x5C: output += [0x5C, 0x5C]
                case 0x0A: output += [0x5C, 0x6E]
                case 0x0D: output += [0x5C, 0x72]
                case 0x09: output += [0x5C, 0x74]
                // Keeps the file safe to inline in a <script> element of a page.
                case 0x3C: output += Array("\\u003c".utf8)
                case 0x3E: output += Array("\\u003e".utf8)
                case 0x26: output += Array("\\u0026".utf8)
                // U+2028 and U+2029 (E2 80 A8 / A9) end a line in older JavaScript.
                case 0xE2 where index + 1 < utf8.count && utf8[index] == 0x80 && (utf8[index + 1] == 0xA8 || utf8[index + 1] == 0xA9):
                    output += Array((utf8[index + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index += 2
                case 0..<0x20:
                    output += Array(("\\u" + String(byte, radix: 16).leftPadded(to: 4)).utf8)
                default:
                    output.append(byte)
                }
            }
        }
        output.append(0x22)
    }

    /// Writes an object given as (dotted path, value) pairs exactly as the nested `.object` would
    /// render, without building it: for large exports, where the tree cost more than the text.
    /// Keys are snake_case ASCII (every character sorts after "."), and no path is a prefix of another.
    /// - Parameter keys: the paths' keys, split and escaped once for all the objects written with it.
    public static func writeObject(_ entries: [(path: String, value: JSONValue)], indent: Int,
                                   into output: inout [UInt8], keys: JSONPathKeys = JSONPathKeys()) {
        guard !entries.isEmpty else {
            output += [0x7B, 0x7D]
            return
        }
        let ids = entries.map { keys.id(of: $0.path) }
        // With "." below every key character, sorting whole paths sorts them key by key.
        let order = keys.order(of: ids) { entries.indices.sorted { entries[$0].path < entries[$1].path } }
        var open: [[UInt8]] = []
        var first = true
        output += [0x7B, 0x0A]
        for index in order {
            let entry = entries[index]
            let path = keys.components(ids[index])
            guard let key = path.last else { continue }
            let parents = path.count - 1
            var common = 0
            while common < open.count, common < parents, open[common] == path[common] {
                common += 1
            }
            while open.count > common {
                output.append(0x0A)
                pad(indent + 2 * open.count, into: &output)
                output.append(0x7D)
                open.removeLast()
                first = false
            }
            for component in path[common..<parents] {
                if !first { output += [0x2C, 0x0A] }
                pad(indent + 2 * (open.count + 1), into: &output)
                output += component
                output += [0x3A, 0x20, 0x7B, 0x0A]
                open.append(component)
                first = true
            }
            if !first { output += [0x2C, 0x0A] }
            let inner = indent + 2 * (open.count + 1)
            pad(inner, into: &output)
            output += key
            output += [0x3A, 0x20]
            entry.value.write(into: &output, indent: inner)
            first = false
        }
        while !open.isEmpty {
            output.append(0x0A)
            pad(indent + 2 * open.count, into: &output)
            output.append(0x7D)
            open.removeLast()
        }
        output.append(0x0A)
        pad(indent, into: &output)
        output.append(0x7D)
    }
}

/// Dotted paths' keys, split and escaped as JSON strings once, and the order of each list of
/// paths met before: splitting every path of every system (by `Character`) and sorting every
/// system's paths were each a hundredth of a full build, and most systems have the same fields.
/// One per thread; not shared.
public final class JSONPathKeys {
    private var ids: [String: Int] = [:]
    private var keys: [[[UInt8]]] = []
    private var orders: [[Int]: [Int]] = [:]
    /// Inventories whose systems fill in fields in many combinations sort the rest afresh.
    private static let ordersKept = 1_024

    public init() {}

    func id(of path: String) -> Int {
        if let found = ids[path] { return found }
        let made = path.utf8.split(separator: 0x2E).map { part -> [UInt8] in
            var key: [UInt8] = []
            JSONValue.escape(String(decoding: part, as: UTF8.self), into: &key)
            return key
        }
        ids[path] = keys.count
        keys.append(made)
        return keys.count - 1
    }

    func components(_ id: Int) -> [[UInt8]] { keys[id] }

    /// The entries' order for paths `ids`, sorted by `sort` the first time they come.
    func order(of ids: [Int], _ sort: () -> [Int]) -> [Int] {
        if let found = orders[ids] { return found }
        let sorted = sort()
        if orders.count < Self.ordersKept { orders[ids] = sorted }
        return sorted
    }
}

extension JSONValue {
    /// Keys in the order of their UTF-8 bytes (`ByteOrder`): objects keyed by the 10,000 ids of a
    /// national inventory made the generic string comparison a third of writing `analysis.json`.
    static func sortedKeys(_ fields: [String: JSONValue]) -> [String] {
        ByteOrder.sorted(fields.keys)
    }

    /// An object's members in written order (`sortedKeys`), with their values.
    public static func sortedMembers<Value>(_ fields: [String: Value]) -> [(key: String, value: Value)] {
        ByteOrder.sorted(fields)
    }

    static func sortedKeys<Keys: Sequence<String>>(_ keys: Keys) -> [String] {
        ByteOrder.sorted(keys)
    }
}
