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
