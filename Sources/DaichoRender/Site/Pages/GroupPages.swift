import DaichoCore

/// A list of departments or vendors, each with its systems and costs.
struct GroupIndexPage: Sendable {
    struct Entry: Sendable {
        var name: String
        var href: String
        var systems: Int
        var annualEquivalent: String
        var annualEquivalentValue: Int
        var completeness: String
    }

    var page: PageFrame
    var heading: String
    var nameLabel: String
    var entries: [Entry]
    var showCosts: Bool
    /// Said under the table where its figures do not add up to the inventory's (vendors: a
    /// system is counted under its developer and under its maintainer); empty otherwise.
    var note: String = ""
    var hasNote: Bool { !note.isEmpty }
}

/// One department's or vendor's page.
struct GroupDetailPage: Sendable {
    var page: PageFrame
    var name: String
    var figures: [DashboardPage.Figure]
    var rows: [SystemRow]
    var showRole: Bool
    var showCosts: Bool
}

extension SiteContext {
    func departmentsIndexPage() -> GroupIndexPage {
        let path = SiteSection.departments.path
        let frame = frame(path: path, title: t("departments"), section: .departments, crumbs: [(path, t("departments"))])
        let costs = analysis.costs.byDepartment
        return GroupIndexPage(
            page: frame, heading: t("departments"), nameLabel: t("department"),
            entries: departmentNames.map { name in
                .init(name: name, href: frame.root + departmentPath(name), systems: departmentSystems[name]?.count ?? 0,
                      annualEquivalent: YenFormat.yen(costs[name]?.annualEquivalent ?? 0, language),
                      annualEquivalentValue: costs[name]?.annualEquivalent ?? 0,
                      completeness: (analysis.completeness.departments[name] ?? .zero).percentString + "%")
            },
            showCosts: !visibility.hidesCosts)
    }

    func departmentPage(_ name: String) -> GroupDetailPage {
        let path = departmentPath(name)
        let frame = frame(path: path, title: name, section: .departments,
                          crumbs: [(SiteSection.departments.path, t("departments")), (path, name)], ledgerCrumb: path)
        let ids = departmentSystems[name] ?? []
        let totals = analysis.costs.byDepartment[name] ?? .init()
        var figures: [DashboardPage.Figure] = [
            .init(label: t("systemsCount"), value: YenFormat.grouped(ids.count), note: "", hasNote: false),
            .init(label: t("completeness"), value: (analysis.completeness.departments[name] ?? .zero).percentString + "%", note: "", hasNote: false),
        ]
        if !visibility.hidesCosts {
            figures.append(.init(label: t("initialCost"), value: YenFormat.yen(totals.initial, language), note: "", hasNote: false))
            figures.append(.init(label: t("annualCost"), value: YenFormat.yen(totals.annual, language), note: "", hasNote: false))
            figures.append(.init(label: t("annualEquivalent"), value: YenFormat.yen(totals.annualEquivalent, language), note: "", hasNote: false))
        }
        return GroupDetailPage(page: frame, name: name, figures: figures,
                               rows: ids.compactMap { byID[$0] }.map { systemRow($0, root: frame.root) },
                               showRole: false, showCosts: !visibility.hidesCosts)
    }

    func vendorsIndexPage() -> GroupIndexPage {
        let path = SiteSection.vendors.path
        let frame = frame(path: path, title: t("vendors"), section: .vendors, crumbs: [(path, t("vendors"))])
        return GroupIndexPage(
            page: frame, heading: t("vendors"), nameLabel: t("vendor"),
            entries: vendorNames.map { name in
                let ids = vendorSystems[name]?.map(\.id) ?? []
                let total = ids.map { self.maintenanceByID[$0]?.annualEquivalent ?? 0 }.saturatingSum
                return .init(name: name, href: frame.root + vendorPath(name), systems: ids.count,
                             annualEquivalent: YenFormat.yen(total, language), annualEquivalentValue: total, completeness: "")
            },
            showCosts: !visibility.hidesCosts,
            note: t("開発事業者と保守事業者が違うシステムは、両方の事業者に数えています。そのため各事業者の合計を足しても、全体の経費とは一致しません。",
                    "A system whose developer and maintainer differ is counted under both, so the vendors' totals add up to more than the inventory's."))
    }

    func vendorPage(_ name: String) -> GroupDetailPage {
        let path = vendorPath(name)
        let frame = frame(path: path, title: name, section: .vendors, crumbs: [(SiteSection.vendors.path, t("vendors")), (path, name)],
                          ledgerCrumb: path)
        let members = vendorSystems[name] ?? []
        let rows = members.compactMap { member in
            byID[member.id].map { ledger in
                let roles = [member.developer ? t("developer") : nil, member.maintainer ? t("maintainer") : nil].compactMap { $0 }
                return systemRow(ledger, root: frame.root, role: roles.joined(separator: t("・", ", ")))
            }
        }
        var figures: [DashboardPage.Figure] = [.init(label: t("systemsCount"), value: YenFormat.grouped(members.count), note: "", hasNote: false)]
        if !visibility.hidesCosts {
            // The vendors' list gives this total: the page says it too, worked out the same way.
            let total = members.map { self.maintenanceByID[$0.id]?.annualEquivalent ?? 0 }.saturatingSum
            figures.append(.init(label: t("annualEquivalent"), value: YenFormat.yen(total, language), note: "", hasNote: false))
        }
        return GroupDetailPage(page: frame, name: name, figures: figures, rows: rows, showRole: true, showCosts: !visibility.hidesCosts)
    }
}
