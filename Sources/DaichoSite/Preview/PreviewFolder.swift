import Foundation

/// Where `serve` writes the site it shows, with the same incremental rebuild as `daicho build`:
/// `preview/` in the project's cache folder, kept between runs so that starting again rebuilds
/// only what changed. When that folder cannot be had (the cache is off, the project is read-only,
/// or another `serve` of the same project holds it), a temporary folder removed at the end.
///
/// Held in memory instead, a 10,000-system site was a gigabyte, and every rebuild read and hashed
/// every ledger again.
final class PreviewFolder: Sendable {
    let path: String
    let isTemporary: Bool
    /// The open lock file while this process holds the cache's preview folder (-1 otherwise).
    private let lock: Int32

    init(cache: LedgerCacheStore?) {
        if let cache, let (path, lock) = Self.take(cache) {
            self.path = path
            self.lock = lock
            isTemporary = false
            return
        }
        path = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-preview-\(getpid())-\(UUID().uuidString)").path
        lock = -1
        isTemporary = true
    }

    /// The cache's preview folder and its lock, when this process is the only `serve` using it.
    private static func take(_ cache: LedgerCacheStore) -> (String, Int32)? {
        guard (try? cache.makeFolder()) != nil else { return nil }
        let lockPath = ProjectLoader.join(cache.directory, "preview.lock")
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        // Released by the kernel when the process ends, however it ends.
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return (ProjectLoader.join(cache.directory, "preview"), descriptor)
    }

    /// Gives the folder up: a temporary one is removed with the build's manifest beside it.
    func release() {
        if lock >= 0 { close(lock) }
        guard isTemporary else { return }
        try? FileManager.default.removeItem(atPath: path)
        BuildManifest.remove(for: path)
    }
}
