import DaichoCore
import DaichoRender
import Foundation

/// Writes into an existing site only the pages whose bytes changed, each file replaced atomically,
/// and removes the files a rebuild no longer makes; every other file keeps its inode and
/// modification time. Every change to the site goes through here, after `beforeFirstChange`.
final class InPlaceSink: PageSink, @unchecked Sendable {
    let root: String
    private let previous: OutputHashes
    private let lock = NSLock()
    private(set) var hashes = OutputHashes()
    private(set) var rewritten = 0
    /// The files with pieces (`Fragments.files`) this sink replaced, or found by their bytes to be
    /// the build's already: either way, the file now holds this build's bytes.
    private(set) var replacedPieceFiles: Set<String> = []
    /// Pages rendered again whose bytes came out as they were (noted for `DAICHO_TIMINGS` only):
    /// each is work a page key could have saved.
    private(set) var unchanged: [String] = []

    /// Files rewritten where they were, as patches (noted for `DAICHO_TIMINGS` only).
    private(set) var patched: [String] = []
    /// The files with pieces as the last build left them: one whose new bytes have the old length
    /// is patched rather than replaced.
    private var previousFiles: [String: PatchableFile] = [:]

    /// Run once, before the first file of the site changes (see `willChange`).
    private let beforeFirstChange: @Sendable () throws(WriteError) -> Void
    private var changing = false
    /// Set once a file of the site may have changed: written, removed, or about to be patched.
    private var touched = false

    /// Whether a file whose new bytes keep the old length may be patched where it is (see
    /// `SiteBuilder.patchesInPlace`); otherwise it is replaced, by a patched copy.
    private let patchesInPlace: Bool

    /// - Parameter beforeFirstChange: what must happen before the site stops being the one the
    ///   manifest describes (the rebuild removes the manifest).
    init(root: String, previous: OutputHashes, patchesInPlace: Bool = true,
         beforeFirstChange: @escaping @Sendable () throws(WriteError) -> Void = {}) {
        self.root = root
        self.previous = previous
        self.patchesInPlace = patchesInPlace
        self.beforeFirstChange = beforeFirstChange
    }

    /// Hands over the verified files with pieces; called before the first of them is written.
    func takePrevious(_ files: [String: StoredBytes], stamps: [String: FileStamp]) {
        lock.withLock {
            for (path, bytes) in files {
                guard let stamp = stamps[path], let recorded = previous[path] else { continue }
                previousFiles[path] = PatchableFile(bytes: bytes, stamp: stamp, recorded: recorded)
            }
        }
    }

    /// Whether the site has started to change (a file written or removed); not when the first
    /// write failed, which leaves the site as it was.
    var hasChanged: Bool { lock.withLock { touched } }

    /// Called before each change to the site (a file written or removed); the first call runs
    /// `beforeFirstChange`, and nothing is changed when that fails.
    private func willChange() throws(WriteError) {
        lock.lock()
        defer { lock.unlock() }
        guard !changing else { return }
        try beforeFirstChange()
        changing = true
    }

    /// Called when a file of the site may have changed: before a patch or a removal (which can stop
    /// part way), and by `wrote` after a whole file is replaced.
    private func didChange() {
        lock.withLock { touched = true }
    }

    /// A file of the site written anew or patched: counted, and stamped as the build's own when it
    /// has pieces.
    private func wrote(_ relative: String, patched: Bool) {
        lock.withLock {
            touched = true
            rewritten += 1
            if patched, StageTimer.enabled { self.patched.append(relative) }
            if Fragments.files.contains(relative) { replacedPieceFiles.insert(relative) }
        }
    }

