import DaichoCore
import Foundation

/// What stat(2) says of a ledger file. A rebuild takes a file whose stamp is the one recorded
/// last time as unchanged without reading it (10,000 reads and hashes were a tenth of a
/// one-ledger rebuild). The change time cannot be set from user space, so any write moves it.
struct FileStamp: Sendable, Equatable, BinaryRecord {
    var size: Int
    var inode: Int
    var modified: Int
    var changed: Int

    init(size: Int, inode: Int, modified: Int, changed: Int) {
        self.size = size
        self.inode = inode
        self.modified = modified
        self.changed = changed
    }

    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        self.init(status)
    }

    init(_ status: stat) {
        size = Int(status.st_size)
        inode = Int(truncatingIfNeeded: status.st_ino)
        modified = Int(status.st_mtim.tv_sec) * 1_000_000_000 + Int(status.st_mtim.tv_nsec)
        changed = Int(status.st_ctim.tv_sec) * 1_000_000_000 + Int(status.st_ctim.tv_nsec)
    }

    /// A file changed in the last two seconds is not stamped: the kernel updates file times in
    /// coarse ticks, and a write in the same tick as the read would otherwise go unseen.
    var isSettled: Bool {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int(now.tv_sec) * 1_000_000_000 + Int(now.tv_nsec) - changed > 2_000_000_000
    }

    /// The stamp when the file is settled, nil otherwise: what the manifest may record.
    var settled: FileStamp? { isSettled ? self : nil }

    func write(to writer: inout BinaryWriter) {
        writer.put(size)
        writer.put(inode)
        writer.put(modified)
        writer.put(changed)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        size = try reader.get()
        inode = try reader.get()
        modified = try reader.get()
        changed = try reader.get()
    }
}
