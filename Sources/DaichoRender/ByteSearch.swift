import CCmarkGFM

/// Finding a byte string in UTF-8 bytes: documents and Markdown are searched as bytes, not
/// characters, on every page of every system.
enum ByteSearch {
    /// The first place of `needle` in `bytes` at or after `start`, by glibc's `memmem`. The
    /// `memchr` to each candidate first byte that it replaced stopped every three bytes in Japanese
    /// text (most of its characters start with 0xE3, as the 【要記入】 marker does), and the search
    /// for the marker was a hundredth of a full build.
    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int = 0) -> Int? {
        guard !needle.isEmpty, start >= 0, bytes.count - start >= needle.count else { return nil }
        return bytes.withUnsafeBytes { haystack in
            needle.withUnsafeBytes { wanted in
                guard let base = haystack.baseAddress, let rest = wanted.baseAddress,
                      let hit = memmem(base + start, haystack.count - start, rest, wanted.count) else { return nil }
                return base.distance(to: UnsafeRawPointer(hit))
            }
        }
    }
}
