import ArgumentParser
import DaichoCore
import DaichoRender
import DaichoSite
import Foundation

extension DocumentKind: ExpressibleByArgument {}
extension SiteRenderer.DocumentFormat: ExpressibleByArgument {}

struct DocsCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "docs",
            abstract: L("1つのシステムの調達文書（RFI・RFP・SLA）を作ります（サイトと同じ内容）。",
                        "Writes one procurement document (RFI, RFP or SLA) of one system, as the site has it."))
    }

    @Argument(help: ArgumentHelp(L("システムID", "System id")))
    var id: String

    @OptionGroup var options: ProjectOptions

    @Option(help: ArgumentHelp(L("文書の種類: rfi、rfp、sla", "Document: rfi, rfp or sla")))
    var kind: DocumentKind

    @Option(help: ArgumentHelp(L("形式: md（既定）または html", "Format: md (default) or html")))
    var format: SiteRenderer.DocumentFormat = .md

    @Option(help: ArgumentHelp(L("書き出すファイル（既定: 標準出力）", "Output file (default: standard output)"), valueName: "FILE"))
    var out: String?

    @Option(help: ArgumentHelp(L("作成日（例: 2026-12-01）", "Draft date (e.g. 2026-12-01)")))
    var date: String?

    @Option(help: ArgumentHelp(L("テンプレートのフォルダ（既定: PROJECT/templates）", "Templates folder (default: PROJECT/templates)"),
                               valueName: "DIR"))
    var templates: String?

    @Flag(help: ArgumentHelp(L("エラーのある台帳を除いて作ります", "Leave out ledgers with errors and go on")))
    var force = false

    func run() async throws {
        let language = options.language
        let date = try checkedDraftDate(date, language: language)
        let pipeline = ProjectPipeline()
        let text: String?
        var withErrors = false
        do {
            let (source, checked) = try await pipeline.check(options.project)
            let loaded = try TemplateLoader().load(project: options.project, override: templates)
            if let out, OutputFolder.isProjectFile(out, project: options.project, templates: loaded.folder) {
                throw WriteError.projectFile(out)
            }
            try reportErrors(checked, force: force, language: language)
            let renderer = SiteRenderer(templates: loaded.templates, assets: [:],
                                        options: SiteOptions(language: options.lang ?? checked.project.site.language, draftDate: date))
            let valid = checked.validLedgers
            // A ledger of that id (or file) that has errors: a problem in what was written (exit 1).
            withErrors = checked.ledgers.contains { $0.id == id }
                || source.ledgers.contains { $0.stem == id }
            text = try renderer.document(kind, for: id, format: format, project: checked.project, ledgers: valid,
                                         analysis: pipeline.analyze(checked, valid: valid))
            if let text, let out { try AtomicFile.writeNamed(Array(text.utf8), to: out) }
        } catch {
            throw Failure.report(error, language)
        }
        guard let text else {
            if withErrors {
                Terminal.error(L("daicho: ID「\(id)」の台帳にエラーがあるため、文書を作れません（daicho check で確かめてください）",
                                 "daicho: the ledger '\(id)' has errors, so no document is made (see daicho check)"))
                throw ExitCode(1)
            }
            Terminal.error(L("daicho: ID「\(id)」の台帳がありません", "daicho: no ledger with the id '\(id)'"))
            throw ExitCode(2)
        }
        if out == nil { Terminal.write(bytes: Array(text.utf8)) }
    }
}
