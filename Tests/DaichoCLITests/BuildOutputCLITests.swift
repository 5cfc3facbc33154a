import Foundation
import Testing

/// Where `daicho build` writes: files it leaves behind, folders it refuses.
@Suite(.serialized)
struct BuildOutputCLITests {
    /// A file someone put into the site survives rebuilds; a full build carries those at the top
    /// (a file, a folder of them) into the new site, and names those in `assets/` it leaves behind.
    @Test func aFullBuildNamesTheFilesItLeavesBehind() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates], in: project).status == 0)
        let site = project.appendingPathComponent("site")
        try "Options -Indexes\n".write(to: site.appendingPathComponent(".htaccess"), atomically: true, encoding: .utf8)
        try "logo".write(to: site.appendingPathComponent("assets/logo.png"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("reports/2025"), withIntermediateDirectories: true)
        try "pdf".write(to: site.appendingPathComponent("reports/2025/a.pdf"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("latest").path, withDestinationPath: "reports/2025")
        // A file a killed rebuild was writing is not carried, nor named.
        try "half".write(to: site.appendingPathComponent(".index.html.123.456.tmp"), atomically: true, encoding: .utf8)
        let quiet = try CLI.run(["build", ".", "-q", "--templates", templates], in: project)
        #expect(quiet.status == 0 && !quiet.stderr.contains("警告"))
        let full = try CLI.run(["build", ".", "-q", "--no-incremental", "--templates", templates], in: project)
        #expect(full.status == 0)
        #expect(full.stderr.contains("Daicho の作らないファイル（assets/logo.png）"), "\(full.stderr)")
        #expect(full.stderr.contains("templates/assets/ に置けば"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("assets/logo.png").path))
        #expect(try String(contentsOf: site.appendingPathComponent(".htaccess"), encoding: .utf8) == "Options -Indexes\n")
        #expect(try String(contentsOf: site.appendingPathComponent("reports/2025/a.pdf"), encoding: .utf8) == "pdf")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.appendingPathComponent("latest").path) == "reports/2025")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(".index.html.123.456.tmp").path))
        // Carried again by the next full build (the old site, deleted, took nothing with it).
        #expect(try CLI.run(["build", ".", "-q", "--no-incremental", "--templates", templates], in: project).status == 0)
        #expect(try String(contentsOf: site.appendingPathComponent("reports/2025/a.pdf"), encoding: .utf8) == "pdf")
        // Nothing of Daicho's own is named, nor the search index a build of the system pages alone leaves out.
        #expect(try CLI.run(["build", ".", "-q", "--no-incremental", "--templates", templates], in: project).stderr.isEmpty)
        let systemsOnly = try CLI.run(["build", ".", "-q", "--only", "systems", "--templates", templates], in: project)
        #expect(systemsOnly.status == 0 && systemsOnly.stderr.isEmpty, "\(systemsOnly.stderr)")
    }

    /// What a build says it did: files written and removed, a rebuild that changed no page, and
    /// which edition, when it is the public one.
    @Test func theSummarySaysWhatHappened() throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates], in: project).status == 0)
        // The same ledger, its bytes changed (a line added at its end): checked, no page changes.
        let reiki = project.appendingPathComponent("inventory/reiki.yaml")
        try (try String(contentsOf: reiki, encoding: .utf8) + "\n").write(to: reiki, atomically: true, encoding: .utf8)
        let same = try CLI.run(["build", ".", "--templates", templates], in: project)
        #expect(same.stderr.contains("site のページは内容が変わらないため、書き直していません（"), "\(same.stderr)")
        try FileManager.default.removeItem(at: reiki)
        let removed = try CLI.run(["build", ".", "--templates", templates], in: project)
        #expect(removed.stderr.contains(/site に \d+ ファイルを書き出し、\d+ ファイルを削除しました（/), "\(removed.stderr)")
        let edition = try CLI.run(["build", ".", "--profile", "public", "--templates", templates], in: project)
        #expect(edition.stderr.contains(/site に公開版の \d+ ファイルを書き出しました（/), "\(edition.stderr)")
        // A value --only does not take is answered with the one it does.
        let only = try CLI.run(["build", ".", "--only", "all"], in: project)
        #expect(only.status == 2 && only.stderr.contains("に「all」は使えません（使える値: systems）"), "\(only.stderr)")
    }

    /// Ctrl+C during a full build ends it (exit status 130) with a word on the site, which is
    /// left as it was; the next build completes it.
    @Test func anInterruptedBuildSaysSo() throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try CLI.run(["generate", "600", "4", project.path]).status == 0)
        let templates = CLI.shippedTemplates
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates, "--only", "systems"], in: project).status == 0)
        let front = try Data(contentsOf: project.appendingPathComponent("site/index.html"))
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["build", ".", "--no-incremental", "--jobs", "1", "--templates", templates]
        process.currentDirectoryURL = project
        process.environment = ProcessInfo.processInfo.environment.merging(["LANG": "ja_JP.UTF-8", "NO_COLOR": "1"]) { $1 }
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Once its staging folder is there the build is under way, with its handler in place.
        let staging = ".site.building-\(process.processIdentifier)"
        for _ in 0..<1_000 where !FileManager.default.fileExists(atPath: project.appendingPathComponent(staging).path) {
            Thread.sleep(forTimeInterval: 0.01)
        }
        kill(process.processIdentifier, SIGINT)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(stderr.contains("daicho: 中断しました。次の build が作りかけのものを片付け"), "\(stderr)")
        #expect(try Data(contentsOf: project.appendingPathComponent("site/index.html")) == front)
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates], in: project).status == 0)
    }

    /// A program run from the PATH (`daicho build`, no folder typed) finds the templates/ kept
    /// beside it, as the README says an installed copy may.
    @Test func theTemplatesBesideAnInstalledProgramAreFound() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let bin = root.appendingPathComponent("bin"), project = root.appendingPathComponent("city")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.executable, to: bin.appendingPathComponent("daicho"))
        try FileManager.default.copyItem(atPath: CLI.shippedTemplates, toPath: root.appendingPathComponent("templates").path)
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("Tests/Fixtures/small"), to: project)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "daicho build . -q"]
        shell.currentDirectoryURL = project
        shell.environment = ["PATH": bin.path + ":/usr/bin:/bin", "LANG": "ja_JP.UTF-8"]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/index.html").path))
    }

    /// `-o .` is refused by every kind of build, not by a full one alone, with its own words.
    @Test func theCurrentFolderIsNeverTheOutput() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        let site = project.appendingPathComponent("site")
        #expect(try CLI.run(["build", project.path, "-q", "-o", site.path, "--templates", templates], in: project).status == 0)
        for arguments in [[], ["--no-incremental"]] {
            let run = try CLI.run(["build", project.path, "-q", "-o", ".", "--templates", templates] + arguments, in: site)
            #expect(run.status == 2 && run.stderr.contains("今いるフォルダかプロジェクト・テンプレートのフォルダそのものです"), "\(arguments): \(run.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path))
    }
}
