/// A checked inventory: the project, every ledger that could be read, and all diagnostics.
public struct CheckedInventory: Sendable {
    public var project: Project
    /// Every ledger that could be read, in file path order; some may have errors.
    public var ledgers: [Ledger]
    /// Sorted by file, line, column.
    public var diagnostics: [Diagnostic]
    /// Files of all ledger sources, in path order, including those that could not be read.
    public var files: [String]
    /// What comes before `inventory/` in `files` (`ProjectSource.folder`): "" when the command
    /// runs in the project folder.
    public var folder = ""

    /// `file` inside the project folder (`inventory/juki.yaml`), however the command was run: what
    /// a page names, so that the site does not depend on where it was built from.
    public func projectPath(_ file: String) -> String {
        !folder.isEmpty && file.hasPrefix(folder) ? String(file.dropFirst(folder.count)) : file
    }
    /// File → `Digest64` of the bytes that were parsed (empty for unreadable files).
    public var contentHashes: [String: String] = [:]
    /// The links only one side lists (`InventoryRules.oneSidedLinks`, positions in `ledgers`), as
    /// the check found them; nil when it kept no warnings (the follow-up then looks for them).
    public var oneSidedLinks: [InventoryRules.OneSidedLink]?
    /// Warnings counted but not kept in `diagnostics`, for a command that shows errors alone
    /// (`Checker.keepsWarnings`).
    public var warningsLeftOut = 0

    /// Every warning found, kept or not.
    public var warningCount: Int { diagnostics.warningCount + warningsLeftOut }

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
        // A set, not `files.contains` per error: with every one of 100,000 ledgers wrong, that was
        // ten billion comparisons.
        let ledgerFiles = Set(files)
        return diagnostics.contains { $0.severity == .error && !ledgerFiles.contains($0.location.file) }
    }
}
