import Testing
@testable import DaichoCore

/// Ledgers written inline and parsed, so the tests go through the same path as real files.
func ledgers(_ items: [(id: String, yaml: String)]) -> [Ledger] {
    items.map { item in
        let result = parseLedger(minimalLedger(id: item.id, extra: item.yaml), stem: item.id)
        let errors = result.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { Issue.record("\(item.id): \(errors.map(\.message.en))") }
        return result.ledger ?? parseLedger(minimalLedger(id: item.id), stem: item.id).ledger!
    }
}

func analyze(_ items: [(id: String, yaml: String)], policy: Policy = Policy(), population: Int? = nil) -> Analysis {
    var organization = Organization()
    organization.population = population
    return Analyzer(policy: policy).analyze(ledgers(items), organization: organization)
}

struct DistributionTests {
    @Test func surveyFigureOf61Point8Percent() {
        // The survey: 34 answered forms of use, 21 of them dedicated servers; one system did not answer.
        var items: [(String, String)] = []
        for index in 0..<21 { items.append(("d\(index)", "usage:\n  form: dedicated_server")) }
        for index in 0..<13 { items.append(("o\(index)", "usage:\n  form: asp")) }
        items.append(("x", ""))
        let form = analyze(items).distributions.usageForm
        #expect(form.answered == 34 && form.unanswered == 1)
        // 21 ÷ 34 = 0.617647… → 0.6176, shown as 61.8%.
        #expect(form.share(of: "dedicated_server").decimalString(places: 4) == "0.6176")
        #expect(form.share(of: "dedicated_server").percentString == "61.8")
        #expect(form.counts.map(\.token) == UsageForm.spec.tokens)
        #expect(form.counts.first { $0.token == "mainframe" }?.count == 0)
    }

    @Test func userBucketsAndServerHistogram() {
        let analysis = analyze([
            ("a", "usage: {users: 300}\nhardware: {servers: [{count: 2}, {virtual: true, count: 5}]}"),
            ("b", "usage: {users: 299}\nhardware: {servers: []}"),
            ("c", "usage: {users: 56}\nhardware: {servers: [{}]}"),
            ("d", "usage: {users: 55}"),
            ("e", ""),
        ])
        let users = analysis.distributions.users
        // 300 → org-wide; 299 and 56 → broad; 55 → specialised; e unanswered.
        #expect(users == UserBuckets(answered: 4, orgWide: 1, broad: 2, specialized: 1))
        // a: 2 physical (the 5 virtual ones do not count); b: explicit empty list → 0; c: count defaults to 1;
        // d and e say nothing and are left out.
        #expect(analysis.distributions.servers == [2: 1, 0: 1, 1: 1])
    }

    @Test func sharesAreZeroWhenNobodyAnswered() {
        #expect(analyze([("a", "")]).distributions.location.share(of: "cloud") == .zero)
    }
}

struct MaintenanceTests {
    func system(_ costs: String, policy: Policy = Policy()) -> MaintenanceAnalysis.System {
        analyze([("s", costs)], policy: policy).maintenance.systems[0]
    }

    @Test func flagsInSpecOrder() {
        // 5 × 1,000,000 = 5,000,000 over 10,000,000 initial = exactly 0.5: ok, not high.
        let half = system("costs: {initial: {hardware: 4000000, software: 1000000, construction: 5000000}, annual: {maintenance: 1000000}}")
        #expect(half.flag == .ok)
        #expect(half.ratio == Exact(1, 2))
        // share = 5,000,000 ÷ 15,000,000 = 1/3 → 0.3333
        #expect(half.share?.decimalString(places: 4) == "0.3333")
        #expect(half.initial == 10_000_000 && half.omPeriod == 5_000_000)
        // One yen more of maintenance: 5,000,005 ÷ 10,000,000 > 0.5 → high.
        #expect(system("costs: {initial: {construction: 10000000}, annual: {maintenance: 1000001}}").flag == .high)
        // 5 × 199,999 = 999,995 ÷ 10,000,000 < 0.1 → low; 5 × 200,000 = exactly 0.1 → ok.
        #expect(system("costs: {initial: {construction: 10000000}, annual: {maintenance: 199999}}").flag == .low)
        #expect(system("costs: {initial: {construction: 10000000}, annual: {maintenance: 200000}}").flag == .ok)
        #expect(system("costs: {initial: {construction: 10000000}, annual: {maintenance: 0}}").flag == .none)
        // Initial 0 or absent → not applicable, before "none"; ratio and share null.
        let zero = system("costs: {initial: {hardware: 0}, annual: {maintenance: 0}}")
        #expect(zero.flag == .notApplicable && zero.ratio == nil && zero.share == nil)
        #expect(system("costs: {annual: {maintenance: 100}}").flag == .notApplicable)
        // Maintenance absent → unknown, checked first.
        let unknown = system("costs: {initial: {hardware: 100}}")
        #expect(unknown.flag == .unknown && unknown.ratio == nil)
        #expect(system("").flag == .unknown)
    }

