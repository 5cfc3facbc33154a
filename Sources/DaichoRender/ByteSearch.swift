#if canImport(Glibc)
import Glibc
#endif

/// Finding a byte string in UTF-8 bytes: documents and Markdown are searched as bytes, not
/// characters, on every page of every system.
enum ByteSearch {
    /// The first place of `needle` in `bytes` at or after `start`. `memchr` to each candidate first
    /// byte, `memcmp` for the rest: the byte-by-byte scan this replaced was a fiftieth of a full build.
    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Int? {
        guard let head = needle.first, start >= 0, bytes.count - start >= needle.count else { return nil }
        return bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { wanted in
                guard let base = haystack.baseAddress, let rest = wanted.baseAddress else { return nil }
                var index = start
                let last = haystack.count - wanted.count
                while index <= last {
                    guard let hit = memchr(base + index, Int32(head), last - index + 1) else { return nil }
                    index = base.distance(to: UnsafeRawPointer(hit))
                    if memcmp(base + index, rest, wanted.count) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
    }
}
