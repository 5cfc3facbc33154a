import Testing
@testable import DaichoCore

struct SLAGradeTests {
    func grade(_ yaml: String, policy: Policy = Policy()) -> (String, [String]) {
        let ledger = ledgers([("s", yaml)])[0]
        let result = policy.sla.grade(for: ledger)
        return (result.grade.name, result.reasons.map(\.ja))
    }

    @Test func defaultRules() {
        #expect(grade("usage: {dependency: 1}").0 == "A")
        #expect(grade("usage: {dependency: 1}").1 == ["業務の依存度が「1：依存度が高く、システムが無いと業務ができない」"])
        // Dependency 3, but a disaster task due on the next day: A, for that reason.
        let disaster = grade("usage:\n  dependency: 3\n  disaster_tasks: [{task: 罹災証明, kind: disaster, target: next_day}]")
        #expect(disaster.0 == "A")
        #expect(disaster.1 == ["災害時の業務（罹災証明）の目標が「翌日」"])
        #expect(grade("usage:\n  dependency: 3\n  disaster_tasks: [{task: 給付, kind: priority, target: within_3_days}]").0 == "C")
        #expect(grade("usage: {dependency: 2}").0 == "B")
        #expect(grade("usage: {dependency: 4}").0 == "C")
        #expect(grade("").0 == "C")
        #expect(grade("").1 == ["業務の依存度が未記入のため既定の区分"])
        #expect(Policy().sla.grades.map { $0.availability.decimalString(places: 2) } == ["99.5", "99", "98"])
    }

    @Test func rulesAndValuesComeFromTheProjectFile() async {
        let project = """
            organization: {name: X, code: "142085", population: 1, fiscal_year: 2026}
            policy:
              sla_grades:
                A: {availability: 99.9, recovery_hours: 1, dependency: [1, 2], disaster_targets: [same_day]}
                B: {dependency: [3]}
              evaluation_weights: {requirements: 30, lifecycle_cost: 30}
            """
        let checked = await Checker().check(ProjectSource(projectFilePath: "daicho.yaml", projectFile: Array(project.utf8), ledgers: []))
        #expect(checked.diagnostics.isEmpty)
        let policy = checked.project.policy
        #expect(grade("usage: {dependency: 2}", policy: policy).0 == "A")
        #expect(grade("usage: {dependency: 3}", policy: policy).0 == "B")
        #expect(policy.sla.grades[0].availability == Exact(999, 10))
        #expect(policy.sla.grades[0].recoveryHours == Exact(1))
        // 30 + 15 + 10 + 15 + 30 = 100
        #expect(policy.evaluationWeights.requirements == 30 && policy.evaluationWeights.total == 100)
    }

    /// Availability is a percentage: 0.995 (a fraction) and 100.5 are errors and the default stays;
    /// 100 is allowed.
    @Test func availabilityIsAPercentage() async {
        for (value, accepted) in [("0.995", false), ("1", false), ("100.5", false), ("100", true), ("1.5", true)] {
            let project = "organization: {name: X}\npolicy:\n  sla_grades:\n    B: {availability: \(value)}\n"
            let checked = await Checker().check(ProjectSource(projectFilePath: "daicho.yaml", projectFile: Array(project.utf8), ledgers: []))
            #expect(checked.diagnostics.with(.outOfRange).map(\.fieldPath) == (accepted ? [] : ["policy.sla_grades.B.availability"]), "\(value)")
            #expect(checked.project.policy.sla.grades[1].availability.decimalString(places: 3) == (accepted ? value : "99"), "\(value)")
        }
    }

    @Test func weightsMustAddUpTo100() async {
        let project = "organization: {name: X}\npolicy:\n  evaluation_weights: {requirements: 50}\n"
        let checked = await Checker().check(ProjectSource(projectFilePath: "daicho.yaml", projectFile: Array(project.utf8), ledgers: []))
        #expect(checked.diagnostics.with(.outOfRange).map(\.fieldPath) == ["policy.evaluation_weights"])
        #expect(checked.project.policy.evaluationWeights.total == 100)
    }
}

