/// Parse results of an earlier run, keyed by file path and the hash of the file's bytes.
///
/// Reading a ledger's YAML costs several times more than reading its result back, so a run
/// that finds a file unchanged takes the result from here. The cache lives in shards (by path):
/// the checker works shard by shard, so only one shard per worker is in memory at a time, and
/// an edit rewrites one small shard. Each shard is stamped with the program that wrote it and is
/// ignored when the stamp differs, when it is malformed, when its checksum (the `Digest64` of the
/// rest, at its end) does not match, or when an entry fails to decode. The checksum lets shards be
/// written without flushing them to disk: one that a crash cut short or damaged is not read.
/// This type only turns bytes into entries and back; the caller injects the file I/O.
public struct LedgerCache: Sendable {
    public static let shardCount = 64
    /// The format's version is in it: a shard of another layout (5 keeps whether an `extra`
    /// value was quoted) is not read.
    static let magic = Array("DAICHO-LEDGER-CACHE-5\n".utf8)

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
        /// The file's stamp when it had these bytes (`LedgerSource.stamp()`); empty when none.
        var stamp: [UInt8] = []
        var blob: ArraySlice<UInt8>
    }

    /// One shard's entries as read; empty when there was no valid shard.
    struct Shard {
        var entries: [String: Entry] = [:]
        var valid = false

        init() {}

        init(bytes: [UInt8], stamp: String) {
            guard var reader = BinaryReader.unsealed(bytes, magic: LedgerCache.magic) else { return }
            do {
                guard try reader.get(String.self) == stamp else { return }
                let count = try reader.count()
                entries.reserveCapacity(count)
                for _ in 0..<count {
                    let path: String = try reader.get()
                    let hash: UInt64 = try reader.get()
                    let stamp: [UInt8] = try reader.get()
                    let length = try reader.count()
                    entries[path] = Entry(hash: hash, stamp: stamp, blob: bytes[reader.position..<reader.position + length])
                    reader.position += length
                }
            } catch {
                entries = [:]
                return
            }
            valid = true
        }

        /// The stored result for these bytes of this file, if there is one and it reads back.
        /// - Parameter pool: shares the texts the shard's ledgers repeat (one pool for the shard).
        func result(for path: String, hash: UInt64, pool: StringPool? = nil) -> (result: LedgerParser.Result, blob: ArraySlice<UInt8>)? {
            guard let entry = entries[path], entry.hash == hash,
                  let result = try? BinaryReader.decode(LedgerParser.Result.self, from: entry.blob, pool: pool) else { return nil }
            return (result, entry.blob)
        }

        static func serialized(_ entries: [(path: String, entry: Entry)], stamp: String) -> [UInt8] {
            var writer = BinaryWriter(reserving: LedgerCache.magic.count + entries.reduce(72) { $0 + $1.path.utf8.count + $1.entry.blob.count + 24 })
            writer.bytes += LedgerCache.magic
            writer.put(stamp)
            writer.putVarint(UInt64(entries.count))
            for (path, entry) in entries.sorted(by: { $0.path < $1.path }) {
                writer.put(path)
                writer.put(entry.hash)
                writer.put(entry.stamp)
                writer.putVarint(UInt64(entry.blob.count))
                writer.bytes.append(contentsOf: entry.blob)
            }
            writer.seal()
            return writer.bytes
        }
    }

    func loadShard(_ index: Int) -> Shard {
        read(index).map { Shard(bytes: $0, stamp: stamp) } ?? Shard()
    }
}
