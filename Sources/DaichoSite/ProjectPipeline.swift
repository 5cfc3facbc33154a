import DaichoCore

/// The first stages every command shares: load the folder, then check it.
public struct ProjectPipeline: Sendable {
    public var workers: Int?

    public init(workers: Int? = nil) {
        self.workers = workers
    }

    public func check(_ root: String) async throws(LoadError) -> (source: ProjectSource, checked: CheckedInventory) {
        let source = try ProjectLoader().load(root)
        let checked = await Checker(workers: workers).check(source)
        return (source, checked)
    }

    /// The analysis of the ledgers without errors; `excluded` names the files left out.
    /// - Parameter valid: `checked.validLedgers`, when the caller has it already (it is a copy of every ledger).
    public func analyze(_ checked: CheckedInventory, valid: [Ledger]? = nil) -> Analysis {
        let valid = valid ?? checked.validLedgers
        let validFiles = Set(valid.map(\.file))
        return Analyzer(policy: checked.project.policy).analyze(
            valid, organization: checked.project.organization,
            excluded: checked.files.filter { !validFiles.contains($0) })
    }
}
