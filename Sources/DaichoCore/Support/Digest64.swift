/// A fast 64-bit hash of bytes for telling whether a file changed between runs (ledger files,
/// pages, exports), eight bytes at a step: FNV-1a's byte-at-a-time multiply was a tenth of a
/// one-ledger rebuild, which hashes 10,000 ledgers and 50 MB of exports. Not for names that must
/// stay the same across versions (those use `FNV`), and not meant to resist a crafted collision.
public struct Digest64: Sendable {
    /// Four lanes take the words of each 32-byte block in turn: one lane's multiply waits on the
    /// one before it, four run side by side (hashing a build's output went from a fortieth of its
    /// CPU time to a hundred-and-fiftieth).
    @usableFromInline var lanes: (UInt64, UInt64, UInt64, UInt64) =
        (0x243F_6A88_85A3_08D3, 0x1319_8A2E_0370_7344, 0xA409_3822_299F_31D0, 0x082E_FA98_EC4E_6C89)
    /// Bytes short of a block, little-endian in four words.
    @usableFromInline var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    @usableFromInline var pendingCount = 0
    @usableFromInline var length: UInt64 = 0

    @inlinable public init() {}

    @inlinable
    static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let product = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        return product ^ (product >> 29)
    }

    @inlinable
    mutating func absorb(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) {
        lanes = (Self.mix(lanes.0, a), Self.mix(lanes.1, b), Self.mix(lanes.2, c), Self.mix(lanes.3, d))
    }

    @inlinable
    mutating func addPending(_ byte: UInt8) {
        let shifted = UInt64(byte) << (8 * UInt64(pendingCount & 7))
        switch pendingCount >> 3 {
        case 0: pending.0 |= shifted
        case 1: pending.1 |= shifted
        case 2: pending.2 |= shifted
        default: pending.3 |= shifted
        }
        pendingCount += 1
        if pendingCount == 32 {
            absorb(pending.0, pending.1, pending.2, pending.3)
            pending = (0, 0, 0, 0)
            pendingCount = 0
        }
    }

    /// Bytes in parts give the same value as the same bytes in one buffer.
    @inlinable
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var index = 0
        while pendingCount != 0 && index < bytes.count {
            addPending(bytes[index])
            index += 1
        }
        while bytes.count - index >= 32 {
            absorb(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)),
                   UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)),
                   UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)),
                   UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)))
            index += 32
        }
        while index < bytes.count {
            addPending(bytes[index])
            index += 1
        }
    }

    @inlinable
    public mutating func combine(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { combine($0) }
    }

    @inlinable
    public mutating func combine(_ bytes: ArraySlice<UInt8>) {
        bytes.withUnsafeBytes { combine($0) }
    }

    /// The lanes folded one after another, then the pending bytes and the length, which goes in
    /// last so that inputs differing only by trailing zero bytes differ. (Folded as `lanes.0 ^
    /// lanes.1`, the same bit flipped in two lanes' words cancelled out.)
    @inlinable
    public var value: UInt64 {
        var final = Self.mix(Self.mix(Self.mix(Self.mix(0x9E37_79B9_7F4A_7C15, lanes.0), lanes.1), lanes.2), lanes.3)
        final = Self.mix(Self.mix(Self.mix(Self.mix(final, pending.0), pending.1), pending.2), pending.3)
        final = Self.mix(final, length)
        final ^= final >> 33
        final = final &* 0xFF51_AFD7_ED55_8CCD
        return final ^ (final >> 33)
    }

    @inlinable
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        var digest = Digest64()
        digest.combine(bytes)
        return digest.value
    }

    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var digest = Digest64()
        digest.combine(bytes)
        return digest.value
    }

    public static func hex(_ value: UInt64) -> String { FNV.hex(value) }
}
