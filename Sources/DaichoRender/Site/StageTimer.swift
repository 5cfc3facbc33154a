import Foundation

/// Stage durations on standard error when `DAICHO_TIMINGS` is set: for profiling, not for users.
public enum StageTimer {
    static let enabled = ProcessInfo.processInfo.environment["DAICHO_TIMINGS"] != nil

    public static func report(_ stage: String, _ duration: Duration) {
        guard enabled else { return }
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        FileHandle.standardError.write(Data("timing: \(stage): \(milliseconds) ms\n".utf8))
    }
}
