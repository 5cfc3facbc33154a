import DaichoCore

/// The analysis as a readable terminal report: key figures first, then one table per section.
public struct AnalysisReport: Sendable {
    public var analysis: Analysis
    public var language: Language

    public init(_ analysis: Analysis, language: Language) {
        self.analysis = analysis
        self.language = language
    }

    private func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }
    private func yen(_ value: Int) -> String { YenFormat.yen(value, language) }
    private func percent(_ value: Exact) -> String { value.percentString + "%" }

    public func rendered() -> String {
        var out: [String] = []
        let a = analysis
        let year = a.organization.fiscalYear.map { t("\($0)年度", "FY\($0)") } ?? t("年度未設定", "no fiscal year")
        out.append(t("\(a.organization.name) 情報システム台帳 集計（\(year)）", "\(a.organization.name) information systems — analysis (\(year))"))
        if !a.excluded.isEmpty {
            out.append(t("※ エラーのある \(a.excluded.count) ファイルを除いて集計: ", "Note: \(a.excluded.count) files with errors left out: ")
                + a.excluded.joined(separator: ", "))
        }
        out.append("")
        out.append(section(t("主要指標", "Key figures")))
        var key = TextTable([t("指標", "Figure"), t("値", "Value")], [.left, .left])
        let form = a.distributions.usageForm
        let dedicated = form.counts.first { $0.token == UsageForm.dedicatedServer.token }?.count ?? 0
        key.add([t("システム数", "Systems"), "\(a.systemCount)"])
        key.add([t("利用形態の回答", "Form of use answered"), t("\(form.answered)（未回答 \(form.unanswered)）", "\(form.answered) (unanswered \(form.unanswered))")])
        key.add([t("専用サーバ", "Dedicated server"), "\(dedicated)/\(form.answered) = \(percent(form.share(of: UsageForm.dedicatedServer.token)))"])
        let m = a.maintenance
        key.add([t("運用保守経費の割合", "Maintenance ratio"),
                 [MaintenanceAnalysis.Flag.high, .low, .none, .ok, .unknown, .notApplicable]
                    .map { "\($0.label.text(language)) \(m.ids(flagged: $0).count)" }.joined(separator: t("・", ", "))])
        let c = a.consolidation
        key.add([t("サーバ集約", "Consolidation"),
                 t("物理サーバ \(c.physicalBefore)台 → \(c.physicalAfter)台（ホスト \(c.hostsUsed)台＋予備 \(c.spareHosts)台、候補 \(c.candidates.count)、配置不可 \(c.unplaceable.count)）",
                   "physical servers \(c.physicalBefore) → \(c.physicalAfter) (hosts \(c.hostsUsed) + \(c.spareHosts) spare, \(c.candidates.count) candidates, \(c.unplaceable.count) unplaceable)")])
        let term = a.terminals
        key.add([t("専用端末", "Dedicated terminals"),
                 t("\(term.types)種類 \(term.total)台、予備機 個別 \(term.sparesDedicated)台／共通化 \(term.sparesCommon)台",
                   "\(term.types) types, \(term.total) terminals; spares \(term.sparesDedicated) dedicated vs \(term.sparesCommon) common")])
        let gapCount = GapAnalysis.Code.allCases.reduce(0) { $0 + (a.gaps.byCode[$1]?.count ?? 0) }
        key.add([t("課題の件数", "Gaps"), t("\(gapCount) 件（\(a.gaps.bySystem.values.filter { !$0.isEmpty }.count) システム）",
                                          "\(gapCount) (in \(a.gaps.bySystem.values.filter { !$0.isEmpty }.count) systems)")])
        if let perResident = a.costs.perResident {
            let reference = a.costs.reference.map { t("、\($0.band.ja) \(yen($0.yen))", ", \($0.band.en) \(yen($0.yen))") } ?? ""
            key.add([t("住民1人あたり経費（年額換算）", "Cost per resident (annual equivalent)"),
                     t("\(yen(perResident))（参考: 全国 \(yen(NationalReference.overall))\(reference)）",
                       "\(yen(perResident)) (reference: national \(yen(NationalReference.overall))\(reference))")])
        }
        key.add([t("記入率", "Completeness"), percent(a.completeness.overall)])
        out.append(key.rendered())

        out.append("")
        out.append(section(t("① 利用形態", "① Form of use")))
        out.append(distribution(a.distributions.usageForm, UsageForm.spec))
        out.append(section(t("② 設置場所", "② Location")))
        out.append(distribution(a.distributions.location, HardwareLocation.spec))
        out.append(section(t("③ 運用体制", "③ Operating structure")))
        out.append(distribution(a.distributions.managementStructure, ManagementStructure.spec))
        out.append(section(t("④ 業務の依存度", "④ Dependency")))
        out.append(distribution(a.distributions.dependency, Dependency.spec))
        out.append(section(t("⑤ 利用職員数", "⑤ Staff users")))
        let users = a.distributions.users
        var userTable = TextTable([t("区分", "Bucket"), t("件数", "Systems")], [.left, .right])
        userTable.add([t("全庁的", "Organisation-wide"), "\(users.orgWide)"])
        userTable.add([t("中規模", "Broad"), "\(users.broad)"])
        userTable.add([t("業務特化", "Specialised"), "\(users.specialized)"])
        out.append(userTable.rendered())
        out.append(section(t("⑥ システムあたりの物理サーバ台数", "⑥ Physical servers per system")))
        var servers = TextTable([t("台数", "Servers"), t("システム数", "Systems")], [.right, .right])
        for count in a.distributions.servers.keys.sorted() { servers.add(["\(count)", "\(a.distributions.servers[count] ?? 0)"]) }
        out.append(servers.rendered())

        out.append(section(t("⑦ 運用保守経費の割合（\(m.periodYears)年間の保守費 ÷ 導入経費、基準 \(m.referenceRatio.decimalString(places: 4))）",
                             "⑦ Maintenance ratio (\(m.periodYears)-year maintenance ÷ initial, reference \(m.referenceRatio.decimalString(places: 4)))")))
        var maintenance = TextTable([t("システム", "System"), t("導入経費", "Initial"), t("保守費（期間）", "Maintenance (period)"),
                                     t("割合", "Ratio"), t("判定", "Flag")], [.left, .right, .right, .right, .left])
        for system in m.systems {
            maintenance.add([system.id, system.initial.map(yen) ?? "—", system.omPeriod.map(yen) ?? "—",
                             system.ratio.map { $0.decimalString(places: 4) } ?? "—", system.flag.label.text(language)])
        }
        out.append(maintenance.rendered())

        out.append(section(t("サーバ集約計画", "Consolidation plan")))
        var hosts = TextTable([t("ホスト", "Host"), t("システム", "Systems")], [.right, .left])
        for (index, host) in c.hosts.enumerated() { hosts.add(["\(index + 1)", host.joined(separator: ", ")]) }
        out.append(hosts.rendered())
        out.append(t("  下限 \(c.lowerBound) 台、仮定値を使用: ", "  lower bound \(c.lowerBound); assumed specs: ")
                   + (c.assumed.isEmpty ? "—" : c.assumed.joined(separator: ", ")))
        if !c.unplaceable.isEmpty {
            out.append(t("  1台のホストに収まらない: ", "  larger than one host: ") + c.unplaceable.joined(separator: ", "))
        }

        out.append(section(t("専用端末", "Dedicated terminals")))
        var terminals = TextTable([t("グループ", "Group"), t("台数", "Count"), t("システム", "Systems")], [.left, .right, .left])
        for group in term.groups { terminals.add([group.group, "\(group.count)", group.systems.joined(separator: ", ")]) }
        out.append(terminals.rendered())

        out.append(section(t("課題（BCP・セキュリティ・ガバナンス）", "Gaps (BCP, security, governance)")))
        var gaps = TextTable([t("課題", "Gap"), t("件数", "Systems"), t("システム", "Which")], [.left, .right, .left])
        for code in GapAnalysis.Code.allCases {
            let ids = a.gaps.byCode[code] ?? []
            gaps.add([code.label.text(language), "\(ids.count)", Self.abbreviate(ids)])
        }
        out.append(gaps.rendered())

        out.append(section(t("経費（所管課別）", "Costs by department")))
        var costs = TextTable([t("所管課", "Department"), t("導入経費", "Initial"), t("年額", "Annual"), t("年額換算", "Annual equivalent")],
                              [.left, .right, .right, .right])
        for department in a.costs.byDepartment.keys.sorted() {
            let row = a.costs.byDepartment[department] ?? .init()
            costs.add([department, yen(row.initial), yen(row.annual), yen(row.annualEquivalent)])
        }
        costs.add([t("合計", "Total"), yen(a.costs.totals.initial), yen(a.costs.totals.annual), yen(a.costs.totals.annualEquivalent)])
        out.append(costs.rendered())
        out.append("  " + NationalReference.note.text(language))

        out.append(section(t("更新予定（年度別）", "Renewals by fiscal year")))
        var renewals = TextTable([t("年度", "Fiscal year"), t("件数", "Systems"), t("システム", "Which")], [.right, .right, .left])
        for year in a.renewals.keys.sorted() {
            let ids = a.renewals[year] ?? []
            renewals.add(["\(year)", "\(ids.count)", Self.abbreviate(ids)])
        }
        out.append(renewals.rendered())

        out.append(section(t("災害時に必要な業務", "Work needed in a disaster")))
        var disaster = TextTable([t("種別", "Kind"), t("目標", "Target"), t("業務", "Task"), t("システム", "System")], [.left, .left, .left, .left])
        for row in a.disasterTable {
            disaster.add([row.kind?.label.text(language) ?? "—", row.target?.label.text(language) ?? "—", row.task, row.system])
        }
        out.append(disaster.rendered())
        return out.joined(separator: "\n") + "\n"
    }

    private func section(_ title: String) -> String { "\n■ " + title }

    private func distribution(_ distribution: EnumDistribution, _ spec: EnumSpec) -> String {
        var table = TextTable([t("区分", "Value"), t("件数", "Systems"), t("割合", "Share")], [.left, .right, .right])
        for (token, count) in distribution.counts {
            table.add([spec.label(of: token).text(language), "\(count)", percent(distribution.share(of: token))])
        }
        table.add([t("未回答", "Unanswered"), "\(distribution.unanswered)", ""])
        return table.rendered()
    }

    static func abbreviate(_ ids: [String], limit: Int = 6) -> String {
        ids.count <= limit ? ids.joined(separator: ", ") : ids.prefix(limit).joined(separator: ", ") + " …"
    }
}
