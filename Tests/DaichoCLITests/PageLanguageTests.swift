import Foundation
import Testing

/// The pages' language is the project's (`site.lang`) unless `--lang` says otherwise; the
/// terminal's `LANG` chooses the messages only.
@Suite(.serialized) struct PageLanguageTests {
    private func build(_ project: URL, _ arguments: [String], language: String) throws -> (html: String, stderr: String) {
        let templates = CLI.shippedTemplates
        let run = try CLI.run(["build", ".", "--no-incremental", "--templates", templates] + arguments, in: project, language: language)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: project.appendingPathComponent("site/index.html"), encoding: .utf8)
        return (html, run.stderr)
    }

    @Test func anEnglishTerminalBuildsTheProjectsJapaneseSite() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let built = try build(project, [], language: "en_US.UTF-8")
        #expect(built.html.contains("<html lang=\"ja\""))
        // --lang still chooses.
        #expect(try build(project, ["--lang", "en"], language: "ja_JP.UTF-8").html.contains("<html lang=\"en\""))
    }

    @Test func langJaOutranksAnEnglishProject() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let settings = project.appendingPathComponent("daicho.yaml")
        try String(contentsOf: settings, encoding: .utf8).replacing("site:\n", with: "site:\n  lang: en\n")
            .write(to: settings, atomically: true, encoding: .utf8)
        #expect(try build(project, [], language: "ja_JP.UTF-8").html.contains("<html lang=\"en\""))
        #expect(try build(project, ["--lang", "ja"], language: "ja_JP.UTF-8").html.contains("<html lang=\"ja\""))
    }

    /// `--lang` naming the language `site.lang` gives is the same site: nothing is written again,
    /// either way; the other language is another site.
    @Test func theProjectsOwnLanguageGivenAgainIsTheSameBuild() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates], in: project).status == 0)
        for arguments in [["--lang", "ja"], []] {
            let run = try CLI.run(["build", ".", "--templates", templates] + arguments, in: project)
            #expect(run.status == 0 && run.stderr.contains("は最新です"), "\(arguments): \(run.stderr)")
        }
        let english = try CLI.run(["build", ".", "--templates", templates, "--lang", "en"], in: project)
        #expect(english.status == 0 && !english.stderr.contains("up to date"), "\(english.stderr)")
    }
}
