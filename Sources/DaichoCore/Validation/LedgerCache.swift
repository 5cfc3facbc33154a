/// Parse results of an earlier run, keyed by file path and the hash of the file's bytes.
///
/// Reading a ledger's YAML costs several times more than reading its result back, so a run
/// that finds a file unchanged takes the result from here. The cache lives in shards (by path):
/// the checker works shard by shard, so only one shard per worker is in memory at a time, and
/// an edit rewrites one small shard. Each shard is stamped with the program that wrote it and is
/// ignored when the stamp differs, when it is malformed, or when an entry fails to decode.
/// This type only turns bytes into entries and back; the caller injects the file I/O.
public struct LedgerCache: Sendable {
    public static let shardCount = 64
    static let magic = Array("DAICHO-LEDGER-CACHE-1\n".utf8)

    public let stamp: String
    let read: @Sendable (Int) -> [UInt8]?
    let write: @Sendable (Int, [UInt8]) -> Void

    /// - Parameters:
    ///   - read: a shard's bytes, or nil when there is none.
    ///   - write: stores a shard's new bytes (failures are the caller's to ignore: a cache only saves time).
    public init(stamp: String, read: @escaping @Sendable (Int) -> [UInt8]?,
                write: @escaping @Sendable (Int, [UInt8]) -> Void) {
        self.stamp = stamp
        self.read = read
        self.write = write
    }

    public static func shard(of path: String) -> Int { Int(FNV.hash32(path.utf8) % UInt32(shardCount)) }

    struct Entry: Sendable {
        var hash: UInt64
        var blob: ArraySlice<UInt8>
    }

    /// One shard's entries as read; empty when there was no valid shard.
    struct Shard {
        var entries: [String: Entry] = [:]
        var valid = false

        init() {}

        init(bytes: [UInt8], stamp: String) {
            guard bytes.starts(with: LedgerCache.magic) else { return }
            let decoder = BinaryDecoder(bytes: bytes[LedgerCache.magic.count...])
            do {
                guard try decoder.readString() == stamp else { return }
                let count = try decoder.readInt()
                guard count >= 0 else { return }
                for _ in 0..<count {
                    let path = try decoder.readString()
                    let hash = try decoder.readUInt64()
                    let length = try decoder.readInt()
                    guard length >= 0, bytes.endIndex - decoder.position >= length else {
                        entries = [:]
                        return
                    }
                    entries[path] = Entry(hash: hash, blob: bytes[decoder.position..<decoder.position + length])
                    decoder.position += length
                }
            } catch {
                entries = [:]
                return
            }
            valid = true
        }

        /// The stored result for these bytes of this file, if there is one and it reads back.
        func result(for path: String, hash: UInt64) -> (result: LedgerParser.Result, blob: ArraySlice<UInt8>)? {
            guard let entry = entries[path], entry.hash == hash,
                  let result = try? BinaryCoding.decode(LedgerParser.Result.self, from: entry.blob) else { return nil }
            return (result, entry.blob)
        }

        static func serialized(_ entries: [(path: String, entry: Entry)], stamp: String) -> [UInt8] {
            let encoder = BinaryEncoder()
            encoder.bytes = LedgerCache.magic
            encoder.write(stamp)
            encoder.write(entries.count)
            for (path, entry) in entries.sorted(by: { $0.path < $1.path }) {
                encoder.write(path)
                encoder.write(entry.hash)
                encoder.write(entry.blob.count)
                encoder.bytes.append(contentsOf: entry.blob)
            }
            return encoder.bytes
        }
    }

    func loadShard(_ index: Int) -> Shard {
        read(index).map { Shard(bytes: $0, stamp: stamp) } ?? Shard()
    }
}
