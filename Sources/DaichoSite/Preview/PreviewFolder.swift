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
    /// Why the folder is a temporary one (nil for the cache's).
    let temporaryBecause: TemporaryReason?
    var isTemporary: Bool { temporaryBecause != nil }
    /// The open lock file while this process holds the cache's preview folder (-1 otherwise).
    private let lock: Int32

    enum TemporaryReason: Error, Sendable {
        case noCache, cannotWrite, anotherServe
    }

    init(cache: LedgerCacheStore?) {
        var reason = TemporaryReason.noCache
        if let cache {
            switch Self.take(cache) {
            case .success(let (path, lock)):
                self.path = path
                self.lock = lock
                temporaryBecause = nil
                return
            case .failure(let why):
                reason = why
            }
        }
        let temporary = FileManager.default.temporaryDirectory
        path = temporary.appendingPathComponent("\(Self.temporaryPrefix)\(getpid())-\(UUID().uuidString)").path
        lock = -1
        temporaryBecause = reason
        // Folders of `serve`s that ended without removing theirs (killed, or stopped by a second
        // Ctrl+C): a whole site each, removed on the side.
        let folder = temporary.path
        _ = Task.detached(priority: .background) { Self.removeLeftovers(in: folder) }
    }

    static let temporaryPrefix = "daicho-preview-"

    /// `daicho-preview-<pid>-…` folders, with the manifest and journal beside them, of processes
    /// that no longer run.
    static func removeLeftovers(in folder: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries {
            let name = entry.hasPrefix(".") ? String(entry.dropFirst()) : entry
            guard name.hasPrefix(temporaryPrefix) else { continue }
            guard OutputFolder.hasEnded(name.dropFirst(temporaryPrefix.count).prefix { $0.isASCII && $0.isNumber }) else { continue }
            try? FileManager.default.removeItem(atPath: ProjectLoader.join(folder, entry))
        }
    }

    /// The cache's preview folder and its lock, when this process is the only `serve` using it.
    private static func take(_ cache: LedgerCacheStore) -> Result<(String, Int32), TemporaryReason> {
        guard (try? cache.makeFolder()) != nil else { return .failure(.cannotWrite) }
        let lockPath = ProjectLoader.join(cache.directory, "preview.lock")
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return .failure(.cannotWrite) }
        // Released by the kernel when the process ends, however it ends.
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return .failure(.anotherServe)
        }
        return .success((ProjectLoader.join(cache.directory, "preview"), descriptor))
    }

    /// Gives the folder up: a temporary one is removed with the build's manifest beside it.
    func release() {
        if lock >= 0 { close(lock) }
        guard isTemporary else { return }
        try? FileManager.default.removeItem(atPath: path)
        BuildManifest.remove(for: path)
    }
}
