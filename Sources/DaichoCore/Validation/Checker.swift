import Foundation

/// One ledger file, as the loader found it: its path, and a way to read its bytes.
public struct LedgerSource: Sendable {
    /// The path diagnostics show (`inventory/juki.yaml`).
    public var path: String
    public var stem: String
    /// Reads the file when its bytes are needed, so a large inventory is never held in memory
    /// as text all at once (the loader injects the reading; this library does no I/O itself).
    private let load: @Sendable () -> [UInt8]?

    public init(path: String, stem: String, bytes: [UInt8]) {
        self.path = path
        self.stem = stem
        self.load = { bytes }
    }

    public init(path: String, stem: String, load: @escaping @Sendable () -> [UInt8]?) {
        self.path = path
        self.stem = stem
        self.load = load
    }

    /// The bytes, or nil when the file can no longer be read.
    public func read() -> [UInt8]? { load() }

    /// The bytes, empty when unreadable.
    public var bytes: [UInt8] { load() ?? [] }
}

/// Everything read from a project folder, before any checking.
public struct ProjectSource: Sendable {
    public var projectFilePath: String
    /// Nil when there is no `daicho.yaml`.
    public var projectFile: [UInt8]?
    public var ledgers: [LedgerSource]
    /// Problems met while reading the folder (unreadable files).
    public var diagnostics: [Diagnostic]

    public init(projectFilePath: String, projectFile: [UInt8]?, ledgers: [LedgerSource], diagnostics: [Diagnostic] = []) {
        self.projectFilePath = projectFilePath
        self.projectFile = projectFile
        self.ledgers = ledgers
        self.diagnostics = diagnostics
    }
}

/// A checked inventory: the project, every ledger that could be read, and all diagnostics.
public struct CheckedInventory: Sendable {
    public var project: Project
    /// Every ledger that could be read, in file path order; some may have errors.
    public var ledgers: [Ledger]
    /// Sorted by file, line, column.
    public var diagnostics: [Diagnostic]
    /// Files of all ledger sources, in path order, including those that could not be read.
    public var files: [String]

    /// Files with at least one error.
    public var filesWithErrors: Set<String> {
        Set(diagnostics.filter { $0.severity == .error }.map(\.location.file))
    }

    /// The ledgers without errors, sorted by id: what analysis and `--force` builds use.
    public var validLedgers: [Ledger] {
        let bad = filesWithErrors
        // Without errors, and in id order already (file names are ids), this shares the array: no copy.
        let kept = bad.isEmpty ? ledgers : ledgers.filter { !bad.contains($0.file) }
        return kept.sortedByID
    }

    public var projectHasErrors: Bool {
        diagnostics.contains { $0.severity == .error && !files.contains($0.location.file) }
    }
}

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