    @Test func migrationStaysOutOfTheRatioButInLifecycle() {
        let s = system("""
            costs:
              initial: {hardware: 1000000, software: 2000000, construction: 3000000, migration: 500000}
              annual: {maintenance: 400000, service: 100000, other: 50000}
            """)
        #expect(s.initial == 6_000_000)
        // 5 × 400,000 = 2,000,000 ÷ 6,000,000 = 1/3
        #expect(s.ratio == Exact(1, 3))
        // lifecycle = 6,000,000 + 500,000 + 5 × (400,000 + 100,000 + 50,000) = 9,250,000
        #expect(s.lifecycleCost == 9_250_000)
        // annual equivalent = 6,500,000 ÷ 5 + 550,000 = 1,300,000 + 550,000 = 1,850,000
        #expect(s.annualEquivalent == 1_850_000)
    }

    @Test func annualEquivalentRoundsHalfUp() {
        var policy = Policy()
        policy.periodYears = 2
        // (3 + 0) ÷ 2 + 0 = 1.5 → 2
        #expect(system("costs: {initial: {hardware: 3}}", policy: policy).annualEquivalent == 2)
        // 1 ÷ 2 = 0.5 → 1; 5 ÷ 2 + 1 = 3.5 → 4
        #expect(system("costs: {initial: {hardware: 1}}", policy: policy).annualEquivalent == 1)
        #expect(system("costs: {initial: {hardware: 5}, annual: {other: 1}}", policy: policy).annualEquivalent == 4)
    }

    @Test func noCostsMeansNullLifecycle() {
        let s = system("")
        #expect(s.lifecycleCost == nil && s.annualEquivalent == nil && s.initial == nil)
        // A partial set sums with absent parts as 0; the costs group exists, so lifecycle is 0-based.
        let partial = system("costs: {initial: {software: 700}}")
        #expect(partial.initial == 700 && partial.lifecycleCost == 700)
    }

    @Test func thousandYenAndDerivedTotalsFeedTheRatio() {
        let s = system("""
            costs:
              unit: thousand_yen
              initial: {hardware: 1000, software: 1000}
              lines: [{name: 保守, kind: annual_maintenance, unit_price: 20, quantity: 12}]
            """)
        // maintenance from lines: 20 千円 × 12 = 240,000 yen; 5 × 240,000 = 1,200,000 ÷ 2,000,000 = 0.6
        #expect(s.omPeriod == 1_200_000)
        #expect(s.ratio == Exact(3, 5) && s.flag == .high)
    }
}

struct TerminalTests {
    @Test func surveyTable8Gives118TerminalsAnd21Versus12Spares() {
        // 15 groups, two of them shared by several systems: 70 + 48 = 118 terminals.
        // Spares per group: ⌈70 × 0.1⌉ = 7, and each of the 14 small groups (≤ 10) needs max(1, ⌈c × 0.1⌉) = 1:
        // 7 + 14 = 21 dedicated spares, against ⌈118 × 0.1⌉ = 12 with a common specification.
        let small = [10, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2]
        var items: [(String, String)] = [
            ("big-a", "hardware: {terminals: {dedicated: 70, group: madoguchi}}"),
            ("big-b", "hardware: {terminals: {dedicated: 70, group: madoguchi}}"),
            ("shared-a", "hardware: {terminals: {dedicated: 10, group: kiosk}}"),
            ("shared-b", "hardware: {terminals: {dedicated: 10, group: kiosk}}"),
            ("general", "hardware: {terminals: {dedicated: 0}}"),
        ]
        for (index, count) in small.dropFirst().enumerated() {
            items.append(("own-\(index)", "hardware: {terminals: {dedicated: \(count)}}"))
        }
        let terminals = analyze(items).terminals
        #expect(terminals.types == 15)
        #expect(terminals.total == 118)
        #expect(terminals.sparesDedicated == 21)
        #expect(terminals.sparesCommon == 12)
        #expect(terminals.groups.first { $0.group == "madoguchi" }?.systems == ["big-a", "big-b"])
        #expect(terminals.groups.map(\.group) == terminals.groups.map(\.group).sorted())
    }

