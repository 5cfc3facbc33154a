import DaichoCore
import DaichoRender
@testable import DaichoSite
import Foundation
import Synchronization
import Testing

/// Incremental rebuilds must give exactly the site a full build gives, touching nothing else.
@Suite(.serialized) struct IncrementalBuildTests {
    /// Every file's bytes by path, and every folder (as its path with a `/`, without bytes): an
    /// empty folder a full build would not make is a difference too.
    func tree(_ folder: String) throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        let walker = FileManager.default.enumerator(atPath: folder)
        while let path = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                result[path + "/"] = []
            } else {
                result[path] = FileManager.default.contents(atPath: folder + "/" + path).map { [UInt8]($0) }
            }
        }
        return result
    }

    func modificationTimes(_ folder: String) throws -> [String: Date] {
        var result: [String: Date] = [:]
        let walker = FileManager.default.enumerator(atPath: folder)
        while let path = walker?.nextObject() as? String {
            result[path] = try FileManager.default.attributesOfItem(atPath: folder + "/" + path)[.modificationDate] as? Date
        }
        return result
    }

    /// - Parameters:
    ///   - memory: what `serve` keeps between builds.
    ///   - patchesInPlace: false as `serve` builds (changed exports replaced by patched copies).
    func build(_ project: String, _ output: String, incremental: Bool = true, memory: BuildMemory? = nil,
               patchesInPlace: Bool = true) async throws -> SiteBuilder.Outcome {
        var builder = SiteBuilder(options: SiteOptions(), templatesOverride: Paths.templates)
        builder.memory = memory
        builder.patchesInPlace = patchesInPlace
        return try await builder.build(project: project, output: output, incremental: incremental)
    }

    /// The staging folder of a full build killed since the last build is removed by the next
    /// build, whether it rebuilds or finds nothing changed.
    @Test func aKilledBuildsFolderIsRemovedByTheNextIncrementalBuild() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site"
        _ = try await build(project, output)
        // A manifest or journal not yet renamed into place when its build was killed, too; one
        // of a build that still runs is its own.
        let running = project + "/..site.daicho-manifest.\(getppid()).7.tmp"
        try Data().write(to: URL(fileURLWithPath: running))
        for edit in [false, true] {
            let leftover = project + "/.site.building-\(try endedProcessID())"
            try FileManager.default.createDirectory(atPath: leftover + "/systems", withIntermediateDirectories: true)
            let ended = try endedProcessID()
            let temporary = ["daicho-manifest", "daicho-journal"].map { project + "/..site.\($0).\(ended).42.tmp" }
            for file in temporary { try Data("x".utf8).write(to: URL(fileURLWithPath: file)) }
            if edit { try replace("annual: {maintenance: 3600,", with: "annual: {maintenance: 3700,", in: project + "/inventory/juki.yaml") }
            let outcome = try await build(project, output)
            if case .built = outcome { #expect(edit) } else if case .unchanged = outcome { #expect(!edit) } else { Issue.record("\(outcome)") }
            #expect(!FileManager.default.fileExists(atPath: leftover), "edit: \(edit)")
            #expect(temporary.allSatisfy { !FileManager.default.fileExists(atPath: $0) }, "edit: \(edit)")
        }
        #expect(FileManager.default.fileExists(atPath: running))
    }

    @Test func unchangedInputsWriteNothing() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site"
        _ = try await build(project, output)
        let before = try modificationTimes(output)
        guard case .unchanged = try await build(project, output) else {
            Issue.record("expected no work")
            return
        }
        #expect(try modificationTimes(output) == before)
    }

    /// An export saved by hand (say, the CSV from Excel) is written anew by the next build even when
    /// no ledger changed; builds after it find nothing to do again, and so does one after a rebuild
    /// that patched the exports in place.
    @Test func anExportEditedByHandIsRestoredWithNothingElseChanged() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference"
        _ = try await build(project, output)
        _ = try await build(project, reference, incremental: false)
        let full = try tree(reference)
        for path in [Fragments.systemsCSV, Fragments.systemsJSON, Fragments.systemsList] {
            let handle = try #require(FileHandle(forWritingAtPath: output + "/" + path))
            handle.seekToEndOfFile()
            handle.write(Data("edited,by,hand\n".utf8))
            try handle.close()
            guard case .built = try await build(project, output) else {
                Issue.record("\(path) edited by hand, yet the build found nothing to do")
                continue
            }
            #expect(try tree(output)[path] == full[path], "\(path) is written anew")
            guard case .unchanged = try await build(project, output) else {
                Issue.record("after \(path) was restored the next build should find nothing to do")
                continue
            }
        }
        #expect(try tree(output) == full)
        // A cost changed by a few yen keeps the exports' length: they are patched in place, and
        // their new stamps recorded.
        let ledger = project + "/inventory/zeimu.yaml"
        let text = try String(contentsOfFile: ledger, encoding: .utf8)
        let edited = text.replacing(/maintenance: (\d+)/) { match in "maintenance: \(Int(match.output.1)! + 1)" }
        #expect(edited != text)
        try edited.write(toFile: ledger, atomically: true, encoding: .utf8)
        _ = try await build(project, output)
        guard case .unchanged = try await build(project, output) else {
            Issue.record("after a rebuild that patched the exports the next build should find nothing to do")
            return
        }
        // Patched files touched (same bytes, new stamps): a patched file's recorded value is not a
        // hash of its bytes, so the rebuild compares the bytes themselves, and stamps the files
        // again; otherwise every build after it would compare them anew.
        usleep(20_000)
        for path in [Fragments.systemsList, Fragments.maintenance, Fragments.systemsCSV] {
            #expect(utimes(output + "/" + path, nil) == 0)
        }
        let before = try tree(output)
        guard case .built = try await build(project, output) else {
            Issue.record("touched files with pieces should make the build look at them")
            return
        }
        #expect(try tree(output) == before)
        guard case .unchanged = try await build(project, output) else {
            Issue.record("once compared, the touched files should be stamped as the build's own")
            return
        }
    }

    /// A rebuild trusts an export whose stamp is the one recorded right after it was written, and
    /// otherwise takes it only when its bytes hash to the recorded value.
    @Test func exportsAreTrustedByStampOrElseByHash() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site"
        _ = try await build(project, output)
        let manifest = try #require(BuildManifest.load(for: output))
        #expect(Set(manifest.exportStamps.keys) == Set(Fragments.files + SiteBuilder.witnesses))
        #expect(Set(SiteBuilder.reusableFiles(in: output, manifest).source.map { Array($0.bytes.keys) } ?? []) == Set(Fragments.files))
        var wrongHashes = manifest
        for path in Fragments.files { wrongHashes.outputs[path] = 1 }
        // The stamps still match: the files are not read to be trusted.
        #expect(SiteBuilder.reusableFiles(in: output, wrongHashes).source?.bytes.count == Fragments.files.count)
        var noStamps = manifest
        noStamps.exportStamps = [:]
        #expect(SiteBuilder.reusableFiles(in: output, noStamps).source?.bytes.count == Fragments.files.count)
        var neither = wrongHashes
        neither.exportStamps = [:]
        #expect(SiteBuilder.reusableFiles(in: output, neither).source == nil)
        // A file rewritten with the same bytes has a new stamp, and is then trusted by its hash only.
        let csv = output + "/" + Fragments.systemsCSV
        try Data(contentsOf: URL(fileURLWithPath: csv)).write(to: URL(fileURLWithPath: csv + ".new"))
        #expect(rename(csv + ".new", csv) == 0)
        #expect(SiteBuilder.reusableFiles(in: output, wrongHashes).source?.bytes.keys.contains(Fragments.systemsCSV) == false)
        #expect(SiteBuilder.reusableFiles(in: output, manifest).source?.bytes.keys.contains(Fragments.systemsCSV) == true)
    }

    /// A hand edit is written over by the next rebuild even when the file's new bytes come out as
    /// the last build's (until the fourteenth session it stayed, and the site differed from a full
    /// build's); the file is then the build's own again, and the rebuild after it pieces from it.
    @Test func handEditsAreWrittenOverEvenWhenTheBuildsBytesAreUnchanged() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference", csv = output + "/" + Fragments.systemsCSV
        _ = try await build(project, output)
        let original = try String(contentsOfFile: csv, encoding: .utf8)
        try original.replacingOccurrences(of: "課", with: "科").write(toFile: csv, atomically: false, encoding: .utf8)
        let ledger = project + "/inventory/juki.yaml"
        func edit(_ old: String, _ new: String) throws {
            let text = try String(contentsOfFile: ledger, encoding: .utf8)
            #expect(text.contains(old))
            try text.replacingOccurrences(of: old, with: new).write(toFile: ledger, atomically: true, encoding: .utf8)
        }
        // The purpose is not in the CSV: its bytes come out as before, and are written over the edit.
        try edit("  purpose: |\n", "  purpose: |\n    改訂。\n")
        _ = try await build(project, output)
        #expect(try String(contentsOfFile: csv, encoding: .utf8) == original)
        #expect(BuildManifest.load(for: output)?.exportStamps[Fragments.systemsCSV] != nil)
        try edit("  users: 25", "  users: 26")
        _ = try await build(project, output)
        _ = try await build(project, reference, incremental: false)
        let same = try tree(output)[Fragments.systemsCSV] == tree(reference)[Fragments.systemsCSV]
        #expect(same)
    }

    /// The exports are pieced together from the previous files only while those are the bytes the
    /// manifest recorded: an export (or the systems list) edited by hand is written anew, not spliced into.
    @Test func handEditedExportsAreWrittenAnew() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference"
        _ = try await build(project, output)
        let manifest = try #require(BuildManifest.load(for: output))
        #expect(manifest.fragments.files["data/systems.json"]?.isEmpty == false)
        #expect(manifest.fragments.files["data/systems.csv"]?.isEmpty == false)
        #expect(manifest.fragments.files["systems/index.html"]?.isEmpty == false)
        for path in Fragments.files {
            let url = URL(fileURLWithPath: output + "/" + path)
            // Same length, so every recorded piece still lines up with a (wrong) system.
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "課", with: "科").utf8).write(to: url)
        }
        let ledger = project + "/inventory/juki.yaml"
        // Fields the exports and the list show, so all three are written again (a page whose bytes
        // come out the same is left as it is, hand edits and all).
        try String(contentsOfFile: ledger, encoding: .utf8).replacingOccurrences(of: "  users: 25", with: "  users: 26")
            .replacingOccurrences(of: "\n  name: ", with: "\n  name: 新")
            .write(toFile: ledger, atomically: true, encoding: .utf8)
        guard case .built = try await build(project, output), case .built = try await build(project, reference, incremental: false) else {
            Issue.record("build stopped")
            return
        }
        for path in Fragments.files {
            let (a, b) = (try tree(output)[path] ?? [], try tree(reference)[path] ?? [])
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let same = a == b
            #expect(same, "\(path) differs at byte \(first): \(String(decoding: a[max(0, first - 40)..<min(a.count, first + 40)], as: UTF8.self))")
        }
    }

    /// A page rendered again is compared with its file, not with a recorded hash (ordinary pages
    /// have none): one whose bytes come out as the file's keeps its time, and one edited by hand
    /// since the last build is written anew.
    @Test func pagesRenderedAgainAreComparedWithTheirFiles() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference"
        _ = try await build(project, output)
        let manifest = try #require(BuildManifest.load(for: output))
        #expect(manifest.outputs["systems/juki/index.html"] == OutputHashes.unrecorded)
        #expect(manifest.outputs[Fragments.systemsList] != OutputHashes.unrecorded)
        // The users count shows on juki's page and in its RFI and RFP, not in its SLA; zeimu, which
        // juki links to, is rendered again too and shows none of it. The hand-edited SLA of zeimu
        // is repaired; juki's SLA keeps its file.
        let edited = output + "/systems/zeimu/sla.html", kept = "systems/juki/sla.html"
        let original = try String(contentsOfFile: edited, encoding: .utf8)
        try original.replacingOccurrences(of: "</h1>", with: "（手で直した）</h1>").write(toFile: edited, atomically: true, encoding: .utf8)
        let before = try modificationTimes(output)
        let ledger = project + "/inventory/juki.yaml"
        try String(contentsOfFile: ledger, encoding: .utf8).replacingOccurrences(of: "  users: 25", with: "  users: 26")
            .write(toFile: ledger, atomically: true, encoding: .utf8)
        guard case .built = try await build(project, output), case .built = try await build(project, reference, incremental: false) else {
            Issue.record("build stopped")
            return
        }
        #expect(try String(contentsOfFile: edited, encoding: .utf8) == original)
        #expect(try tree(output) == tree(reference))
        let after = try modificationTimes(output)
        #expect(after[kept] != nil && after[kept] == before[kept])
        #expect(after["systems/juki/index.html"] != before["systems/juki/index.html"])
    }

    /// `serve` replaces a changed export whole even when its length is kept: a download of the
    /// old file goes on reading the old bytes (patched in place, it read rows of both builds).
    /// The new file is the old one with the changed rows written in, copied by the kernel: not
    /// streamed and hashed again (recorded with the patch's value, not its bytes' hash).
    @Test func serveReplacesExportsRatherThanPatchingThem() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference"
        var builder = SiteBuilder(options: SiteOptions(), templatesOverride: Paths.templates)
        builder.patchesInPlace = false
        _ = try await builder.build(project: project, output: output)
        let path = output + "/" + Fragments.systemsJSON
        let before = try #require(FileStamp(path: path))
        // A page with pieces too (the systems list), which a rebuild may patch like an export.
        let list = output + "/" + Fragments.systemsList
        let listBefore = try #require(FileStamp(path: list))
        // A reader that opened the file before the rebuild.
        let reader = open(path, O_RDONLY)
        defer { close(reader) }
        let old = try #require(FileManager.default.contents(atPath: path))
        try replace("{maintenance: 3600,", with: "{maintenance: 4200,", in: project + "/inventory/juki.yaml")
        guard case .built = try await builder.build(project: project, output: output) else {
            Issue.record("expected a rebuild")
            return
        }
        #expect(try #require(FileStamp(path: path)).inode != before.inode)
        #expect(try #require(FileStamp(path: list)).inode != listBefore.inode, "the systems list was patched in place")
        var held = [UInt8](repeating: 0, count: old.count + 1)
        #expect(pread(reader, &held, held.count, 0) == old.count)
        #expect(Data(held.prefix(old.count)) == old)
        let manifest = try #require(BuildManifest.load(for: output))
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(manifest.outputs[Fragments.systemsJSON] != Digest64.hash([UInt8](bytes)), "the export was streamed and hashed again")
        _ = try await builder.build(project: project, output: reference, incremental: false)
        #expect(try tree(output) == tree(reference))
    }

    /// A file with pieces whose new bytes have the old length is patched where it differs (it
    /// keeps its inode); one whose length changes is replaced. Either way the site is a full build's.
    @Test func exportsOfTheSameLengthArePatchedInPlace() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference", ledger = project + "/inventory/juki.yaml"
        func inodes() throws -> [String: Int] {
            try Dictionary(uniqueKeysWithValues: Fragments.files.map { path in
                (path, try #require(FileStamp(path: output + "/" + path)).inode)
            })
        }
        func matchesAFullBuild() async throws -> Bool {
            try? FileManager.default.removeItem(atPath: reference)
            guard case .built = try await build(project, output), case .built = try await build(project, reference, incremental: false) else {
                Issue.record("build stopped")
                return false
            }
            return try tree(output) == tree(reference)
        }
        _ = try await build(project, output)
        let first = try inodes()
        // The users count is in both exports, the annual cost in them and in the list. Each keeps its
        // length: 3.6 → 4.2 million yen a year, with its lines, and a ratio of 60.0 → 70.0 %.
        let lengthKept = [Fragments.systemsJSON, Fragments.systemsCSV, Fragments.systemsList]
        try replace("  users: 25", with: "  users: 26", in: ledger)
        try replace("{maintenance: 3600,", with: "{maintenance: 4200,", in: ledger)
        try replace("unit_price: 100, quantity: 12", with: "unit_price: 150, quantity: 12", in: ledger)
        #expect(try await matchesAFullBuild())
        let patched = try inodes()
        for path in lengthKept {
            #expect(patched[path] == first[path], "\(path) was replaced, not patched")
        }
        let manifest = try #require(BuildManifest.load(for: output))
        #expect(manifest.exportStamps.count == Fragments.files.count + SiteBuilder.witnesses.count)
        // A patched export is recorded with a value derived from the patch, not its bytes' hash:
        // it is not hashed again.
        for path in lengthKept {
            let bytes = try #require(FileManager.default.contents(atPath: output + "/" + path))
            #expect(manifest.outputs[path] != Digest64.hash([UInt8](bytes)), "\(path) was hashed again")
        }
        // A longer name moves every row after it: the files are written anew.
        try replace("\n  name: ", with: "\n  name: 新", in: ledger)
        #expect(try await matchesAFullBuild())
        let replaced = try inodes()
        for path in lengthKept {
            #expect(replaced[path] != patched[path], "\(path) was patched though its length changed")
        }
        // And the next patch starts from those files.
        try replace("  users: 26", with: "  users: 27", in: ledger)
        #expect(try await matchesAFullBuild())
        #expect(try inodes()[Fragments.systemsJSON] == replaced[Fragments.systemsJSON])
        // A patched export whose stamp then changes (touched, same bytes) cannot be verified by
        // its hash: it is rendered whole and replaced, and the site is still a full build's.
        #expect(utimes(output + "/" + Fragments.systemsJSON, nil) == 0)
        try replace("  users: 27", with: "  users: 28", in: ledger)
        #expect(try await matchesAFullBuild())
        #expect(try inodes()[Fragments.systemsJSON] != replaced[Fragments.systemsJSON])
    }

    /// A settled ledger whose stamp is the recorded one is not read again; one written since
    /// (even to the same size) is, and so is one changed too recently to be stamped.
    @Test func stampsSpareReadingUnchangedLedgers() throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let path = project + "/inventory/juki.yaml"
        let reads = Mutex(0)
        func source() -> ProjectSource {
            ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [
                LedgerSource(path: path, stem: "juki") {
                    reads.withLock { $0 += 1 }
                    return FileBytes.read(path)
                },
            ])
        }
        let fresh = SiteBuilder.hashed(source())
        #expect(reads.withLock { $0 } == 1 && fresh.stamps.isEmpty)  // just copied: too recent to stamp
        Thread.sleep(forTimeInterval: 2.1)
        let settled = SiteBuilder.hashed(source())
        #expect(reads.withLock { $0 } == 2 && settled.stamps[path] != nil)
        var previous = BuildManifest(fingerprint: "f", ledgers: [path: .init(hash: settled.hashes[path] ?? "", id: "juki", partners: [], valid: true)],
                                     outputs: OutputHashes(), stamps: settled.stamps)
        let again = SiteBuilder.hashed(source(), previous: previous)
        #expect(reads.withLock { $0 } == 2 && again.hashes == settled.hashes)
        #expect(again.source.ledgers[0].hash == settled.source.ledgers[0].hash)
        // Stamps taken beforehand (a build takes them while the manifest is read) count the same;
        // a list that does not match the files is not used.
        let stamped = SiteBuilder.hashed(source(), stamps: [FileStamp(path: path)], previous: previous)
        #expect(reads.withLock { $0 } == 2 && stamped.hashes == settled.hashes && stamped.stamps == settled.stamps)
        let mismatched = SiteBuilder.hashed(source(), stamps: [], previous: previous)
        #expect(reads.withLock { $0 } == 2 && mismatched.hashes == settled.hashes)
        // A stamp taken before the file changed does not vouch for it: here the stamp given is
        // another file's, so the file is read.
        let other = SiteBuilder.hashed(source(), stamps: [FileStamp(path: project + "/daicho.yaml")], previous: previous)
        #expect(reads.withLock { $0 } == 3 && other.hashes == settled.hashes)
        // Same size, new content: the change time moves, so the file is read and hashed again.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "users: 25", with: "users: 52").write(toFile: path, atomically: false, encoding: .utf8)
        previous.stamps = settled.stamps
        let edited = SiteBuilder.hashed(source(), previous: previous)
        #expect(reads.withLock { $0 } == 4 && edited.hashes[path] != settled.hashes[path])
    }

    /// The consolidation page is kept through a cost edit and made again when a server's size
    /// changes a host's shares (kotei-gis, the largest system on the first host of the sample
    /// plan, stays there when it grows a little: only its share changes).
    /// A copy of the small fixture with the sample inventory (more systems, more links); the
    /// caller removes it.
    func sampleProject() throws -> String {
        let project = try copyFixture("small")
        try FileManager.default.removeItem(atPath: project + "/inventory")
        try FileManager.default.copyItem(atPath: Paths.root.appendingPathComponent("inventory").path, toPath: project + "/inventory")
        return project
    }

    /// A site folder put back from a backup after later builds: its pages are older than the
    /// manifest says. The next build sees every export's stamp changed and builds it whole, so
    /// the site equals a full build (a rebuild rewrote the exports and left the rest mixed). A new
    /// department in between makes the difference plain: its page was missing.
    @Test func aSiteRestoredFromABackupIsBuiltWhole() async throws {
        let project = try sampleProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", backup = project + "/backup", reference = project + "/reference"
        _ = try await build(project, output)
        try FileManager.default.copyItem(atPath: output, toPath: backup)
        try replace("    maintenance: 1600000", with: "    maintenance: 9900000", in: project + "/inventory/kotei-gis.yaml")
        try replace("  department: 市民課", with: "  department: 新設課", in: project + "/inventory/conveni-kofu.yaml")
        _ = try await build(project, output)
        try FileManager.default.removeItem(atPath: output)
        try FileManager.default.copyItem(atPath: backup, toPath: output)
        _ = try await build(project, output)
        _ = try await build(project, reference, incremental: false)
        let (rebuilt, full) = (try tree(output), try tree(reference))
        #expect(rebuilt.keys.sorted() == full.keys.sorted())
        #expect(rebuilt == full)
        // One export edited by hand is still a rebuild, which writes it anew.
        try Data("x".utf8).write(to: URL(fileURLWithPath: output + "/data/systems.csv"))
        let times = try modificationTimes(output)
        _ = try await build(project, output)
        #expect(try modificationTimes(output)["index.html"] == times["index.html"])
        #expect(try tree(output) == full)
    }

    /// A power cut just after a build can leave pages empty that the manifest vouches for (the
    /// kernel had not written them yet). The manifest is trusted only by the machine's start that
    /// wrote it: after a restart the build is a full one and the page is whole again. Within the
    /// same start the emptied page stays, as a page edited by hand does (see docs/decisions.md).
    @Test func aManifestFromBeforeARestartIsNotTrusted() async throws {
        let project = try sampleProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference"
        var builder = SiteBuilder(options: SiteOptions(), templatesOverride: Paths.templates)
        builder.bootID = "before"
        _ = try await builder.build(project: project, output: output)
        _ = try await builder.build(project: project, output: reference, incremental: false)
        let page = output + "/systems/kotei-gis/index.html"
        #expect(try !Data(contentsOf: URL(fileURLWithPath: page)).isEmpty)
        try Data().write(to: URL(fileURLWithPath: page))
        guard case .unchanged = try await builder.build(project: project, output: output) else {
            Issue.record("the same start of the machine trusts its manifest")
            return
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: page)).isEmpty)
        builder.bootID = "after"
        guard case .built = try await builder.build(project: project, output: output) else {
            Issue.record("a restart makes the build a full one")
            return
        }
        #expect(try tree(output) == tree(reference))
    }

    /// A site of the system pages alone has one file with pieces, the systems list: edited or
    /// deleted by hand, it is written anew and nothing else (it looked like a whole site put back
    /// from a backup, and every file was written again). Put back from a backup, it is built whole.
    @Test func aSystemsOnlySiteWithItsListEditedIsARebuild() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", backup = project + "/backup"
        var options = SiteOptions()
        options.systemsOnly = true
        let builder = SiteBuilder(options: options, templatesOverride: Paths.templates)
        _ = try await builder.build(project: project, output: output)
        let list = try tree(output)["systems/index.html"]
        for damage in ["edit", "delete"] {
            if damage == "edit" { try Data("x".utf8).write(to: URL(fileURLWithPath: output + "/systems/index.html")) }
            else { try FileManager.default.removeItem(atPath: output + "/systems/index.html") }
            let times = try modificationTimes(output)
            guard case .built(_, _, let summary) = try await builder.build(project: project, output: output) else {
                Issue.record("\(damage): expected a rebuild")
                continue
            }
            #expect(summary.pages == 1, "\(damage)")
            #expect(try modificationTimes(output)["systems/juki/index.html"] == times["systems/juki/index.html"], "\(damage)")
            #expect(try tree(output)["systems/index.html"] == list, "\(damage)")
        }
        try FileManager.default.copyItem(atPath: output, toPath: backup)
        try replace("annual: {maintenance: 3600,", with: "annual: {maintenance: 3700,", in: project + "/inventory/juki.yaml")
        _ = try await builder.build(project: project, output: output)
        let current = try tree(output)
        try FileManager.default.removeItem(atPath: output)
        try FileManager.default.copyItem(atPath: backup, toPath: output)
        _ = try await builder.build(project: project, output: output)
        #expect(try tree(output) == current)
    }

    /// A full build that stops (here a ledger error, after a `daicho.yaml` edit that makes every
    /// page new) leaves the old site and its manifest: undoing both finds the site up to date.
    @Test func aFullBuildThatStopsKeepsTheManifest() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", projectFile = project + "/daicho.yaml", ledger = project + "/inventory/juki.yaml"
        _ = try await build(project, output)
        let (settings, text) = (try Data(contentsOf: URL(fileURLWithPath: projectFile)), try Data(contentsOf: URL(fileURLWithPath: ledger)))
        try (settings + Data("\n# 変更\n".utf8)).write(to: URL(fileURLWithPath: projectFile))
        try (text + Data("usage: {form: bad}\n".utf8)).write(to: URL(fileURLWithPath: ledger))
        guard case .stopped = try await build(project, output) else {
            Issue.record("expected the errors to stop the build")
            return
        }
        #expect(BuildManifest.load(for: output) != nil)
        try settings.write(to: URL(fileURLWithPath: projectFile))
        try text.write(to: URL(fileURLWithPath: ledger))
        guard case .unchanged = try await build(project, output) else {
            Issue.record("expected the site to be up to date")
            return
        }
    }

    /// A build cancelled part way (Ctrl+C in `serve`) throws and is not taken for a finished one:
    /// a full build leaves the previous site and its manifest as they were and no staging folder,
    /// a rebuild leaves no manifest that vouches for what it did; the next build, not cancelled,
    /// gives exactly the full build's site. (Quietly ending the page loops made a cut-short site
    /// look complete: it was swapped in with a manifest, and `serve` showed 404s from then on.)
    @Test(arguments: [false, true]) func aCancelledBuildIsThrownAway(withMemory: Bool) async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference"
        let memory = withMemory ? BuildMemory() : nil
        func cancelledBuild(incremental: Bool = true) async -> (any Error)? {
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await build(project, output, incremental: incremental, memory: memory)
            }
            do {
                _ = try await task.value
                return nil
            } catch {
                return error
            }
        }
        // The first build, cancelled: nothing at all is left.
        #expect(await cancelledBuild() is CancellationError)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: project).filter { $0.hasPrefix(".site") }.isEmpty)
        _ = try await build(project, output, memory: memory)
        let first = try tree(output)
        let manifest = try #require(FileManager.default.contents(atPath: BuildManifest.path(for: output)))
        // A full build over it (--no-incremental), cancelled: the site and manifest are untouched.
        #expect(await cancelledBuild(incremental: false) is CancellationError)
        #expect(try tree(output) == first)
        #expect(FileManager.default.contents(atPath: BuildManifest.path(for: output)) == manifest)
        #expect(try FileManager.default.contentsOfDirectory(atPath: project).filter { $0.hasPrefix(".site.building") }.isEmpty)
        // A rebuild after a cost edit, cancelled, then the same rebuild to the end.
        try replace("{maintenance: 3600,", with: "{maintenance: 3700,", in: project + "/inventory/juki.yaml")
        #expect(await cancelledBuild() is CancellationError)
        _ = try await build(project, output, memory: memory)
        _ = try await build(project, reference, incremental: false)
        let rebuilt = try tree(output), full = try tree(reference)
        let differing = Set(rebuilt.keys).union(full.keys).filter { rebuilt[$0] != full[$0] }.sorted()
        #expect(differing.isEmpty, "differs from a full build: \(differing.prefix(5))")
        #expect(rebuilt != first)
    }

    /// A rebuild counts the files it wrote, not the pages it rendered again: "N files written"
    /// after a cost edit names the files whose time changed.
    @Test func aRebuildCountsTheFilesItWrote() async throws {
        let project = try sampleProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site"
        _ = try await build(project, output)
        let before = try modificationTimes(output)
        try await Task.sleep(for: .milliseconds(20))
        try replace("    maintenance: 1600000", with: "    maintenance: 1600001", in: project + "/inventory/kotei-gis.yaml")
        guard case .built(_, _, let summary) = try await build(project, output) else {
            Issue.record("expected a rebuild")
            return
        }
        let after = try modificationTimes(output)
        // Files only: a folder's time changes when a file in it is replaced.
        let files = Set(try tree(output).keys.filter { !$0.hasSuffix("/") })
        let written = after.filter { path, time in files.contains(path) && before[path] != time }.count
        #expect(summary.pages == written)
        #expect(written > 0 && written < before.count / 4)
    }

    /// Two department names with one folder hash (see `ManifestRowsTests`): when the second comes
    /// and goes, the first's folder moves, and its systems' pages, which link there, follow.
    @Test func departmentFoldersThatMoveAreFollowed() async throws {
        let project = try sampleProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference"
        try replace("  department: 市民課", with: "  department: 理業習財生観課", in: project + "/inventory/conveni-kofu.yaml")
        _ = try await build(project, output)
        for department in ["業機境習消涯課", "保険年金課"] {
            let text = try String(contentsOfFile: project + "/inventory/kokuho.yaml", encoding: .utf8)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("  department: ") })
            try replace(String(line), with: "  department: " + department, in: project + "/inventory/kokuho.yaml")
            _ = try await build(project, output)
            try? FileManager.default.removeItem(atPath: reference)
            _ = try await build(project, reference, incremental: false)
            #expect(try tree(output) == tree(reference), "\(department)")
        }
    }

    /// The drafts name the systems a terminal group is shared with: a rename of one, and one
    /// leaving the group, render the others' drafts again (as a full build would have them).
    @Test func terminalGroupPartnersFollowARenameAndALeaving() async throws {
        let project = try sampleProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference", draft = "systems/kaoku-hyoka/rfi.md"
        _ = try await build(project, output)
        #expect(String(decoding: try tree(output)[draft] ?? [], as: UTF8.self).contains("（固定資産税地理情報システム"))
        for (old, new) in [("  name: 固定資産税地理情報システム", "  name: 固定資産税地理情報システム（改）"),
                           ("    group: kotei-shisan", "    group: gis")] {
            try replace(old, with: new, in: project + "/inventory/kotei-gis.yaml")
            _ = try await build(project, output)
            try? FileManager.default.removeItem(atPath: reference)
            _ = try await build(project, reference, incremental: false)
            #expect(try tree(output)[draft] == tree(reference)[draft], "\(new)")
            #expect(try tree(output) == tree(reference), "\(new)")
        }
        #expect(!String(decoding: try tree(output)[draft] ?? [], as: UTF8.self).contains("固定資産税地理情報システム（改）と共用"))
        // A group named after a system that names none takes that system in (its terminals): a
        // rename of that system renders the other's draft again too.
        try replace("    dedicated: 3\n", with: "    dedicated: 4\n    group: bosai-joho\n", in: project + "/inventory/hoiku.yaml")
        _ = try await build(project, output)
        #expect(String(decoding: try tree(output)["systems/hoiku/rfi.md"] ?? [], as: UTF8.self).contains("（防災情報システムと共用）"))
        try replace("  name: 防災情報システム", with: "  name: 防災情報システム（改）", in: project + "/inventory/bosai-joho.yaml")
        _ = try await build(project, output)
        try? FileManager.default.removeItem(atPath: reference)
        _ = try await build(project, reference, incremental: false)
        #expect(String(decoding: try tree(output)["systems/hoiku/rfi.md"] ?? [], as: UTF8.self).contains("（防災情報システム（改）と共用）"))
        #expect(try tree(output) == tree(reference))
    }

    @Test func consolidationPageFollowsServersNotCosts() async throws {
        let project = try sampleProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference", page = "analysis/consolidation.html"
        _ = try await build(project, output)
        let ledger = project + "/inventory/kotei-gis.yaml"
        func edit(_ old: String, _ new: String) throws { try replace(old, with: new, in: ledger) }
        let first = try tree(output)[page]
        let times = try modificationTimes(output)
        try edit("    maintenance: 1600000", "    maintenance: 1600001")
        _ = try await build(project, output)
        #expect(try modificationTimes(output)[page] == times[page])
        #expect(try modificationTimes(output)["analysis/maintenance.html"] != times["analysis/maintenance.html"])
        try edit("      storage_gb: 4000", "      storage_gb: 4100")
        _ = try await build(project, output)
        _ = try await build(project, reference, incremental: false)
        let rebuilt = try tree(output)[page], full = try tree(reference)[page]
        let (matchesFullBuild, changed) = (rebuilt != nil && rebuilt == full, rebuilt != first)
        #expect(matchesFullBuild)
        #expect(changed)
    }

    /// The sitemap, the guideline (page and Markdown) and the checklist are kept through a cost
    /// edit (the same pages, the same figures) and made again when a figure they show moves:
    /// here the share of systems with an SLA, which the guideline quotes and the checklist counts.
    @Test func guidelineAndSitemapFollowTheirFigures() async throws {
        let project = try sampleProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference"
        let pages = ["sitemap.xml", "guidelines/index.html", "guidelines/guideline.md", "guidelines/checklist.html"]
        _ = try await build(project, output)
        let ledger = project + "/inventory/kotei-gis.yaml"
        func edit(_ old: String, _ new: String) throws { try replace(old, with: new, in: ledger) }
        let first = try tree(output)
        let times = try modificationTimes(output)
        try edit("    maintenance: 1600000", "    maintenance: 1600001")
        _ = try await build(project, output)
        let kept = try modificationTimes(output)
        for page in pages { #expect(kept[page] != nil && kept[page] == times[page], "\(page) was written again") }
        #expect(kept["analysis/maintenance.html"] != times["analysis/maintenance.html"])

        try edit("    sla: false", "    sla: true")
        _ = try await build(project, output)
        _ = try await self.build(project, reference, incremental: false)
        let rebuilt = try tree(output), full = try tree(reference)
        for page in pages { #expect(rebuilt[page] != nil && rebuilt[page] == full[page], "\(page) differs from a full build") }
        for page in pages.dropFirst() { #expect(rebuilt[page] != first[page], "\(page) kept its old figures") }
        #expect(rebuilt["sitemap.xml"] == first["sitemap.xml"])
    }

    /// A rebuild that stops after writing some pages must not leave a manifest that vouches for
    /// the old site: here the edited system's page cannot be written (a folder stands in its
    /// place), after the lists and the dashboard took the new cost. Once the edit is undone, the
    /// ledger is again what the old manifest recorded; the next build must still give the site
    /// of a full build, not keep the interrupted rebuild's pages.
    /// With `serve`'s memory, the manifest it kept is not used either once the rebuild failed.
    @Test(arguments: [false, true]) func anInterruptedRebuildIsNotTrustedAfterwards(withMemory: Bool) async throws {
        let project = try sampleProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site", reference = project + "/reference"
        let memory = withMemory ? BuildMemory() : nil
        func build(_ project: String, _ output: String) async throws -> SiteBuilder.Outcome {
            try await self.build(project, output, memory: memory)
        }
        _ = try await build(project, output)
        let ledger = project + "/inventory/kotei-gis.yaml"
        try replace("    maintenance: 1600000", with: "    maintenance: 1700000", in: ledger)
        let blocked = output + "/systems/kotei-gis/index.html"
        try FileManager.default.removeItem(atPath: blocked)
        try FileManager.default.createDirectory(atPath: blocked + "/in-the-way", withIntermediateDirectories: true)
        await #expect(throws: (any Error).self) { try await build(project, output) }
        let interrupted = try tree(output)["data/systems.json"].map { String(decoding: $0, as: UTF8.self) } ?? ""
        #expect(interrupted.contains("\"maintenance\": 1700000"), "the rebuild wrote no export before it failed")
        try FileManager.default.removeItem(atPath: blocked)
        try replace("    maintenance: 1700000", with: "    maintenance: 1600000", in: ledger)
        _ = try await build(project, output)
        _ = try await self.build(project, reference, incremental: false)
        let rebuilt = try tree(output), full = try tree(reference)
        let differing = Set(rebuilt.keys).union(full.keys).filter { rebuilt[$0] != full[$0] }.sorted()
        #expect(differing.isEmpty, "differs from a full build: \(differing.prefix(5))")
    }

    /// Also as `serve` builds, with the memory it keeps between builds (the manifest saved last
    /// and the parse results) and exports replaced rather than patched, over fewer rounds.
    @Test(arguments: [false, true]) func randomEditsMatchAFullBuildAndTouchOnlyWhatChanged(withMemory: Bool) async throws {
        let memory = withMemory ? BuildMemory() : nil
        func build(_ project: String, _ output: String, incremental: Bool = true, memory: BuildMemory? = nil) async throws
            -> SiteBuilder.Outcome {
            try await self.build(project, output, incremental: incremental, memory: memory, patchesInPlace: !withMemory)
        }
        // The sample inventory: more systems, more links.
        let project = try sampleProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.removeItem(atPath: project + "/daicho.yaml")
        try FileManager.default.copyItem(atPath: Paths.root.appendingPathComponent("daicho.yaml").path, toPath: project + "/daicho.yaml")
        let output = project + "/site", reference = project + "/reference"
        _ = try await build(project, output, memory: memory)
        var random = SplitMix(seed: 11)
        let files = try FileManager.default.contentsOfDirectory(atPath: project + "/inventory").filter { $0.hasSuffix(".yaml") }.sorted()
        var compared = 0
        let rounds = withMemory ? 20 : 30
        for round in 0..<rounds {
            let before = try modificationTimes(output)
            let file = project + "/inventory/" + files[Int.random(in: 0..<files.count, using: &random)]
            var text = try String(contentsOfFile: file, encoding: .utf8)
            switch round % 10 {
            case 0: text = text.replacingOccurrences(of: "  name: ", with: "  name: 改", options: [], range: text.range(of: "  name: "))
            case 1: text = text.replacingOccurrences(of: "  users: ", with: "  users: 1", options: [], range: text.range(of: "  users: "))
                // A server's size moves it between consolidation hosts.
                text = text.replacing(/memory_gb: \d+/, with: "memory_gb: 200")
            case 2: text = text.replacingOccurrences(of: "renewal: 20", with: "renewal: 20", options: [], range: nil)
                text = text.replacingOccurrences(of: "dependency: 2", with: "dependency: 1")
            case 3: text = text.replacingOccurrences(of: "direction: send", with: "direction: both")
            // Moves between existing departments and vendors: both pages change, no page appears.
            case 4: text = text.replacing(/department: [^\n]+/, with: "department: 情報政策課")
            case 5: text = text.replacing(/maintainer: [^\n]+/, with: "maintainer: 株式会社かもめソリューションズ")
            // What the pages keyed on their inputs read: disaster targets, terminals, renewal years,
            // gaps; and a cost, which every list row and export piece of the system shows.
            case 6: text = text.replacing(/target: same_day/, with: "target: within_3_days")
            // (Ledgers of a shared terminal group must agree on the count: those keep theirs.)
            case 7: if !text.contains("    group: ") { text = text.replacing(/dedicated: \d+/, with: "dedicated: 9") }
            case 8: text = text.replacing(/renewal: 20\d\d/, with: "renewal: 2033")
                text = text.replacing(/offsite: true/, with: "offsite: false")
            default: text = text.replacing(/maintenance: \d+/, with: "maintenance: 1234567")
                text = text.replacing(/emergency_manual: true/, with: "emergency_manual: false")
            }
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            // An edit that makes the inventory invalid stops both builds alike; those rounds compare nothing.
            if case .stopped = try await build(project, output, memory: memory) { continue }
            compared += 1
            try? FileManager.default.removeItem(atPath: reference)
            _ = try await build(project, reference, incremental: false)
            let incremental = try tree(output), full = try tree(reference)
            #expect(full.count > 300)
            #expect(Set(incremental.keys).symmetricDifference(full.keys).isEmpty)
            for (path, bytes) in full where incremental[path] != bytes {
                Issue.record("round \(round): \(path) differs from a full build")
            }
            // Pages of systems the edit does not touch keep their files.
            let after = try modificationTimes(output)
            let untouched = before.filter { after[$0.key] == $0.value }.count
            #expect(untouched > before.count / 2, "round \(round): only \(untouched) of \(before.count) files untouched")
        }
        #expect(compared >= rounds * 2 / 3)
    }

    @Test func removingALedgerRemovesItsPagesAndUpdatesItsPartners() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site"
        _ = try await build(project, output)
        #expect(FileManager.default.fileExists(atPath: output + "/systems/zeimu/index.html"))
        try FileManager.default.removeItem(atPath: project + "/inventory/zeimu.yaml")
        // juki links to zeimu: with zeimu gone that is an error, so drop the link too.
        let juki = project + "/inventory/juki.yaml"
        let text = try String(contentsOfFile: juki, encoding: .utf8)
            .replacingOccurrences(of: "  - {system: zeimu, direction: send, method: file, timing: daily, data: 異動情報}\n", with: "")
        try text.write(toFile: juki, atomically: true, encoding: .utf8)
        _ = try await build(project, output)
        #expect(!FileManager.default.fileExists(atPath: output + "/systems/zeimu"))
        let reference = project + "/reference"
        _ = try await build(project, reference, incremental: false)
        let incremental = try tree(output), full = try tree(reference)
        #expect(full.count > 20)
        #expect(incremental == full)
    }
}
