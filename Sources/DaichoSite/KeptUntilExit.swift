import Synchronization

/// Results left for the process exit to reclaim: releasing 10,000 ledgers and their analysis one
/// object at a time took longer than a one-ledger rebuild's writes, and an eighth of the CPU of a
/// `check --no-cache` of 10,000 ledgers. For commands that end when their work does, never for
/// `serve`.
public enum KeptUntilExit {
    private static let values = Mutex<[any Sendable]>([])

    public static func keep(_ value: any Sendable) {
        values.withLock { $0.append(value) }
    }
}
