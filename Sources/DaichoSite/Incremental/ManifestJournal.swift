import DaichoCore
import DaichoRender
import Foundation

/// The rebuilds since the manifest was last written whole, as the rows each one changed
/// (`.<output>.daicho-journal`, beside the manifest).
///
/// A one-ledger rebuild changes a few dozen of the manifest's 100,000 rows, yet writing the
/// manifest whole (4.6 MB at 10,000 systems) was the last tenth of such a rebuild, with nothing
/// else left to run beside it. A rebuild now rewrites the small journal instead: the manifest as
/// last written, plus each rebuild's changed rows in order. Once the journal outgrows an eighth of
/// the manifest, the next rebuild writes the manifest whole again and starts an empty journal.
///
/// The manifest is read only together with a journal that names it (by its checksum), so the
/// journal carries the crash rule: a rebuild removes it before its first change to the site, and
/// writes it again, through a rename, last. A journal that is missing, cut short or made for
/// another manifest means a full build.
struct ManifestJournal: Sendable, Equatable {
    /// The checksum the manifest file ends with.
    var base: UInt64
    /// The manifest file's size, which bounds the journal's.
    var baseSize: Int
    /// The encoded changes, oldest first.
    var records: [UInt8] = []

    static let magic = Array("DAICHO-BUILD-JOURNAL\n".utf8)

    static func path(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).daicho-journal").path
    }

    /// The journal for the manifest with checksum `base`, and its changes in the order they were
    /// made; nil when there is none, or it is damaged or belongs to another manifest.
    static func load(for output: String, base: UInt64, baseSize: Int) -> (journal: ManifestJournal, changes: [ManifestChanges])? {
        guard let bytes = FileBytes.read(path(for: output)), var reader = BinaryReader.unsealed(bytes, magic: magic) else { return nil }
        do {
            guard try reader.get(Int.self) == BuildManifest.version, try reader.fixed() == base else { return nil }
            let start = reader.position
            var changes: [ManifestChanges] = []
            while reader.remaining > 0 { changes.append(try reader.get()) }
            return (ManifestJournal(base: base, baseSize: baseSize, records: Array(reader.bytes[start..<reader.position])), changes)
        } catch {
            return nil
        }
    }

    /// The journal with `changes` added, or nil when it would outgrow the limit.
    func adding(_ changes: ManifestChanges) -> ManifestJournal? {
        var writer = BinaryWriter()
        writer.put(changes)
        guard records.count + writer.bytes.count <= max(Self.floor, baseSize / 8) else { return nil }
        return ManifestJournal(base: base, baseSize: baseSize, records: records + writer.bytes)
    }

    /// Below this, a journal is never too large (a small site's manifest is a few kilobytes).
    static let floor = 64 << 10

    /// Written through a rename; not flushed, as the manifest is not (see `BuildManifest.save`).
    func save(for output: String) throws(WriteError) {
        var writer = BinaryWriter(reserving: records.count + 64)
        writer.bytes += Self.magic
        writer.put(BuildManifest.version)
        writer.putFixed(base)
        writer.bytes += records
        writer.seal()
        try AtomicFile.write(writer.bytes, to: Self.path(for: output), durable: false)
    }

    static func remove(for output: String) {
        unlink(path(for: output))
    }
}

/// The rows of a manifest that differ from an earlier one, table by table: applied to the earlier
/// manifest, they give the later one exactly.
struct ManifestChanges: Sendable, Equatable, BinaryRecord {
    var pages = TableChanges<UInt64>()
    var systems = TableChanges<[OutputHashes.File]>()
    /// File with pieces → its pieces' changes; nil for a file no longer recorded.
    var pieces: [String: TableChanges<Fragments.Piece>?] = [:]
    var pageKeys = TableChanges<String>()
    var contributions = TableChanges<Fragments.Contribution>()
    var exportStamps = TableChanges<FileStamp>()
    var ledgers = TableChanges<BuildManifest.Ledger>()
    var stamps = TableChanges<FileStamp>()

    init() {}

