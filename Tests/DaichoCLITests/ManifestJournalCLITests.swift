import Foundation
import Testing

/// `daicho build` keeps a rebuild's changes in the manifest's journal; without its journal (lost,
/// cut short) the manifest is not trusted and the next build renders every page.
struct ManifestJournalCLITests {
    /// A rebuild rewrites files in place: when one cannot be written after others were, the
    /// message says the site is partly updated and the next build, a full one, makes it whole.
    @Test func aRebuildThatFailsPartWaySaysTheSiteIsPartlyUpdated() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates], in: project).status == 0)
        let ledger = project.appendingPathComponent("inventory/juki.yaml")
        try String(contentsOf: ledger, encoding: .utf8).replacing("name: 住民記録システム", with: "name: 住民記録システム改")
            .write(to: ledger, atomically: true, encoding: .utf8)
        // The system's page, written after the lists (which show the new name), has its place
        // taken by a folder: it cannot be replaced.
        let export = project.appendingPathComponent("site/systems/juki/index.html")
        try FileManager.default.removeItem(at: export)
        try FileManager.default.createDirectory(at: export.appendingPathComponent("x"), withIntermediateDirectories: true)
        let failed = try CLI.run(["build", ".", "-q", "--templates", templates], in: project)
        #expect(failed.status == 2)
        #expect(failed.stderr.contains("juki/index.html") && failed.stderr.contains("一部のページだけが新しくなった状態"), "\(failed.stderr)")
        try FileManager.default.removeItem(at: export)
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates], in: project).status == 0)
        let rebuilt = try String(contentsOf: export, encoding: .utf8)
        #expect(rebuilt.contains("住民記録システム改"))
    }

    @Test func aRebuildWithoutItsJournalRendersEveryPage() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        let journal = project.appendingPathComponent(".site.daicho-journal").path
        let ledger = project.appendingPathComponent("inventory/juki.yaml").path
        func build(_ output: String = "site", full: Bool = false) throws -> Int {
            let run = try CLI.run(["build", ".", "-o", output, "--templates", templates, "--lang", "en"]
                                  + (full ? ["--no-incremental"] : []), in: project)
            #expect(run.status == 0, "\(run.stderr)")
            // "wrote N files to …"
            return run.stderr.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? -1
        }
        func editCost() throws {
            let text = try String(contentsOfFile: ledger, encoding: .utf8)
            try text.replacing(/maintenance: (\d+)/) { "maintenance: \(Int($0.1)! + 1)" }
                .write(toFile: ledger, atomically: true, encoding: .utf8)
        }
        let all = try build()
        #expect(all > 50)
        let emptyJournal = try #require(FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int)
        try editCost()
        let some = try build()
        #expect(some > 0 && some < all)
        #expect(try #require(FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int) > emptyJournal)

        // Lost, then cut short: every page again, and the same site as a full build.
        for damage in ["remove", "truncate"] {
            try editCost()
            if damage == "remove" {
                try FileManager.default.removeItem(atPath: journal)
            } else {
                let bytes = try #require(FileManager.default.contents(atPath: journal))
                try bytes.dropLast(4).write(to: URL(fileURLWithPath: journal))
            }
            #expect(try build() == all, "\(damage)")
            #expect(try build("reference", full: true) == all)
            let site = project.appendingPathComponent("site").path, reference = project.appendingPathComponent("reference").path
            let files = try FileManager.default.subpathsOfDirectory(atPath: site).sorted()
            #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: reference)).sorted())
            for file in files {
                #expect(FileManager.default.contentsEqual(atPath: site + "/" + file, andPath: reference + "/" + file), "\(file)")
            }
            try FileManager.default.removeItem(atPath: reference)
        }
    }
    /// A build that finds nothing changed checks nothing, yet counts the warnings: the last
    /// check's, kept in the manifest (and in its journal after a rebuild), with the folder's own
    /// as the folder is now (a subfolder of ledgers, which no hash covers).
    @Test func theUpToDateMessageCountsTheWarnings() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        func upToDate() throws -> String {
            let run = try CLI.run(["build", ".", "--templates", templates], in: project)
            #expect(run.status == 0 && run.stderr.contains("は最新です"), "\(run.stderr)")
            return run.stderr
        }
        let first = try CLI.run(["build", ".", "--templates", templates], in: project)
        #expect(first.stderr.contains("警告 4 件"), "\(first.stderr)")
        #expect(try upToDate().contains("警告 4 件は daicho check で表示します"))

        let parked = project.appendingPathComponent("inventory/old")
        try FileManager.default.createDirectory(at: parked, withIntermediateDirectories: true)
        try Data("schema: 1\n".utf8).write(to: parked.appendingPathComponent("a.yaml"))
        #expect(try upToDate().contains("警告 5 件は daicho check で表示します"))

        // One warning fewer, through a rebuild that keeps its rows in the journal, made while the
        // subfolder is there (its warning is counted by the rebuild, not kept for the builds after).
        let ledger = project.appendingPathComponent("inventory/kominkan.yaml")
        try (String(contentsOf: ledger, encoding: .utf8) + "costs: {initial: {software: 0}}\n").write(to: ledger, atomically: true, encoding: .utf8)
        let rebuilt = try CLI.run(["build", ".", "--templates", templates], in: project)
        #expect(rebuilt.status == 0 && rebuilt.stderr.contains("警告 4 件"), "\(rebuilt.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(".site.daicho-journal").path))
        #expect(try upToDate().contains("警告 4 件は daicho check で表示します"))
        try FileManager.default.removeItem(at: parked)
        #expect(try upToDate().contains("警告 3 件は daicho check で表示します"))

        let english = try CLI.run(["build", ".", "--templates", templates], in: project, language: "en_US.UTF-8")
        #expect(english.stderr.contains("daicho check lists the 3 warnings"), "\(english.stderr)")
    }
}
