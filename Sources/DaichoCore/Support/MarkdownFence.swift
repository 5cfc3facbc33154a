/// A fenced code block as CommonMark reads it, line by line: three or more backticks or tildes, at
/// most three spaces in, open one (a backtick fence's info string holds no backtick); a run of
/// the same character at least as long, followed by spaces alone, closes it. Known once, for every
/// pass that must leave code alone (a ledger's headings moved down, a draft's comments taken out).
public struct MarkdownFence: Equatable, Sendable {
    public let mark: UInt8
    public let length: Int

    /// The fence `line` (without its line break) opens, if it opens one.
    public static func opened<Line: Collection<UInt8>>(by line: Line) -> MarkdownFence? {
        guard let (mark, length, rest) = run(line) else { return nil }
        if mark == backtick, rest.contains(backtick) { return nil }
        return MarkdownFence(mark: mark, length: length)
    }

    /// Whether `line` (without its line break) closes this fence.
    public func isClosed<Line: Collection<UInt8>>(by line: Line) -> Bool {
        guard let (mark, length, rest) = Self.run(line) else { return false }
        return mark == self.mark && length >= self.length && rest.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }

    private static func run<Line: Collection<UInt8>>(_ line: Line) -> (mark: UInt8, length: Int, rest: Line.SubSequence)? {
        let body = line.drop { $0 == 0x20 }
        guard line.count - body.count < 4, let mark = body.first, mark == backtick || mark == tilde else { return nil }
        let length = body.prefix { $0 == mark }.count
        guard length >= 3 else { return nil }
        return (mark, length, body.dropFirst(length))
    }

    private static let backtick = UInt8(ascii: "`"), tilde = UInt8(ascii: "~")
}
