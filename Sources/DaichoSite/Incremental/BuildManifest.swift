import DaichoCore
import DaichoRender
import Foundation

/// What the last build read and wrote, kept beside the site (`.site.daicho-manifest`),
/// so the next build re-renders only what its changes touch.
struct BuildManifest: Sendable {
    struct Ledger: Sendable, Equatable, BinaryRecord {
        var hash: String
        var id: String?
        /// Systems this ledger links to: their pages show it.
        var partners: [String]
        /// Built without errors (with `--force`, ledgers with errors have no pages).
        var valid: Bool
        /// The department and vendor pages that list it (valid ledgers only).
        var department: String? = nil
        var vendors: [String] = []
        /// The terminal group it is in (valid ledgers with terminals only; its own id when it names
        /// none, as the analysis counts them): the drafts of the group's other systems name it.
        var terminalGroup: String? = nil

        init(hash: String, id: String?, partners: [String], valid: Bool, department: String? = nil, vendors: [String] = [],
             terminalGroup: String? = nil) {
            self.hash = hash
            self.id = id
            self.partners = partners
            self.valid = valid
            self.department = department
            self.vendors = vendors
            self.terminalGroup = terminalGroup
        }

        func write(to writer: inout BinaryWriter) {
            writer.put(hash)
            writer.put(id)
            writer.put(partners)
            writer.put(valid)
            writer.put(department)
            writer.put(vendors)
            writer.put(terminalGroup)
        }

