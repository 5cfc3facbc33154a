import DaichoCore
import DaichoRender
@testable import DaichoSite
import Foundation
import Testing

/// A rebuild writes the rows it changed into the journal instead of the whole manifest; read
/// back, manifest and journal must give exactly the manifest the rebuild saved.
struct ManifestJournalTests {
    /// Property: for random tables, the changes from one to the other, made to the first (after a
    /// trip through their file form), give the second.
    @Test func changesMadeToTheOldTableGiveTheNewOne() throws {
        var random = SplitMix(seed: 11)
        let keys = (0..<40).map { "k\($0)" }
        func table() -> [String: UInt64] {
            var rows: [String: UInt64] = [:]
            for key in keys where random.next() % 3 != 0 { rows[key] = random.next() % 4 }
            return rows
        }
        for _ in 0..<300 {
            let old = table(), new = table()
            let changes = TableChanges(from: old, to: new)
            let read = try BinaryReader.decode(TableChanges<UInt64>.self, from: BinaryWriter.encode(changes)[...])
            #expect(read == changes)
            var made = old
            read.apply(to: &made)
            #expect(made == new)
            // Only what differs is kept.
            #expect(changes.rows.allSatisfy { old[$0.key] != $0.value })
            #expect(changes.removed.allSatisfy { old[$0] != nil && new[$0] == nil })
        }
        #expect(TableChanges(from: ["a": 1], to: ["a": 1]).isEmpty)
    }

    /// Property: for random edits of an export's pieces (rows longer or shorter, rows with a new
    /// key, rows removed or added, rows moved), the changes made to the old table give the new
    /// one; a row that only changed its length is one row and one shift, not every row after it.
    @Test func pieceChangesGiveTheNewPieces() throws {
        var random = SplitMix(seed: 5)
        func laid(_ rows: [(id: String, key: String, length: Int)]) -> [String: Fragments.Piece] {
            var pieces: [String: Fragments.Piece] = [:], offset = 30
            for row in rows {
                pieces[row.id] = .init(key: row.key, offset: offset, length: row.length)
                offset += row.length + 6
            }
            return pieces
        }
        for _ in 0..<300 {
            let count = Int(random.next() % 40)
            var rows = (0..<count).map { (id: "s\($0)", key: "h\($0)", length: Int(1 + random.next() % 50)) }
            let old = laid(rows)
            for _ in 0..<Int(1 + random.next() % 4) where !rows.isEmpty {
                let at = Int(random.next() % UInt64(rows.count))
                switch random.next() % 5 {
                case 0: rows[at].length += Int(random.next() % 9) + 1
                case 1: rows[at].length = max(1, rows[at].length - Int(random.next() % 9) - 1)
                case 2: rows[at].key += "x"
                case 3: rows.remove(at: at)
                default: rows.insert((id: "n\(random.next() % 1000)", key: "k", length: 7), at: at)
                }
            }
            if rows.count > 1, random.next() % 4 == 0 { rows.swapAt(0, rows.count - 1) }
            let new = laid(rows)
            let changes = PieceChanges(from: old, to: new)
            let read = try BinaryReader.decode(PieceChanges.self, from: BinaryWriter.encode(changes)[...])
            #expect(read == changes)
            var made = old
            read.apply(to: &made)
            #expect(made == new)
        }
        // One row 100 bytes longer in a table of 1,000: that row, and one shift for the rest.
        let rows = (0..<1_000).map { (id: "s\($0)", key: "h", length: 40) }
        var longer = rows
        longer[10].length += 100
        let changes = PieceChanges(from: laid(rows), to: laid(longer))
        #expect(changes.rows.rows.count == 1 && changes.rows.removed.isEmpty)
        #expect(changes.shifts == [.init(from: laid(rows)["s11"]?.offset ?? 0, delta: 100)])
    }

