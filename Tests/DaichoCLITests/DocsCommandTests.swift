import Foundation
import Testing

@Suite(.serialized)
struct DocsCommandTests {
    @Test func oneDocumentIsTheSameAsTheBuildWrites() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.packageRoot.appendingPathComponent("templates").path
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates, "--date", "2026-12-01"], in: project).status == 0)
        for kind in ["rfi", "rfp", "sla"] {
            let markdown = try CLI.run(["docs", "juki", "--kind", kind, "--templates", templates, "--date", "2026-12-01"], in: project)
            #expect(markdown.status == 0)
            let built = try String(contentsOf: project.appendingPathComponent("site/systems/juki/\(kind).md"), encoding: .utf8)
            #expect(markdown.stdout == built)
        }
        let out = project.appendingPathComponent("sla.html")
        let html = try CLI.run(["docs", "juki", "--kind", "sla", "--format", "html", "--out", out.path, "--templates", templates,
                                "--date", "2026-12-01"], in: project)
        #expect(html.status == 0)
        #expect(try Data(contentsOf: out) == (try Data(contentsOf: project.appendingPathComponent("site/systems/juki/sla.html"))))
    }

    @Test func unknownSystemIsAUsageError() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let output = try CLI.run(["docs", "nope", "--kind", "rfi", "--templates", CLI.packageRoot.appendingPathComponent("templates").path],
                                 in: project)
        #expect(output.status == 2)
        #expect(output.stderr.contains("nope"))
    }
}
