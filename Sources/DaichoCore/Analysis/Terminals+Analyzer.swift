extension Analyzer {
    /// Dedicated terminals grouped by shared group (or the system's own id), each group counted once.
    func terminals(_ ledgers: [Ledger]) -> TerminalAnalysis {
        var groups: [String: TerminalAnalysis.Group] = [:]
        for ledger in ledgers {
            guard let terminals = ledger.hardware?.terminals, let count = terminals.dedicated, count > 0 else { continue }
            let key = terminals.group ?? ledger.id
            // Members of a group agree on the count (checked); the largest is kept if they do not (--force).
            var group = groups[key] ?? TerminalAnalysis.Group(group: key, systems: [], count: 0)
            group.systems.append(ledger.id)
            group.count = max(group.count, count)
            groups[key] = group
        }
        let sorted = groups.values.sorted { $0.group < $1.group }.map {
            TerminalAnalysis.Group(group: $0.group, systems: $0.systems.sorted(), count: $0.count)
        }
        let rate = policy.spareRate
        let dedicated = sorted.reduce(0) { $0 + max(1, Int((Exact($1.count) * rate).ceiling)) }
        let total = sorted.reduce(0) { $0 + $1.count }
        let common = total == 0 ? 0 : max(1, Int((Exact(total) * rate).ceiling))
        return TerminalAnalysis(groups: sorted, spareRate: rate, sparesDedicated: dedicated, sparesCommon: common)
    }
}