    @Test func aRebuildsChangesAreReadBackFromTheJournal() async throws {
        let (folder, output) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = Self.manifest()
        try await first.save(for: output)
        let base = try #require(FileManager.default.contents(atPath: BuildManifest.path(for: output)))
        let loaded = try #require(BuildManifest.load(for: output))
        Self.expectSameTables(loaded, first)

        // A rebuild: a cost edited (rows of every kind changed), a system removed, one added.
        var second = loaded
        second.ledgers["inventory/juki.yaml"]?.hash = "ef"
        second.ledgers["inventory/zei.yaml"] = nil
        second.ledgers["inventory/new.yaml"] = .init(hash: "01", id: "new", partners: [], valid: true, department: "税務課")
        second.outputs["systems/juki/index.html"] = 9
        second.outputs["systems/zei/index.html"] = nil
        second.outputs["systems/new/index.html"] = 0
        second.outputs["data/systems.json"] = 77
        second.fragments.files[Fragments.systemsJSON]?["juki"] = .init(key: "ef", offset: 12, length: 345)
        second.fragments.files[Fragments.systemsJSON]?["zei"] = nil
        second.fragments.files[Fragments.systemsCSV] = ["new": .init(key: "01", offset: 0, length: 9)]
        second.fragments.files[Fragments.maintenance] = nil
        second.fragments.pageKeys["index.html"] = "k2"
        second.fragments.contributions["juki"]?.names = 8
        second.stamps["inventory/juki.yaml"]?.modified += 1
        second.exportStamps[Fragments.systemsJSON]?.changed += 1
        second.warnings = 3
        try await second.save(for: output, after: loaded)

        // The manifest file is as it was; the journal holds the change.
        #expect(FileManager.default.contents(atPath: BuildManifest.path(for: output)) == base)
        let again = try #require(BuildManifest.load(for: output))
        Self.expectSameTables(again, second)
        #expect(again.fragments.files[Fragments.maintenance] == nil)

        // A second rebuild adds to the journal; both changes are made in order.
        var third = again
        third.ledgers["inventory/juki.yaml"]?.hash = "ab"
        third.outputs["systems/juki/index.html"] = 10
        try await third.save(for: output, after: again)
        let last = try #require(BuildManifest.load(for: output))
        Self.expectSameTables(last, third)
        #expect(last.journal?.records.count ?? 0 > again.journal?.records.count ?? 0)
        #expect(FileManager.default.contents(atPath: BuildManifest.path(for: output)) == base)
    }

    /// A build that finds nothing changed reads the manifest up to its ledger rows: the rows, their
    /// stamps, the export stamps, the warning count and the output rows of the files with pieces,
    /// as the journal left them, and no other output row; the rest is read when a rebuild asks.
    @Test func theLedgerRowsAreReadWithoutTheOutputs() async throws {
        let (folder, output) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let first = Self.manifest()
        try await first.save(for: output)
        var second = try #require(BuildManifest.load(for: output))
        second.ledgers["inventory/juki.yaml"]?.hash = "ef"
        second.stamps["inventory/juki.yaml"]?.modified += 1
        second.exportStamps[Fragments.systemsJSON]?.changed += 1
        second.outputs["data/systems.json"] = 77
        second.outputs[Fragments.systemsCSV] = 78
        second.outputs["systems/juki/index.html"] = 9
        second.warnings = 5
        try await second.save(for: output, after: first)

        let (rows, rest) = try #require(BuildManifest.loadRows(for: output))
        #expect(rows.ledgers == second.ledgers && rows.stamps == second.stamps && rows.exportStamps == second.exportStamps)
        #expect(rows.warnings == 5 && rows.fingerprint == second.fingerprint)
        #expect(rows.outputs[Fragments.systemsJSON] == 77 && rows.outputs[Fragments.systemsCSV] == 78)
        #expect(rows.outputs["systems/juki/index.html"] == nil && rows.outputs["systems/zei/index.html"] == nil && rows.outputs[Fragments.systemsList] == 4)
        #expect(rows.fragments.files.isEmpty)
        var whole = rows
        #expect(rest.decode(into: &whole))
        Self.expectSameTables(whole, second)
    }

