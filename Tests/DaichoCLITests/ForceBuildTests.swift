import Foundation
import Testing

/// `build --force` with a ledger left out for its errors, and errors it cannot leave out.
struct ForceBuildTests {
    /// Only the ledger with errors is left out, not the ledgers that link to it, and the command
    /// says so. (That the forced site links only to pages it has is `LinkCheckTests`'s.)
    @Test(arguments: [("category: resident", "category: xxx"), ("schema: 1\n", "schema: 1\nbasic: [\n")])
    func aForcedBuildLeavesOutOneLedger(edit: (String, String)) throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let file = project.appendingPathComponent("inventory/zeimu.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(text.contains(edit.0))
        try text.replacingOccurrences(of: edit.0, with: edit.1).write(to: file, atomically: true, encoding: .utf8)
        let templates = CLI.shippedTemplates
        let built = try CLI.run(["build", ".", "--force", "--templates", templates], in: project)
        #expect(built.status == 0)
        #expect(built.stderr.contains("エラーのある 1 ファイルを除いて"), "\(built.stderr)")
        let site = project.appendingPathComponent("site")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("systems/zeimu").path))
        let integrations = try String(contentsOf: site.appendingPathComponent("analysis/integrations.html"), encoding: .utf8)
        #expect(integrations.contains("zeimu"))
        // The left-out file is named inside the project, the same wherever the build ran from.
        let elsewhere = project.appendingPathComponent("elsewhere")
        let outside = try CLI.run(["build", project.path, "--force", "-o", elsewhere.path, "--templates", templates],
                                  in: project.deletingLastPathComponent())
        #expect(outside.status == 0)
        for page in ["index.html", "data/analysis.json"] {
            let here = try Data(contentsOf: site.appendingPathComponent(page))
            #expect(here == (try Data(contentsOf: elsewhere.appendingPathComponent(page))), "\(page)")
            let text = String(decoding: here, as: UTF8.self)
            #expect(text.contains("inventory/zeimu.yaml") && !text.contains(project.path), "\(page)")
        }
    }

    /// `--force` is not part of what makes every page again: on ledgers without errors a build
    /// with it after one without finds nothing to do. With a ledger left out, a build that finds
    /// nothing changed still reports it (with `--force`) or stops (without), and once the error is
    /// mended the ledger's pages come back.
    @Test func forceChangesOnlyWhichLedgersAreLeftOut() throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        let site = project.appendingPathComponent("site")
        let page = site.appendingPathComponent("systems/zeimu/index.html")
        let first = try CLI.run(["build", ".", "--templates", templates], in: project)
        #expect(first.status == 0)
        let written = try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as? Date
        let forced = try CLI.run(["build", ".", "--force", "--templates", templates], in: project)
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("は最新です"), "\(forced.stderr)")
        #expect(try FileManager.default.attributesOfItem(atPath: page.path)[.modificationDate] as? Date == written)

        let file = project.appendingPathComponent("inventory/zeimu.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "category: resident", with: "category: xxx").write(to: file, atomically: true, encoding: .utf8)
        for round in 1...2 {
            let leftOut = try CLI.run(["build", ".", "--force", "--templates", templates], in: project)
            #expect(leftOut.status == 0)
            #expect(leftOut.stderr.contains("エラーのある 1 ファイルを除いて"), "round \(round): \(leftOut.stderr)")
            #expect(!leftOut.stderr.contains("は最新です"), "round \(round): \(leftOut.stderr)")
            #expect(!FileManager.default.fileExists(atPath: page.path))
        }
        let stopped = try CLI.run(["build", ".", "--templates", templates], in: project)
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("category"), "\(stopped.stderr)")
        #expect(!FileManager.default.fileExists(atPath: page.path))

        try text.write(to: file, atomically: true, encoding: .utf8)
        let mended = try CLI.run(["build", ".", "--templates", templates], in: project)
        #expect(mended.status == 0)
        #expect(FileManager.default.fileExists(atPath: page.path))
        let fresh = project.appendingPathComponent("fresh")
        #expect(try CLI.run(["build", ".", "-o", fresh.path, "--no-incremental", "--templates", templates], in: project).status == 0)
        for path in ["systems/zeimu/index.html", "index.html", "data/analysis.json", "data/systems.csv"] {
            #expect(try Data(contentsOf: site.appendingPathComponent(path)) == (try Data(contentsOf: fresh.appendingPathComponent(path))), "\(path)")
        }
    }

    /// `build` counts the warnings it does not keep (it shows errors alone): the count it prints
    /// is the one `check` prints with every warning, with and without the cache.
    @Test func theBuildCountsTheWarningsCheckShows() throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        let check = try CLI.run(["check", "."], in: project)
        let count = try #require(check.stdout.firstMatch(of: /警告 (\d+) 件/).map { Int($0.1) ?? 0 })
        #expect(count > 0)
        for arguments in [["--no-cache"], ["--no-incremental"]] {
            let built = try CLI.run(["build", ".", "--templates", templates] + arguments, in: project)
            #expect(built.status == 0)
            #expect(built.stderr.contains("警告 \(count) 件）"), "\(arguments): \(built.stderr)")
        }
    }

    /// `--force` leaves out ledgers, never `daicho.yaml`: with an error there, the message says
    /// to correct it, not to add the `--force` that was given.
    @Test func errorsInTheProjectFileAreNotWorkedAroundByForce() throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let file = project.appendingPathComponent("daicho.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try (text + "\npolicy:\n  period_years: 0\n").write(to: file, atomically: true, encoding: .utf8)
        for arguments in [["build", ".", "--force"], ["analyze", "--force"], ["build", "."]] {
            let run = try CLI.run(arguments, in: project)
            #expect(run.status == 1)
            #expect(run.stderr.contains("daicho.yaml のエラーは --force でも省けません"), "\(arguments): \(run.stderr)")
            #expect(!run.stderr.contains("--force を付けてください"))
        }
    }
}
