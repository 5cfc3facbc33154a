import Foundation

/// Runs every check of ledger-v1 over a project: each file in parallel, then the cross-file rules.
public struct Checker: Sendable {
    public var parser: LedgerParser
    /// How many files to parse at once; nil means one per core. The result does not depend on it.
    public var workers: Int?

    public init(parser: LedgerParser = LedgerParser(), workers: Int? = nil) {
        self.parser = parser
        self.workers = workers
    }

    public func check(_ source: ProjectSource) async -> CheckedInventory {
        let (project, projectDiagnostics) = ProjectParser(reader: parser.reader)
            .parse(source.projectFile, file: source.projectFilePath)
        let sources = source.ledgers.sorted { $0.path < $1.path }
        let results = await parseAll(sources)
        let ledgers = results.compactMap(\.ledger)
        var diagnostics = source.diagnostics + projectDiagnostics + results.flatMap(\.diagnostics)
        diagnostics += InventoryRules.check(ledgers)
        return CheckedInventory(project: project, ledgers: ledgers, diagnostics: Diagnostic.sorted(diagnostics),
                                files: sources.map(\.path))
    }

    static func parse(_ source: LedgerSource, with parser: LedgerParser) -> LedgerParser.Result {
        guard let bytes = source.read() else {
            return LedgerParser.Result(ledger: nil, diagnostics: [Diagnostic(.error, .unreadable, at: SourceLocation(file: source.path),
                field: "", LocalizedText(ja: "ファイルを読めません", en: "cannot read the file"))])
        }
        return parser.parse(bytes, file: source.path, stem: source.stem)
    }

    /// Parses in as many chunks as there are cores; results keep the input order.
    private func parseAll(_ sources: [LedgerSource]) async -> [LedgerParser.Result] {
        let workers = max(1, self.workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let parser = self.parser
        guard sources.count > 8, workers > 1 else {
            return sources.map { Self.parse($0, with: parser) }
        }
        let chunkSize = (sources.count + workers * 4 - 1) / (workers * 4)
        return await withTaskGroup(of: (Int, [LedgerParser.Result]).self) { group in
            for start in stride(from: 0, to: sources.count, by: chunkSize) {
                let chunk = Array(sources[start..<min(start + chunkSize, sources.count)])
                group.addTask {
                    (start, chunk.map { Self.parse($0, with: parser) })
                }
            }
            var parts: [(Int, [LedgerParser.Result])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
