import DaichoCore
import Synchronization

/// What a rebuild may reuse from the last build: where each system's piece sits in the files
/// written a system at a time, and the input keys of pages keyed on their inputs
/// (`SiteContext.pageInputKeys`).
///
/// Pieces: each system's part of the exports (`data/systems.json`, `data/systems.csv`) and its row
/// of the systems list and of the maintenance table, so an incremental rebuild copies the pieces
/// of unchanged systems from the previous file instead of writing them again (at 10,000 systems
/// the exports were four fifths of a one-ledger rebuild, the list a fifth of what was left).
///
/// A piece depends on what its key covers (the ledger's bytes; for a list row, its department's
/// address too) and on what the build fingerprint covers (profile, policy, templates, Daicho
/// itself): per-system analysis (gaps, maintenance flag) reads nothing else.
public struct Fragments: Sendable, Equatable {
    public struct Piece: Sendable, Equatable, BinaryRecord {
        /// What the piece was written from (the ledger file's hash, for a list row with its
        /// department's address).
        public var key: String
        public var offset: Int
        public var length: Int

        public init(key: String, offset: Int, length: Int) {
            self.key = key
            self.offset = offset
            self.length = length
        }

        public func write(to writer: inout BinaryWriter) {
            writer.put(key)
            writer.put(offset)
            writer.put(length)
        }

        public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
            key = try reader.get()
            offset = try reader.get()
            length = try reader.get()
        }
    }

    /// What one system gives the page keys (`SiteContext.pageInputKeys`), as digests: its id, name
    /// and category (which every page listing systems by name shows), its search document, and its
    /// links. A page key sums them over the systems, so a rebuild works out the digests of the
    /// changed ledgers alone and takes the others' from the last build: going over every system's
    /// names and fields for each page key was a fourteenth of a one-ledger rebuild's CPU.
    public struct Contribution: Sendable, Equatable, BinaryRecord {
        /// What the digests were made from (the ledger file's hash, as for a piece).
        public var key: String
        public var names: UInt64
        public var search: UInt64
        public var links: UInt64

        public init(key: String, names: UInt64, search: UInt64, links: UInt64) {
            self.key = key
            self.names = names
            self.search = search
            self.links = links
        }

        public func write(to writer: inout BinaryWriter) {
            writer.put(key)
            writer.put(names)
            writer.put(search)
            writer.put(links)
        }

        public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
            key = try reader.get()
            names = try reader.get()
            search = try reader.get()
            links = try reader.get()
        }
    }

    /// Output path → system id → piece.
    public var files: [String: [String: Piece]]
    /// Page path → what the page was made from (see `SiteContext.pageInputKeys`).
    public var pageKeys: [String: String]
    /// System id → what it gave the page keys.
    public var contributions: [String: Contribution]

    public init(files: [String: [String: Piece]] = [:], pageKeys: [String: String] = [:],
                contributions: [String: Contribution] = [:]) {
        self.files = files
        self.pageKeys = pageKeys
        self.contributions = contributions
    }

    public static let systemsJSON = "data/systems.json"
    public static let systemsCSV = "data/systems.csv"
    public static let systemsList = SiteSection.systems.path
    public static let maintenance = "analysis/maintenance.html"
    /// Every file with pieces: the two exports, the list of every system and the maintenance
    /// page (their table rows).
    public static let files = [systemsJSON, systemsCSV, systemsList, maintenance]
}

/// What a build may reuse: the previous files with pieces (checked by the caller against the
/// manifest) and where their pieces are.
public struct FragmentSource: Sendable {
    public var previous: Fragments
    public var bytes: [String: StoredBytes]

    public init(previous: Fragments, bytes: [String: StoredBytes]) {
        self.previous = previous
        self.bytes = bytes
    }

    /// The pieces of one file, looked up once for all its rows. Their bytes stay valid while this
    /// source (which holds the file) is alive.
    func pieces(of path: String) -> FilePieces? {
        guard let table = previous.files[path], let stored = bytes[path] else { return nil }
        return FilePieces(table: table, bytes: stored)
    }

    struct FilePieces {
        let table: [String: Fragments.Piece]
        let bytes: StoredBytes

        /// System `id`'s piece, when it was written from `key` and lies inside the file.
        func piece(id: String, key: String) -> Fragments.Piece? {
            guard let piece = table[id], piece.key == key,
                  piece.offset >= 0, piece.length >= 0, piece.offset + piece.length <= bytes.count else { return nil }
            return piece
        }

        func bytes(id: String, key: String) -> UnsafeRawBufferPointer? {
            piece(id: id, key: key).map { bytes[$0.offset..<$0.offset + $0.length] }
        }
    }
}

/// The read-only bytes of a file the last build wrote: mapped from disk by the caller (reading
/// the 50 MB of a 10,000-system site's exports into memory was a tenth of a one-ledger rebuild's
/// CPU) or copied once from memory (`serve`, which keeps its pages as arrays).
public final class StoredBytes: @unchecked Sendable {
    private let buffer: UnsafeRawBufferPointer
    private let release: @Sendable (UnsafeRawBufferPointer) -> Void

    /// Takes `buffer`, which nothing may change while its bytes are read (a rebuild patches a
    /// mapped file only once its new bytes are made, see `InPlacePatch`); `release` gives it back.
    public init(buffer: UnsafeRawBufferPointer, release: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) {
        self.buffer = buffer
        self.release = release
    }

    public convenience init(copying bytes: [UInt8]) {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 1)
        bytes.withUnsafeBytes { copy.copyMemory(from: $0) }
        self.init(buffer: UnsafeRawBufferPointer(copy)) { $0.deallocate() }
    }

    deinit { release(buffer) }

    public var count: Int { buffer.count }

    /// The whole buffer, for the caller that made it (to hash it).
    public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result { try body(buffer) }

    subscript(range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: buffer[range]) }
}

/// Collects the pieces of the files a build writes (written from several jobs).
final class FragmentRecorder: Sendable {
    private let state = Mutex(Fragments())

    func record(_ path: String, _ pieces: [String: Fragments.Piece]) {
        state.withLock { $0.files[path] = pieces }
    }

    func record(_ path: String, key: String) {
        state.withLock { $0.pageKeys[path] = key }
    }

    func record(contributions: [String: Fragments.Contribution]) {
        state.withLock { $0.contributions = contributions }
    }

    var fragments: Fragments { state.withLock { $0 } }
}
