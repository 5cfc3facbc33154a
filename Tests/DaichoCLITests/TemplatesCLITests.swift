import Foundation
import Testing

/// A project's own templates through `daicho build`: folders incomplete, every error at once, assets.
@Suite(.serialized)
struct TemplatesCLITests {
    /// A templates folder copied without its style sheet is refused with the file to copy (it
    /// built a site whose every page linked a missing style sheet), and the site is left as it was.
    @Test func aTemplatesFolderWithoutItsAssetsIsRefused() throws {
        let (project, templates) = try CLI.copyFixtureWithTemplates("small")
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates.path], in: project).status == 0)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("assets/style.css"))
        let run = try CLI.run(["build", ".", "-q", "--templates", templates.path], in: project)
        #expect(run.status == 2)
        #expect(run.stderr.contains("assets/style.css」がありません"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent("site/assets/style.css").path))
    }

    /// Unknown names in two templates: both are printed, each at its place, then their count,
    /// and the built site is left as it was.
    @Test func everyTemplateErrorIsPrintedAtOnce() throws {
        let (project, templates) = try CLI.copyFixtureWithTemplates("small")
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates.path], in: project).status == 0)
        let index = project.appendingPathComponent("site/index.html")
        let before = try Data(contentsOf: index)
        for (file, name) in [("layouts/dashboard.mustache", "dashbord"), ("procurement/sla.md", "grde")] {
            let url = templates.appendingPathComponent(file)
            try ("{{\(name)}}\n" + String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        let run = try CLI.run(["build", ".", "-q", "--templates", templates.path], in: project)
        #expect(run.status == 1)
        #expect(run.stderr.contains("layouts/dashboard.mustache:1:1: error: [dashbord]"), "\(run.stderr)")
        #expect(run.stderr.contains("procurement/sla.md:1:1: error: [grde]"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("テンプレートのエラー 2 件\n"), "\(run.stderr)")
        #expect(try Data(contentsOf: index) == before)
    }

    /// A project's templates folder without one of its layouts (renamed while being edited) is
    /// refused by name; the build never falls back to the shipped templates, which would drop
    /// every other customisation without a word.
    @Test func aTemplatesFolderMissingALayoutIsRefusedByName() throws {
        let (project, templates) = try CLI.copyFixtureWithTemplates("small")
        defer { try? FileManager.default.removeItem(at: project) }
        try FileManager.default.moveItem(at: templates.appendingPathComponent("layouts/system.mustache"),
                                         to: templates.appendingPathComponent("layouts/system.mustache.bak"))
        // The program beside the package's templates would otherwise take those.
        let run = try CLI.run(["build", ".", "-q"], in: project)
        #expect(run.status == 2)
        #expect(run.stderr.contains("system.mustache がありません"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
    }

    /// Assets in sub-folders (a logo in `images/`) are copied; an image a layout links that the
    /// folder lacks is named, with every other missing file, in one run.
    @Test func assetsInSubFoldersAreCopiedAndMissingOnesNamed() throws {
        let (project, templates) = try CLI.copyFixtureWithTemplates("small")
        defer { try? FileManager.default.removeItem(at: project) }
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("assets/images"), withIntermediateDirectories: true)
        try Data([0x89, 0x50, 0x4E, 0x47]).write(to: templates.appendingPathComponent("assets/images/logo.png"))
        let header = templates.appendingPathComponent("layouts/header.mustache")
        let original = try String(contentsOf: header, encoding: .utf8)
        try (original + "<img src=\"{{page.root}}assets/images/logo.png\" alt=\"\">\n").write(to: header, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["build", ".", "-q"], in: project).status == 0)
        #expect(try Data(contentsOf: project.appendingPathComponent("site/assets/images/logo.png")) == Data([0x89, 0x50, 0x4E, 0x47]))
        try (original + "<img src=\"assets/images/seal.png\"><img src=\"assets/fonts/x.woff2\">\n").write(to: header, atomically: true, encoding: .utf8)
        let run = try CLI.run(["build", ".", "-q"], in: project)
        #expect(run.status == 2)
        #expect(run.stderr.contains("assets/images/seal.png」がありません") && run.stderr.contains("assets/fonts/x.woff2」がありません"), "\(run.stderr)")
    }

    /// A partial that includes itself used to crash the build (the renderer ran out of stack);
    /// now the build refuses the templates, names the tag, and leaves the built site as it was.
    @Test func aPartialIncludingItselfIsAnErrorNotACrash() throws {
        let (project, templates) = try CLI.copyFixtureWithTemplates("small")
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates.path], in: project).status == 0)
        let index = project.appendingPathComponent("site/index.html")
        let before = try Data(contentsOf: index)
        let footer = templates.appendingPathComponent("layouts/footer.mustache")
        let lines = try String(contentsOf: footer, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
        try (String(contentsOf: footer, encoding: .utf8) + "{{> footer}}\n").write(to: footer, atomically: true, encoding: .utf8)
        let run = try CLI.run(["build", ".", "-q", "--templates", templates.path], in: project)
        #expect(run.status == 1)
        #expect(run.stderr.contains("layouts/footer.mustache:\(lines):1: error: [footer] 部分テンプレートが循環しています（footer → footer）"),
                "\(run.stderr)")
        #expect(run.stderr.contains("ヒント: {{> footer}} を消すか"))
        #expect(try Data(contentsOf: index) == before)
    }
}