    @Test func sparesUseExactCeilings() {
        // ⌈70 × 0.1⌉ is 7, not 8 as 70 × 0.1 = 7.000000000000001 would give in floating point.
        let terminals = analyze([("a", "hardware: {terminals: {dedicated: 70}}")]).terminals
        #expect(terminals.sparesDedicated == 7 && terminals.sparesCommon == 7)
        let none = analyze([("a", "")]).terminals
        #expect(none.total == 0 && none.sparesCommon == 0 && none.sparesDedicated == 0)
        // A single terminal still needs one spare either way.
        let one = analyze([("a", "hardware: {terminals: {dedicated: 1}}")]).terminals
        #expect(one.sparesDedicated == 1 && one.sparesCommon == 1)
    }
}

struct GapTests {
    let full = """
        hardware: {location: server_room, seismic: false, servers: [{role: AP}]}
        operation: {backup: {frequency: none, offsite: false}, emergency_manual: false}
        antivirus: {server: installed, client: not_installed}
        usage: {dependency: 1}
        bcp_operator: {agreement: false}
        vendor: {contract: {sla: false}}
        management: {annual_report: false, design_docs: false, staff_se_work: true}
        costs: {annual: {maintenance: 1}}
        software: {customization: source, standard_layout: false}
        """

    @Test func everyCodeWhenEveryFactHolds() {
        let gaps = analyze([("a", full)]).gaps
        #expect(gaps.bySystem["a"] == GapAnalysis.Code.allCases)
        #expect(gaps.byCode.count == 13)
    }

    @Test func absentFieldsRaiseNoGap() {
        let gaps = analyze([("a", "hardware: {location: server_room, servers: [{}]}\nusage: {dependency: 1}")]).gaps
        #expect(gaps.bySystem["a"] == [])
        #expect(gaps.byCode.count == 13 && gaps.byCode.values.allSatisfy(\.isEmpty))
    }

    @Test func backupGapsOnlyForOwnServersOnPremises() {
        let cloud = full.replacing("location: server_room", with: "location: datacenter")
        #expect(!(analyze([("a", cloud)]).gaps.bySystem["a"] ?? []).contains(.noBackup))
        let virtualOnly = full.replacing("servers: [{role: AP}]", with: "servers: [{virtual: true}]")
        let codes = analyze([("a", virtualOnly)]).gaps.bySystem["a"] ?? []
        #expect(!codes.contains(.noBackup) && !codes.contains(.noOffsite) && !codes.contains(.notAnchored))
        let office = full.replacing("location: server_room", with: "location: office")
        #expect(analyze([("a", office)]).gaps.bySystem["a"]?.prefix(3) == [.noBackup, .noOffsite, .notAnchored])
    }

    @Test func operatorAgreementOnlyMattersAtDependency1() {
        let two = full.replacing("dependency: 1", with: "dependency: 2")
        #expect(!(analyze([("a", two)]).gaps.bySystem["a"] ?? []).contains(.noOperatorAgreement))
    }

    @Test func customizationByParameterIsNotCustomized() {
        let parameter = full.replacing("customization: source", with: "customization: parameter")
        #expect(!(analyze([("a", parameter)]).gaps.bySystem["a"] ?? []).contains(.customized))
        let module = full.replacing("customization: source", with: "customization: module")
        #expect((analyze([("a", module)]).gaps.bySystem["a"] ?? []).contains(.customized))
    }

    @Test func costBreakdownGapNeedsCosts() {
        #expect(!(analyze([("a", "")]).gaps.bySystem["a"] ?? []).contains(.noCostBreakdown))
        let lines = "costs: {lines: [{name: x, kind: annual_other, unit_price: 1, quantity: 1}]}"
        #expect(!(analyze([("a", lines)]).gaps.bySystem["a"] ?? []).contains(.noCostBreakdown))
        #expect((analyze([("a", "costs: {annual: {maintenance: 5}}")]).gaps.bySystem["a"] ?? []).contains(.noCostBreakdown))
        // A unit and no amount is costs not entered: no gap, and no lifecycle cost of 0.
        let unitOnly = analyze([("a", "costs: {unit: thousand_yen}")])
        #expect(!(unitOnly.gaps.bySystem["a"] ?? []).contains(.noCostBreakdown))
        #expect(unitOnly.maintenance.systems.first?.lifecycleCost == nil)
    }
}

