import DaichoCore
import DaichoRender
import Foundation

/// A large file a rebuild writes a part at a time (an export of 50 MB is never gathered in
/// memory), hashed on the way. While the new bytes are the old file's but for a few blocks, they
/// become a patch of that file (see `InPlacePatch`); otherwise a new file is streamed beside it
/// and renamed over it.
final class PatchedStream {
    let path: String
    /// The file as the last build left it, with its stamp when it was mapped.
    private let previous: (bytes: StoredBytes, stamp: FileStamp)?
    private var patch: InPlacePatch?
    /// The parts taken while the patch holds, written out whole if it does not in the end. Parts
    /// copied from the old file are pointers into it; the made ones count against `heldLimit`.
    private var held: [FilePart] = []
    private var heldMade = 0
    private let heldLimit = 8 << 20
    private var stream: AtomicFile.Stream?
    private var digest = Digest64()
    private(set) var total = 0

    private static let slice = 128 << 10

    init(path: String, previous: (bytes: StoredBytes, stamp: FileStamp)?) {
        self.path = path
        self.previous = previous
        // The buffer lives as long as `previous`, which this value holds.
        patch = previous.map { file in file.bytes.withBytes { InPlacePatch(old: $0) } }
    }

    var hash: UInt64 { digest.value }

    func take(_ part: FilePart) throws {
        if var current = patch {
            patch = nil
            let fits = part.withBytes { bytes in
                digest.combine(bytes)
                return current.add(bytes, at: total)
            }
            if case .made(let bytes) = part { heldMade += bytes.count }
            total += part.count
            held.append(part)
            if fits, heldMade <= heldLimit {
                patch = current
            } else {
                try writeHeld()
            }
            return
        }
        let stream = try open()
        // Hashed and written a slice at a time: a part of several megabytes (a run of unchanged
        // systems copied from the last export) was read from memory twice, once to hash it and
        // once to write it; a slice is still in the processor's cache.
        try part.withBytes { bytes in
            var start = 0
            while start < bytes.count {
                let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<min(start + Self.slice, bytes.count)])
                digest.combine(slice)
                try stream.append(slice)
                start += slice.count
            }
        }
        total += part.count
    }

    /// Patches the old file when the new bytes are a patch of it and it is still the file that was
    /// mapped; else renames the new file over it. True for a patch.
    @discardableResult
    func commit() throws(WriteError) -> Bool {
        if let patch, let previous, total == previous.bytes.count {
            if try patch.apply(to: path, expecting: previous.stamp) { return true }
        }
        self.patch = nil
        try writeHeld()
        try open().commit()
        return false
    }

    /// Leaves the file as it was.
    func discard() {
        stream?.discard()
        stream = nil
    }

    private func open() throws(WriteError) -> AtomicFile.Stream {
        if let stream { return stream }
        let made = try AtomicFile.Stream(replacing: path, durable: false)
        stream = made
        return made
    }

    /// Writes the parts held for a patch into a new file (they are hashed already).
    private func writeHeld() throws(WriteError) {
        let stream = try open()
        for part in held { try stream.append(part) }
        held = []
        heldMade = 0
    }
}
