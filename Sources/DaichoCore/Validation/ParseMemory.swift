import Synchronization

/// The parse results of the last check, kept by a command that checks the same folder again and
/// again (`serve`), so the next check takes each unchanged file's result from memory.
///
/// In `serve`, a one-ledger rebuild at 10,000 systems spent 60 of its 285 ms checking, most of it
/// decoding the other 9,999 ledgers from the parsed-ledger cache (37 ms with the memory). A result
/// is taken only for the same path with the same content hash (the key the cache uses too), so a
/// check with the memory gives exactly what one without it gives.
public final class ParseMemory: Sendable {
    struct Kept: Sendable {
        /// Sorted, as the checker lists the files.
        var paths: [String]
        var parsed: [Checker.Parsed]
    }

    private let kept = Mutex<Kept?>(nil)
    /// Above this many files nothing is kept: at national scale the results are hundreds of
    /// megabytes to hold between builds.
    public let limit: Int

    public init(limit: Int = 20_000) {
        self.limit = limit
    }

    /// The results kept for `paths` (sorted), by place, for the files whose content hash is the
    /// one given; the memory is emptied until `keep` (it is not held twice through a check).
    func take(for sources: [LedgerSource]) -> [Checker.Parsed?] {
        guard let kept = kept.withLock({ state -> Kept? in defer { state = nil }; return state }) else {
            return Array(repeating: nil, count: sources.count)
        }
        // The same files as last time (the usual case): matched by place, without a table.
        if kept.paths.count == sources.count && zip(kept.paths, sources).allSatisfy({ $0 == $1.path }) {
            return zip(kept.parsed, sources).map { Self.result($0, for: $1) }
        }
        var byPath: [String: Checker.Parsed] = [:]
        byPath.reserveCapacity(kept.paths.count)
        for (path, parsed) in zip(kept.paths, kept.parsed) { byPath[path] = parsed }
        return sources.map { Self.result(byPath[$0.path], for: $0) }
    }

    /// `parsed`, when it was made from the bytes `source` has now (a file without a hash never matches).
    private static func result(_ parsed: Checker.Parsed?, for source: LedgerSource) -> Checker.Parsed? {
        guard let parsed, let hash = source.hash, parsed.hash == hash else { return nil }
        return parsed
    }

    func keep(paths: [String], parsed: [Checker.Parsed]) {
        kept.withLock { $0 = paths.count <= limit ? Kept(paths: paths, parsed: parsed) : nil }
    }
}
