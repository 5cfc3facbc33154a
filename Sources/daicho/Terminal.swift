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

    /// A line of text (a newline added where it has none).
    static func write(_ text: String, to descriptor: Int32 = STDOUT_FILENO) {
        write(pieces: [Array((text.hasSuffix("\n") ? text : text + "\n").utf8)], to: descriptor)
    }

    /// Bytes to standard output as they are: no String round trip, no `Data` copy.
    static func write(bytes: [UInt8]) {
        write(pieces: [bytes])
    }

    /// Pieces written one after the other, as they are: no joined copy either (a national
    /// `analyze --json` is some sixty megabytes). Standard output that cannot be written (a full
    /// disk, a closed pipe whose signal is ignored) ends the command with status 2 and the reason:
    /// a report cut short must not pass for a whole one. Standard error that cannot be written has
    /// no one to tell, and the command goes on. (`FileHandle.write` stopped the program instead.)
    static func write(pieces: [[UInt8]], to descriptor: Int32 = STDOUT_FILENO) {
        for piece in pieces {
            let failure = piece.withUnsafeBytes { buffer -> Int32? in
                guard let base = buffer.baseAddress else { return nil }
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    guard written > 0 else { return written < 0 ? errno : EIO }
                    offset += written
                }
                return nil
            }
            guard let failure else { continue }
            guard descriptor == STDOUT_FILENO else { return }
            error("daicho: " + WriteError.cannotWrite(L("標準出力", "standard output"), String(cString: strerror(failure)))
                .message(CLILanguage.current))
            exit(2)
        }
    }

    static func error(_ text: String) {
        write(text, to: STDERR_FILENO)
    }
}