        init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
            hash = try reader.get()
            id = try reader.get()
            partners = try reader.get()
            valid = try reader.get()
            department = try reader.get()
            vendors = try reader.get()
            terminalGroup = try reader.get()
        }
    }

    static let version = 21

    var version = BuildManifest.version
    /// Hash of everything that touches every page: templates, assets, daicho.yaml, options, Daicho itself.
    var fingerprint: String
    /// What came before `inventory/` in the ledgers' paths (`ProjectSource.folder`): the rows are
    /// keyed by the paths as that build saw them, relative to the folder it ran in.
    var folder = ""
    /// The warnings the check found in the ledgers and `daicho.yaml` (those of the folder
    /// listing, such as a subfolder of ledgers, are counted again by every build): a build that
    /// finds nothing changed reports them without checking.
    var warnings = 0
    /// Ledger file → what it was.
    var ledgers: [String: Ledger]
    /// Whether the build left out a ledger for its errors (`--force`): a build that finds nothing
    /// changed then checks all the same, to report them again, or to stop without `--force`.
    var leftOutLedgers: Bool { ledgers.values.contains { !$0.valid } }
    /// Output path → `Digest64` of its bytes (for a patched file, a value derived from the
    /// patch), or `OutputHashes.unrecorded` for an ordinary page (a number, not hex: a national
    /// site has 700,000 outputs).
    var outputs: OutputHashes
    /// Where each system's piece of the exports is in the files written.
    var fragments = Fragments()
    /// Ledger file → its stamp when it was last read (settled files only).
    var stamps: [String: FileStamp] = [:]
    /// Output path → its stamp once this build wrote it or found it to be the recorded bytes (the
    /// files with pieces, and `SiteBuilder.witnesses`; see `SiteBuilder.exportStamps`).
    var exportStamps: [String: FileStamp] = [:]
    /// The journal the manifest was read with, which the next rebuild adds its changes to.
    var journal: ManifestJournal? = nil

    /// The file form: version, fingerprint, folder, warning count, export stamps and the output
    /// rows of the files with pieces; then the
    /// output rows (pages by path, then each system's files under its id), the pieces, page keys
    /// and the systems' contributions to them; last the ledger rows and their stamps, each table
    /// in key order, in the binary form (a 10,000-system site has 73,000 outputs; as JSON the
    /// manifest took a tenth of a second to read and half a second to write). Where the ledger
    /// rows start follows them, so a build reads them without the outputs before (`loadRows`).
    /// The file ends with the `Digest64` of everything before it: a manifest that did not reach the
    /// disk whole is not read, and the build is a full one.
    static let magic = Array("DAICHO-BUILD-MANIFEST\n".utf8)

    static func path(for output: String) -> String { file(beside: output, kind: "daicho-manifest") }

    /// `.<output's name>.<kind>` in the folder that holds `output`: beside the site, never published with it.
    static func file(beside output: String, kind: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(kind)").path
    }

    /// The manifest as the last build left it: the file with its journal's changes made. Nil when
    /// either is missing or damaged, or they do not belong together.
    static func load(for output: String) -> BuildManifest? {
        guard let (rows, rest) = loadRows(for: output) else { return nil }
        var manifest = rows
        return rest.decode(into: &manifest) ? manifest : nil
    }

    /// The part of the file after the header and before the ledger rows, with the journal's
    /// changes to it: the output rows and the pieces, which only a rebuild needs.
    struct Outputs: Sendable {
        fileprivate let bytes: [UInt8]
        fileprivate let range: Range<Int>
        fileprivate let changes: [ManifestChanges]

        /// Fills in `manifest`'s outputs and pieces; false when they cannot be read.
        func decode(into manifest: inout BuildManifest) -> Bool {
            var reader = BinaryReader(bytes[range])
            do {
                manifest.outputs = OutputHashes(pages: try reader.get(), systems: try reader.get())
                manifest.fragments = Fragments(files: try reader.get(), pageKeys: try reader.get(), contributions: try reader.get())
            } catch {
                return false
            }
            guard reader.remaining == 0 else { return false }
            for change in changes { change.applyToOutputs(&manifest) }
            return true
        }
    }

    /// The manifest without its outputs and pieces (`outputs` holds only the files with pieces,
    /// `fragments` is empty), and what `Outputs.decode` reads them from (see `ManifestRead`): all
    /// a build that finds nothing changed reads. The output rows and pieces are two thirds of the
    /// file (at 100,000 systems, 0.46 s of a 0.54 s build that found nothing to do).
    static func loadRows(for output: String) -> (BuildManifest, Outputs)? {
        guard let bytes = FileBytes.read(path(for: output)), var reader = BinaryReader.unsealed(bytes, magic: magic) else { return nil }
        var trailer = BinaryReader(bytes[(bytes.count - 16)...])
        guard let rowsStart = try? trailer.fixed(), let sum = try? trailer.fixed(),
              let (journal, changes) = ManifestJournal.load(for: output, base: sum, baseSize: bytes.count) else { return nil }
        do {
            guard try reader.get(Int.self) == version else { return nil }
            let fingerprint: String = try reader.get()
            let folder: String = try reader.get()
            let warnings: Int = try reader.get()
            let exportStamps: [String: FileStamp] = try reader.get()
            // The output rows of the files with pieces, again: a build that finds no ledger changed
            // still asks whether those it wrote are as it left them (`filesWithPiecesAsWritten`).
            var withPieces: [String: UInt64] = try reader.get()
            let outputsStart = reader.position
            guard rowsStart >= UInt64(outputsStart), rowsStart <= UInt64(bytes.count - 16) else { return nil }
            var rows = BinaryReader(bytes[Int(rowsStart)..<(bytes.count - 16)])
            let ledgers: [String: Ledger] = try rows.get()
            let stamps: [String: FileStamp] = try rows.get()
            guard rows.remaining == 0 else { return nil }
            for change in changes { change.pages.apply(to: &withPieces) }
            var manifest = BuildManifest(fingerprint: fingerprint, folder: folder, warnings: warnings, ledgers: ledgers,
                                         outputs: OutputHashes(pages: withPieces.filter { Fragments.files.contains($0.key) }, systems: [:]),
                                         stamps: stamps, exportStamps: exportStamps, journal: journal)
            for change in changes { change.applyToRows(&manifest) }
            return (manifest, Outputs(bytes: bytes, range: outputsStart..<Int(rowsStart), changes: changes))
        } catch {
            return nil
        }
    }

    /// Written a megabyte at a time as the rows are encoded, the ledger rows and stamps last (see
    /// below): at national scale the manifest is tens of megabytes, and building it whole came at
    /// the very end of a build, on top of everything else.
    ///
    /// Not flushed to disk before the rename: the build removed the old manifest before it
    /// changed the site, so a manifest lost in a crash means a full build next time, and one that
    /// reached the disk in part fails its checksum. (Flushing it made the file system write out
    /// the rebuild's 60 MB of exports first: a sixth of a one-ledger rebuild on a journaled disk.)
    /// - Parameter encodedRows: `encodedRows(ledgers, stamps)`, when the caller made it already.
    /// - Returns: the journal written with it (empty).
    @discardableResult
    func save(for output: String, encodedRows: [UInt8]? = nil) async throws(WriteError) -> ManifestJournal {
        let stream = try AtomicFile.Stream(replacing: Self.path(for: output), durable: false)
        var writer = BinaryWriter(reserving: Self.chunk + 4096)
        var sum = Digest64(), size = 0
        func append(_ bytes: [UInt8]) throws(WriteError) {
            sum.combine(bytes)
            size += bytes.count
            try stream.append(bytes)
        }
        func flush() throws(WriteError) {
            try append(writer.bytes)
            writer.bytes.removeAll(keepingCapacity: true)
        }
        // Each table as a dictionary writes itself (its count, then key and value rows in the keys'
        // byte order), flushed a megabyte at a time.
        func table<Value>(_ rows: [String: Value], _ value: (Value) throws(WriteError) -> Void) throws(WriteError) {
            writer.putVarint(UInt64(rows.count))
            for (key, row) in ByteOrder.sorted(rows) {
                writer.put(key)
                try value(row)
                if writer.bytes.count >= Self.chunk { try flush() }
            }
        }
        // The ledger rows and their stamps are encoded on another core while the rest is written,
        // and go last (a third of the manifest; writing it all on one core was the end of every
        // rebuild, with the other core idle). At national scale they are about 25 MB held at once.
        let ledgers = self.ledgers, stamps = self.stamps
        let tail = Task.detached { encodedRows ?? Self.encodedRows(ledgers, stamps) }
        do throws(WriteError) {
            writer.bytes += Self.magic
            writer.put(version)
            writer.put(fingerprint)
            writer.put(folder)
            writer.put(warnings)
            try table(exportStamps) { writer.put($0) }
            try table(outputs.pages.filter { Fragments.files.contains($0.key) }) { writer.put($0) }
            try table(outputs.pages) { writer.put($0) }
            try table(outputs.systems) { writer.put($0) }
            try table(fragments.files) { pieces throws(WriteError) in try table(pieces) { writer.put($0) } }
            try table(fragments.pageKeys) { writer.put($0) }
            try table(fragments.contributions) { writer.put($0) }
            try flush()
            let rowsStart = size
            try append(await tail.value)
            writer.putFixed(UInt64(rowsStart))
            try flush()
            writer.putFixed(sum.value)
            size += writer.bytes.count
            try stream.append(writer.bytes)
            try stream.commit()
        } catch {
            stream.discard()
            throw error
        }
        let journal = ManifestJournal(base: sum.value, baseSize: size)
        try journal.save(for: output)
        return journal
    }

    /// Saves a rebuild's manifest as `previous` (the one it started from) with the rows that
    /// changed, in the journal; whole when the journal would grow too large, or `previous` was not
    /// read from this folder's files.
    /// - Returns: the journal written.
    @discardableResult
    func save(for output: String, after previous: BuildManifest) async throws(WriteError) -> ManifestJournal {
        guard let journal = previous.journal, previous.fingerprint == fingerprint,
              let grown = journal.adding(await ManifestChanges.between(previous, self)) else {
            return try await save(for: output)
        }
        try grown.save(for: output)
        return grown
    }

    /// This manifest with its ledger rows keyed as a build that sees the ledgers under `folder`
    /// does: the same site built from another folder (`daicho build city` from above it, then
    /// `daicho build` inside it) is still the same site, not one whose every ledger is new. A row
    /// outside the old folder is dropped (its ledger is then simply new). The rows changed, so the
    /// next save writes the whole manifest rather than add to the journal.
    func rebased(to folder: String) -> BuildManifest {
        guard folder != self.folder else { return self }
        func moved<Value>(_ rows: [String: Value]) -> [String: Value] {
            var result: [String: Value] = [:]
            result.reserveCapacity(rows.count)
            for (path, row) in rows where path.hasPrefix(self.folder) {
                result[folder + path.dropFirst(self.folder.count)] = row
            }
            return result
        }
        var manifest = self
        manifest.folder = folder
        manifest.ledgers = moved(ledgers)
        manifest.stamps = moved(stamps)
        manifest.journal = nil
        return manifest
    }

    /// The ledger rows and their stamps as the manifest ends with them.
    static func encodedRows(_ ledgers: [String: Ledger], _ stamps: [String: FileStamp]) -> [UInt8] {
        var tail = BinaryWriter(reserving: ledgers.count * 160)
        tail.put(ledgers)
        tail.put(stamps)
        return tail.bytes
    }

    private static let chunk = 1 << 20

    /// Removes the manifest and its journal.
    static func remove(for output: String) {
        ManifestJournal.remove(for: output)
        unlink(path(for: output))
    }

    /// Makes the manifest unreadable until the next save: its journal is removed, the large file
    /// stays for that save to add to.
    /// Fails when the journal is there and cannot be removed (a folder that may not be changed):
    /// the rebuild then writes nothing, since a manifest left in place would vouch for pages it
    /// no longer describes.
    static func invalidate(for output: String) throws(WriteError) {
        let path = ManifestJournal.path(for: output)
        guard unlink(path) == 0 || errno == ENOENT else { throw .cannotWrite(path, String(cString: strerror(errno))) }
    }
}
