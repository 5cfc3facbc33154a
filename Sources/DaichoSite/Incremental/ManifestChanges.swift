import DaichoCore
import DaichoRender

/// The rows of a manifest that differ from an earlier one, table by table: applied to the earlier
/// manifest, they give the later one exactly.
struct ManifestChanges: Sendable, Equatable, BinaryRecord {
    var pages = TableChanges<UInt64>()
    var systems = TableChanges<[OutputHashes.File]>()
    /// File with pieces → its pieces' changes (all of them for a file new to the table).
    var pieces: [String: PieceChanges] = [:]
    /// Files with pieces no longer recorded.
    var piecesRemoved: Set<String> = []
    var pageKeys = TableChanges<String>()
    var contributions = TableChanges<Fragments.Contribution>()
    var exportStamps = TableChanges<FileStamp>()
    var ledgers = TableChanges<BuildManifest.Ledger>()
    var stamps = TableChanges<FileStamp>()
    /// The new warning count, when it changed.
    var warnings: Int? = nil

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
        changes.piecesRemoved = Set(old.fragments.files.keys).subtracting(new.fragments.files.keys)
        changes.ledgers = await ledgers
        changes.stamps = await stamps
        changes.pageKeys = await pageKeys
        changes.contributions = await contributions
        if new.warnings != old.warnings { changes.warnings = new.warnings }
        return changes
    }

    /// Each file's pieces compared on its own core; a file without changes is left out.
    private static func pieces(from old: [String: [String: Fragments.Piece]], to new: [String: [String: Fragments.Piece]]) async
        -> [String: PieceChanges] {
        await withTaskGroup(of: (String, PieceChanges?).self) { group in
            for (path, after) in new {
                let before = old[path]
                group.addTask {
                    let rows = PieceChanges(from: before ?? [:], to: after)
                    return (path, before == nil || !rows.isEmpty ? rows : nil)
                }
            }
            var changes: [String: PieceChanges] = [:]
            for await (path, rows) in group {
                if let rows { changes[path] = rows }
            }
            return changes
        }
    }

    /// The changes to what `BuildManifest.loadRows` reads: the ledger rows, their stamps, the
    /// export stamps and the warning count.
    func applyToRows(_ manifest: inout BuildManifest) {
        exportStamps.apply(to: &manifest.exportStamps)
        ledgers.apply(to: &manifest.ledgers)
        stamps.apply(to: &manifest.stamps)
        if let warnings { manifest.warnings = warnings }
    }

    /// The changes to the output rows and the pieces (`BuildManifest.Outputs`). The tables are
    /// independent of the rows': each part is made on its own, in the journal's order.
    func applyToOutputs(_ manifest: inout BuildManifest) {
        manifest.outputs.apply(pages: pages, systems: systems)
        for path in piecesRemoved { manifest.fragments.files[path] = nil }
        for (path, rows) in pieces { rows.apply(to: &manifest.fragments.files[path, default: [:]]) }
        pageKeys.apply(to: &manifest.fragments.pageKeys)
        contributions.apply(to: &manifest.fragments.contributions)
    }

    func write(to writer: inout BinaryWriter) {
        writer.put(pages)
        writer.put(systems)
        writer.put(pieces)
        writer.put(ByteOrder.sorted(piecesRemoved))
        writer.put(pageKeys)
        writer.put(contributions)
        writer.put(exportStamps)
        writer.put(ledgers)
        writer.put(stamps)
        writer.put(warnings)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        pages = try reader.get()
        systems = try reader.get()
        pieces = try reader.get()
        piecesRemoved = Set(try reader.get([String].self))
        pageKeys = try reader.get()
        contributions = try reader.get()
        exportStamps = try reader.get()
        ledgers = try reader.get()
        stamps = try reader.get()
        warnings = try reader.get()
    }
}
