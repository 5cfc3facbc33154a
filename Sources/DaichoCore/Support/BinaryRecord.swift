#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A compact binary form, written by hand for each type, for the parsed-ledger cache and the
/// build manifest.
///
/// Each type writes its fields in one fixed order and reads them back in the same order; no keys,
/// no type metadata. (A generic `Codable` coder did the same job at several times the cost: every
/// nested value went through a boxed container and a generic-metadata lookup, most of a warm run.)
/// The form is only good for the program that wrote it, so whoever stores it stamps it with the
/// executable. Integers are zigzag varints, optionals carry a presence byte, arrays a count.
/// Reading bad bytes throws; it never traps.
public protocol BinaryRecord {
    func write(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed)
}

public struct BinaryWriter: Sendable {
    public var bytes: [UInt8]

    public init(reserving capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    @inline(__always) public mutating func put<T: BinaryRecord>(_ value: T) { value.write(to: &self) }

    public mutating func putVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    public mutating func putFixed(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Ends the bytes with their checksum, for `BinaryReader.unsealed`.
    public mutating func seal() {
        putFixed(Digest64.hash(bytes))
    }

    public static func encode<T: BinaryRecord>(_ value: T) -> [UInt8] {
        var writer = BinaryWriter()
        writer.put(value)
        return writer.bytes
    }
}

public struct BinaryReader {
    public struct Malformed: Error {}

    public let bytes: ArraySlice<UInt8>
    public var position: Int
    /// Where texts read before are shared from (`StringPool`); nil reads each one anew.
    public var pool: StringPool?

    public init(_ bytes: ArraySlice<UInt8>, pool: StringPool? = nil) {
        self.bytes = bytes
        position = bytes.startIndex
        self.pool = pool
    }

    public var remaining: Int { bytes.endIndex - position }

    @inline(__always) public mutating func get<T: BinaryRecord>(_ type: T.Type = T.self) throws(Malformed) -> T {
        try T(from: &self)
    }

    public mutating func byte() throws(Malformed) -> UInt8 {
        guard position < bytes.endIndex else { throw Malformed() }
        defer { position += 1 }
        return bytes[position]
    }

    public mutating func varint() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw Malformed() }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    public mutating func fixed() throws(Malformed) -> UInt64 {
        guard remaining >= 8 else { throw Malformed() }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
        position += 8
        return value
    }

    /// A count of items still to come, each taking at least one byte: a larger count is damage,
    /// not a reason to allocate or loop.
    public mutating func count() throws(Malformed) -> Int {
        let count = try varint()
        guard count <= UInt64(remaining) else { throw Malformed() }
        return Int(count)
    }

    /// Reads the whole of `bytes` as one value; trailing bytes are damage.
    public static func decode<T: BinaryRecord>(_ type: T.Type, from bytes: ArraySlice<UInt8>,
                                               pool: StringPool? = nil) throws(Malformed) -> T {
        var reader = BinaryReader(bytes, pool: pool)
        let value = try T(from: &reader)
        guard reader.position == bytes.endIndex else { throw Malformed() }
        return value
    }

    /// A reader of what lies between `magic` and the checksum a sealed file ends with (the
    /// `Digest64` of everything before it, as `BinaryWriter.seal` appends); nil when the file does
    /// not start with `magic` or its bytes are not the ones sealed (cut short, damaged).
    public static func unsealed(_ bytes: [UInt8], magic: [UInt8]) -> BinaryReader? {
        guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { return nil }
        let body = bytes[..<(bytes.count - 8)]
        var trailer = BinaryReader(bytes[body.endIndex...])
        guard let sum = try? trailer.fixed(), sum == body.withUnsafeBytes({ Digest64.hash($0) }) else { return nil }
        return BinaryReader(body[magic.count...])
    }
}

// MARK: - Standard types

extension Int: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.putVarint(UInt64(bitPattern: Int64((self << 1) ^ (self >> 63))))
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        let raw = try reader.varint()
        self = Int(Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
    }
}

extension Int128: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        var zigzag = UInt128(bitPattern: (self << 1) ^ (self >> 127))
        while zigzag >= 0x80 {
            writer.bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        writer.bytes.append(UInt8(zigzag))
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        var raw: UInt128 = 0
        var shift: UInt128 = 0
        while true {
            let next = try reader.byte()
            guard shift < 128 else { throw BinaryReader.Malformed() }
            raw |= UInt128(next & 0x7F) << shift
            if next < 0x80 { break }
            shift += 7
        }
        self = Int128(bitPattern: raw >> 1) ^ -Int128(bitPattern: raw & 1)
    }
}

