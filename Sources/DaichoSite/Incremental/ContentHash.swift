import DaichoCore

/// FNV-1a, 64 bits: enough to tell whether a file changed between two builds.
enum ContentHash {
    static func of(_ bytes: [UInt8]) -> String { FNV.hex(FNV.hash64(bytes)) }

    static func of(_ parts: [String]) -> String {
        of(Array(parts.joined(separator: "\u{1F}").utf8))
    }
}
