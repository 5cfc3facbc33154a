import DaichoCore

struct DashboardPage: Sendable {
    struct Figure: Sendable {
        var label: String
        var value: String
        var note: String
        var hasNote: Bool
    }

    struct FlagCount: Sendable {
        var flag: String
        var label: String
        /// Grouped as every count of the site (`1,000`).
        var count: String
    }

    struct Renewal: Sendable {
        var year: String
        var systems: [Link]
        /// "ほか N 件" when the year has more systems than the dashboard names, linking to the
        /// renewals page, which lists them all.
        var more: String
        var hasMore: Bool
        var moreHref: String
    }

    /// The systems named for each year of upcoming renewals; the renewals page lists every one.
    /// A prefecture or national inventory renews thousands of systems a year, which made the
    /// dashboard a list of thousands of links (430 KB at 10,000 systems) rather than a summary.
    static let renewalsShown = 30

    struct Link: Sendable {
        var href: String
        var label: String
    }

    struct SectionLink: Sendable {
        var href: String
        var label: String
        var description: String
    }

    var page: PageFrame
    var organization: String
    var figures: [DashboardPage.Figure]
    var flags: [FlagCount]
    var showFlags: Bool
    var gaps: [FlagCount]
    /// Said under the gaps when the edition withholds some (`Visibility.withheldGapsNote`).
    var gapsNote: String
    var hasGapsNote: Bool
    var renewals: [Renewal]
    var hasRenewals: Bool
    var sections: [SectionLink]
    var excluded: [String]
    var hasExcluded: Bool
    var referenceNote: String
    /// False for `--only systems`, which builds no analysis pages to link to.
    var hasAnalysis: Bool
}