    func write(_ pages: [RenderedPage]) async throws {
        for page in pages {
            guard OutputFolder.isSafe(page.path) else { throw WriteError.cannotWrite(page.path, "unsafe path") }
            let path = root + "/" + page.path
            if let (patch, stamp, recorded) = patch(for: page) {
                // A page with pieces of its old length: compared with the old file, not hashed.
                lock.withLock { hashes[page.path] = patch.identity(after: recorded) }
                if patch.runs.isEmpty {
                    if StageTimer.enabled { lock.withLock { unchanged.append(page.path) } }
                    continue
                }
                try willChange()
                // Some runs may be written before a failure.
                didChange()
                let written = try patch.write(to: path, expecting: stamp, inPlace: patchesInPlace)
                // A file changed since it was mapped is written whole; the value recorded still
                // names these bytes.
                if !written {
                    try AtomicFile.makeFolder(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
                    try AtomicFile.write(page.bytes, to: path, durable: false)
                }
                wrote(page.path, patched: written && patchesInPlace)
                continue
            }
            let hash = OutputHashes.recorded(page)
            lock.withLock { hashes[page.path] = hash }
            let asRecorded = isAsRecorded(page.path)
            if let recorded = previous[page.path], Self.holds(path, page.bytes, hash: hash, recorded: recorded, asRecorded: asRecorded) {
                lock.withLock {
                    if StageTimer.enabled { unchanged.append(page.path) }
                    // Compared byte for byte (not verified before): stamped as the build's own, so
                    // that a build with nothing changed does not compare it again.
                    if !asRecorded { replacedPieceFiles.insert(page.path) }
                }
                continue
            }
            try willChange()
            try AtomicFile.makeFolder(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
            try AtomicFile.write(page.bytes, to: path, durable: false)
            wrote(page.path, patched: false)
        }
    }

    /// The patch that turns the old file of a page with pieces into the page, with the file's
    /// stamp and recorded value: nil unless the old file was verified, has the page's length, and
    /// differs in at most the patch's limit.
    private func patch(for page: RenderedPage) -> (InPlacePatch, FileStamp, UInt64)? {
        guard let file = lock.withLock({ previousFiles[page.path] }), file.bytes.count == page.bytes.count else { return nil }
        // The patch keeps a pointer into the old bytes, which the sink holds until the build ends.
        let patch = file.bytes.withBytes { old in
            page.bytes.withUnsafeBytes { new -> InPlacePatch? in
                var patch = InPlacePatch(old: old)
                return patch.add(new, at: 0) ? patch : nil
            }
        }
        return patch.map { ($0, file.stamp, file.recorded) }
    }

    /// Whether the file at `relative` may be taken to be the bytes the last build recorded for it:
    /// any file but those with pieces (`Fragments.files`), which people open and save elsewhere
    /// (the CSV in Excel); those only once verified, by their stamp or hash (`takePrevious`).
    private func isAsRecorded(_ relative: String) -> Bool {
        !Fragments.files.contains(relative) || lock.withLock { previousFiles[relative] != nil }
    }

    /// True when the file at `path` already has `bytes`: when the hash the last build recorded is
    /// theirs and the file is taken to be what was recorded (`asRecorded`); otherwise when the
    /// file itself holds them (its size is looked at first). A page edited by hand is thereby
    /// written anew when it is rendered again.
    private static func holds(_ path: String, _ bytes: [UInt8], hash: UInt64, recorded: UInt64, asRecorded: Bool) -> Bool {
        if asRecorded, hash != OutputHashes.unrecorded, recorded != OutputHashes.unrecorded {
            return recorded == hash && FileManager.default.fileExists(atPath: path)
        }
        var status = stat()
        guard stat(path, &status) == 0, Int(status.st_size) == bytes.count, let old = FileBytes.read(path) else { return false }
        return old == bytes
    }

    /// Removes files of the site the build no longer makes, and a system's folder left empty.
    func remove(_ paths: [String]) throws(WriteError) {
        guard !paths.isEmpty else { return }
        try willChange()
        didChange()
        for path in paths {
            try? FileManager.default.removeItem(atPath: root + "/" + path)
            // A folder left empty goes too (a system's, a vendor's or a department's that no
            // ledger names any more), as a full build would not make it: rmdir(2) removes only
            // an empty folder, so the first one still in use ends the walk up.
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard rmdir(root + "/" + folder) == 0 else { break }
            }
        }
    }

    /// Writes a large file a part at a time (see `PatchedStream`); the old file is changed only
    /// when the bytes differ.
    func write(path relative: String, parts next: () throws -> FilePart?) async throws -> Int {
        guard OutputFolder.isSafe(relative) else { throw WriteError.cannotWrite(relative, "unsafe path") }
        let path = root + "/" + relative
        try AtomicFile.makeFolder(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
        let file = PatchedStream(path: path, previous: lock.withLock { previousFiles[relative] }, inPlace: patchesInPlace)
        let hash: UInt64
        do {
            while let part = try next() { try file.take(part) }
            hash = try file.finish()
        } catch {
            file.discard()
            throw error
        }
        lock.withLock { hashes[relative] = hash }
        // An export edited by hand is not what was recorded, even when the build's bytes are.
        if previous[relative] == hash, isAsRecorded(relative), FileManager.default.fileExists(atPath: path) {
            if StageTimer.enabled { lock.withLock { unchanged.append(relative) } }
            file.discard()
            return file.total
        }
        try willChange()
        // Patched where it is, the file may hold some new rows before a failure.
        didChange()
        wrote(relative, patched: try file.commit())
        return file.total
    }
}
