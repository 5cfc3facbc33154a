#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's environment variables, read one at a time with getenv(3):
/// `ProcessInfo.environment` copies every variable into a table first, and that was a
/// hundredth of a one-ledger rebuild, paid at the start of every command.
public enum Environment {
    public static func value(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
