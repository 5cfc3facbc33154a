import Foundation

/// Which start of the machine this is (Linux's boot id, new at every start; empty where the
/// kernel does not tell).
///
/// Pages reach the disk some seconds after a build writes them. A power cut in between leaves
/// files that are empty or cut short, which the manifest still vouches for, and a rebuild would
/// keep them until their inputs changed. The build manifest is trusted only by the start that
/// wrote it: the first build after a restart, clean or not, is a full one. That costs a few
/// seconds once a day at national scale, and no `fsync` of 70,000 files at every build.
enum MachineBoot {
    static let id: String = {
        guard let bytes = FileManager.default.contents(atPath: "/proc/sys/kernel/random/boot_id") else { return "" }
        return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }()
}
