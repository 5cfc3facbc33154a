/// A fast 64-bit hash of bytes for telling whether a file changed between runs (ledger files,
/// pages, exports), eight bytes at a step: FNV-1a's byte-at-a-time multiply was a tenth of a
/// one-ledger rebuild, which hashes 10,000 ledgers and 50 MB of exports. Not for names that must
/// stay the same across versions (those use `FNV`), and not meant to resist a crafted collision.
public struct Digest64: Sendable {
    @usableFromInline var state: UInt64 = 0x243F_6A88_85A3_08D3
    @usableFromInline var pending: UInt64 = 0
    @usableFromInline var pendingCount = 0
    @usableFromInline var length: UInt64 = 0

    @inlinable public init() {}

    @inlinable
    static func mix(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let product = (state ^ word) &* 0x9E37_79B9_7F4A_7C15
        return product ^ (product >> 29)
    }

    /// Bytes in parts give the same value as the same bytes in one buffer.
    @inlinable
    public mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var index = 0
        while pendingCount != 0 && index < bytes.count {
            pending |= UInt64(bytes[index]) << (8 * UInt64(pendingCount))
            pendingCount += 1
            index += 1
            if pendingCount == 8 {
                state = Self.mix(state, pending)
                pending = 0
                pendingCount = 0
            }
        }
        while bytes.count - index >= 8 {
            state = Self.mix(state, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            index += 8
        }
        while index < bytes.count {
            pending |= UInt64(bytes[index]) << (8 * UInt64(pendingCount))
            pendingCount += 1
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

    /// The length goes in last, so inputs that differ only by trailing zero bytes differ.
    @inlinable
    public var value: UInt64 {
        var final = Self.mix(Self.mix(state, pending), length)
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

    /// `value` as text for the manifest and the cache's tables: base 32, 13 characters at most.
    /// Swift keeps a string of up to 15 UTF-8 bytes inside the value, so these need no allocation
    /// and no reference counting; as 16 hex digits, each of the 10,000 ledger hashes, page keys and
    /// export pieces a rebuild reads, compares and writes was a heap object.
    public static func text(_ value: UInt64) -> String { String(value, radix: 32) }

    /// The value `text(_:)` wrote, or nil.
    public static func value(ofText text: String) -> UInt64? { UInt64(text, radix: 32) }
}