struct CostTests {
    let items: [(String, String)] = [
        ("a", "costs: {initial: {hardware: 1000000, migration: 500000}, annual: {maintenance: 100000, service: 20000}}"),
        ("b", "costs: {initial: {software: 3}, annual: {other: 0}}"),
        ("c", ""),
    ]

    @Test func totalsByDepartmentAndCategory() {
        let costs = analyze(items.map { ($0.0, ($0.0 == "a" ? "  category: resident\n" : "") + $0.1) }).costs
        // initial excludes migration: 1,000,000 + 3 = 1,000,003
        #expect(costs.totals.initial == 1_000_003)
        #expect(costs.totals.annual == 120_000)
        // a: (1,000,000 + 500,000) ÷ 5 + 120,000 = 420,000; b: 3 ÷ 5 = 0.6 → 1; c: no costs → 0.
        #expect(costs.totals.annualEquivalent == 420_001)
        #expect(costs.byDepartment["市民課"]?.annualEquivalent == 420_001)
        #expect(costs.byCategory["_none"]?.annualEquivalent == 1)
        #expect(costs.byCategory["resident"]?.annualEquivalent == 420_000)
    }

    @Test func perResidentIsRoundedOnceAtTheEnd() {
        // 420,001 ÷ 57,000 = 7.3684… → 7 yen
        let costs = analyze(items, population: 57_000).costs
        #expect(costs.perResident == 7)
        #expect(costs.reference == NationalReference.Figure(band: LocalizedText(ja: "5万〜10万人", en: "50,000–100,000"), yen: 3675))
        // 420,001 ÷ 84,000 = 5.00001… → 5; ÷ 120,000 = 3.5000083… → 4 (half up)
        #expect(analyze(items, population: 120_000).costs.perResident == 4)
        #expect(analyze(items).costs.perResident == nil)
        // A population of 0 is as good as none: no figure per resident, and no band to compare with.
        #expect(analyze(items, population: 0).costs.perResident == nil && analyze(items, population: 0).costs.reference == nil)
    }

    @Test func populationBands() {
        #expect(NationalReference.figure(population: 19_999).yen == 11724)
        #expect(NationalReference.figure(population: 20_000).yen == 4071)
        #expect(NationalReference.figure(population: 50_000).yen == 3675)
        #expect(NationalReference.figure(population: 100_000).yen == 3096)
        #expect(NationalReference.figure(population: 200_000).yen == 3583)
        #expect(NationalReference.figure(population: 300_000).yen == 3601)
    }
}

struct RenewalAndDisasterTests {
    @Test func renewalsByFiscalYear() {
        let renewals = analyze([("a", "  renewal: 2027-03-31"), ("b", "  renewal: 2027-04"), ("c", "  renewal: R9.1.1"), ("d", "")]).renewals
        // March 2027 belongs to fiscal 2026; April 2027 to fiscal 2027; 令和9年1月 = 2027-01 → fiscal 2026.
        #expect(renewals == [2026: ["a", "c"], 2027: ["b"]])
    }

