/// One output file of the site, in memory: its path under the site root and its bytes.
public struct RenderedPage: Sendable, Hashable {
    /// `systems/juki/index.html`; always relative, never `..`.
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
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
        var bytes: [UInt8] = []
        while let part = try next() { bytes += part }
        try await write([RenderedPage(path: path, bytes: bytes)])
        return bytes.count
    }
}
