import DaichoCore
import Foundation

/// Writes the follow-up documents into a folder, each file atomically, and removes the files an
/// earlier run wrote there for departments that are gone.
public struct FollowUpWriter: Sendable {
    public init() {}

    /// The files of an earlier run whose departments are gone.
    public struct Outcome: Sendable {
        /// Removed: written by an earlier run (its `index.md` records them) and unchanged since.
        public var removed: [String] = []
        /// Kept, changed since they were written (a clerk's notes, perhaps).
        public var changed: [String] = []
        /// Kept, listed by an index written before the record was kept: whether they were changed cannot be told.
        public var unrecorded: [String] = []
        /// Kept, as they could not be removed: each with the system's reason.
        public var undeletable: [(name: String, reason: String)] = []
    }

    public func write(_ documents: [FollowUpReport.Document], to folder: String) throws(WriteError) -> Outcome {
        try AtomicFile.makeFolder(folder)
        // Read before it is replaced: what the last run wrote.
        let written = FileBytes.read(ProjectLoader.join(folder, "index.md"), followingLinks: false)
            .map { FollowUpReport.writtenFiles(inIndex: String(decoding: $0, as: UTF8.self)) } ?? [:]
        // The departments' files first: then a name of the last run's that this run wrote in
        // another case is known by its file, the same one where case is not told apart (and a file
        // of its own where it is). The index, with the record of what was kept, last.
        let index = documents.first { $0.fileName == "index.md" }
        for document in documents where document.fileName != "index.md" {
            try AtomicFile.write(Array(document.markdown.utf8), to: ProjectLoader.join(folder, document.fileName))
        }
        let current = Set(documents.map(\.fileName))
        let byLowercase = Dictionary(documents.map { ($0.fileName.lowercased(), $0.fileName) }, uniquingKeysWith: { first, _ in first })
        var outcome = Outcome()
        var stale: [String] = []
        for (name, hash) in written.sorted(by: { $0.key < $1.key }) where !current.contains(name) {
            let path = ProjectLoader.join(folder, name)
            if let other = byLowercase[name.lowercased()], Self.sameFile(path, ProjectLoader.join(folder, other)) { continue }
            // Only a regular file (not a link, not a folder) holding the bytes written is removed.
            guard let bytes = FileBytes.read(path, followingLinks: false) else { continue }
            switch hash {
            case .hash(let hash) where FNV.hash64(bytes) == hash: stale.append(name)
            case .hash, .kept: outcome.changed.append(name)
            case .unrecorded: outcome.unrecorded.append(name)
            }
        }
        // The files kept stay in the new record, without a hash: the next run warns of them again,
        // for the same reason (and never removes them), rather than forgetting them once warned of.
        if let index {
            let markdown = FollowUpReport.recording(changed: outcome.changed, unrecorded: outcome.unrecorded, in: index.markdown)
            try AtomicFile.write(Array(markdown.utf8), to: ProjectLoader.join(folder, "index.md"))
        }
        for name in stale {
            let path = ProjectLoader.join(folder, name)
            if unlink(path) == 0 {
                outcome.removed.append(name)
            } else if errno != ENOENT {
                outcome.undeletable.append((name, String(cString: strerror(errno))))
            }
        }
        return outcome
    }

    /// Whether two paths name one file (one name in two cases, where case is not told apart).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var first = stat(), second = stat()
        guard lstat(a, &first) == 0, lstat(b, &second) == 0 else { return false }
        return first.st_dev == second.st_dev && first.st_ino == second.st_ino
    }
}