extension SiteContext {
    func dashboardPage() -> DashboardPage {
        let frame = frame(path: SiteSection.home.path, title: t("home"), section: .home)
        let a = analysis
        let organization = project.organization
        var figures: [DashboardPage.Figure] = []
        func figure(_ label: String, _ value: String, _ note: String = "") {
            figures.append(.init(label: label, value: value, note: note, hasNote: !note.isEmpty))
        }
        // Counts grouped as amounts are (`1,764台`), a unit after its number without a space.
        let count = { (value: Int) in YenFormat.grouped(value) }
        figure(t("systemsCount"), count(a.systemCount))
        figure(t("departmentsCount"), count(departmentSystems.count))
        if let population = organization.population { figure(t("population"), YenFormat.grouped(population) + t("人", "")) }
        if let year = organization.fiscalYear { figure(t("fiscalYear"), t("\(year)年度", "FY\(year)")) }
        if !visibility.hidesCosts && !ledgers.contains(where: { $0.costs != nil }) {
            // No ledger gives costs: 「0円」 would read as a figure, and per resident as a cheap one.
            let none = t("—（経費の記入なし）", "— (no costs entered)")
            for label in [t("initialCost") + t("（合計）", " (total)"), t("annualCost") + t("（合計）", " (total)"), t("perResident")] {
                figure(label, none)
            }
        } else if !visibility.hidesCosts {
            figure(t("initialCost") + t("（合計）", " (total)"), YenFormat.yen(a.costs.totals.initial, language))
            figure(t("annualCost") + t("（合計）", " (total)"), YenFormat.yen(a.costs.totals.annual, language))
            figure(t("annualEquivalent") + t("（合計）", " (total)"), YenFormat.yen(a.costs.totals.annualEquivalent, language))
            if let perResident = a.costs.perResident {
                let band = a.costs.reference.map {
                    t("、人口\($0.band.ja) \(YenFormat.yen($0.yen, language))", ", population \($0.band.en) \(YenFormat.yen($0.yen, language))")
                } ?? ""
                figure(t("perResident"), YenFormat.yen(perResident, language),
                       t("全国 \(YenFormat.yen(NationalReference.overall, language))\(band)",
                         "national \(YenFormat.yen(NationalReference.overall, language))\(band)"))
            }
        }
        let c = a.consolidation
        figure(t("consolidation"), t("物理サーバ \(count(c.physicalBefore))台 → \(count(c.physicalAfter))台",
                                     "\(count(c.physicalBefore)) → \(count(c.physicalAfter)) physical servers"),
               // No host, no spare: the consolidation page's total is 0 then.
               c.hostsUsed == 0 ? t("集約の対象なし", "nothing to consolidate")
                   : t("ホスト \(count(c.hostsUsed))台＋予備 \(count(c.spareHosts))台", "\(count(c.hostsUsed)) hosts + \(count(c.spareHosts)) spare"))
        figure(t("terminals"), t("\(count(a.terminals.types))種類 \(count(a.terminals.total))台", "\(count(a.terminals.types)) types, \(count(a.terminals.total))"),
               t("予備機 個別 \(count(a.terminals.sparesDedicated))台／共通化 \(count(a.terminals.sparesCommon))台",
                 "spares \(count(a.terminals.sparesDedicated)) vs \(count(a.terminals.sparesCommon)) with a common specification"))
        figure(t("completeness"), a.completeness.overall.percentString + "%")

        let root = frame.root
        let upcoming = a.renewals.keys.sorted().filter { year in organization.fiscalYear.map { year >= $0 && year <= $0 + 2 } ?? true }
            .prefix(3)
        func renewal(_ label: String, _ ids: [String]) -> DashboardPage.Renewal {
            let more = ids.count - min(ids.count, DashboardPage.renewalsShown)
            return DashboardPage.Renewal(year: label, systems: ids.prefix(DashboardPage.renewalsShown).map {
                DashboardPage.Link(href: root + systemPath($0), label: byID.name($0) ?? $0)
            }, more: more > 0 ? t("ほか\(count(more))件", "\(count(more)) more") : "", hasMore: more > 0 && !options.systemsOnly,
                  moreHref: root + "analysis/renewals.html")
        }
        var renewals = upcoming.map { year in renewal(t("\(year)年度", "FY\(year)"), a.renewals[year] ?? []) }
        // Renewals due before this fiscal year and not yet recorded as done: first, as they are late.
        if let year = organization.fiscalYear {
            let overdue = a.renewals.filter { $0.key < year }.values.flatMap { $0 }.sorted()
            if !overdue.isEmpty {
                renewals.insert(renewal(t("更新時期を過ぎたもの（\(year - 1)年度以前）", "Overdue (FY\(year - 1) and before)"), overdue), at: 0)
            }
        }
        let analysisLinks = self.analysisLinks.map { DashboardPage.SectionLink(href: root + $0.href, label: $0.label, description: $0.description) }
        let sections: [DashboardPage.SectionLink] = [
            .init(href: root + SiteSection.systems.path, label: t("systems"), description: t("全システムの一覧（並べ替え・絞り込み）", "Every system, sortable and filterable")),
            .init(href: root + SiteSection.departments.path, label: t("departments"), description: t("所管課ごとのシステムと経費", "Systems and costs per department")),
            .init(href: root + SiteSection.vendors.path, label: t("vendors"), description: t("開発・保守事業者ごとのシステム", "Systems per developer and maintainer")),
        ] + (options.systemsOnly ? [] : analysisLinks + [
            .init(href: root + SiteSection.search.path, label: t("search"), description: t("名称・所管課・事業者・業務で検索", "Search by name, department, vendor, business")),
            .init(href: root + SiteSection.data.path, label: t("data"), description: t("analysis.json・systems.json・systems.csv", "analysis.json, systems.json, systems.csv")),
        ])
        let gapCounts = GapAnalysis.Code.allCases.filter(visibility.shows).map {
            DashboardPage.FlagCount(flag: $0.rawValue, label: $0.label.text(language), count: count(a.gaps.byCode[$0]?.count ?? 0))
        }
        let gapsNote = visibility.withheldGapsNote?.text(language)
        return DashboardPage(
            page: frame, organization: organization.name, figures: figures,
            flags: [MaintenanceAnalysis.Flag.high, .low, .none, .ok, .unknown, .notApplicable].map {
                .init(flag: $0.rawValue, label: $0.label.text(language), count: count(a.maintenance.ids(flagged: $0).count))
            },
            showFlags: !visibility.hidesCosts,
            gaps: gapCounts, gapsNote: gapsNote ?? "", hasGapsNote: gapsNote != nil,
            renewals: Array(renewals), hasRenewals: !renewals.isEmpty && !visibility.hides("basic.renewal"), sections: sections,
            excluded: a.excluded, hasExcluded: !a.excluded.isEmpty,
            referenceNote: NationalReference.note.text(language), hasAnalysis: !options.systemsOnly)
    }
}
