import Foundation
import Testing

/// The parsed-ledger cache from the command line: same output warm or cold, damage ignored, opt-out honoured.
@Suite(.serialized)
struct CacheTests {
    @Test func warmDamagedAndColdRunsPrintTheSame() throws {
        let project = try CLI.copyFixture("hostile")
        defer { try? FileManager.default.removeItem(at: project) }
        let cold = try CLI.run(["check", "--no-cache"], in: project)
        let cache = project.appendingPathComponent(".daicho-cache")
        #expect(!FileManager.default.fileExists(atPath: cache.path))

        let first = try CLI.run(["check"], in: project)
        let shards = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasSuffix(".bin") }
        #expect(!shards.isEmpty)
        #expect(try String(contentsOf: cache.appendingPathComponent(".gitignore"), encoding: .utf8) == "*\n")
        let warm = try CLI.run(["check"], in: project)
        for shard in shards {
            let path = cache.appendingPathComponent(shard).path
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path))
        }
        let damaged = try CLI.run(["check"], in: project)
        for output in [first, warm, damaged] {
            #expect(output.status == cold.status)
            #expect(output.stdout == cold.stdout)
        }
    }

    @Test func anEditedLedgerIsReadAgain() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try CLI.run(["check"], in: project).status == 0)
        let file = project.appendingPathComponent("inventory/juki.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "form: ", with: "form: dedicated_sever # ").write(to: file, atomically: true, encoding: .utf8)
        let edited = try CLI.run(["check"], in: project)
        #expect(edited.status == 1)
        #expect(edited.stdout.contains("dedicated_sever"))
    }

    /// Files left alone for a while get stamps in the cache and are then taken unread; a file
    /// edited in place (same inode, same size) has a new change time, so it is read again.
    @Test func aStampedLedgerEditedInPlaceIsReadAgain() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        Thread.sleep(forTimeInterval: 2.2)  // files changed in the last two seconds get no stamp
        let cold = try CLI.run(["check", "--no-cache"], in: project)
        #expect(try CLI.run(["check"], in: project).stdout == cold.stdout)
        #expect(try CLI.run(["check"], in: project).stdout == cold.stdout)
        let file = project.appendingPathComponent("inventory/juki.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        // The same number of bytes: only the change time tells the file changed.
        let edit = text.replacingOccurrences(of: "form: dedicated_server", with: "form: xxxxxxxxxxxxxxxx")
        #expect(edit.utf8.count == text.utf8.count && edit != text)
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: Data(edit.utf8))
        try handle.close()
        let edited = try CLI.run(["check"], in: project)
        #expect(edited.status == 1)
        #expect(edited.stdout.contains("xxxxxxxxxxxxxxxx"))
    }

    /// The same project given from the same folder as `city`, `./city/`, `city/../city` or by
    /// its absolute path is one project: the manifest and the cache know its ledgers by the same
    /// paths, so nothing is built again.
    @Test func anotherSpellingOfTheProjectFolderFindsTheSiteUpToDate() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let parent = project.deletingLastPathComponent(), name = project.lastPathComponent
        let templates = CLI.shippedTemplates
        func build(_ spelling: String) throws -> CLI.Output {
            try CLI.run(["build", spelling, "-o", project.path + "/site", "--templates", templates, "--lang", "en"], in: parent)
        }
        #expect(try build(name).status == 0)
        for spelling in ["./" + name + "/", name + "/../" + name, project.path] {
            let again = try build(spelling)
            #expect(again.status == 0)
            #expect(again.stderr.contains("up to date"), "\(spelling): \(again.stderr)")
        }
    }

    /// Built from the folder above it (`daicho build city`) and from inside it (`daicho build`),
    /// a project is still one site: the manifest and the cache know its ledgers by their paths in
    /// the project, so the second build finds it up to date, and after an edit a build from
    /// either folder renders only what the edit touches.
    @Test func buildsFromAnotherFolderFindTheSiteUpToDate() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let parent = project.deletingLastPathComponent(), name = project.lastPathComponent
        let templates = CLI.shippedTemplates
        func build(_ spelling: String, in folder: URL) throws -> CLI.Output {
            try CLI.run(["build", spelling, "-o", project.path + "/site", "--templates", templates, "--lang", "en"], in: folder)
        }
        let written = { (output: CLI.Output) in output.stderr.split(separator: " ").dropFirst().first.flatMap { Int($0) } }
        let first = try build(name, in: parent)
        #expect(first.status == 0)
        let all = try #require(written(first))
        let inside = try build(".", in: project)
        #expect(inside.stderr.contains("up to date"), "\(inside.stderr)")
        let file = project.appendingPathComponent("inventory/juki.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "purpose: |\n", with: "purpose: |\n    更新。\n").write(to: file, atomically: true, encoding: .utf8)
        let edited = try build(".", in: project)
        #expect(edited.status == 0)
        let rendered = try #require(written(edited), "\(edited.stderr)")
        // A build that took every ledger for new renders every page (63 for this project; 32 here).
        #expect(rendered > 0 && rendered < all, "\(rendered) of \(all)")
        let above = try build(name, in: parent)
        #expect(above.stderr.contains("up to date"), "\(above.stderr)")
    }

    /// Another build of Daicho may write any page differently: its first build over a site the
    /// other made renders every page, as its cache reads every ledger again.
    @Test func anotherBuildOfDaichoRendersEveryPageAgain() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let other = project.appendingPathComponent("daicho-updated")
        try FileManager.default.copyItem(at: CLI.executable, to: other)
        let templates = CLI.shippedTemplates
        func build(_ program: URL? = nil) throws -> CLI.Output {
            try CLI.run(["build", ".", "--templates", templates, "--lang", "en"], in: project, program: program)
        }
        let first = try build()
        #expect(first.status == 0)
        #expect(try build().stderr.contains("up to date"))
        let updated = try build(other)
        #expect(updated.status == 0)
        // As many files as the first build wrote: every page.
        let written = { (output: CLI.Output) in output.stderr.split(separator: " ").dropFirst().first.map(String.init) }
        #expect(first.stderr.hasPrefix("wrote ") && updated.stderr.hasPrefix("wrote "), "\(updated.stderr)")
        #expect(written(updated) == written(first))
        #expect(try build(other).stderr.contains("up to date"))
    }
}
