#if canImport(Glibc)
import Glibc
#endif

/// Finding a byte string in UTF-8 bytes: documents and Markdown are searched as bytes, not
/// characters, on every page of every system.
enum ByteSearch {
    /// The first place of `needle` in `bytes` at or after `start`: `memchr` to each place of the
    /// needle's least common byte, then `memcmp` for the whole. Going by the first byte stopped
    /// every three bytes in Japanese text (most of its characters, and the 【要記入】 marker, start
    /// with 0xE3) and at every tag of HTML for `<h2`; glibc's `memmem` was slower still on these
    /// short needles. Together the searches were a fiftieth of a full build.
    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Int? {
        guard !needle.isEmpty, start >= 0, bytes.count - start >= needle.count else { return nil }
        let pivot = rarestPlace(in: needle)
        let byte = Int32(needle[pivot])
        return bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { wanted in
                guard let base = haystack.baseAddress, let whole = wanted.baseAddress else { return nil }
                var index = start  // where the needle would begin
                let last = haystack.count - wanted.count
                while index <= last {
                    guard let hit = memchr(base + index + pivot, byte, last - index + 1) else { return nil }
                    index = base.distance(to: UnsafeRawPointer(hit)) - pivot
                    if memcmp(base + index, whole, wanted.count) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
    }

    /// The place of the needle's byte that is likely rarest in Japanese text, Markdown and HTML.
    static func rarestPlace(in needle: [UInt8]) -> Int {
        var best = 0, bestScore = Int.max
        for (place, byte) in needle.enumerated() {
            let score: Int
            switch byte {
            case 0xE3, 0x20, 0x0A, 0x3C, 0x3E, 0x22, 0x3D, 0x2F, 0x61...0x7A: score = 3  // kana lead, markup, letters
            case 0xE4...0xE9, 0x80...0x8F: score = 2  // kanji leads, common second bytes
            default: score = 1
            }
            if score < bestScore { best = place; bestScore = score }
        }
        return best
    }
}
