#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Sorting strings by their UTF-8 bytes, for the large tables a build writes in order (the keys
/// of `analysis.json`, the manifest's 80,000 rows at 10,000 systems). `String`'s own `<` compares
/// by Unicode scalars with a generic loop: for NFC text that is the same order, at many times the cost.
public enum ByteOrder {
    /// True when `a`'s UTF-8 bytes come before `b`'s: `memcmp`, then the shorter first.
    @inlinable
    public static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                guard common > 0, let left = x.baseAddress, let right = y.baseAddress else { return x.count < y.count }
                let compared = memcmp(left, right, common)
                return compared != 0 ? compared < 0 : x.count < y.count
            }
        }
    }

    /// The members of `rows` in the byte order of their keys. Inlinable so that each caller gets
    /// it for its own `Value`: unspecialised, every member's tuple asked the runtime for its type
    /// (a tenth of writing the manifest).
    @inlinable
    public static func sorted<Value>(_ rows: [String: Value]) -> [(key: String, value: Value)] {
        // Places are sorted, not the members: moving two words instead of a key and a value.
        let members = Array(rows)
        return order(members.count) { members[$0].key }.map { members[$0] }
    }

    /// `keys` in byte order.
    @inlinable
    public static func sorted<Keys: Sequence<String>>(_ keys: Keys) -> [String] {
        let keys = Array(keys)
        return order(keys.count) { keys[$0] }.map { keys[$0] }
    }

    /// The places `0..<count` in the byte order of their keys. Keys are compared first by eight
    /// bytes as one number, taken after the prefix every key shares (the manifest's ledger paths
    /// share their whole folder, `systems/` starts a tenth of the pages), and by `memcmp` only
    /// where those are equal.
    @usableFromInline
    static func order(_ count: Int, key: (Int) -> String) -> [Int] {
        guard count > 1 else { return Array(0..<count) }
        let skip = sharedPrefix(count, key)
        var keyed = (0..<count).map { (prefix: leadingBytes(key($0), skipping: skip), index: $0) }
        keyed.sort { $0.prefix != $1.prefix ? $0.prefix < $1.prefix : precedes(key($0.index), key($1.index)) }
        return keyed.map(\.index)
    }

    /// How many leading bytes all the keys have in common.
    static func sharedPrefix(_ count: Int, _ key: (Int) -> String) -> Int {
        let first = Array(key(0).utf8)
        var length = first.count
        for index in 1..<count where length > 0 {
            var text = key(index)
            text.withUTF8 { bytes in
                let limit = min(length, bytes.count)
                var same = 0
                while same < limit && bytes[same] == first[same] { same += 1 }
                length = same
            }
        }
        return length
    }

    /// Eight UTF-8 bytes from `skip` on, big-endian, zero-padded: ordered as the bytes are.
    static func leadingBytes(_ key: String, skipping skip: Int = 0) -> UInt64 {
        var key = key
        return key.withUTF8 { bytes in
            var value: UInt64 = 0
            var index = skip
            while index < skip + 8 {
                value = value << 8 | (index < bytes.count ? UInt64(bytes[index]) : 0)
                index += 1
            }
            return value
        }
    }
}
