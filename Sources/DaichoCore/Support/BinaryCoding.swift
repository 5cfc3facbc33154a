/// A compact binary form for `Codable` values, for the parsed-ledger cache.
///
/// Fields are written in the order the synthesized `encode(to:)` visits them and read back in the
/// same order; keys are not written. That is only safe for one version of one type, so the cache
/// that uses it is stamped with the executable it was written by. Optionals carry a presence byte,
/// arrays a count. Reading bad bytes throws; it never traps.
public enum BinaryCoding {
    public struct Malformed: Error {}

    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = BinaryEncoder()
        try value.encode(to: encoder)
        return encoder.bytes
    }

    public static func decode<T: Decodable>(_ type: T.Type, from bytes: ArraySlice<UInt8>) throws -> T {
        let decoder = BinaryDecoder(bytes: bytes)
        let value = try T(from: decoder)
        guard decoder.position == bytes.endIndex else { throw Malformed() }
        return value
    }
}

// MARK: - Encoding

final class BinaryEncoder: Encoder {
    var bytes: [UInt8] = []
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init() {
        bytes.reserveCapacity(2048)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedBinaryEncoding(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedBinaryEncoding(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueBinaryEncoding(encoder: self)
    }

    func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }
    func write(_ value: Bool) { bytes.append(value ? 1 : 0) }

    func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            write(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    func encode<T: Encodable>(_ value: T) throws {
        // Comparing the type first keeps the dynamic casts off nested structs.
        if T.self == String.self, let value = value as? String {
            write(value)
        } else if T.self == Int.self, let value = value as? Int {
            write(value)
        } else if T.self == Bool.self, let value = value as? Bool {
            write(value)
        } else if T.self == Int128.self, let value = value as? Int128 {
            write(UInt64(truncatingIfNeeded: value))
            write(UInt64(truncatingIfNeeded: value >> 64))
        } else if T.self == Int32.self || T.self == UInt8.self || T.self == UInt16.self || T.self == Int8.self
            || T.self == Int16.self || T.self == Int64.self || T.self == UInt.self || T.self == UInt32.self
            || T.self == UInt64.self, let integer = value as? any FixedWidthInteger {
            guard let wide = Int64(exactly: integer) else { throw BinaryCoding.Malformed() }
            write(Int(wide))
        } else if T.self == Double.self || T.self == Float.self {
            // Not used by the model; the standard types would call back here forever.
            throw BinaryCoding.Malformed()
        } else {
            try value.encode(to: self)
        }
    }
}

private struct KeyedBinaryEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: BinaryEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { encoder.write(false) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.write(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { encoder.write(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { encoder.write(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder.encode(value) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { try encoder.encode(value) }

    // Every optional gets a presence byte (the default implementations would write nothing for nil).
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value) }

    private func present<T: Encodable>(_ value: T?) throws {
        encoder.write(value != nil)
        if let value { try encoder.encode(value) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        encoder.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
}

/// Writes a count first and raises it with every element, so arrays read back without an end marker.
private struct UnkeyedBinaryEncoding: UnkeyedEncodingContainer {
    let encoder: BinaryEncoder
    let countOffset: Int
    var count = 0
    var codingPath: [any CodingKey] { [] }

    init(encoder: BinaryEncoder) {
        self.encoder = encoder
        countOffset = encoder.bytes.count
        encoder.write(0)
    }

    private mutating func counted() {
        count += 1
        withUnsafeBytes(of: UInt64(count).littleEndian) { raw in
            for (offset, byte) in raw.enumerated() { encoder.bytes[countOffset + offset] = byte }
        }
    }

    mutating func encodeNil() throws { throw BinaryCoding.Malformed() }
    mutating func encode<T: Encodable>(_ value: T) throws {
        counted()
        try encoder.encode(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        counted()
        return encoder.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        counted()
        return encoder.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { encoder }
}

private struct SingleValueBinaryEncoding: SingleValueEncodingContainer {
    let encoder: BinaryEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { throw BinaryCoding.Malformed() }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encode(value) }
    mutating func encode(_ value: Int128) throws { try encoder.encode(value) }
}

// MARK: - Decoding

final class BinaryDecoder: Decoder {
    let bytes: ArraySlice<UInt8>
    var position: Int
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedBinaryDecoding(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedBinaryDecoding(decoder: self)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueBinaryDecoding(decoder: self)
    }

    func readUInt64() throws -> UInt64 {
        guard bytes.endIndex - position >= 8 else { throw BinaryCoding.Malformed() }
        var value: UInt64 = 0
        for offset in 0..<8 { value |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
        position += 8
        return value
    }

    func readInt() throws -> Int { Int(Int64(bitPattern: try readUInt64())) }

    func readBool() throws -> Bool {
        guard position < bytes.endIndex else { throw BinaryCoding.Malformed() }
        defer { position += 1 }
        switch bytes[position] {
        case 0: return false
        case 1: return true
        default: throw BinaryCoding.Malformed()
        }
    }

    func readString() throws -> String {
        let count = try readInt()
        guard count >= 0, bytes.endIndex - position >= count else { throw BinaryCoding.Malformed() }
        defer { position += count }
        guard let text = String(validating: bytes[position..<position + count], as: UTF8.self) else {
            throw BinaryCoding.Malformed()
        }
        return text
    }

    /// An integer of type `I`, known to be `T`.
    private func integer<T, I: FixedWidthInteger>(_ type: I.Type) throws -> T {
        guard let value = I(exactly: try readInt()) as? T else { throw BinaryCoding.Malformed() }
        return value
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self, let value = try readString() as? T { return value }
        if T.self == Int.self, let value = try readInt() as? T { return value }
        if T.self == Bool.self, let value = try readBool() as? T { return value }
        if T.self == Int128.self {
            let low = try readUInt64(), high = try readUInt64()
            if let value = (Int128(Int64(bitPattern: high)) << 64 | Int128(low)) as? T { return value }
        }
        // Metatype comparisons, one at a time: cheap for the nested structs that match none.
        if T.self == Int32.self { return try integer(Int32.self) }
        if T.self == UInt8.self { return try integer(UInt8.self) }
        if T.self == UInt16.self { return try integer(UInt16.self) }
        if T.self == Int8.self { return try integer(Int8.self) }
        if T.self == Int16.self { return try integer(Int16.self) }
        if T.self == Int64.self { return try integer(Int64.self) }
        if T.self == UInt.self { return try integer(UInt.self) }
        if T.self == UInt32.self { return try integer(UInt32.self) }
        if T.self == UInt64.self { return try integer(UInt64.self) }
        if T.self == Double.self || T.self == Float.self { throw BinaryCoding.Malformed() }
        return try T(from: self)
    }
}

private struct KeyedBinaryDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: BinaryDecoder
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }
    func decodeNil(forKey key: Key) throws -> Bool { try !decoder.readBool() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.readBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.readString() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.readInt() }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder.decode(type) }
    func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try decoder.decode(type) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present(type) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present(type) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present(type) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present(type) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present(type) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present(type) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present(type) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present(type) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present(type) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present(type) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present(type) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present(type) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present(type) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present(type) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try present(type) }

    private func present<T: Decodable>(_ type: T.Type) throws -> T? {
        try decoder.readBool() ? try decoder.decode(type) : nil
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey> {
        try decoder.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

private struct UnkeyedBinaryDecoding: UnkeyedDecodingContainer {
    let decoder: BinaryDecoder
    let count: Int?
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(decoder: BinaryDecoder) throws {
        self.decoder = decoder
        let count = try decoder.readInt()
        // Each element takes at least one byte: a larger count is corrupt, not a reason to loop.
        guard count >= 0, count <= decoder.bytes.endIndex - decoder.position else { throw BinaryCoding.Malformed() }
        self.count = count
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else { throw BinaryCoding.Malformed() }
        currentIndex += 1
        return try decoder.decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey> {
        currentIndex += 1
        return try decoder.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        currentIndex += 1
        return try decoder.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { decoder }
}

private struct SingleValueBinaryDecoding: SingleValueDecodingContainer {
    let decoder: BinaryDecoder
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decode(type) }
    func decode(_ type: Int128.Type) throws -> Int128 { try decoder.decode(type) }
}
