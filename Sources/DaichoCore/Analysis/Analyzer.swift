/// Computes the analysis of analysis-v1 from checked ledgers: pure, no I/O.
public struct Analyzer: Sendable {
    public var policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// - Parameters:
    ///   - ledgers: the ledgers to analyse (without errors), in any order.
    ///   - excluded: files left out because they have errors, listed in the result.
    public func analyze(_ ledgers: [Ledger], organization: Organization, excluded: [String] = []) -> Analysis {
        let ledgers = ledgers.sortedByID
        // The sections are independent (costs needs maintenance): two halves of similar cost, at once
        // (measured at 10,000 systems: with completeness in the second half, it took twice the first).
        let ((consolidation, terminals, distributions, renewals, completeness), (maintenance, costs, gaps, disasterTable))
            = Concurrently.both({
                (consolidate(ledgers), self.terminals(ledgers), self.distributions(ledgers), self.renewals(ledgers),
                 self.completeness(ledgers))
            }, {
                let maintenance = self.maintenance(ledgers)
                return (maintenance, self.costs(ledgers, maintenance: maintenance, population: organization.population),
                        self.gaps(ledgers), self.disasterTable(ledgers))
            })
        return Analysis(
            organization: organization,
            systemCount: ledgers.count,
            distributions: distributions,
            maintenance: maintenance,
            consolidation: consolidation,
            terminals: terminals,
            gaps: gaps,
            costs: costs,
            renewals: renewals,
            disasterTable: disasterTable,
            completeness: completeness,
            excluded: excluded.sorted())
    }

    /// Renewals by fiscal year (April–March) of `basic.renewal`.
    func renewals(_ ledgers: [Ledger]) -> [Int: [String]] {
        var result: [Int: [String]] = [:]
        for ledger in ledgers {
            if let renewal = ledger.basic.renewal { result[renewal.fiscalYear, default: []].append(ledger.id) }
        }
        return result.mapValues { $0.sorted() }
    }

    /// One row per disaster task per system: kind, target (same day first), task, then system.
    func disasterTable(_ ledgers: [Ledger]) -> [DisasterRow] {
        let rows = ledgers.flatMap { ledger in
            (ledger.usage?.disasterTasks ?? []).map {
                DisasterRow(task: $0.task, kind: $0.kind, target: $0.target, system: ledger.id)
            }
        }
        // Tasks in code point order, which is the order of their UTF-8 bytes (compared a scalar at
        // a time, sorting a national table took a quarter of the analysis).
        let keys = rows.map { (kind: $0.kind?.order ?? .max, target: $0.target?.order ?? .max) }
        let order = rows.indices.sorted { i, j in
            if keys[i] != keys[j] { return keys[i] < keys[j] }
            let (a, b) = (rows[i], rows[j])
            if a.task != b.task { return a.task.utf8.lexicographicallyPrecedes(b.task.utf8) }
            return a.system < b.system
        }
        return order.map { rows[$0] }
    }

    func completeness(_ ledgers: [Ledger]) -> CompletenessAnalysis {
        var filled = 0, total = 0
        var byDepartment: [String: (Int, Int)] = [:]
        var systems: [String: Exact] = [:], missing: [String: [String]] = [:]
        for ledger in ledgers {
            let completeness = ledger.completeness
            filled += completeness.filled
            total += completeness.total
            byDepartment[ledger.department, default: (0, 0)].0 += completeness.filled
            byDepartment[ledger.department, default: (0, 0)].1 += completeness.total
            systems[ledger.id] = completeness.ratio
            missing[ledger.id] = completeness.missing
        }
        return CompletenessAnalysis(
            overall: total == 0 ? .zero : Exact(Int128(filled), Int128(total)),
            systems: systems,
            departments: byDepartment.mapValues { $0.1 == 0 ? .zero : Exact(Int128($0.0), Int128($0.1)) },
            missing: missing)
    }
}
