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
        // The sections are independent (costs needs maintenance), in five parts that the cores take
        // as they come free, dearest first: the packing grows faster than the rest (measured one by
        // one, 335 of 1,170 ms at 100,000 systems, 8 of 64 ms at 10,000), so no fixed split into two
        // halves suited both sizes. A rebuild's plan runs beside them.
        let parts = Concurrently.map(5) { index -> Part in
            switch index {
            case 0: return .consolidation(consolidate(ledgers))
            case 1:
                let maintenance = self.maintenance(ledgers)
                return .money(maintenance, self.costs(ledgers, maintenance: maintenance, population: organization.population))
            case 2: return .counts(self.terminals(ledgers), self.distributions(ledgers), self.renewals(ledgers))
            case 3: return .completeness(self.completeness(ledgers))
            default: return .gaps(self.gaps(ledgers), self.disasterTable(ledgers))
            }
        }
        var consolidation: ConsolidationPlan?, money: (MaintenanceAnalysis, CostAnalysis)?
        var counts: (TerminalAnalysis, Distributions, [Int: [String]])?, completeness: CompletenessAnalysis?
        var gaps: (GapAnalysis, [DisasterRow])?
        for part in parts {
            switch part {
            case .consolidation(let plan): consolidation = plan
            case .money(let maintenance, let costs): money = (maintenance, costs)
            case .counts(let terminals, let distributions, let renewals): counts = (terminals, distributions, renewals)
            case .completeness(let value): completeness = value
            case .gaps(let found, let disaster): gaps = (found, disaster)
            }
        }
        // Every part is there (`map` runs each index once); the fallbacks only keep this free of traps.
        let (maintenance, costs) = money ?? {
            let maintenance = self.maintenance(ledgers)
            return (maintenance, self.costs(ledgers, maintenance: maintenance, population: organization.population))
        }()
        let (terminals, distributions, renewals) = counts ?? (self.terminals(ledgers), self.distributions(ledgers), self.renewals(ledgers))
        let (gapAnalysis, disasterTable) = gaps ?? (self.gaps(ledgers), self.disasterTable(ledgers))
        return Analysis(
            organization: organization,
            systemCount: ledgers.count,
            distributions: distributions,
            maintenance: maintenance,
            consolidation: consolidation ?? consolidate(ledgers),
            terminals: terminals,
            gaps: gapAnalysis,
            costs: costs,
            renewals: renewals,
            disasterTable: disasterTable,
            completeness: completeness ?? self.completeness(ledgers),
            excluded: excluded.sorted())
    }

    /// The analysis in the parts `analyze` makes at once.
    private enum Part: Sendable {
        case consolidation(ConsolidationPlan)
        case money(MaintenanceAnalysis, CostAnalysis)
        case counts(TerminalAnalysis, Distributions, [Int: [String]])
        case completeness(CompletenessAnalysis)
        case gaps(GapAnalysis, [DisasterRow])
    }

    /// Renewals by fiscal year (April–March) of `basic.renewal`.
    func renewals(_ ledgers: [Ledger]) -> [Int: [String]] {
        var result: [Int: [String]] = [:]
        for ledger in ledgers {
            if let renewal = ledger.basic.renewal { result[renewal.fiscalYear, default: []].append(ledger.id) }
        }
        return result.mapValues { $0.sorted() }
    }

    /// One row per task per system (analysis-v1 §Precision), in the table's order (kind, target,
    /// task, system): a task a ledger lists twice keeps its most urgent listing, the one the table
    /// would show first (`check` warns of the second).
    func disasterTable(_ ledgers: [Ledger]) -> [DisasterRow] {
        DisasterRow.ordered(ledgers.flatMap { ledger in
            var rows: [DisasterRow] = [], at: [String: Int] = [:]
            for row in Self.disasterListings(of: ledger) {
                if let index = at[row.task] {
                    if row.urgency < rows[index].urgency { rows[index] = row }
                } else {
                    at[row.task] = rows.count
                    rows.append(row)
                }
            }
            return rows
        })
    }

    /// Every `usage.disaster_tasks` item as a row, in the ledger's order, repeats included.
    public static func disasterListings(of ledger: Ledger) -> [DisasterRow] {
        (ledger.usage?.disasterTasks ?? []).map { DisasterRow(task: $0.task, kind: $0.kind, target: $0.target, system: ledger.id) }
    }

    /// - Parameter leavingOut: completeness fields counted neither filled nor missing (see
    ///   `Completeness.leavingOut`).
    public func completeness(_ ledgers: [Ledger], leavingOut fields: Set<String>) -> CompletenessAnalysis {
        completeness(ledgers) { $0.completeness.leavingOut(fields) }
    }

    func completeness(_ ledgers: [Ledger], of measure: (Ledger) -> Completeness = \.completeness) -> CompletenessAnalysis {
        var filled = 0, total = 0
        var byDepartment: [String: (Int, Int)] = [:]
        var systems: [String: Exact] = [:], missing: [String: [String]] = [:]
        // Sized once: grown a doubling at a time, both tables of a national inventory were
        // rehashed a dozen times over.
        systems.reserveCapacity(ledgers.count)
        missing.reserveCapacity(ledgers.count)
        for ledger in ledgers {
            let completeness = measure(ledger)
            filled += completeness.filled
            total += completeness.total
            // One lookup of the department's name (Japanese text is slow to hash), not two.
            func add(_ sums: inout (Int, Int)) {
                sums.0 += completeness.filled
                sums.1 += completeness.total
            }
            add(&byDepartment[ledger.department, default: (0, 0)])
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
