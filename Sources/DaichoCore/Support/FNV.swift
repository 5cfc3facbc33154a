/// FNV-1a hashes: stable across runs and machines (Swift's `Hasher` is seeded per process), for
/// chart ids, page folder names and change detection between builds.
public enum FNV {
    // Inlinable so callers in other modules get a loop specialised for their byte sequence:
    // unspecialised, every byte went through generic witness calls (ten times slower).
    @inlinable
    public static func hash64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hasher = Hasher64()
        hasher.combine(bytes)
        return hasher.value
    }

    /// FNV-1a over bytes that arrive in parts: the same value as hashing them in one buffer.
    @frozen
    public struct Hasher64: Sendable {
        public var value: UInt64 = 0xCBF2_9CE4_8422_2325

        @inlinable
        public init() {}

        @inlinable
        public mutating func combine<Bytes: Sequence<UInt8>>(_ bytes: Bytes) {
            for byte in bytes {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01B3
            }
        }
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
