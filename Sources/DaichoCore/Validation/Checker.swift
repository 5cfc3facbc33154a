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
        let parsed = await parseAll(sources)
        let results = parsed.map(\.result)
        let ledgers = results.compactMap(\.ledger)
        var diagnostics = source.diagnostics + projectDiagnostics + results.flatMap(\.diagnostics)
        diagnostics += InventoryRules.check(ledgers)
        var hashes: [String: String] = [:]
        for (source, item) in zip(sources, parsed) { hashes[source.path] = item.hash }
        return CheckedInventory(project: project, ledgers: ledgers, diagnostics: Diagnostic.sorted(diagnostics),
                                files: sources.map(\.path), contentHashes: hashes)
    }

    /// Reads and parses one file; the hash of the bytes read lets a build tell changed files apart
    /// without reading them a second time.
    static func parse(_ source: LedgerSource, with parser: LedgerParser) -> (result: LedgerParser.Result, hash: String) {
        guard let bytes = source.read() else {
            return (LedgerParser.Result(ledger: nil, diagnostics: [Diagnostic(.error, .unreadable, at: SourceLocation(file: source.path),
                field: "", LocalizedText(ja: "ファイルを読めません", en: "cannot read the file"))]), "")
        }
        return (parser.parse(bytes, file: source.path, stem: source.stem), FNV.hex(FNV.hash64(bytes)))
    }

    /// Parses in as many chunks as there are cores; results keep the input order.
    private func parseAll(_ sources: [LedgerSource]) async -> [(result: LedgerParser.Result, hash: String)] {
        let workers = max(1, self.workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let parser = self.parser
        guard sources.count > 8, workers > 1 else {
            return sources.map { Self.parse($0, with: parser) }
        }
        let chunkSize = (sources.count + workers * 4 - 1) / (workers * 4)
        return await withTaskGroup(of: (Int, [(result: LedgerParser.Result, hash: String)]).self) { group in
            for start in stride(from: 0, to: sources.count, by: chunkSize) {
                let chunk = Array(sources[start..<min(start + chunkSize, sources.count)])
                group.addTask {
                    (start, chunk.map { Self.parse($0, with: parser) })
                }
            }
            var parts: [(Int, [(result: LedgerParser.Result, hash: String)])] = []
            for await part in group { parts.append(part) }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }
}
