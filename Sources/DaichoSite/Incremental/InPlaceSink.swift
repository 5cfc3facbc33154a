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
    /// The files with pieces (`Fragments.files`) this sink replaced.
    private(set) var replacedPieceFiles: Set<String> = []
    /// Pages rendered again whose bytes came out as they were (noted for `DAICHO_TIMINGS` only):
    /// each is work a page key could have saved.
    private(set) var unchanged: [String] = []

    /// Run once, before the first file of the site changes (see `willChange`).
    private let beforeFirstChange: @Sendable () -> Void
    private var changing = false

    /// - Parameter beforeFirstChange: what must happen before the site stops being the one the
    ///   manifest describes (the rebuild removes the manifest).
    init(root: String, previous: OutputHashes, beforeFirstChange: @escaping @Sendable () -> Void = {}) {
        self.root = root
        self.previous = previous
        self.beforeFirstChange = beforeFirstChange
    }

    /// Called before each change to the site (a file written or removed); the first call runs
    /// `beforeFirstChange`.
    private func willChange() {
        lock.withLock {
            guard !changing else { return }
            changing = true
            beforeFirstChange()
        }
    }

    func write(_ pages: [RenderedPage]) async throws {
        for page in pages {
            guard OutputFolder.isSafe(page.path) else { throw WriteError.cannotWrite(page.path, "unsafe path") }
            let hash = OutputHashes.recorded(page)
            lock.withLock { hashes[page.path] = hash }
            let path = root + "/" + page.path
            if let recorded = previous[page.path], Self.holds(path, page.bytes, hash: hash, recorded: recorded) {
                if StageTimer.enabled { lock.withLock { unchanged.append(page.path) } }
                continue
            }
            willChange()
            try AtomicFile.makeFolder(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
            try AtomicFile.write(page.bytes, to: path, durable: false)
            lock.withLock {
                rewritten += 1
                if Fragments.files.contains(page.path) { replacedPieceFiles.insert(page.path) }
            }
        }
    }

    /// True when the file at `path` already has `bytes`: for a file with pieces, when the hash the
    /// last build recorded is theirs; for any other page, when the file itself holds them (its size
    /// is looked at first). A page edited by hand is thereby written anew when it is rendered again.
    private static func holds(_ path: String, _ bytes: [UInt8], hash: UInt64, recorded: UInt64) -> Bool {
        if hash != OutputHashes.unrecorded, recorded != OutputHashes.unrecorded {
            return recorded == hash && FileManager.default.fileExists(atPath: path)
        }
        var status = stat()
        guard stat(path, &status) == 0, Int(status.st_size) == bytes.count, let old = FileBytes.read(path) else { return false }
        return old == bytes
    }

    /// Removes files of the site the build no longer makes, and a system's folder left empty.
    func remove(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        willChange()
        for path in paths {
            try? FileManager.default.removeItem(atPath: root + "/" + path)
            if let id = SiteBuilder.systemID(of: path) {
                let folder = root + "/systems/" + id
                if (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true {
                    try? FileManager.default.removeItem(atPath: folder)
                }
            }
        }
    }

    private static let slice = 128 << 10

    /// Streams a large file into a temporary file beside it, hashing on the way; the old file is
    /// replaced only when the bytes differ (an export of 50 MB is never gathered in memory).
    func write(path relative: String, parts next: () throws -> FilePart?) async throws -> Int {
        guard OutputFolder.isSafe(relative) else { throw WriteError.cannotWrite(relative, "unsafe path") }
        let path = root + "/" + relative
        try AtomicFile.makeFolder(String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]))
        let stream = try AtomicFile.Stream(replacing: path, durable: false)
        var digest = Digest64()
        var total = 0
        do {
            while let part = try next() {
                // Hashed and written a slice at a time: a part of several megabytes (a run of
                // unchanged systems copied from the last export) was read from memory twice, once
                // to hash it and once to write it; a slice is still in the processor's cache.
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
        } catch {
            stream.discard()
            throw error
        }
        let hash = digest.value
        lock.withLock { hashes[relative] = hash }
        if previous[relative] == hash, FileManager.default.fileExists(atPath: path) {
            if StageTimer.enabled { lock.withLock { unchanged.append(relative) } }
            stream.discard()
            return total
        }
        willChange()
        try stream.commit()
        lock.withLock {
            rewritten += 1
            if Fragments.files.contains(relative) { replacedPieceFiles.insert(relative) }
        }
        return total
    }
}