    /// One row per task per system: a task a ledger lists twice is one row, at its most urgent
    /// listing (a disaster task before a priority one; then the earlier target), wherever it stands.
    @Test func aTaskListedTwiceIsOneRow() {
        let table = analyze([
            ("a", "usage:\n  disaster_tasks:\n    - {task: 給付, kind: priority, target: same_day}\n    - {task: 安否確認, kind: disaster, target: next_day}"
                + "\n    - {task: 給付, kind: disaster, target: within_1_week}\n    - {task: 安否確認, kind: disaster, target: same_day}"),
            ("b", "usage:\n  disaster_tasks:\n    - {task: 給付, kind: priority, target: same_day}"),
        ]).disasterTable
        #expect(table.map { "\($0.task)/\($0.system)/\($0.kind?.rawValue ?? "")/\($0.target?.rawValue ?? "")" } == [
            "安否確認/a/disaster/same_day", "給付/a/disaster/within_1_week", "給付/b/priority/same_day",
        ])
    }

    @Test func disasterTableOrder() {
        let table = analyze([
            ("b", "usage:\n  disaster_tasks:\n    - {task: 罹災証明, kind: priority, target: next_day}\n    - {task: 避難所運営, kind: disaster, target: within_3_days}"),
            ("a", "usage:\n  disaster_tasks:\n    - {task: 安否確認, kind: disaster, target: same_day}\n    - {task: 罹災証明, kind: priority, target: next_day}\n    - {task: 給付, kind: disaster, target: same_day}"),
        ]).disasterTable
        #expect(table.map { "\($0.task)/\($0.system)" } == [
            // disaster before priority; same_day first; then task by code point (安 U+5B89 < 給 U+7D66); then system.
            "安否確認/a", "給付/a", "避難所運営/b", "罹災証明/a", "罹災証明/b",
        ])
        // Without the task (the public profile hides it): kind, target, then system; a's two
        // same-day disaster rows keep the ledger's order.
        #expect(DisasterRow.ordered(table, by: ["kind", "target"]).map { "\($0.task)/\($0.system)" } == [
            "安否確認/a", "給付/a", "避難所運営/b", "罹災証明/a", "罹災証明/b",
        ])
        let renamed = table.map { row in
            var row = row
            if row.task == "給付" { row.task = "あ給付" }
            return row
        }
        #expect(DisasterRow.ordered(renamed).first?.task == "あ給付")
        #expect(DisasterRow.ordered(renamed, by: ["kind", "target"]).map(\.task) == DisasterRow.ordered(table, by: ["kind", "target"]).map {
            $0.task == "給付" ? "あ給付" : $0.task
        })
        // Without kind and target: by system alone.
        #expect(DisasterRow.ordered(table, by: []).map(\.system) == ["a", "a", "a", "b", "b"])
    }
}

struct CompletenessAnalysisTests {
    @Test func overallIsSumOverSum() {
        let analysis = analyze([("a", ""), ("b", "  category: resident\n  purpose: x")])
        // a: 4 of 38; b: 6 of 38 → overall 10 ÷ 76 = 0.1316
        #expect(analysis.completeness.systems["a"] == Exact(4, 38))
        #expect(analysis.completeness.overall == Exact(10, 76))
        #expect(analysis.completeness.departments["市民課"] == Exact(10, 76))
        #expect(analysis.completeness.missing["b"]?.contains("basic.category") == false)
    }

    /// Fields left out (the public profile's) count neither filled nor missing.
    @Test func fieldsLeftOutCountNeither() {
        let parsed = ledgers([("a", ""), ("b", "  category: resident\n  purpose: x")])
        let leftOut: Set<String> = ["basic.category", "basic.purpose"]
        // a: 4 of 38 filled, both fields missing → 4 of 36; b: 6 of 38 with both filled → 4 of 36.
        #expect(parsed[0].completeness.leavingOut(leftOut).filled == 4 && parsed[0].completeness.leavingOut(leftOut).total == 36)
        #expect(parsed[1].completeness.leavingOut(leftOut).filled == 4)
        #expect(parsed[0].completeness.leavingOut(leftOut).missing.allSatisfy { !leftOut.contains($0) })
        let analysis = Analyzer(policy: Policy()).completeness(parsed, leavingOut: leftOut)
        // 8 ÷ 72 overall and for the one department.
        #expect(analysis.overall == Exact(8, 72) && analysis.departments["市民課"] == Exact(8, 72))
        #expect(analysis.systems["a"] == analysis.systems["b"])
        #expect(parsed[0].completeness.leavingOut([]) == parsed[0].completeness)
    }
}

struct AnalysisJSONTests {
    /// `analyze --json` makes the sections on all cores, a build one after another: the same document.
    @Test func sectionsMadeInParallelAreTheSameDocument() async throws {
        let synthetic = SyntheticInventory(count: 300, seed: 11)
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: Array(synthetic.projectFile.utf8),
                                   ledgers: (0..<300).map { synthetic.ledger($0) }.map {
                                       LedgerSource(path: "inventory/\($0.name)", stem: String($0.name.dropLast(5)), bytes: Array($0.text.utf8))
                                   })
        let checked = await Checker(workers: 2).check(source)
        let analysis = Analyzer(policy: checked.project.policy).analyze(checked.validLedgers, organization: checked.project.organization)
        #expect(analysis.systemCount > 250)
        #expect(analysis.renderedJSON() == analysis.json.renderedBytes())
    }
}
