import DaichoCore
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

    static func path(for output: String) -> String { BuildManifest.file(beside: output, kind: "daicho-journal") }

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
