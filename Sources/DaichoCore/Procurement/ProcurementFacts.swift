/// The clauses an RFP needs because of what a system's ledger says (or fails to show),
/// each with the fact that triggered it, for the editor's comment.
public struct ProcurementFacts: Sendable {
    public enum Clause: String, Sendable, CaseIterable {
        /// An SLA must be concluded (no SLA today).
        case sla
        /// The annual operation report is a deliverable.
        case annualReport = "annual_report"
        /// Design and setting documents are deliverables.
        case designDocs = "design_docs"
        /// Every cost as unit price × quantity.
        case costBreakdown = "cost_breakdown"
        /// Customization only after Fit & Gap, with approval.
        case noCustomization = "no_customization"
        /// Data handed over in the intermediate standard layout at contract end.
        case standardLayout = "standard_layout"
        /// A BCP agreement with the operator (dependency 1).
        case operatorBCP = "operator_bcp"
        /// Remote monitoring and a support base close enough for the recovery time.
        case supportBase = "support_base"
    }

    public var grade: SLAPolicy.Grade
    public var gradeReasons: [LocalizedText]
    /// The SLA's mean time to recover: the grade's, or the ledger's recovery time objective
    /// (`bcp.rto_hours`) where that is shorter.
    public var recoveryHours: Exact
    /// Clause → the ledger fact behind it; a clause is absent when its fact does not hold.
    public var clauses: [Clause: LocalizedText]
    /// The fields (paths) that decide a clause left out only because they are not answered: an
    /// absent field is no gap (analysis-v1), so it adds no clause, and the RFP says which are
    /// unknown rather than that nothing is called for.
    public var unanswered: [String]

    public init(ledger: Ledger, policy: Policy) {
        (grade, gradeReasons) = policy.sla.grade(for: ledger)
        let gradeHours = grade.recoveryHours
        recoveryHours = ledger.bcp?.rtoHours.map { min($0, gradeHours) } ?? gradeHours
        var clauses: [Clause: LocalizedText] = [:]
        if ledger.vendor?.contract?.sla == false {
            clauses[.sla] = LocalizedText(ja: "台帳: SLAの締結 = いいえ（vendor.contract.sla）", en: "ledger: vendor.contract.sla = false")
        }
        if ledger.management?.annualReport == false {
            clauses[.annualReport] = LocalizedText(ja: "台帳: 年間保守運用報告書の受領 = いいえ（management.annual_report）",
                                                   en: "ledger: management.annual_report = false")
        }
        if ledger.management?.designDocs == false {
            clauses[.designDocs] = LocalizedText(ja: "台帳: 設計書・設定資料の受領 = いいえ（management.design_docs）",
                                                 en: "ledger: management.design_docs = false")
        }
        if let costs = ledger.costs, costs.lines.isEmpty {
            clauses[.costBreakdown] = LocalizedText(ja: "台帳: 経費の詳細内訳（単価×数量）がない（costs.lines）",
                                                    en: "ledger: costs without lines (unit price × quantity)")
        }
        if let customization = ledger.software?.customization, customization == .module || customization == .source {
            clauses[.noCustomization] = LocalizedText(
                ja: "台帳: カスタマイズの程度 = \(customization.label.ja)（software.customization）",
                en: "ledger: software.customization = \(customization.token)")
        }
        if ledger.software?.standardLayout == false {
            clauses[.standardLayout] = LocalizedText(
                ja: "台帳: 中間標準レイアウト仕様でのデータ提供 = いいえ（software.standard_layout）",
                en: "ledger: software.standard_layout = false")
        }
        if ledger.usage?.dependency == .critical, ledger.bcpOperator?.agreement == false {
            clauses[.operatorBCP] = LocalizedText(
                ja: "台帳: 依存度 = 1 かつ 運用事業者とのBCPの取り決め = いいえ（usage.dependency, bcp_operator.agreement）",
                en: "ledger: dependency 1 and bcp_operator.agreement = false")
        }
        var support: [LocalizedText] = []
        if let minutes = ledger.vendor?.travelMinutes, recoveryHours * Exact(60) < Exact(minutes) {
            let hours = recoveryHours.decimalString(places: 6)
            let basis = recoveryHours < grade.recoveryHours
                ? LocalizedText(ja: "目標復旧時間（bcp.rto_hours）による", en: "from bcp.rto_hours")
                : LocalizedText(ja: "区分\(grade.name)", en: "grade \(grade.name)")
            support.append(LocalizedText(
                ja: "台帳: 障害時の駆けつけ \(minutes) 分が、SLAの平均復旧時間 \(hours) 時間（\(basis.ja)）を超える（vendor.travel_minutes）",
                en: "ledger: travel time \(minutes) min exceeds the SLA's recovery time of \(hours) h (\(basis.en))"))
        }
        // A system the work stops without, not watched from afar: the clause asks for both
        // (procurement.md: remote monitoring and a support base close enough).
        if ledger.usage?.dependency == .critical, ledger.management?.remoteMonitoring == false {
            support.append(LocalizedText(ja: "台帳: 依存度 = 1 かつ リモート監視 = いいえ（usage.dependency, management.remote_monitoring）",
                                         en: "ledger: dependency 1 and management.remote_monitoring = false"))
        }
        if !support.isEmpty {
            clauses[.supportBase] = LocalizedText(ja: support.map(\.ja).joined(separator: "。"), en: support.map(\.en).joined(separator: "; "))
        }
        self.clauses = clauses
        var unanswered: [String] = []
        func ask(_ clause: Clause, _ path: String, _ answered: Bool) {
            if !answered && clauses[clause] == nil { unanswered.append(path) }
        }
        ask(.sla, "vendor.contract.sla", ledger.vendor?.contract?.sla != nil)
        ask(.annualReport, "management.annual_report", ledger.management?.annualReport != nil)
        ask(.designDocs, "management.design_docs", ledger.management?.designDocs != nil)
        ask(.costBreakdown, "costs", ledger.costs != nil)
        ask(.noCustomization, "software.customization", ledger.software?.customization != nil)
        ask(.standardLayout, "software.standard_layout", ledger.software?.standardLayout != nil)
        ask(.operatorBCP, "usage.dependency", ledger.usage?.dependency != nil)
        if ledger.usage?.dependency == .critical { ask(.operatorBCP, "bcp_operator.agreement", ledger.bcpOperator?.agreement != nil) }
        ask(.supportBase, "vendor.travel_minutes", ledger.vendor?.travelMinutes != nil)
        if ledger.usage?.dependency == .critical {
            ask(.supportBase, "management.remote_monitoring", ledger.management?.remoteMonitoring != nil)
        }
        self.unanswered = unanswered
    }
}
