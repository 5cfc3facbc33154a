/// One ledger file, as the loader found it: its path, and a way to read its bytes.
public struct LedgerSource: Sendable {
    /// The path diagnostics show (`inventory/juki.yaml`, or `city/inventory/juki.yaml` run from
    /// the folder above): relative to the folder the command runs in.
    public var path: String
    /// The path inside the project folder (`inventory/juki.yaml`) however the command was run:
    /// what the parsed-ledger cache knows the file by.
    public var key: String
    public var stem: String

    /// A ledger file's name without `.yaml` or `.yml` (any case): what its id must be. The
    /// name alone, however deep the path (`inventory/a.v1.yaml` is `a.v1`).
    public static func stem(of file: String) -> String {
        // Run for each of 100,000 names as the folder is listed: bytes compared, no splitting into
        // components and no lowercased copy of each name.
        let name = file.utf8.lastIndex(of: UInt8(ascii: "/")).map { file[file.utf8.index(after: $0)...] } ?? file[...]
        return String(name[..<name.utf8.index(name.utf8.endIndex, offsetBy: -extensionLength(name))])
    }

    private static let yaml = Array(".yaml".utf8), yml = Array(".yml".utf8)

    /// How many bytes of `name` are its `.yaml` or `.yml` (any case; 0 for neither). The
    /// extensions are ASCII, and no other character lowercases to their letters, so comparing the
    /// last bytes in ASCII case is the same as comparing the lowercased name's end.
    public static func extensionLength(_ name: Substring) -> Int {
        let bytes = name.utf8
        func endsWith(_ suffix: [UInt8]) -> Bool {
            guard bytes.count >= suffix.count else { return false }
            var index = bytes.index(bytes.endIndex, offsetBy: -suffix.count)
            for wanted in suffix {
                let byte = bytes[index]
                let folded: UInt8 = (0x41...0x5A).contains(byte) ? byte | 0x20 : byte
                guard folded == wanted else { return false }
                index = bytes.index(after: index)
            }
            return true
        }
        return endsWith(Self.yaml) ? 5 : endsWith(Self.yml) ? 4 : 0
    }
    /// The `Digest64` of the bytes, when the caller has read them already: the checker then
    /// reads the file only if the cache has no result for that hash.
    public var hash: UInt64?
    /// Reads the file when its bytes are needed, so a large inventory is never held in memory
    /// as text all at once (the loader injects the reading; this library does no I/O itself).
    private let load: @Sendable () -> [UInt8]?
    private var stamping: (@Sendable () -> [UInt8]?)?
    /// Why the file at a path cannot be read, asked only when it could not be (the loader knows
    /// the storage). A function of the path, not a closure holding it: one fewer allocation for
    /// each of a national inventory's ledgers.
    public private(set) var whyUnreadable: (@Sendable (String) -> LocalizedText?)?

    public init(path: String, stem: String, bytes: [UInt8]) {
        self.path = path
        key = path
        self.stem = stem
        self.load = { bytes }
        stamping = nil
    }

    /// - Parameter stamp: what the storage says of the file now (its size, identity and times, as
    ///   opaque bytes) when it has not changed for a while, nil otherwise: a cache entry made with the
    ///   same stamp is taken without reading the file.
    /// - Parameter key: the path inside the project folder, when `path` is not (see `key`).
    /// - Parameter whyUnreadable: the reason, when `load` gives nothing.
    public init(path: String, key: String? = nil, stem: String, load: @escaping @Sendable () -> [UInt8]?,
                stamp: (@Sendable () -> [UInt8]?)? = nil, whyUnreadable: (@Sendable (String) -> LocalizedText?)? = nil) {
        self.path = path
        self.key = key ?? path
        self.stem = stem
        self.load = load
        stamping = stamp
        self.whyUnreadable = whyUnreadable
    }

    /// The bytes, or nil when the file can no longer be read.
    public func read() -> [UInt8]? { load() }

    /// The file's stamp now, nil when there is none to trust (see `init`).
    public func stamp() -> [UInt8]? { stamping?() }

    /// This file with its stamp taken already (a caller that needed it for itself).
    public func stamped(_ stamp: [UInt8]?) -> LedgerSource {
        var stamped = self
        stamped.stamping = { stamp }
        return stamped
    }

    /// The bytes, empty when unreadable.
    public var bytes: [UInt8] { load() ?? [] }
}

/// Everything read from a project folder, before any checking.
public struct ProjectSource: Sendable {
    public var projectFilePath: String
    /// Nil when there is no `daicho.yaml`.
    public var projectFile: [UInt8]?
    public var ledgers: [LedgerSource]
    /// Problems met while reading the folder (unreadable files).
    public var diagnostics: [Diagnostic]
    /// Told the paths of the ledgers in the order they are about to be read, so the loader can ask
    /// the storage for them ahead (nil when there is nothing to gain, as in memory).
    public var readAhead: (@Sendable ([String]) -> Void)?

    public init(projectFilePath: String, projectFile: [UInt8]?, ledgers: [LedgerSource], diagnostics: [Diagnostic] = [],
                readAhead: (@Sendable ([String]) -> Void)? = nil) {
        self.projectFilePath = projectFilePath
        self.projectFile = projectFile
        self.ledgers = ledgers
        self.diagnostics = diagnostics
        self.readAhead = readAhead
    }

    /// What comes before `inventory/` in the ledgers' paths: "" when the command runs in the
    /// project folder, `city/` or `/srv/city/` otherwise.
    public var folder: String {
        let name = "daicho.yaml"
        return projectFilePath.hasSuffix(name) ? String(projectFilePath.dropLast(name.count)) : ""
    }
}
