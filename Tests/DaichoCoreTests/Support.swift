@testable import DaichoCore

/// Parses one ledger written inline, as `inventory/<stem>.yaml`.
func parseLedger(_ yaml: String, stem: String = "sample") -> LedgerParser.Result {
    LedgerParser().parse(Array(yaml.utf8), file: "inventory/\(stem).yaml", stem: stem)
}

/// The smallest ledger without errors.
func minimalLedger(id: String = "sample", extra: String = "") -> String {
    """
    schema: 1
    id: \(id)
    basic:
      name: テストシステム
      department: 市民課
    \(extra)
    """
}

extension Array where Element == Diagnostic {
    func with(_ code: DiagnosticCode) -> [Diagnostic] { filter { $0.code == code } }
    var codes: Set<DiagnosticCode> { Set(map(\.code)) }
    /// Everything except the missing-recommended warnings a sparse ledger always has.
    var notable: [Diagnostic] { filter { $0.code != .missingRecommended } }
}
