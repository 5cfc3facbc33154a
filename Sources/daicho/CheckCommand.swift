import ArgumentParser
import DaichoCore
import DaichoSite
import Foundation

struct CheckCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: L("台帳を検査し、問題をすべて報告します。", "Checks every ledger and reports every problem."))
    }

    enum OutputFormat: String, ExpressibleByArgument {
        case text, json
    }

    @OptionGroup var options: ProjectOptions

    @OptionGroup var cacheOptions: CacheOptions

    @Option(help: ArgumentHelp(L("出力形式: text または json", "Output format: text or json")))
    var format: OutputFormat = .text

    @Option(name: .customLong("follow-up"),
            help: ArgumentHelp(L("所管課ごとの照会事項（Markdown）を書き出すフォルダ",
                                 "Folder to write the follow-up questions for each department (Markdown)"),
                               valueName: "DIR"))
    var followUp: String?

    func run() async throws {
        let language = options.language
        let source: ProjectSource
        do {
            source = try ProjectLoader().load(options.project)
        } catch {
            throw Failure.report(error, language)
        }
        let checked = await ProjectPipeline(cache: cacheOptions.store(project: options.project), hashesContent: false).check(source)
        KeptUntilExit.keep(checked)
        let diagnostics = checked.diagnostics
        switch format {
        case .json:
            do {
                try DiagnosticFormatter(language: language, color: false).writeJSON(diagnostics, files: checked.files.count) {
                    Terminal.write(bytes: $0)
                }
            } catch {
                throw Failure.report(error, language)
            }
        case .text:
            // Written as it is made, a few dozen kilobytes at a time: every diagnostic's text held
            // and then joined was twice the size of the report (180 MB for 290,000 warnings).
            let formatter = DiagnosticFormatter(language: language, color: Terminal.useColor(STDOUT_FILENO))
            var lines = SourceLines(source)
            var chunk: [UInt8] = []
            for diagnostic in diagnostics {
                chunk += formatter.format(diagnostic, sourceLine: lines.line(diagnostic.location)).utf8
                chunk.append(0x0A)
                if chunk.count >= 1 << 16 {
                    Terminal.write(bytes: chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            chunk += formatter.summary(files: checked.files.count, errors: diagnostics.errorCount, warnings: diagnostics.warningCount).utf8
            chunk.append(0x0A)
            Terminal.write(bytes: chunk)
        }
        if let followUp {
            let report = FollowUpReport(checked: checked, language: language, source: source)
            let outcome: FollowUpWriter.Outcome
            do {
                // Written into the templates, the questions would be published with the guideline.
                if OutputFolder.isProjectFile(ProjectLoader.join(followUp, "index.md"), project: options.project,
                                              templates: ProjectLoader.join(options.project, "templates")) {
                    throw WriteError.projectFile(followUp)
                }
                outcome = try FollowUpWriter().write(report.documents(), to: followUp)
            } catch {
                throw Failure.report(error, language)
            }
            // Names from the last run's index.md: shown with the characters a terminal would act on written out.
            let removed = outcome.removed.map(DiagnosticFormatter.visible)
            if format == .text {
                Terminal.write(L("照会事項を \(followUp) に書き出しました（\(report.departmentCount) 課）",
                                 "wrote follow-up questions to \(followUp) (\(report.departmentCount) departments)"))
            }
            if !removed.isEmpty {
                // With --format json, standard output is the JSON: said on standard error.
                let said = L("前回書き出したファイルのうち、所管課がなくなった \(removed.count) ファイルを削除しました: \(removed.joined(separator: "、"))",
                             "removed \(removed.count) file(s) of the last run whose departments are gone: \(removed.joined(separator: ", "))")
                if format == .text { Terminal.write(said) } else { Terminal.error("daicho: " + said) }
            }
            Self.warnAboutKept(outcome, in: followUp)
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }

    /// The files of departments that are gone that an earlier run wrote and this one kept: they
    /// would go out with the current questions unless someone deletes them.
    static func warnAboutKept(_ outcome: FollowUpWriter.Outcome, in folder: String) {
        var outcome = outcome
        outcome.changed = outcome.changed.map(DiagnosticFormatter.visible)
        outcome.unrecorded = outcome.unrecorded.map(DiagnosticFormatter.visible)
        if !outcome.changed.isEmpty {
            Terminal.error(L("daicho: 警告: \(folder) の前回書き出したファイルのうち、所管課がなくなった次のファイルは、書き出した後に変更されているため残しました。"
                                + "不要になったら削除してください: \(outcome.changed.joined(separator: "、"))",
                             "daicho: warning: these files of the last run in \(folder) are of departments that are gone, but were changed since, "
                                + "so they are kept; delete them when they are no longer needed: \(outcome.changed.joined(separator: ", "))"))
        }
        if !outcome.unrecorded.isEmpty {
            Terminal.error(L("daicho: 警告: \(folder) の前回書き出したファイルのうち、所管課がなくなった次のファイルは、書き出した時の記録がない（以前の版の Daicho が書き出した）ため残しました。"
                                + "古い照会事項ですので、不要なら削除してください: \(outcome.unrecorded.joined(separator: "、"))",
                             "daicho: warning: these files of an earlier run in \(folder) are of departments that are gone; written by an earlier version "
                                + "of Daicho without a record, they are kept; delete them if they are no longer needed: \(outcome.unrecorded.joined(separator: ", "))"))
        }
        for (name, reason) in outcome.undeletable {
            Terminal.error(L("daicho: 警告: 所管課がなくなった前回のファイル \(folder)/\(DiagnosticFormatter.visible(name)) を削除できませんでした（\(WriteError.japanese(reason))）。手作業で削除してください",
                             "daicho: warning: could not remove \(folder)/\(name), a file of the last run whose department is gone (\(reason)); please delete it"))
        }
    }
}
