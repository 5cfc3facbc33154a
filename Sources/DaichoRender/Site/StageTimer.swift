import DaichoCore
import Foundation

/// Stage durations on standard error when `DAICHO_TIMINGS` is set: for profiling, not for users.
public enum StageTimer {
    public static let enabled = Environment.value("DAICHO_TIMINGS") != nil

    /// The process's resident memory when the stage ended, as Linux reports it (blank elsewhere):
    /// which stage sets a large build's peak.
    static func memory() -> String {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return "" }
        return "(RSS " + line.dropFirst(6).trimmingCharacters(in: .whitespaces) + ")"
    }

    /// The process's CPU time so far (user and system, all threads), in milliseconds: the CPU
    /// between two reports against their wall time shows how busy the cores were in a stage.
    static func cpu() -> Int {
        var usage = rusage()
        #if os(Linux)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000
    }

    /// A note without a duration (what a stage found).
    public static func note(_ text: @autoclosure () -> String) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("timing: \(text())\n".utf8))
    }

    public static func report(_ stage: String, _ duration: Duration) {
        guard enabled else { return }
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        FileHandle.standardError.write(Data("timing: \(stage): \(milliseconds) ms \(memory()) (CPU so far \(cpu()) ms)\n".utf8))
    }
}
