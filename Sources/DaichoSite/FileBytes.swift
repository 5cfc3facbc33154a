import DaichoCore
import DaichoRender
import Foundation

/// Reads whole files straight into byte arrays: one read(2) into the array, no `Data` in between
/// (a rebuild reads 10,000 ledgers, and the extra copies showed).
public enum FileBytes {
    /// A regular file opened for reading with what fstat(2) says of it; nil for anything else.
    /// The caller closes the descriptor.
    private static func openRegular(_ path: String) -> (descriptor: Int32, status: stat)? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            return nil
        }
        return (descriptor, status)
    }

    public static func read(_ path: String) -> [UInt8]? {
        guard let (descriptor, status) = openRegular(path) else { return nil }
        defer { close(descriptor) }
        let size = Int(status.st_size)
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
        // A file that grew while being read: take the rest as well.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while !failed {
            let read = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Foundation.read(descriptor, base, buffer.count)
            }
            if read < 0, errno == EINTR { continue }
            if read < 0 { failed = true }
            if read <= 0 { break }
            bytes += chunk[..<read]
        }
        guard !failed else { return nil }
        return bytes
    }
}

extension FileBytes {
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
        let bytes = StoredBytes(buffer: UnsafeRawBufferPointer(start: address, count: size)) { buffer in
            _ = munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
        }
        return (bytes, FileStamp(status))
    }
}
