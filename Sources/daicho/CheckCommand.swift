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
            do {
                // Written into the templates, the questions would be published with the guideline.
                if OutputFolder.isProjectFile(ProjectLoader.join(followUp, "index.md"), project: options.project,
                                              templates: ProjectLoader.join(options.project, "templates")) {
                    throw WriteError.projectFile(followUp)
                }
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
///
/// Lines end at LF, a CR before it is dropped. (The file split as a `String` on "\n" kept CRLF
/// files whole: "\r\n" is one character, so their diagnostics had no snippet.) Where each line
/// starts is found once per file: looked for from the top for every diagnostic, 9,000
/// diagnostics in a file of a million bytes took seconds. One file is held at a time: the
/// diagnostics come file by file, and holding every file with a diagnostic was the whole
/// inventory again for a national one.
struct SourceLines {
    private let source: ProjectSource
    private let ledgers: [String: LedgerSource]
    private var file: (path: String, bytes: [UInt8], starts: [Int])?

    init(_ source: ProjectSource) {
        self.source = source
        ledgers = Dictionary(source.ledgers.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The file at `path`, read and indexed unless it is the one held.
    private mutating func lines(of path: String) -> (bytes: [UInt8], starts: [Int])? {
        if let file, file.path == path { return (file.bytes, file.starts) }
        guard let bytes = path == source.projectFilePath ? source.projectFile : ledgers[path]?.bytes else { return nil }
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        file = (path, bytes, starts)
        return (bytes, starts)
    }

    /// Longer lines are left without a snippet (and are never decoded: 4 bytes a character at most).
    static let longest = 200

    mutating func line(_ location: SourceLocation) -> String? {
        guard let file = lines(of: location.file), location.line >= 1, location.line <= file.starts.count else { return nil }
        let content = file.bytes, start = file.starts[location.line - 1]
        guard start <= content.count else { return nil }
        var end = location.line < file.starts.count ? file.starts[location.line] - 1 : content.count
        if end > start, content[end - 1] == 0x0D { end -= 1 }
        guard end - start <= 4 * Self.longest, let line = String(validating: content[start..<end], as: UTF8.self) else { return nil }
        return line.count > Self.longest ? nil : line
    }
}
