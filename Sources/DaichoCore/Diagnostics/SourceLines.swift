import Foundation

/// The text of source lines, for the snippet under each diagnostic.
///
/// Lines end at LF, a CR before it is dropped. (The file split as a `String` on "\n" kept CRLF
/// files whole: "\r\n" is one character, so their diagnostics had no snippet.) Where each line
/// starts is found once per file: looked for from the top for every diagnostic, 9,000
/// diagnostics in a file of a million bytes took seconds. One file is held at a time: the
/// diagnostics come file by file, and holding every file with a diagnostic was the whole
/// inventory again for a national one.
public struct SourceLines {
    private let bytes: (String) -> [UInt8]?
    private var file: (path: String, bytes: [UInt8], starts: [Int])?

    /// The lines of the files the check read.
    public init(_ source: ProjectSource) {
        let ledgers = Dictionary(source.ledgers.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        bytes = { path in path == source.projectFilePath ? source.projectFile : ledgers[path]?.bytes }
    }

    /// The lines of files as `bytes` gives them (`serve` reads them again from the disk).
    public init(bytes: @escaping (String) -> [UInt8]?) {
        self.bytes = bytes
    }

    /// The file at `path`, read and indexed unless it is the one held.
    private mutating func lines(of path: String) -> (bytes: [UInt8], starts: [Int])? {
        if let file, file.path == path { return (file.bytes, file.starts) }
        guard let bytes = bytes(path) else { return nil }
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        file = (path, bytes, starts)
        return (bytes, starts)
    }

    /// Longer lines are left without a snippet (and are never decoded: 4 bytes a character at most).
    public static let longest = 200

    public mutating func line(_ location: SourceLocation) -> String? {
        guard let file = lines(of: location.file), location.line >= 1, location.line <= file.starts.count else { return nil }
        let content = file.bytes, start = file.starts[location.line - 1]
        guard start <= content.count else { return nil }
        var end = location.line < file.starts.count ? file.starts[location.line] - 1 : content.count
        if end > start, content[end - 1] == 0x0D { end -= 1 }
        guard end - start <= 4 * Self.longest, let line = String(validating: content[start..<end], as: UTF8.self) else { return nil }
        return line.count > Self.longest ? nil : line
    }
}