struct ClauseTests {
    func clauses(_ yaml: String) -> Set<ProcurementFacts.Clause> {
        Set(ProcurementFacts(ledger: ledgers([("s", yaml)])[0], policy: Policy()).clauses.keys)
    }

    /// Each clause appears exactly when its fact holds; the opposite fact and an absent field give none.
    @Test(arguments: [
        (ProcurementFacts.Clause.sla, "vendor: {contract: {sla: false}}", "vendor: {contract: {sla: true}}"),
        (.annualReport, "management: {annual_report: false}", "management: {annual_report: true}"),
        (.designDocs, "management: {design_docs: false}", "management: {design_docs: true}"),
        (.costBreakdown, "costs: {annual: {maintenance: 1}}",
         "costs: {lines: [{name: x, kind: annual_other, unit_price: 1, quantity: 1}]}"),
        (.noCustomization, "software: {customization: source}", "software: {customization: parameter}"),
        (.standardLayout, "software: {standard_layout: false}", "software: {standard_layout: true}"),
        (.operatorBCP, "usage: {dependency: 1}\nbcp_operator: {agreement: false}", "usage: {dependency: 2}\nbcp_operator: {agreement: false}"),
        // Grade A recovers in 3 hours = 180 minutes: 181 minutes away is too far, 180 is not.
        (.supportBase, "usage: {dependency: 1}\nvendor: {travel_minutes: 181}", "usage: {dependency: 1}\nvendor: {travel_minutes: 180}"),
    ])
    func clauseFollowsItsFact(clause: ProcurementFacts.Clause, holds: String, fails: String) {
        #expect(clauses(holds).contains(clause))
        #expect(!clauses(fails).contains(clause))
        #expect(!clauses("").contains(clause))
    }

    @Test func moduleCustomizationCountsToo() {
        #expect(clauses("software: {customization: module}").contains(.noCustomization))
        // Grade C recovers in 24 hours: 1,440 minutes is still in time.
        #expect(!clauses("usage: {dependency: 4}\nvendor: {travel_minutes: 1440}").contains(.supportBase))
        #expect(clauses("usage: {dependency: 4}\nvendor: {travel_minutes: 1441}").contains(.supportBase))
    }

    /// The SLA's recovery time is the shorter of the grade's and the ledger's RTO: grade A's 3
    /// hours, with `rto_hours: 1`, is 60 minutes, so a base 61 minutes away is too far.
    @Test func supportBaseUsesTheSLAsRecoveryTime() {
        #expect(clauses("usage: {dependency: 1}\nbcp: {rto_hours: 1}\nvendor: {travel_minutes: 61}").contains(.supportBase))
        #expect(!clauses("usage: {dependency: 1}\nbcp: {rto_hours: 1}\nvendor: {travel_minutes: 60}").contains(.supportBase))
        // A longer RTO does not lengthen the grade's 3 hours.
        #expect(clauses("usage: {dependency: 1}\nbcp: {rto_hours: 5}\nvendor: {travel_minutes: 181}").contains(.supportBase))
        let facts = ProcurementFacts(ledger: ledgers([("s", "usage: {dependency: 1}\nbcp: {rto_hours: 1}\nvendor: {travel_minutes: 90}")])[0],
                                     policy: Policy())
        #expect(facts.recoveryHours == Exact(1))
        #expect(facts.clauses[.supportBase]?.ja == "台帳: 障害時の駆けつけ 90 分が、SLAの平均復旧時間 1 時間（目標復旧時間（bcp.rto_hours）による）を超える（vendor.travel_minutes）")
    }

