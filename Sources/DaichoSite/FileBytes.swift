import DaichoCore
import DaichoRender
import Foundation

/// Reads whole files straight into byte arrays: one read(2) into the array, no `Data` in between
/// (a rebuild reads 10,000 ledgers, and the extra copies showed).
public enum FileBytes {
    /// A regular file opened for reading with what fstat(2) says of it; nil for anything else.
    /// The caller closes the descriptor.
    private static func openRegular(_ path: String, followingLinks: Bool = true) -> (descriptor: Int32, status: stat)? {
        // Not blocking: opening a FIFO named like a ledger would otherwise wait for a writer forever
        // (regular files read the same either way).
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | (followingLinks ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        return (descriptor, status)
    }

    /// - Parameters:
    ///   - limit: read no more than this many bytes (a ledger of gigabytes is refused for its size:
    ///     reading it whole first took twice its size in memory).
    ///   - followingLinks: false to read nothing through a symbolic link (a file the follow-up
    ///     may remove must be its own, not a link to another).
    public static func read(_ path: String, atMost limit: Int = .max, followingLinks: Bool = true) -> [UInt8]? {
        guard let (descriptor, status) = openRegular(path, followingLinks: followingLinks) else { return nil }
        defer { close(descriptor) }
        let size = min(Int(status.st_size), limit)
        var failed = false
        // Uninitialised: zeroing a 50 MB buffer first cost as much as reading into it.
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var filled = 0
            while filled < size, let base = buffer.baseAddress {
                let read = Foundation.read(descriptor, base + filled, size - filled)
                if read < 0, errno == EINTR { continue }
                if read < 0 { failed = true }
                if read <= 0 { break }
                filled += read
            }
            count = filled
        }
        // A file that grew while being read: take the rest as well. The buffer is on the stack and
        // not cleared (a cleared 64 KiB array per file showed in reading 100,000 ledgers).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 65_536) { chunk in
            while !failed, bytes.count < limit, let base = chunk.baseAddress {
                let read = Foundation.read(descriptor, base, min(chunk.count, limit - bytes.count))
                if read < 0, errno == EINTR { continue }
                if read < 0 { failed = true }
                if read <= 0 { break }
                bytes += UnsafeBufferPointer(rebasing: chunk[..<read])
            }
        }
        guard !failed else { return nil }
        return bytes
    }
}

extension FileBytes {
    /// Asks the kernel for files about to be read, on threads of their own that return at once:
    /// when the files are not in memory (a first run of the day), each open and read waits for the
    /// device, and the parsers would otherwise wait for one file at a time each. When the last
    /// files of the list, the ones read last, are in memory already, nothing is asked (a warm run
    /// pays for a few opens only). Linux only (`posix_fadvise`); elsewhere files are read as they come.
    static func readAhead(_ paths: [String], lanes: Int = 4) {
        #if os(Linux)
        guard paths.count > 1 else { return }
        Thread.detachNewThread {
            let inMemory = paths.suffix(16).allSatisfy { path in
                let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
                guard descriptor >= 0 else { return true }
                defer { close(descriptor) }
                return isFirstPageResident(descriptor)
            }
            guard !inMemory else { return }
            for lane in 0..<min(lanes, paths.count) {
                Thread.detachNewThread {
                    for index in stride(from: lane, to: paths.count, by: lanes) {
                        // Not blocking: a FIFO named like a ledger must not hold the lane.
                        let descriptor = open(paths[index], O_RDONLY | O_NONBLOCK | O_CLOEXEC)
                        guard descriptor >= 0 else { continue }
                        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_WILLNEED))
                        close(descriptor)
                    }
                }
            }
        }
        #endif
    }

    #if os(Linux)
    /// Whether the file's first page is in memory (an empty file counts as in memory).
    private static func isFirstPageResident(_ descriptor: Int32) -> Bool {
        guard let page = mmap(nil, 1, PROT_READ, MAP_SHARED, descriptor, 0), page != MAP_FAILED else { return true }
        defer { munmap(page, 1) }
        var state: UInt8 = 0
        return mincore(page, 1, &state) != 0 || state & 1 == 1
    }
    #endif

    /// A file mapped read-only, with its stamp when it was opened; nil when it cannot be.
    /// For the large exports a rebuild copies pieces from: no copy of the whole file, and its pages
    /// come straight from the page cache. Only for files of the site itself: one truncated by
    /// another program while mapped would fault when read.
    static func map(_ path: String) -> (bytes: StoredBytes, stamp: FileStamp)? {
        guard let (descriptor, status) = openRegular(path) else { return nil }
        defer { close(descriptor) }
        let size = Int(status.st_size)
        guard size > 0 else { return (StoredBytes(copying: []), FileStamp(status)) }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        // Mapped well before it is copied from: the kernel reads it meanwhile if it is not in memory
        // (a minute or two after the last build it often is not, and faulting 50 MB in page by
        // page while copying made a one-ledger rebuild 0.62 s instead of 0.54 s).
        _ = madvise(address, size, MADV_WILLNEED)
        let bytes = StoredBytes(buffer: UnsafeRawBufferPointer(start: address, count: size)) { buffer in
            _ = munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        }
        return (bytes, FileStamp(status))
    }
}
