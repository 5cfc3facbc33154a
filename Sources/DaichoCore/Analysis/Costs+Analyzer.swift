extension Analyzer {
    /// - Parameter maintenance: `maintenance(ledgers)`.
    func costs(_ ledgers: [Ledger], maintenance: MaintenanceAnalysis, population: Int?) -> CostAnalysis {
        var totals = CostAnalysis.Totals()
        var byDepartment: [String: CostAnalysis.Totals] = [:]
        var byCategory: [String: CostAnalysis.Totals] = [:]
        // `maintenance` is `maintenance(ledgers)`, a row per ledger in their order (both callers):
        // each row is taken by place, not looked up in a table of 10,000 ids built for the purpose.
        for (ledger, row) in zip(ledgers, maintenance.systems) {
            var part = CostAnalysis.Totals()
            if let costs = ledger.costs {
                // Migration stays out of the initial total, as in the maintenance ratio.
                part.initial = costs.initialTotal ?? 0
                part.annual = costs.annualTotal
            }
            // Rounded per system, then summed.
            part.annualEquivalent = row.annualEquivalent ?? 0
            totals.add(part)
            byDepartment[ledger.department, default: .init()].add(part)
            byCategory[ledger.category?.token ?? "_none", default: .init()].add(part)
        }
        // None from a total that stopped at its limit (see `add`): it would be a wrong figure.
        let perResident = population.flatMap { population in
            population > 0 && totals.annualEquivalent < Int.max
                ? Int(Exact(Int128(totals.annualEquivalent), Int128(population)).roundedHalfUp) : nil
        }
        return CostAnalysis(totals: totals, byDepartment: byDepartment, byCategory: byCategory,
                            perResident: perResident, reference: population.flatMap { $0 > 0 ? NationalReference.figure(population: $0) : nil })
    }
}

extension CostAnalysis.Totals {
    /// Saturating: a hostile national inventory cannot overflow the totals (no budget comes near Int.max).
    mutating func add(_ other: CostAnalysis.Totals) {
        func sum(_ a: Int, _ b: Int) -> Int { [a, b].saturatingSum }
        initial = sum(initial, other.initial)
        annual = sum(annual, other.annual)
        annualEquivalent = sum(annualEquivalent, other.annualEquivalent)
    }
}

/// IT cost per resident in Japanese municipalities (市区町村における情報システム経費の調査結果,
/// 平成29年度), by population band. The survey covers core and internal-management systems only.
public enum NationalReference {
    public struct Figure: Sendable, Equatable {
        public var band: LocalizedText
        /// Yen per resident per year for the band.
        public var yen: Int
    }

    public static let overall = 3742

    public static let note = LocalizedText(
        ja: "参考値は平成29年度の市区町村における情報システム経費の調査結果（住民1人あたり年額）。基幹系・内部管理系システムのみが対象のため、全システムを含む本台帳の値とは範囲が異なります。",
        en: "Reference: survey of municipal IT costs, fiscal 2017 (yen per resident per year). It covers core and internal-management systems only, so it is narrower than this inventory.")

    /// Lower bound of each band (residents) → figure.
    static let bands: [(minimum: Int, figure: Figure)] = [
        (300_000, Figure(band: LocalizedText(ja: "30万人以上", en: "300,000 or more"), yen: 3601)),
        (200_000, Figure(band: LocalizedText(ja: "20万〜30万人", en: "200,000–300,000"), yen: 3583)),
        (100_000, Figure(band: LocalizedText(ja: "10万〜20万人", en: "100,000–200,000"), yen: 3096)),
        (50_000, Figure(band: LocalizedText(ja: "5万〜10万人", en: "50,000–100,000"), yen: 3675)),
        (20_000, Figure(band: LocalizedText(ja: "2万〜5万人", en: "20,000–50,000"), yen: 4071)),
        (0, Figure(band: LocalizedText(ja: "2万人未満", en: "under 20,000"), yen: 11724)),
    ]

    public static func figure(population: Int) -> Figure {
        bands.first { population >= $0.minimum }?.figure ?? bands[bands.count - 1].figure
    }
}
