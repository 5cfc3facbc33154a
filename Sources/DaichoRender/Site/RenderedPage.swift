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
    func write(path: String, parts next: () throws -> FilePart?) async throws -> Int
}

extension PageSink {
    public func write(path: String, parts next: () throws -> FilePart?) async throws -> Int {
        var bytes: [UInt8] = []
        while let part = try next() { part.withBytes { bytes.append(contentsOf: $0) } }
        try await write([RenderedPage(path: path, bytes: bytes)])
        return bytes.count
    }
}

/// A part of a large file: bytes made for it, or bytes of the file the last build wrote, which a
/// sink writes from where they are (valid while the render that handed them out lasts). Copying
/// the unchanged systems of a 43 MB export into new buffers first was most of writing it again.
public enum FilePart {
    case made([UInt8])
    case kept(UnsafeRawBufferPointer)

    public var count: Int {
        switch self {
        case .made(let bytes): bytes.count
        case .kept(let bytes): bytes.count
        }
    }

    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch self {
        case .made(let bytes): try bytes.withUnsafeBytes(body)
        case .kept(let bytes): try body(bytes)
        }
    }
}