    /// The changes from `old` to `new`, table by table on all cores: comparing the rows of a
    /// 10,000-system manifest one at a time took as long as writing them all.
    static func between(_ old: BuildManifest, _ new: BuildManifest) async -> ManifestChanges {
        async let pieces = pieces(from: old.fragments.files, to: new.fragments.files)
        async let ledgers = TableChanges(from: old.ledgers, to: new.ledgers)
        async let stamps = TableChanges(from: old.stamps, to: new.stamps)
        async let pageKeys = TableChanges(from: old.fragments.pageKeys, to: new.fragments.pageKeys)
        async let contributions = TableChanges(from: old.fragments.contributions, to: new.fragments.contributions)
        var changes = ManifestChanges()
        changes.pages = TableChanges(from: old.outputs.pages, to: new.outputs.pages)
        changes.systems = TableChanges(from: old.outputs.systems, to: new.outputs.systems)
        changes.exportStamps = TableChanges(from: old.exportStamps, to: new.exportStamps)
        changes.pieces = await pieces
        changes.ledgers = await ledgers
        changes.stamps = await stamps
        changes.pageKeys = await pageKeys
        changes.contributions = await contributions
        return changes
    }

    /// Each file's pieces compared on its own core.
    private static func pieces(from old: [String: [String: Fragments.Piece]], to new: [String: [String: Fragments.Piece]]) async
        -> [String: TableChanges<Fragments.Piece>?] {
        // Per file: no change, removed, or rows changed (for a file new to the table, all of them).
        enum Change: Sendable {
            case none, removed
            case rows(TableChanges<Fragments.Piece>)
        }
        return await withTaskGroup(of: (String, Change).self) { group in
            for path in Set(old.keys).union(new.keys) {
                let before = old[path], after = new[path]
                group.addTask {
                    guard let after else { return (path, .removed) }
                    let rows = TableChanges(from: before ?? [:], to: after)
                    return (path, before == nil || !rows.isEmpty ? .rows(rows) : .none)
                }
            }
            var changes: [String: TableChanges<Fragments.Piece>?] = [:]
            for await (path, change) in group {
                switch change {
                case .none: break
                case .removed: changes[path] = .some(nil)
                case .rows(let rows): changes[path] = .some(rows)
                }
            }
            return changes
        }
    }

    /// `manifest`'s tables with the changes made.
    func apply(to manifest: inout BuildManifest) {
        manifest.outputs.apply(pages: pages, systems: systems)
        for (path, rows) in pieces {
            guard let rows else {
                manifest.fragments.files[path] = nil
                continue
            }
            rows.apply(to: &manifest.fragments.files[path, default: [:]])
        }
        pageKeys.apply(to: &manifest.fragments.pageKeys)
        contributions.apply(to: &manifest.fragments.contributions)
        exportStamps.apply(to: &manifest.exportStamps)
        ledgers.apply(to: &manifest.ledgers)
        stamps.apply(to: &manifest.stamps)
    }

    func write(to writer: inout BinaryWriter) {
        writer.put(pages)
        writer.put(systems)
        writer.putVarint(UInt64(pieces.count))
        for (path, rows) in ByteOrder.sorted(pieces) {
            writer.put(path)
            writer.put(rows)
        }
        writer.put(pageKeys)
        writer.put(contributions)
        writer.put(exportStamps)
        writer.put(ledgers)
        writer.put(stamps)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        pages = try reader.get()
        systems = try reader.get()
        for _ in 0..<(try reader.count()) {
            let path: String = try reader.get()
            pieces[path] = .some(try reader.get(TableChanges<Fragments.Piece>?.self))
        }
        pageKeys = try reader.get()
        contributions = try reader.get()
        exportStamps = try reader.get()
        ledgers = try reader.get()
        stamps = try reader.get()
    }
}

/// The rows of one table that were added or changed, and the keys that were removed.
struct TableChanges<Value: BinaryRecord & Equatable & Sendable>: Sendable, Equatable, BinaryRecord {
    var rows: [String: Value] = [:]
    var removed: Set<String> = []

    init() {}

    /// Compared row by row: the cost of a look-up per row, against encoding and writing them all.
    init(from old: [String: Value], to new: [String: Value]) {
        for (key, value) in new where old[key] != value { rows[key] = value }
        if old.count + rows.count > new.count {
            for key in old.keys where new[key] == nil { removed.insert(key) }
        }
    }

    var isEmpty: Bool { rows.isEmpty && removed.isEmpty }

    func apply(to table: inout [String: Value]) {
        for key in removed { table[key] = nil }
        for (key, value) in rows { table[key] = value }
    }

    func write(to writer: inout BinaryWriter) {
        writer.putVarint(UInt64(rows.count))
        for (key, value) in ByteOrder.sorted(rows) {
            writer.put(key)
            writer.put(value)
        }
        writer.put(ByteOrder.sorted(removed))
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        for _ in 0..<(try reader.count()) {
            let key: String = try reader.get()
            rows[key] = try reader.get(Value.self)
        }
        removed = Set(try reader.get([String].self))
    }
}
