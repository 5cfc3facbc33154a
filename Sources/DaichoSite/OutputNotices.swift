import DaichoCore
import Synchronization

/// What one build could not do tidily, for the command to say after it: files someone put into
/// the site that a full build left behind, and old sites it could not delete. One per build: two
/// lists of the process gathered every build's (a `serve` kept adding to them, and two builds in
/// one process read each other's).
public final class OutputNotices: Sendable {
    private struct Notes {
        var leftBehind: [String] = []
        var undeleted: [String] = []
    }

    private let notes = Mutex(Notes())

    public init() {}

    /// Paths relative to the site: see `OutputFolder.carryOver`.
    public var leftBehind: [String] { notes.withLock { $0.leftBehind } }
    /// Folders, each once, in byte order.
    public var undeleted: [String] { ByteOrder.sorted(Set(notes.withLock { $0.undeleted })) }

    func noteLeftBehind(_ paths: [String]) {
        notes.withLock { $0.leftBehind += paths }
    }

    func noteUndeleted(_ path: String) {
        notes.withLock { $0.undeleted.append(path) }
    }
}
