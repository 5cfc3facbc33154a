extension Analyzer {
    func maintenance(_ ledgers: [Ledger]) -> MaintenanceAnalysis {
        MaintenanceAnalysis(
            periodYears: policy.periodYears, referenceRatio: policy.omReferenceRatio, lowRatio: policy.omLowRatio,
            systems: ledgers.map(maintenance(of:)))
    }

    func maintenance(of ledger: Ledger) -> MaintenanceAnalysis.System {
        let costs = ledger.costs
        let years = policy.periodYears
        // Migration is a one-off outside the ratio; absent parts of a partial set count as 0.
        let initial = costs?.initialTotal
        let omPeriod = costs?.maintenance.map { $0 * years }

        let flag: MaintenanceAnalysis.Flag
        var ratio: Exact?, share: Exact?
        if let omPeriod, let initial, initial > 0 {
            let r = (Exact(omPeriod) / Exact(initial)) ?? .zero
            ratio = r
            share = Exact(omPeriod) / Exact(initial + omPeriod)
            if omPeriod == 0 {
                flag = .none
            } else if r < policy.omLowRatio {
                flag = .low
            } else if policy.omReferenceRatio < r {
                flag = .high
            } else {
                flag = .ok
            }
        } else {
            flag = omPeriod == nil ? .unknown : .notApplicable
        }

        var lifecycle: Int?, annualEquivalent: Int?
        if let costs {
            let oneOff = (initial ?? 0) + (costs.migration ?? 0)
            let annual = costs.annualTotal
            lifecycle = oneOff + years * annual
            annualEquivalent = Int((Exact(Int128(oneOff), Int128(years)) + Exact(annual)).roundedHalfUp)
        }
        return MaintenanceAnalysis.System(
            id: ledger.id, initial: initial, omPeriod: omPeriod, ratio: ratio, share: share, flag: flag,
            lifecycleCost: lifecycle, annualEquivalent: annualEquivalent)
    }
}
