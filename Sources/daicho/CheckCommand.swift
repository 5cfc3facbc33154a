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
        let checked = await ProjectPipeline(cache: cacheOptions.store(project: options.project)).check(source)
        let diagnostics = checked.diagnostics
        switch format {
        case .json:
            Terminal.write(DiagnosticFormatter(language: language, color: false)
                .json(diagnostics, files: checked.files.count))
        case .text:
            let formatter = DiagnosticFormatter(language: language, color: Terminal.useColor(STDOUT_FILENO))
            let lines = SourceLines(source, files: Set(diagnostics.map(\.location.file)))
            var output = diagnostics.map { formatter.format($0, sourceLine: lines.line($0.location)) }
            output.append(formatter.summary(files: checked.files.count, errors: diagnostics.errorCount,
                                            warnings: diagnostics.warningCount))
            Terminal.write(output.joined(separator: "\n"))
        }
        if let followUp {
            let report = FollowUpReport(checked: checked, language: language)
            do {
                try FollowUpWriter().write(report.documents(), to: followUp)
            } catch {
                throw Failure.report(error, language)
            }
            if format == .text {
                Terminal.write(L("照会事項を \(followUp) に書き出しました（\(report.departmentCount) 課）",
                                 "wrote follow-up questions to \(followUp) (\(report.departmentCount) departments)"))
            }
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }
}

/// The text of source lines, for the snippet under each diagnostic.
struct SourceLines {
    private var lines: [String: [Substring]] = [:]

    init(_ source: ProjectSource, files: Set<String>) {
        var bytes: [String: [UInt8]] = [:]
        for ledger in source.ledgers where files.contains(ledger.path) { bytes[ledger.path] = ledger.bytes }
        if let project = source.projectFile { bytes[source.projectFilePath] = project }
        for (file, content) in bytes {
            guard let text = String(validating: content, as: UTF8.self) else { continue }
            lines[file] = text.split(separator: "\n", omittingEmptySubsequences: false)
        }
    }

    func line(_ location: SourceLocation) -> String? {
        guard let fileLines = lines[location.file], location.line >= 1, location.line <= fileLines.count else {
            return nil
        }
        let line = fileLines[location.line - 1]
        let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
        return trimmed.count > 200 ? nil : String(trimmed)
    }
}
