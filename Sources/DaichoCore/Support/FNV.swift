/// FNV-1a hashes: stable across runs, machines and versions (Swift's `Hasher` is seeded per process),
/// for chart ids, page folder names and cache shards. Change detection uses the faster `Digest64`.
public enum FNV {
    // Inlinable so callers in other modules get a loop specialised for their byte sequence:
    // unspecialised, every byte went through generic witness calls (ten times slower).
    @inlinable
    public static func hash64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    @inlinable
    public static func hash32<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return hash
    }

    /// Lower-case hex, zero-padded to the hash's width.
    public static func hex(_ value: UInt64) -> String { String(value, radix: 16).leftPadded(to: 16) }
    public static func hex(_ value: UInt32) -> String { String(value, radix: 16).leftPadded(to: 8) }
}

extension String {
    /// Zero-padded on the left to `width` characters.
    public func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: Swift.max(0, width - count)) + self
    }
}