    /// The fields that would decide a clause, when unanswered, are listed (an absent field adds
    /// no clause); a clause already called for lists none; a dependency other than 1 asks for no
    /// BCP agreement or remote monitoring.
    @Test func unansweredFieldsAreListed() {
        func unanswered(_ yaml: String) -> [String] { ProcurementFacts(ledger: ledgers([("s", yaml)])[0], policy: Policy()).unanswered }
        #expect(unanswered("") == ["vendor.contract.sla", "management.annual_report", "management.design_docs", "costs",
                                   "software.customization", "software.standard_layout", "usage.dependency", "vendor.travel_minutes"])
        #expect(unanswered("usage: {dependency: 1}\nvendor: {contract: {sla: false}, travel_minutes: 10}") == [
            "management.annual_report", "management.design_docs", "costs", "software.customization", "software.standard_layout",
            "bcp_operator.agreement", "management.remote_monitoring"])
        #expect(unanswered("""
            vendor: {contract: {sla: true}, travel_minutes: 10}
            management: {annual_report: true, design_docs: false}
            costs: {annual: {maintenance: 1}}
            software: {customization: none, standard_layout: true}
            usage: {dependency: 3}
            """) == [])
    }

    @Test func reasonsNameTheLedgerField() {
        let facts = ProcurementFacts(ledger: ledgers([("s", "vendor: {contract: {sla: false}}")])[0], policy: Policy())
        #expect(facts.clauses[.sla]?.ja == "台帳: SLAの締結 = いいえ（vendor.contract.sla）")
    }
}

struct KPIChecklistTests {
    @Test func slaShareOf12In40() {
        // 12 with an SLA, 28 without, 5 silent: 12/40 = 30.0%.
        var items: [(String, String)] = []
        for index in 0..<12 { items.append(("y\(index)", "vendor: {contract: {sla: true}}")) }
        for index in 0..<28 { items.append(("n\(index)", "vendor: {contract: {sla: false}}")) }
        for index in 0..<5 { items.append(("x\(index)", "")) }
        let checklist = KPIChecklist(ledgers: ledgers(items))
        let sla = checklist.items.first { $0.kpiLabel?.ja == "SLAを締結しているシステムの割合" }
        #expect(sla?.kpi?.text == "12/40 = 30.0%")
    }

    @Test func sharesOfCustomizationLayoutBCPAndBackup() {
        let onPremises = "hardware: {location: server_room, servers: [{role: AP, count: 1}]}"
        let checklist = KPIChecklist(ledgers: ledgers([
            ("a", "software: {customization: none, standard_layout: true}\nbcp: {in_plan: true}\noperation: {backup: {offsite: true}}\n" + onPremises),
            ("b", "software: {customization: parameter, standard_layout: false}\nbcp: {in_plan: false}\noperation: {backup: {offsite: false}}\n" + onPremises),
            ("c", "software: {customization: source}"),
            // Off-site backups are counted where the no_offsite gap applies: servers on the premises.
            ("d", "operation: {backup: {offsite: false}}\nhardware: {location: cloud}"),
        ]))
        func kpi(_ prefix: String) -> String? { checklist.items.first { $0.kpiLabel?.ja.hasPrefix(prefix) ?? false }?.kpi?.text }
        // none and parameter count as not customized: 2 of 3 (d does not say).
        #expect(kpi("ノンカスタマイズ") == "2/3 = 66.7%")
        #expect(kpi("中間標準レイアウト") == "1/2 = 50.0%")
        #expect(kpi("ICT-BCP") == "1/2 = 50.0%")
        // a of a and b; d keeps no servers on the premises.
        #expect(kpi("庁舎内にサーバ") == "1/2 = 50.0%")
        #expect(Analyzer(policy: Policy()).gaps(of: ledgers([("b", "operation: {backup: {offsite: false}}\n" + onPremises)])[0]).contains(.noOffsite))
        // Items the ledgers cannot answer are left to people.
        #expect(checklist.items.contains { $0.kpi == nil && $0.guideline == 9 })
        #expect(checklist.items.filter { $0.kpi != nil }.count >= 10)
        // Every one of the ten guidelines has an item, in order; 3, 4, 7 and 8 are for people alone.
        #expect(checklist.items.map(\.guideline) == checklist.items.map(\.guideline).sorted())
        #expect(Set(checklist.items.map(\.guideline)) == Set(1...10))
        for guideline in [3, 4, 7, 8] { #expect(checklist.items.filter { $0.guideline == guideline }.allSatisfy { $0.kpi == nil }) }
    }

    /// The other KPIs over five ledgers (e answers none of them):
    /// cloud a (asp), c (joint cloud) of a–d: 2/4; mainframe b: 1/4; package, joint or service
    /// a, c, d: 3/4; platform, drills and audit a of a–b: 1/2 each; no antivirus missing a, c
    /// (c's client unanswered) of a–c: 2/3.
    @Test func sharesOfCloudMainframePackagePlatformDrillsAuditAntivirus() {
        let checklist = KPIChecklist(ledgers: ledgers([
            ("a", "  development: package\nusage: {form: asp}\nsoftware: {platform_compliant: true}\nbcp: {drills: true}\n"
                + "security: {audit: true}\nantivirus: {server: installed, client: installed}"),
            ("b", "  development: scratch\nusage: {form: mainframe}\nsoftware: {platform_compliant: false}\nbcp: {drills: false}\n"
                + "security: {audit: false}\nantivirus: {server: installed, client: not_installed}"),
            ("c", "  development: joint\nusage: {form: joint_cloud}\nantivirus: {server: not_applicable}"),
            ("d", "  development: service\nusage: {form: dedicated_server}"),
            ("e", ""),
        ]))
        func kpi(_ label: String) -> String? { checklist.items.first { $0.kpiLabel?.ja == label }?.kpi?.text }
        #expect(kpi("クラウドを利用するシステムの割合") == "2/4 = 50.0%")
        #expect(kpi("メインフレームで動くシステムの割合") == "1/4 = 25.0%")
        #expect(kpi("パッケージ・共同開発・サービス利用のシステムの割合") == "3/4 = 75.0%")
        #expect(kpi("地域情報プラットフォームに準拠したシステムの割合") == "1/2 = 50.0%")
        #expect(kpi("訓練を実施しているシステムの割合") == "1/2 = 50.0%")
        #expect(kpi("セキュリティ監査を実施しているシステムの割合") == "1/2 = 50.0%")
        #expect(kpi("ウイルス対策が未導入の箇所がないシステムの割合") == "2/3 = 66.7%")
        #expect(kpi("SLAを締結しているシステムの割合") == "0/0 = 0.0%")
    }

    /// A question answered from a hidden field is withheld, not counted; completeness leaves out
    /// the hidden fields (a: 4 of 38 with category missing → 4 of 37).
    @Test func hiddenFieldsWithholdTheirQuestions() {
        let checklist = KPIChecklist(ledgers: ledgers([("a", "security: {audit: true}\nvendor: {contract: {sla: true}}")]),
                                     hides: { $0.hasPrefix("security") }, completenessLeavesOut: ["basic.category"])
        let audit = checklist.items.first { $0.kpiLabel?.ja == "セキュリティ監査を実施しているシステムの割合" }
        #expect(audit?.withheld == true && audit?.kpi == nil)
        let sla = checklist.items.first { $0.kpiLabel?.ja == "SLAを締結しているシステムの割合" }
        #expect(sla?.withheld == false && sla?.kpi?.text == "1/1 = 100.0%")
        #expect(checklist.items.filter(\.withheld).count == 1)
        #expect(checklist.items.last { $0.guideline == 10 && $0.kpi != nil }?.kpi?.answered == 37)
    }

    @Test func noAnswersGiveZeroOfZero() {
        let checklist = KPIChecklist(ledgers: [])
        #expect(checklist.items.compactMap(\.kpi).allSatisfy { $0.text == "0/0 = 0.0%" })
    }
}
