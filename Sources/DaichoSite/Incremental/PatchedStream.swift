import DaichoCore
import DaichoRender
import Foundation

/// A large file a rebuild writes a part at a time (an export of 50 MB is never gathered in
/// memory). While the new bytes are the old file's but for a few blocks, they become a patch of
/// that file (see `InPlacePatch`), written where it is or, for `serve`, into a copy renamed over
/// it; otherwise a new file is streamed beside it, hashed on the way, and renamed over it.
///
/// A patched file is not hashed again (hashing the 47 MB of the two exports was a thirtieth of a
/// one-ledger rebuild): see `InPlacePatch.identity(after:)`.
final class PatchedStream {
    let path: String
    /// The file as the last build left it.
    private let previous: PatchableFile?
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

    /// Whether a patch is written into the file where it is; else into a copy of it (`serve`).
    private let inPlace: Bool

    init(path: String, previous: PatchableFile?, inPlace: Bool = true) {
        self.path = path
        self.previous = previous
        self.inPlace = inPlace
        // The buffer lives as long as `previous`, which this value holds.
        patch = previous.map { file in file.bytes.withBytes { InPlacePatch(old: $0) } }
    }

    /// Ends the parts and gives what the manifest records: the old file's value when the bytes
    /// came out the same, one derived from it and the patch when they are a patch of it, else the
    /// hash of the bytes.
    func finish() throws(WriteError) -> UInt64 {
        if patch != nil, total != previous?.bytes.count {
            patch = nil
            try writeHeld()
        }
        guard let patch, let previous else { return digest.value }
        return patch.identity(after: previous.recorded)
    }

    func take(_ part: FilePart) throws {
        if var current = patch {
            patch = nil
            let fits = part.withBytes { current.add($0, at: total) }
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

    /// After `finish`: patches the old file when the new bytes are a patch of it and it is still
    /// the file that was mapped (in place, or a copy renamed over it); else renames the new file
    /// over it. True for a patch in place.
    @discardableResult
    func commit() throws(WriteError) -> Bool {
        if let patch, let previous, try patch.write(to: path, expecting: previous.stamp, inPlace: inPlace) { return inPlace }
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

    /// Writes the parts held for a patch into a new file, hashing them.
    private func writeHeld() throws(WriteError) {
        let stream = try open()
        for part in held {
            part.withBytes { digest.combine($0) }
            try stream.append(part)
        }
        held = []
        heldMade = 0
    }
}
