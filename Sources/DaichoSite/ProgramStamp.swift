import Foundation

/// This build of Daicho, as its program file says (path, size, time): what the parsed-ledger cache
/// and the build manifest were made by. Another program may read ledgers or write pages
/// differently, so neither is trusted across programs.
public enum ProgramStamp {
    public static let current: String = {
        let executable = "/proc/self/exe"
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: executable)) ?? CommandLine.arguments.first ?? ""
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let size = (attributes?[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return "\(path)|\(size)|\(modified)"
    }()
}
