import DaichoCore
import Foundation

/// The parsed-ledger cache on disk: `.daicho-cache/` in the project folder, one file per shard.
///
/// A cache only saves time, so every failure here (a read-only share, a full disk, a damaged
/// file) is silent: the run parses what it cannot take from the cache and goes on.
public struct LedgerCacheStore: Sendable {
    public static let folderName = ".daicho-cache"

    public var directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// The cache folder of a project.
    public init(project: String) {
        self.directory = (project as NSString).appendingPathComponent(Self.folderName)
    }


    func shardPath(_ index: Int) -> String {
        (directory as NSString).appendingPathComponent(String(format: "ledgers-%02d.bin", index))
    }

    /// The cache as the checker reads and writes it.
    public func access() -> LedgerCache {
        let store = self
        // A rebuilt `daicho` may read ledgers differently: the binary form of a ledger is only
        // valid for the program that wrote it.
        return LedgerCache(stamp: ProgramStamp.current, read: { index in
            FileBytes.read(store.shardPath(index))
        }, write: { index, bytes in
            store.write(shard: index, bytes)
        })
    }

    func write(shard index: Int, _ bytes: [UInt8]) {
        do {
            try makeFolder()
            // Not flushed to disk: a shard a crash damages fails its checksum and is parsed anew.
            try AtomicFile.write(bytes, to: shardPath(index), durable: false)
        } catch {
            return  // see the type's comment
        }
    }

    /// Creates the cache folder when missing, kept out of version control and out of backups
    /// that honour the tag. The two files are written whenever they are missing: the folder may
    /// have been made without them (deleted while `serve` ran, whose preview build made it again).
    func makeFolder() throws {
        try AtomicFile.makeFolder(directory)
        let files = [(".gitignore", "*\n"),
                     ("CACHEDIR.TAG", "Signature: 8a477f597d28d172789f06886806bc55\n# daicho's parsed-ledger cache; safe to delete.\n")]
        for (name, text) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            if !FileManager.default.fileExists(atPath: path) { try AtomicFile.write(Array(text.utf8), to: path) }
        }
    }
}
