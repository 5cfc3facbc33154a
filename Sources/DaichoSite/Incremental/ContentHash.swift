import DaichoCore

/// `Digest64` in hex: enough to tell whether a file changed between two builds.
enum ContentHash {
    static func of(_ bytes: [UInt8]) -> String { Digest64.text(Digest64.hash(bytes)) }

    static func of(_ parts: [String]) -> String {
        of(Array(parts.joined(separator: "\u{1F}").utf8))
    }
}