    /// A manifest that passes its checksum yet whose ledger rows' start is wrong (made by hand, or
    /// by another version under the same format number) is not read: no crash, no slice out of
    /// range. One whose outputs alone cannot be read gives its rows, and `decode` says it failed
    /// (the build is then a full one).
    @Test func aManifestWithAWrongRowsStartIsNotRead() async throws {
        let (folder, output) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await Self.manifest().save(for: output)
        let saved = try #require(FileManager.default.contents(atPath: BuildManifest.path(for: output)).map { [UInt8]($0) })
        let rowsStart = saved[(saved.count - 16)..<(saved.count - 8)].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        /// The file with `edit` made, sealed again with a journal for it.
        func resealed(_ edit: (inout [UInt8]) -> Void) throws {
            var bytes = Array(saved.dropLast(8))
            edit(&bytes)
            var writer = BinaryWriter()
            writer.bytes = bytes
            writer.seal()
            try AtomicFile.write(writer.bytes, to: BuildManifest.path(for: output))
            var sum = BinaryReader(writer.bytes[(writer.bytes.count - 8)...])
            try ManifestJournal(base: try sum.fixed(), baseSize: writer.bytes.count).save(for: output)
        }
        func setRowsStart(_ value: UInt64) -> (inout [UInt8]) -> Void {
            { bytes in for index in 0..<8 { bytes[bytes.count - 8 + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(index))) } }
        }
        try resealed { _ in }
        #expect(BuildManifest.loadRows(for: output) != nil, "resealed as it was, it reads")
        for wrong in [UInt64(saved.count), UInt64(saved.count - 17), rowsStart - 1, rowsStart + 1, 0, UInt64.max, UInt64(Int.max) + 1] {
            try resealed(setRowsStart(wrong))
            #expect(BuildManifest.loadRows(for: output) == nil, "rows start \(wrong)")
            #expect(BuildManifest.load(for: output) == nil)
        }
        // A byte of the outputs' first table changed to a count far too large: the rows read, the outputs do not.
        try resealed { bytes in
            var reader = BinaryReader(saved[...])
            reader.position = BuildManifest.magic.count
            _ = try? reader.get(Int.self); _ = try? reader.get(String.self); _ = try? reader.get(String.self); _ = try? reader.get(Int.self)
            _ = try? reader.get([String: FileStamp].self); _ = try? reader.get([String: UInt64].self)
            bytes[reader.position] = 0xFF
        }
        let (rows, rest) = try #require(BuildManifest.loadRows(for: output))
        #expect(rows.ledgers == Self.manifest().ledgers)
        var whole = rows
        #expect(!rest.decode(into: &whole))
        #expect(BuildManifest.load(for: output) == nil)
    }

    /// The journal carries the crash rule: without it, or with one that is damaged or was made
    /// for another manifest, nothing is read and the next build is a full one.
    @Test func theManifestIsReadOnlyWithItsOwnJournal() async throws {
        let (folder, output) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = Self.manifest()
        try await manifest.save(for: output)
        let loaded = try #require(BuildManifest.load(for: output))
        var changed = loaded
        changed.outputs["systems/juki/index.html"] = 9
        try await changed.save(for: output, after: loaded)
        let journal = try #require(FileManager.default.contents(atPath: ManifestJournal.path(for: output)))
        #expect(BuildManifest.load(for: output) != nil)

        try BuildManifest.invalidate(for: output)
        #expect(BuildManifest.load(for: output) == nil)
        #expect(FileManager.default.fileExists(atPath: BuildManifest.path(for: output)))
        for broken in [journal.dropLast(3), journal + [0]] {
            try AtomicFile.write([UInt8](broken), to: ManifestJournal.path(for: output))
            #expect(BuildManifest.load(for: output) == nil)
        }
        // The journal of an earlier manifest: a full save made since gave the manifest another checksum.
        var other = manifest
        other.fingerprint = "g"
        try await other.save(for: output)
        try AtomicFile.write([UInt8](journal), to: ManifestJournal.path(for: output))
        #expect(BuildManifest.load(for: output) == nil)
        // A rebuild that did not start from this folder's manifest (no journal read) saves it whole.
        try await changed.save(for: output, after: manifest)
        Self.expectSameTables(try #require(BuildManifest.load(for: output)), changed)

        BuildManifest.remove(for: output)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    /// Once the journal would pass an eighth of the manifest (and the floor for small sites), the
    /// manifest is written whole again and the journal starts empty.
    @Test func aLargeJournalIsFoldedIntoTheManifest() async throws {
        let (folder, output) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var manifest = Self.manifest()
        try await manifest.save(for: output)
        let base = try #require(FileManager.default.contents(atPath: BuildManifest.path(for: output)))
        var previous = try #require(BuildManifest.load(for: output))
        var rounds = 0, record = 0
        // Each round changes the rows of 200 pages.
        while FileManager.default.contents(atPath: BuildManifest.path(for: output)) == base && rounds < 100 {
            rounds += 1
            manifest = previous
            for page in 0..<200 { manifest.outputs["departments/d\(page)/index.html"] = UInt64(rounds) }
            try await manifest.save(for: output, after: previous)
            previous = try #require(BuildManifest.load(for: output))
            Self.expectSameTables(previous, manifest)
            if rounds == 1 { record = previous.journal?.records.count ?? 0 }
        }
        // The journal held as many records as fit in the floor; the next one folded them in.
        #expect(record > 7_000)
        #expect(rounds == ManifestJournal.floor / record + 1)
        #expect(previous.journal?.records.isEmpty == true)
    }

    /// `serve` reuses the manifest it saved only while the manifest and journal files are the ones
    /// it wrote: not after a rebuild removed the journal, nor after another process rewrote it.
    @Test func serveKeepsItsManifestOnlyWhileItsFilesAreTheOnesItWrote() async throws {
        let (folder, output) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let memory = BuildMemory()
        let manifest = Self.manifest()
        memory.keep(manifest, journal: try await manifest.save(for: output), for: output)
        let kept = try #require(memory.manifest(for: output))
        Self.expectSameTables(kept, manifest)
        #expect(kept.journal == BuildManifest.load(for: output)?.journal)
        #expect(memory.manifest(for: folder + "/other") == nil)
        // The same bytes written again by someone else: another file, another stamp.
        let journal = try #require(FileManager.default.contents(atPath: ManifestJournal.path(for: output)))
        try AtomicFile.write([UInt8](journal), to: ManifestJournal.path(for: output))
        #expect(memory.manifest(for: output) == nil)
        // A rebuild's first change removes the journal.
        var changed = kept
        changed.outputs["systems/juki/index.html"] = 9
        memory.keep(changed, journal: try await changed.save(for: output, after: kept), for: output)
        Self.expectSameTables(try #require(memory.manifest(for: output)), changed)
        try BuildManifest.invalidate(for: output)
        #expect(memory.manifest(for: output) == nil)
    }

    /// The ledger rows follow the folder a build runs in (`city/inventory/…` from above the
    /// project, `inventory/…` inside it): rebased, the same rows under the other paths, the outputs
    /// as they were, a row outside the folder dropped, and no journal to add to (the rows all
    /// changed); the folder is saved and read back with the rows.
    @Test func theLedgerRowsFollowTheFolderTheBuildRunsIn() async throws {
        let (folder, output) = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let saved = Self.manifest()
        try await saved.save(for: output)
        let loaded = try #require(BuildManifest.load(for: output))
        #expect(loaded.folder == "" && loaded.journal != nil)
        #expect(loaded.rebased(to: "").journal != nil)
        let above = loaded.rebased(to: "city/")
        #expect(above.folder == "city/" && above.journal == nil)
        #expect(Set(above.ledgers.keys) == ["city/inventory/juki.yaml", "city/inventory/zei.yaml"])
        #expect(above.ledgers["city/inventory/juki.yaml"] == saved.ledgers["inventory/juki.yaml"])
        #expect(above.stamps["city/inventory/zei.yaml"] == saved.stamps["inventory/zei.yaml"])
        #expect(above.outputs == saved.outputs && above.fragments == saved.fragments && above.exportStamps == saved.exportStamps)
        Self.expectSameTables(above.rebased(to: ""), saved)
        try await above.save(for: output)
        let again = try #require(BuildManifest.load(for: output))
        #expect(again.folder == "city/")
        Self.expectSameTables(again, above)
        var mixed = above
        mixed.ledgers["other/inventory/x.yaml"] = .init(hash: "ef", id: "x", partners: [], valid: true)
        #expect(Set(mixed.rebased(to: "/srv/city/").ledgers.keys) == ["/srv/city/inventory/juki.yaml", "/srv/city/inventory/zei.yaml"])
    }

    static func folder() throws -> (folder: String, output: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-journal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (folder, folder + "/site")
    }

    static func manifest() -> BuildManifest {
        var outputs = OutputHashes()
        outputs["systems/juki/index.html"] = 1
        outputs["systems/zei/index.html"] = 2
        outputs["systems/index.html"] = 4
        outputs["data/systems.json"] = 5
        let stamp = FileStamp(size: 9, inode: 7, modified: 1_000, changed: 2_000)
        return BuildManifest(
            fingerprint: "f", warnings: 2,
            ledgers: ["inventory/juki.yaml": .init(hash: "ab", id: "juki", partners: ["zei"], valid: true, department: "市民課"),
                      "inventory/zei.yaml": .init(hash: "cd", id: "zei", partners: [], valid: true, department: "税務課")],
            outputs: outputs,
            fragments: Fragments(files: [Fragments.systemsJSON: ["juki": .init(key: "ab", offset: 12, length: 345),
                                                                 "zei": .init(key: "cd", offset: 357, length: 100)],
                                         Fragments.maintenance: ["juki": .init(key: "ab", offset: 0, length: 5)]],
                                 pageKeys: ["index.html": "k"],
                                 contributions: ["juki": .init(key: "ab", names: 1, search: 2, links: 3)]),
            stamps: ["inventory/juki.yaml": stamp, "inventory/zei.yaml": stamp], exportStamps: [Fragments.systemsJSON: stamp])
    }

    static func expectSameTables(_ loaded: BuildManifest, _ saved: BuildManifest, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(loaded.fingerprint == saved.fingerprint && loaded.warnings == saved.warnings, sourceLocation: sourceLocation)
        #expect(loaded.outputs == saved.outputs, sourceLocation: sourceLocation)
        #expect(loaded.ledgers == saved.ledgers, sourceLocation: sourceLocation)
        #expect(loaded.fragments == saved.fragments, sourceLocation: sourceLocation)
        #expect(loaded.stamps == saved.stamps && loaded.exportStamps == saved.exportStamps, sourceLocation: sourceLocation)
    }
}
