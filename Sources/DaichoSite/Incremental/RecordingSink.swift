import DaichoCore
import DaichoRender
import Foundation

/// Records every page on its way to another sink (a full build's staging folder), with the hash
/// of the streamed exports and of the files with pieces (`OutputHashes.recorded`).
final class RecordingSink: PageSink, @unchecked Sendable {
    private let inner: PageSink
    private let lock = NSLock()
    private(set) var hashes = OutputHashes()

    init(_ inner: PageSink) {
        self.inner = inner
    }

    func write(_ pages: [RenderedPage]) async throws {
        let computed = pages.map { ($0.path, OutputHashes.recorded($0)) }
        lock.withLock { for (path, hash) in computed { hashes[path] = hash } }
        try await inner.write(pages)
    }

    /// Hashes the parts on their way through (the digest of parts equals that of one buffer).
    func write(path: String, parts next: () throws -> FilePart?) async throws -> Int {
        var hasher = Digest64()
        let count = try await inner.write(path: path) {
            guard let part = try next() else { return nil }
            part.withBytes { hasher.combine($0) }
            return part
        }
        let value = hasher.value
        lock.withLock { hashes[path] = value }
        return count
    }
}
