import DaichoCore
@testable import DaichoRender
import DaichoSite
import Foundation
import Testing

/// Someone who edits the templates learns every problem from one build, not one per build.
@Suite(.serialized) struct TemplateProblemsTests {
    /// A project with its own copy of the shipped templates.
    private func project() throws -> (root: String, templates: String) {
        let root = try copyFixture("small")
        let templates = root + "/templates"
        try FileManager.default.copyItem(atPath: Paths.templates, toPath: templates)
        return (root, templates)
    }

    /// The template problems that stop the build of `root`, and whether they stopped it as the
    /// templates were loaded (before any page rendered); nil when the build succeeds (the
    /// caller's `#require` records the issue).
    private func problems(building root: String) async -> (error: TemplateError, atLoad: Bool)? {
        do {
            _ = try await SiteBuilder(options: SiteOptions()).build(project: root, output: root + "/site")
            return nil
        } catch TemplateLoadError.template(let error) {
            return (error, true)
        } catch {
            return (error as? TemplateError).map { ($0, false) }
        }
    }

    /// Puts `text` before the first tag of a template.
    private func prefix(_ file: String, with text: String) throws {
        let original = try String(contentsOfFile: file, encoding: .utf8)
        guard let tag = original.range(of: "{{") else { throw CocoaError(.fileReadCorruptFile) }
        try (String(original[..<tag.lowerBound]) + text + String(original[tag.lowerBound...]))
            .write(toFile: file, atomically: true, encoding: .utf8)
    }

    @Test func syntaxErrorsOfSeveralTemplatesAreReportedTogether() async throws {
        let (root, templates) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try prefix(templates + "/procurement/sla.md", with: "{{#unclosed}}")
        try prefix(templates + "/layouts/dashboard.mustache", with: "{{broken")
        let (error, atLoad) = try #require(await problems(building: root), "broken templates must stop the build")
        #expect(atLoad == true)
        // In file order: layouts/ before procurement/.
        #expect(error.all.map { ($0.template as NSString).lastPathComponent } == ["dashboard.mustache", "sla.md"])
        #expect(error.diagnostics.allSatisfy { $0.hint == TemplateError.syntaxHint })
        let message = TemplateLoadError.template(error).message(.ja)
        #expect(message.contains("dashboard.mustache") && message.contains("sla.md"))
        #expect(message.hasSuffix("テンプレートのエラー 2 件"))
        #expect(!FileManager.default.fileExists(atPath: root + "/site"))
    }

    /// Templates saved in Shift_JIS are named, every one, with the others' syntax errors.
    @Test func unreadableTemplatesAreReportedWithTheOthersProblems() async throws {
        let (root, templates) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data([0x82, 0xA0, 0x0A]).write(to: URL(fileURLWithPath: templates + "/layouts/footer.mustache"))
        try Data([0x82, 0xA0, 0x0A]).write(to: URL(fileURLWithPath: templates + "/procurement/sla.md"))
        try prefix(templates + "/layouts/dashboard.mustache", with: "{{#unclosed}}")
        let (error, atLoad) = try #require(await problems(building: root), "unreadable templates must stop the build")
        #expect(atLoad == true)
        #expect(error.all.map { ($0.template as NSString).lastPathComponent } == ["dashboard.mustache", "footer.mustache", "sla.md"])
        #expect(error.all.filter { $0.message.ja.contains("UTF-8 として読めません") }.count == 2)
    }

    @Test func unknownNamesOfTheListsTheSystemPagesAndTheDraftsAreReportedTogether() async throws {
        let (root, templates) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // A fixed page, two names in the system page, and a draft: the build stops at the fixed
        // pages, yet the system page's and the draft's names are found too.
        try prefix(templates + "/layouts/dashboard.mustache", with: "{{nosuchOnDashboard}}")
        try prefix(templates + "/layouts/system.mustache", with: "{{nosuchOne}}{{#nosuchSection}}{{inside}}{{/nosuchSection}}")
        try prefix(templates + "/procurement/rfi.md", with: "{{nosuchInRFI}}")
        let (error, atLoad) = try #require(await problems(building: root), "unknown names must stop the build")
        #expect(atLoad == false)
        let found = error.all.map { "\(($0.template as NSString).lastPathComponent) \($0.key)" }
        // A section's unknown name is reported, not what its body would hold.
        #expect(found == ["dashboard.mustache nosuchOnDashboard", "system.mustache nosuchOne", "system.mustache nosuchSection",
                          "rfi.md nosuchInRFI"])
        #expect(!FileManager.default.fileExists(atPath: root + "/site"))
    }

    @Test func theSystemPagesTemplatesAreAllReportedWhenTheListsAreFine() async throws {
        let (root, templates) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try prefix(templates + "/layouts/system.mustache", with: "{{nosuchOne}}")
        try prefix(templates + "/procurement/sla.md", with: "{{nosuchInSLA}}")
        let (error, atLoad) = try #require(await problems(building: root), "unknown names must stop the build")
        #expect(atLoad == false)
        #expect(error.all.map(\.key) == ["nosuchOne", "nosuchInSLA"])
    }

    /// `{{{name}}}` or `{{& name}}` on a ledger's value would put its markup into the page
    /// (`<script>` in a system's name): refused where it is written, in every template at once;
    /// the markup Daicho makes keeps its triple braces.
    @Test func triplesBracesOnALedgersValueAreRefused() async throws {
        let (root, templates) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try prefix(templates + "/layouts/system.mustache", with: "<h1>{{{name}}}</h1>{{& department}}")
        try prefix(templates + "/procurement/rfi.md", with: "{{{organization}}}")
        let (error, atLoad) = try #require(await problems(building: root), "a ledger's value left unescaped must stop the build")
        #expect(atLoad == true)
        #expect(error.all.map(\.key) == ["name", "department", "organization"])
        #expect(error.all.first?.hint?.ja.hasPrefix("{{name}} と書いてください") == true)
        #expect(!FileManager.default.fileExists(atPath: root + "/site"))
        #expect(TemplateOutline.markupNames.contains("svg") && TemplateOutline.markupNames.contains("body"))
    }

    /// A misspelt name is told the name it most likely meant, dotted parts included.
    @Test func aMisspeltNameIsToldTheNearestName() async throws {
        let (root, templates) = try project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try prefix(templates + "/layouts/dashboard.mustache", with: "{{organizaton}}{{page.tittle}}")
        let (error, atLoad) = try #require(await problems(building: root), "misspelt names must stop the build")
        #expect(atLoad == false)
        #expect(error.all.map { $0.hint?.ja.components(separatedBy: "？").first ?? "" } == ["「organization」のことですか", "「page.title」のことですか"])
    }

    @Test func combiningSortsByPlaceAndKeepsEachPlaceOnce() {
        func problem(_ template: String, _ line: Int, _ key: String) -> TemplateError {
            TemplateError(template: template, line: line, column: 1, key: key, message: LocalizedText(ja: key, en: key))
        }
        let combined = TemplateError.combining([problem("b", 1, "x"), problem("a", 9, "y"), problem("a", 2, "z"), problem("b", 1, "x")])
        #expect(combined?.all.map(\.key) == ["z", "y", "x"])
        #expect(combined?.diagnostics.count == 3)
        #expect(TemplateError.combining([]) == nil)
    }
}
