import Foundation

/// Stage durations on standard error when `DAICHO_TIMINGS` is set: for profiling, not for users.
public enum StageTimer {
    static let enabled = ProcessInfo.processInfo.environment["DAICHO_TIMINGS"] != nil

    /// The process's resident memory when the stage ended, as Linux reports it (blank elsewhere):
    /// which stage sets a large build's peak.
    static func memory() -> String {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return "" }
        return "(RSS " + line.dropFirst(6).trimmingCharacters(in: .whitespaces) + ")"
    }

    public static func report(_ stage: String, _ duration: Duration) {
        guard enabled else { return }
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        FileHandle.standardError.write(Data("timing: \(stage): \(milliseconds) ms \(memory())\n".utf8))
    }
}
