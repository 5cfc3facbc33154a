import DaichoCore
import DaichoRender
import Foundation

/// Why writing failed (exit status 2).
public enum WriteError: Error, Sendable {
    case exists(String)
    case cannotWrite(String, String)
    /// The output folder holds something other than a site Daicho built: replacing it would lose it.
    case notASite(String)

    public func message(_ language: Language) -> String {
        switch self {
        case .exists(let path):
            language == .ja ? "「\(path)」は既にあります。上書きはしません" : "\(path) already exists; not overwriting"
        case .cannotWrite(let path, let reason):
            language == .ja ? "「\(path)」に書き込めません（\(reason)）" : "cannot write \(path) (\(reason))"
        case .notASite(let path):
            language == .ja
                ? "「\(path)」は Daicho が作ったサイトではないため、置き換えません（空のフォルダか、新しいフォルダを指定してください）"
                : "\(path) is not a site Daicho built; not replacing it (give an empty or new folder)"
        }
    }
}

/// Reads whole files straight into byte arrays: one read(2) into the array, no `Data` in between
/// (a rebuild reads 10,000 ledgers, and the extra copies showed).
public enum FileBytes {
    /// A regular file opened for reading with what fstat(2) says of it; nil for anything else.
    /// The caller closes the descriptor.
    fileprivate static func openRegular(_ path: String) -> (descriptor: Int32, status: stat)? {
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

/// Small, atomic file writes: a file is either complete or not there.
public enum AtomicFile {
    /// Writes through a temporary file and a rename, replacing any previous file.
    /// - Parameter durable: flush the data to disk before the rename. Pages of a site skip it
    ///   (as a full build's staged files do): a crash can only cost a rebuild, and flushing a
    ///   50 MB export on every edit cost more than the rest of the rebuild.
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(WriteError) {
        let stream = try Stream(replacing: path, durable: durable)
        do {
            try stream.append(bytes)
        } catch {
            stream.discard()
            throw error
        }
        try stream.commit()
    }

    /// Writes a file that must not exist yet; an existing file is left untouched.
    public static func create(_ bytes: [UInt8], at path: String) throws(WriteError) {
        let temporary = temporaryPath(for: path)
        try writeNew(bytes, to: temporary)
        defer { unlink(temporary) }
        // link(2) fails when the target exists, so two writers never overwrite each other.
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw .exists(path) }
            throw .cannotWrite(path, String(cString: strerror(errno)))
        }
    }

    public static func makeFolder(_ path: String) throws(WriteError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .cannotWrite(path, error.localizedDescription)
        }
    }

    /// A file written a part at a time into a temporary file beside it, flushed to disk and
    /// renamed over the path on `commit`: a large file that must survive a crash whole, never
    /// whole in memory.
    final class Stream {
        let path: String
        private let temporary: String
        private let durable: Bool
        private var descriptor: Int32

        /// - Parameter durable: flush the data to disk before the rename (see `write(_:to:durable:)`).
        init(replacing path: String, durable: Bool = true) throws(WriteError) {
            self.path = path
            self.durable = durable
            temporary = AtomicFile.temporaryPath(for: path)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        }

        func append(_ bytes: [UInt8]) throws(WriteError) {
            guard writeAll(bytes, to: descriptor) else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        }

        /// Renames the file over `path`; on failure the temporary file is removed and `path` is as it was.
        func commit() throws(WriteError) {
            func fail() -> WriteError {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                return .cannotWrite(path, reason)
            }
            guard !durable || fsync(descriptor) == 0 || errno == EINVAL else {
                let error = fail()
                close(descriptor)
                descriptor = -1
                throw error
            }
            let closed = close(descriptor)
            descriptor = -1
            guard closed == 0, rename(temporary, path) == 0 else { throw fail() }
        }

        /// Removes the temporary file; the file at `path` stays as it was.
        func discard() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            unlink(temporary)
        }
    }

    /// Writes every byte (write(2) may take fewer at a time); false on an error, with `errno` set.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    fileprivate static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    private static func writeNew(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        guard writeAll(bytes, to: descriptor) else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            unlink(path)
            throw .cannotWrite(path, reason)
        }
        guard fsync(descriptor) == 0 || errno == EINVAL, close(descriptor) == 0 else {
            unlink(path)
            throw .cannotWrite(path, String(cString: strerror(errno)))
        }
    }
}

/// Writes the follow-up documents into a folder, each file atomically.
public struct FollowUpWriter: Sendable {
    public init() {}

    public func write(_ documents: [FollowUpReport.Document], to folder: String) throws(WriteError) {
        try AtomicFile.makeFolder(folder)
        for document in documents {
            try AtomicFile.write(Array(document.markdown.utf8), to: ProjectLoader.join(folder, document.fileName))
        }
    }
}
