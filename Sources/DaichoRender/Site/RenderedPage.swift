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
}
