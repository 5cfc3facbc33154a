import ArgumentParser
import DaichoCore
import DaichoRender
import DaichoSite
import Foundation

struct AnalyzeCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "analyze",
            abstract: L("台帳を集計します（利用形態、保守費の割合、サーバ集約、専用端末、課題、経費）。",
                        "Analyses the inventory (forms of use, maintenance ratios, consolidation, terminals, gaps, costs)."))
    }

    @OptionGroup var options: ProjectOptions

    @OptionGroup var cacheOptions: CacheOptions

    @Flag(help: ArgumentHelp(L("analysis.json を出力します", "Print analysis.json")))
    var json = false

    @Flag(help: ArgumentHelp(L("エラーのある台帳を除いて集計します", "Leave out ledgers with errors and go on")))
    var force = false

    @Option(parsing: .unconditional,
            help: ArgumentHelp(L("同時に読み込むファイル数（既定: CPUコア数）。1 から 1024 まで", "Files parsed in parallel (default: one per core); 1 to 1024"), valueName: "N"))
    var jobs: JobCount?

    func run() async throws {
        let language = options.language
        let pipeline = ProjectPipeline(workers: jobs?.value, cache: cacheOptions.store(project: options.project), hashesContent: false,
                                       keepsWarnings: false)
        let checked: CheckedInventory
        let clock = ContinuousClock()
        var started = clock.now
        do {
            checked = try await pipeline.check(options.project).checked
        } catch {
            throw Failure.report(error, language)
        }
        StageTimer.report("load and check", clock.now - started)
        try reportErrors(checked, force: force, language: language)
        started = clock.now
        let analysis = pipeline.analyze(checked)
        KeptUntilExit.keep(checked)
        KeptUntilExit.keep(analysis)
        StageTimer.report("analyze", clock.now - started)
        started = clock.now
        if json {
            // Ends with a line break already.
            let pieces = analysis.renderedJSONPieces()
            StageTimer.report("render", clock.now - started)
            Terminal.write(pieces: pieces)
            return
        }
        let output = Array(AnalysisReport(analysis, language: language).rendered().utf8)
        StageTimer.report("render", clock.now - started)
        Terminal.write(bytes: output.last == 0x0A ? output : output + [0x0A])
    }
}

/// With errors in the inventory, stop (exit 1) showing them, unless `--force`, which names what is left out.
func reportErrors(_ checked: CheckedInventory, force: Bool, language: Language) throws {
    guard checked.diagnostics.hasErrors else { return }
    let formatter = DiagnosticFormatter(language: language, color: Terminal.useColor(STDERR_FILENO))
    let errors = checked.diagnostics.filter { $0.severity == .error }
    if !force || checked.projectHasErrors {
        Terminal.error(errors.map { formatter.format($0) }.joined(separator: "\n"))
        // --force leaves out ledgers, never daicho.yaml: with errors there, it cannot help.
        if checked.projectHasErrors {
            Terminal.error(L("エラーがあるため中止しました（\(errors.count) 件）。daicho.yaml のエラーは --force でも省けません。直してから実行してください。",
                             "stopped: \(errors.count) errors. Errors in daicho.yaml stop every run, --force or not: correct them first."))
        } else {
            Terminal.error(L("エラーがあるため中止しました（\(errors.count) 件）。エラーのある台帳を除いて続けるには --force を付けてください。",
                             "stopped: \(errors.count) errors. Use --force to leave out the ledgers with errors."))
        }
        throw ExitCode(1)
    }
    let files = checked.filesWithErrors.sorted()
    Terminal.error(L("エラーのある \(files.count) ファイルを除いて続けます: ", "leaving out \(files.count) files with errors: ")
                   + files.joined(separator: ", "))
}
