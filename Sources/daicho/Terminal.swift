import DaichoCore
import DaichoSite
import Foundation

/// What the terminal supports: colour only on a terminal and never with NO_COLOR.
enum Terminal {
    static func isTTY(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    static func useColor(_ descriptor: Int32) -> Bool {
        if let noColor = Environment.value("NO_COLOR"), !noColor.isEmpty { return false }
        if Environment.value("TERM") == "dumb" { return false }
        return isTTY(descriptor)
    }

    static func write(_ text: String, to handle: FileHandle = .standardOutput) {
        handle.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    /// Bytes to standard output as they are: no String round trip, no `Data` copy.
    static func write(bytes: [UInt8]) {
        write(pieces: [bytes])
    }

    /// Pieces written one after the other to standard output, as they are: no joined copy either
    /// (a national `analyze --json` is some sixty megabytes). Output that cannot be written (a full
    /// disk, a closed pipe whose signal is ignored) ends the command with status 2 and the reason:
    /// a report cut short must not pass for a whole one.
    static func write(pieces: [[UInt8]]) {
        for piece in pieces {
            let failure = piece.withUnsafeBytes { buffer -> Int32? in
                guard let base = buffer.baseAddress else { return nil }
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(STDOUT_FILENO, base + offset, buffer.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return written < 0 ? errno : EIO }
                    offset += written
                }
                return nil
            }
            if let failure {
                error("daicho: " + WriteError.cannotWrite(L("標準出力", "standard output"), String(cString: strerror(failure)))
                    .message(CLILanguage.current))
                exit(2)
            }
        }
    }

    static func error(_ text: String) {
        write(text, to: .standardError)
    }
}