/// Narrow integers travel as `Int` and must fit on the way back.
extension BinaryRecord where Self: FixedWidthInteger {
    public func write(to writer: inout BinaryWriter) { Int(self).write(to: &writer) }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        guard let value = Self(exactly: try Int(from: &reader)) else { throw BinaryReader.Malformed() }
        self = value
    }
}

extension Int32: BinaryRecord {}
extension UInt16: BinaryRecord {}
extension UInt8: BinaryRecord {}

extension UInt64: BinaryRecord {
    public func write(to writer: inout BinaryWriter) { writer.putFixed(self) }
    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) { self = try reader.fixed() }
}

extension Bool: BinaryRecord {
    public func write(to writer: inout BinaryWriter) { writer.bytes.append(self ? 1 : 0) }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        switch try reader.byte() {
        case 0: self = false
        case 1: self = true
        default: throw BinaryReader.Malformed()
        }
    }
}

extension String: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        var text = self
        text.withUTF8 { utf8 in
            writer.putVarint(UInt64(utf8.count))
            writer.bytes.append(contentsOf: utf8)
        }
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        let count = try reader.count()
        let start = reader.position
        reader.position += count
        // `String(validating:as:)` is generic over the encoding and looked up type metadata on
        // every call (a twentieth of a rebuild's CPU went to it). Decoding from a buffer is the
        // specialised path; it repairs bad bytes rather than failing, so damage shows as decoded
        // bytes that differ from the stored ones.
        let pool = count >= StringPool.smallest ? reader.pool : nil
        let text = reader.bytes[start..<start + count].withUnsafeBufferPointer { stored -> String? in
            var hash: UInt64 = 0
            if let pool {
                hash = Digest64.hash(UnsafeRawBufferPointer(stored))
                if let text = pool.text(stored, hash: hash) { return text }
            }
            let text = String(decoding: stored, as: UTF8.self)
            var copy = text
            let same = copy.withUTF8 { decoded in
                guard decoded.count == stored.count else { return false }
                guard let left = decoded.baseAddress, let right = stored.baseAddress else { return true }
                return memcmp(left, right, stored.count) == 0
            }
            guard same else { return nil }
            pool?.insert(text, hash: hash)
            return text
        }
        guard let text else { throw BinaryReader.Malformed() }
        self = text
    }
}

extension Optional: BinaryRecord where Wrapped: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        switch self {
        case .none: writer.bytes.append(0)
        case .some(let value):
            writer.bytes.append(1)
            value.write(to: &writer)
        }
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        self = try Bool(from: &reader) ? try Wrapped(from: &reader) : nil
    }
}

extension Array: BinaryRecord where Element: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.putVarint(UInt64(count))
        for element in self { element.write(to: &writer) }
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        let count = try reader.count()
        self = []
        reserveCapacity(count)
        for _ in 0..<count { append(try Element(from: &reader)) }
    }
}

/// A table by text key travels as its count, then each key and value in the keys' byte order, so
/// that the same table always gives the same bytes. Inlinable: the manifest's tables (90,000 rows
/// at 10,000 systems) are read in another module, and unspecialised, every row went through the
/// dictionary's and the value's generic witnesses.
extension Dictionary: BinaryRecord where Key == String, Value: BinaryRecord {
    @inlinable
    public func write(to writer: inout BinaryWriter) {
        writer.putVarint(UInt64(count))
        for (key, value) in ByteOrder.sorted(self) {
            key.write(to: &writer)
            value.write(to: &writer)
        }
    }

    @inlinable
    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        let count = try reader.count()
        self.init(minimumCapacity: count)
        for _ in 0..<count {
            let key = try String(from: &reader)
            self[key] = try Value(from: &reader)
        }
    }
}

/// Enums with token raw values travel as their tokens.
extension BinaryRecord where Self: RawRepresentable, RawValue == String {
    public func write(to writer: inout BinaryWriter) { rawValue.write(to: &writer) }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        guard let value = Self(rawValue: try String(from: &reader)) else { throw BinaryReader.Malformed() }
        self = value
    }
}
