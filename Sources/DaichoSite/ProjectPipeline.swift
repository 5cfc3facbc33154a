import DaichoCore

/// The first stages every command shares: load the folder, then check it.
public struct ProjectPipeline: Sendable {
    public var workers: Int?
    /// Where the parsed-ledger cache lives; nil to parse every file every time.
    public var cache: LedgerCacheStore?
    /// The last check's results, for a command that checks again and again (`serve`).
    public var memory: ParseMemory?
    /// Whether the check keeps each file's hash (`CheckedInventory.contentHashes`): a build does,
    /// to tell what changed; `check` and `analyze` need not.
    public var hashesContent: Bool
    /// Whether the check keeps its warnings (`check` shows them) or only counts them (`build`
    /// and `analyze` show errors alone; see `Checker.keepsWarnings`).
    public var keepsWarnings: Bool

    public init(workers: Int? = nil, cache: LedgerCacheStore? = nil, memory: ParseMemory? = nil, hashesContent: Bool = true,
                keepsWarnings: Bool = true) {
        self.workers = workers
        self.cache = cache
        self.memory = memory
        self.hashesContent = hashesContent
        self.keepsWarnings = keepsWarnings
    }

    public func check(_ root: String) async throws(LoadError) -> (source: ProjectSource, checked: CheckedInventory) {
        let source = try ProjectLoader().load(root)
        return (source, await check(source))
    }

    /// Checks a loaded project, taking unchanged files from the cache and updating it.
    public func check(_ source: ProjectSource) async -> CheckedInventory {
        await Checker(workers: workers, cache: cache?.access(), memory: memory, hashesContent: hashesContent, keepsWarnings: keepsWarnings)
            .check(source)
    }

    /// The analysis of the ledgers without errors; `excluded` names the files left out.
    /// - Parameter valid: `checked.validLedgers`, when the caller has it already (it is a copy of every ledger).
    public func analyze(_ checked: CheckedInventory, valid: [Ledger]? = nil) -> Analysis {
        let valid = valid ?? checked.validLedgers
        // Every file gave a valid ledger: nothing to look up (a set of 100,000 paths, on one core).
        let excluded: [String]
        if valid.count == checked.files.count {
            excluded = []
        } else {
            let validFiles = Set(valid.map(\.file))
            excluded = checked.files.filter { !validFiles.contains($0) }.map(checked.projectPath)
        }
        return Analyzer(policy: checked.project.policy).analyze(
            valid, organization: checked.project.organization, excluded: excluded)
    }
}
