import DaichoCore
import DaichoRender
import Foundation

/// Where a file's new bytes differ from the ones it holds, for new bytes of the old length.
///
/// A one-ledger rebuild changes a row or two of each large export, and a cost moved by a few yen
/// keeps its length: writing those rows where they are, instead of the whole file again (56 MB at
/// 10,000 systems), spares the copy, the new file's pages and the old one's release.
struct InPlacePatch {
    /// The file as the last build left it (mapped; see `FileBytes.map`).
    let old: UnsafeRawBufferPointer
    /// Offsets in the file, each with the new bytes from there on.
    private(set) var runs: [(offset: Int, bytes: [UInt8])] = []
    /// How many new bytes the runs hold, at most `limit`.
    private(set) var size = 0
    /// Beyond this many changed bytes the file is written anew: a patch of megabytes saves little
    /// and keeps them all in memory until the end of the file.
    let limit: Int

    /// Bytes are compared in blocks of this size, and a differing block is written whole.
    static let block = 4096

    init(old: UnsafeRawBufferPointer, limit: Int = 4 << 20) {
        self.old = old
        self.limit = limit
    }

    /// Takes the new bytes `new` at `offset`, keeping the blocks where they differ from the old
    /// ones; false when the patch cannot hold them (they run past the old end, or past `limit`).
    mutating func add(_ new: UnsafeRawBufferPointer, at offset: Int) -> Bool {
        guard offset >= 0, new.count <= old.count - offset else { return false }
        guard let newBase = new.baseAddress, let oldBase = old.baseAddress else { return true }
        // Bytes copied from the old file into their own place are the same bytes.
        if newBase == oldBase + offset { return true }
        var start = 0
        while start < new.count {
            let end = min(start + Self.block, new.count)
            if memcmp(newBase + start, oldBase + offset + start, end - start) != 0 {
                size += end - start
                guard size <= limit else { return false }
                let bytes = UnsafeRawBufferPointer(rebasing: new[start..<end])
                if let last = runs.indices.last, runs[last].offset + runs[last].bytes.count == offset + start {
                    runs[last].bytes += bytes
                } else {
                    runs.append((offset + start, Array(bytes)))
                }
            }
            start = end
        }
        return true
    }

    /// What the manifest records for the patched file, given what it recorded for the old one:
    /// that value when nothing differs, else one derived from it and the runs. It names the new
    /// bytes as well as their hash would (the old value named the old bytes), without reading the
    /// unchanged rest of the file; but it is not their hash, so a file whose stamp later changes
    /// cannot be verified by hashing it (`SiteBuilder.reusableFiles`), and is rendered whole.
    func identity(after recorded: UInt64) -> UInt64 {
        guard !runs.isEmpty else { return recorded }
        var derived = Digest64()
        withUnsafeBytes(of: recorded.littleEndian) { derived.combine($0) }
        for run in runs {
            withUnsafeBytes(of: UInt64(run.offset).littleEndian) { derived.combine($0) }
            withUnsafeBytes(of: UInt64(run.bytes.count).littleEndian) { derived.combine($0) }
            derived.combine(run.bytes)
        }
        return derived.value
    }

    /// Writes the runs into the file at `path`, when it is still the file `stamp` describes; false
    /// (nothing written) when it is not, and the caller writes the file anew.
    func apply(to path: String, expecting stamp: FileStamp) throws(WriteError) -> Bool {
        // Never through a symbolic link: a replaced file is written anew, link and all, by a rename.
        let descriptor = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return false }
        var status = stat()
        // Nor into a file with other names: a backup made with hard links (`cp -al`, `rsync
        // --link-dest`) shares its bytes, and would change with the site.
        guard fstat(descriptor, &status) == 0, status.st_nlink == 1, FileStamp(status) == stamp else {
            close(descriptor)
            return false
        }
        for run in runs {
            let written = run.bytes.withUnsafeBytes { bytes in
                var done = 0
                while done < bytes.count, let base = bytes.baseAddress {
                    let count = pwrite(descriptor, base + done, bytes.count - done, off_t(run.offset + done))
                    if count < 0, errno == EINTR { continue }
                    guard count > 0 else { return false }
                    done += count
                }
                return true
            }
            guard written else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw .cannotWrite(path, reason)
            }
        }
        guard close(descriptor) == 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        return true
    }
}

extension InPlacePatch {
    /// Writes the patch into the file at `path` where it is (`inPlace`, see
    /// `SiteBuilder.patchesInPlace`) or as a patched copy renamed over it; false (nothing written)
    /// when the file is no longer the one `stamp` describes, and the caller writes it anew.
    func write(to path: String, expecting stamp: FileStamp, inPlace: Bool) throws(WriteError) -> Bool {
        inPlace ? try apply(to: path, expecting: stamp) : try write(over: path, expecting: stamp)
    }

    /// Writes the old bytes with the runs in them into a new file renamed over the one at `path`,
    /// when that is still the file `stamp` describes; false (nothing written) when it is not.
    /// For `serve`, whose readers must keep the old bytes: the copy is made from the mapped file
    /// by the kernel's write, with nothing rendered, hashed or compared again.
    func write(over path: String, expecting stamp: FileStamp) throws(WriteError) -> Bool {
        guard FileStamp(path: path) == stamp else { return false }
        let stream = try AtomicFile.Stream(replacing: path, durable: false)
        do {
            var position = 0
            for run in runs {
                try stream.append(UnsafeRawBufferPointer(rebasing: old[position..<run.offset]))
                try stream.append(run.bytes)
                position = run.offset + run.bytes.count
            }
            try stream.append(UnsafeRawBufferPointer(rebasing: old[position...]))
            try stream.commit()
        } catch {
            stream.discard()
            throw error
        }
        return true
    }
}

/// A file as the last build left it, which a patch may change: its bytes (mapped and checked
/// against the manifest), its stamp when it was mapped, and the value the manifest recorded for it.
struct PatchableFile {
    let bytes: StoredBytes
    let stamp: FileStamp
    let recorded: UInt64
}
