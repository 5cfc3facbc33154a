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

        init(hash: String, id: String?, partners: [String], valid: Bool, department: String? = nil, vendors: [String] = []) {
            self.hash = hash
            self.id = id
            self.partners = partners
            self.valid = valid
            self.department = department
            self.vendors = vendors
        }

        func write(to writer: inout BinaryWriter) {
            writer.put(hash)
            writer.put(id)
            writer.put(partners)
            writer.put(valid)
            writer.put(department)
            writer.put(vendors)
        }

        init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
            hash = try reader.get()
            id = try reader.get()
            partners = try reader.get()
            valid = try reader.get()
            department = try reader.get()
            vendors = try reader.get()
        }
    }

    static let version = 9

    var version = BuildManifest.version
    /// Hash of everything that touches every page: templates, assets, daicho.yaml, options, Daicho itself.
    var fingerprint: String
    /// Ledger file → what it was.
    var ledgers: [String: Ledger]
    /// Output path → `Digest64` of its bytes (a number, not hex: a national site has 700,000 outputs).
    var outputs: OutputHashes
    /// Where each system's piece of the exports is in the files written.
    var fragments = Fragments()
    /// Ledger file → its stamp when it was last read (settled files only).
    var stamps: [String: FileStamp] = [:]

    /// The file form: version, fingerprint, then ledger rows, output rows (pages by path, then
    /// each system's files under its id) and the other tables in key order, in the binary form (a 10,000-system site has 73,000 outputs; as JSON the manifest took a tenth of a
    /// second to read and half a second to write).
    static let magic = Array("DAICHO-BUILD-MANIFEST\n".utf8)

    static func path(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).daicho-manifest").path
    }

    static func load(for output: String) -> BuildManifest? {
        guard let bytes = FileBytes.read(path(for: output)) else { return nil }
        guard bytes.starts(with: magic) else { return nil }
        var reader = BinaryReader(bytes[magic.count...])
        var ledgers: [String: Ledger] = [:], outputs = OutputHashes()
        var fragments = Fragments()
        var stamps: [String: FileStamp] = [:]
        let fingerprint: String
        do {
            guard try reader.get(Int.self) == version else { return nil }
            fingerprint = try reader.get()
            let ledgerCount = try reader.count()
            ledgers.reserveCapacity(ledgerCount)
            for _ in 0..<ledgerCount { ledgers[try reader.get(String.self)] = try reader.get(Ledger.self) }
            for _ in 0..<(try reader.count()) { outputs.setPage(try reader.get(), hash: try reader.get(UInt64.self)) }
            for _ in 0..<(try reader.count()) {
                let id: String = try reader.get()
                let count = try reader.count()
                var files: [OutputHashes.File] = []
                files.reserveCapacity(count)
                for _ in 0..<count { files.append(OutputHashes.File(name: try reader.get(), hash: try reader.get())) }
                outputs.setFiles(files, system: id)
            }
            for _ in 0..<(try reader.count()) {
                let path: String = try reader.get()
                var pieces: [String: Fragments.Piece] = [:]
                let pieceCount = try reader.count()
                pieces.reserveCapacity(pieceCount)
                for _ in 0..<pieceCount {
                    pieces[try reader.get(String.self)] = Fragments.Piece(key: try reader.get(), offset: try reader.get(),
                                                                           length: try reader.get())
                }
                fragments.files[path] = pieces
            }
            for _ in 0..<(try reader.count()) { fragments.pageKeys[try reader.get(String.self)] = try reader.get(String.self) }
            for _ in 0..<(try reader.count()) { stamps[try reader.get(String.self)] = try reader.get(FileStamp.self) }
            guard reader.remaining == 0 else { return nil }
        } catch {
            return nil
        }
        return BuildManifest(fingerprint: fingerprint, ledgers: ledgers, outputs: outputs, fragments: fragments, stamps: stamps)
    }

    /// Written a megabyte at a time as the rows are encoded: at national scale the manifest is
    /// tens of megabytes, and building it whole came at the very end of a build, on top of
    /// everything else.
    func save(for output: String) throws(WriteError) {
        let stream = try AtomicFile.Stream(replacing: Self.path(for: output))
        var writer = BinaryWriter(reserving: Self.chunk + 4096)
        func flush() throws(WriteError) {
            try stream.append(writer.bytes)
            writer.bytes.removeAll(keepingCapacity: true)
        }
        do throws(WriteError) {
            writer.bytes += Self.magic
            writer.put(version)
            writer.put(fingerprint)
            writer.putVarint(UInt64(ledgers.count))
            for (path, ledger) in ledgers.sorted(by: { $0.key < $1.key }) {
                writer.put(path)
                writer.put(ledger)
            }
            writer.putVarint(UInt64(outputs.pages.count))
            for (path, hash) in outputs.pages.sorted(by: { $0.key < $1.key }) {
                writer.put(path)
                writer.put(hash)
            }
            writer.putVarint(UInt64(outputs.systems.count))
            for (id, files) in outputs.systems.sorted(by: { $0.key < $1.key }) {
                writer.put(id)
                writer.putVarint(UInt64(files.count))
                for file in files {
                    writer.put(file.name)
                    writer.put(file.hash)
                }
                if writer.bytes.count >= Self.chunk { try flush() }
            }
            writer.putVarint(UInt64(fragments.files.count))
            for (path, pieces) in fragments.files.sorted(by: { $0.key < $1.key }) {
                writer.put(path)
                writer.putVarint(UInt64(pieces.count))
                for (id, piece) in pieces.sorted(by: { $0.key < $1.key }) {
                    writer.put(id)
                    writer.put(piece.key)
                    writer.put(piece.offset)
                    writer.put(piece.length)
                    if writer.bytes.count >= Self.chunk { try flush() }
                }
            }
            writer.putVarint(UInt64(fragments.pageKeys.count))
            for (path, key) in fragments.pageKeys.sorted(by: { $0.key < $1.key }) {
                writer.put(path)
                writer.put(key)
            }
            writer.putVarint(UInt64(stamps.count))
            for (path, stamp) in stamps.sorted(by: { $0.key < $1.key }) {
                writer.put(path)
                writer.put(stamp)
                if writer.bytes.count >= Self.chunk { try flush() }
            }
            try flush()
            try stream.commit()
        } catch {
            stream.discard()
            throw error
        }
    }

    private static let chunk = 1 << 20

    static func remove(for output: String) {
        try? FileManager.default.removeItem(atPath: path(for: output))
    }
}
