/// One output file of the site, in memory: its path under the site root and its bytes.
///
/// A large export is kept in parts, written one after another, so it is never copied into one
/// buffer (`systems.json` of 100,000 systems is 430 MB).
public struct RenderedPage: Sendable, Hashable {
    /// `systems/juki/index.html`; always relative, never `..`.
    public var path: String
    public var parts: [[UInt8]]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.parts = [bytes]
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }

    public init(path: String, parts: [[UInt8]]) {
        self.path = path
        self.parts = parts
    }

    /// The whole file in one buffer (a copy when it is in parts).
    public var bytes: [UInt8] { parts.count == 1 ? parts[0] : parts.reduce(into: []) { $0 += $1 } }

    public var count: Int { parts.reduce(0) { $0 + $1.count } }

    public static func == (lhs: RenderedPage, rhs: RenderedPage) -> Bool {
        lhs.path == rhs.path && lhs.parts.joined().elementsEqual(rhs.parts.joined())
    }

    /// Equal pages have equal paths and sizes; however the bytes are split into parts.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(count)
    }
}

/// Where rendered pages go: a folder on disk for `build`, memory for `serve` and tests.
public protocol PageSink: Sendable {
    func write(_ pages: [RenderedPage]) async throws

    /// Writes one large file from parts made one at a time (`next` returns nil at the end), so a
    /// sink that can append never holds the whole file. The default gathers the parts into one page.
    /// - Returns: the number of bytes written.
    func write(path: String, parts next: () throws -> [UInt8]?) async throws -> Int
}

extension PageSink {
    public func write(path: String, parts next: () throws -> [UInt8]?) async throws -> Int {
        var parts: [[UInt8]] = []
        while let part = try next() { parts.append(part) }
        let page = RenderedPage(path: path, parts: parts)
        try await write([page])
        return page.count
    }
}
