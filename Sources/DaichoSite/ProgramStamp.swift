import Foundation

/// This build of Daicho, as its program file says (path, size, time): what the parsed-ledger cache
/// and the build manifest were made by. Another program may read ledgers or write pages
/// differently, so neither is trusted across programs.
public enum ProgramStamp {
    /// The program file's path: as the kernel knows it, not as it was typed (`daicho` from the PATH
    /// names no folder).
    public static let path: String = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        ?? CommandLine.arguments.first ?? ""

    public static let current: String = {
        let path = Self.path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path)|\(size)|\(modified)"
    }()
}
