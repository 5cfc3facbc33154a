import DaichoCore

struct SystemsListPage: Sendable {
    var page: PageFrame
    var count: Int
    var rows: LazyModels<SystemRow>
    var departments: [String]
    var categories: [Option]
    var flags: [Option]
    var showCosts: Bool
    var showRole: Bool

    struct Option: Sendable {
        var value: String
        var label: String
    }
}

/// A class, never changed once made (see `ProcurementDocument`).
final class SystemDetailPage: Sendable {
    struct Figure: Sendable {
        var label: String
        var value: String
    }

    struct ExtraRow: Sendable {
        var key: String
        var value: String
        /// The value is the ledger's text on a page in another language: marked `lang="ja"`
        /// (a yes or no in the page's words is not).
        var valueJa = false
    }

    struct Document: Sendable {
        var href: String
        var label: String
    }

    let page: PageFrame
    let id: String
    let name: String
    let department: String
    let departmentHref: String
    let figures: [Figure]
    let flag: String
    let flagLabel: String
    let hasFlag: Bool
    let gaps: [String]
    let hasGaps: Bool
    let missing: [String]
    let hasMissing: Bool
    let groups: [GroupView]
    let extra: [ExtraRow]
    let hasExtra: Bool
    let documents: SharedModels<Document>
    let hasDocuments: Bool

    init(
        page: PageFrame, id: String, name: String, department: String, departmentHref: String, figures: [Figure],
        flag: String, flagLabel: String, hasFlag: Bool, gaps: [String], hasGaps: Bool, missing: [String],
        hasMissing: Bool, groups: [GroupView], extra: [ExtraRow], hasExtra: Bool, documents: SharedModels<Document>,
        hasDocuments: Bool
    ) {
        self.page = page
        self.id = id
        self.name = name
        self.department = department
        self.departmentHref = departmentHref
        self.figures = figures
        self.flag = flag
        self.flagLabel = flagLabel
        self.hasFlag = hasFlag
        self.gaps = gaps
        self.hasGaps = hasGaps
        self.missing = missing
        self.hasMissing = hasMissing
        self.groups = groups
        self.extra = extra
        self.hasExtra = hasExtra
        self.documents = documents
        self.hasDocuments = hasDocuments
    }
}

extension SiteContext {
    /// - Parameter reused: rows the renderer copies from the previous page; they are left empty here.
    func systemsListPage(reused: @escaping @Sendable (String) -> Bool = { _ in false }) -> SystemsListPage {
        let path = SiteSection.systems.path
        let frame = frame(path: path, title: t("systems"), section: .systems, crumbs: [(path, t("systems"))])
        return SystemsListPage(
            page: frame, count: ledgers.count,
            rows: rows(reused: reused, root: frame.root),
            departments: departmentNames,
            categories: SystemCategory.allCases.map { .init(value: $0.token, label: $0.label.text(language)) },
            flags: MaintenanceAnalysis.Flag.allCases.map { .init(value: $0.rawValue, label: $0.label.text(language)) },
            showCosts: !visibility.hidesCosts, showRole: false)
    }

    /// The list's rows, each made as the template reaches it; a row the last build's page already
    /// has is a placeholder (the renderer copies the old one).
    private func rows(reused: @escaping @Sendable (String) -> Bool, root: String) -> LazyModels<SystemRow> {
        let ledgers = self.ledgers
        return LazyModels(count: ledgers.count, id: { ledgers[$0].id }) { [self] index in
            reused(ledgers[index].id) ? .placeholder(ledgers[index].id) : systemRow(ledgers[index], root: root)
        }
    }

    func systemDetailPage(_ ledger: Ledger, presenter: LedgerPresenter) -> SystemDetailPage {
        let path = systemPath(ledger.id)
        let frame = frame(path: path, title: ledger.name, section: .systems,
                          crumbs: [(SiteSection.systems.path, t("systems")), (path, ledger.name)], ledgerCrumb: path)
        let root = frame.root
        let groups = presenter.groups(ledger, integrationTables: { integrationTables(ledger, root: root) })
        let maintenance = maintenanceByID[ledger.id]
        var figures: [SystemDetailPage.Figure] = []
        if !visibility.hidesCosts, let maintenance {
            figures.append(.init(label: t("ratio"), value: maintenance.ratio.map { $0.percentString + "%" } ?? "—"))
            figures.append(.init(label: t("lifecycleCost") + t("（\(project.policy.periodYears)年）", " (\(project.policy.periodYears) years)"),
                                 value: maintenance.lifecycleCost.map { YenFormat.yen($0, language) } ?? "—"))
            figures.append(.init(label: t("annualEquivalent"),
                                 value: maintenance.annualEquivalent.map { YenFormat.yen($0, language) } ?? "—"))
        }
        let completeness = visibility.shown(ledger.completeness)
        figures.append(.init(label: t("completeness"), value: completeness.ratio.percentString + "%"
                             + " (\(completeness.filled)/\(completeness.total))"))
        let gaps = visibleGaps(ledger.id).map { $0.label.text(language) }
        let missing = completeness.missing.map {
            (LedgerSchema.label(at: $0)?.text(language) ?? $0) + "（\($0)）"
        }
        let hiddenExtra = visibility.hiddenKeys(of: "extra")
        let extra = hiddenExtra.contains("*") ? [] : ledger.extra.filter { !hiddenExtra.contains($0.key) }
            .map { SystemDetailPage.ExtraRow(key: $0.key, value: presenter.extraValue($0),
                                             valueJa: language.marksLedgerText && presenter.extraIsLedgerText($0)) }
        let showFlag = !visibility.hidesCosts && maintenance != nil
        return SystemDetailPage(
            page: frame, id: ledger.id, name: ledger.name, department: ledger.department,
            departmentHref: root + departmentPath(ledger.department), figures: figures,
            flag: maintenance?.flag.rawValue ?? "", flagLabel: maintenance?.flag.label.text(language) ?? "",
            hasFlag: showFlag, gaps: gaps, hasGaps: !gaps.isEmpty, missing: missing, hasMissing: !missing.isEmpty,
            groups: groups, extra: extra, hasExtra: !extra.isEmpty,
            documents: documentLinks, hasDocuments: !documentKinds.isEmpty)
    }

    /// The procurement drafts of a system: each as a page, and as Markdown to edit.
    /// The links to a system's procurement drafts: the same on every system page (they are relative
    /// to the system's folder), so the pages share one list and the renderer keeps its bytes.
    static func documentLinks(_ kinds: [DocumentKind], language: Language) -> SharedModels<SystemDetailPage.Document> {
        SharedModels(kinds.flatMap { kind in
            [SystemDetailPage.Document(href: "\(kind.rawValue).html", label: kind.title.text(language)),
             SystemDetailPage.Document(href: "\(kind.rawValue).md",
                                       label: kind.title.text(language) + (language == .ja ? "（Markdown）" : " (Markdown)"))]
        })
    }

    /// Links declared by this ledger, and links other ledgers declare towards it.
    func integrationTables(_ ledger: Ledger, root: String) -> [SubTable] {
        // The columns `public_hide` leaves in (`integrations[*].data`), by their item keys.
        let shown = visibility.visibleColumns(of: "integrations", [("system", 0), ("direction", 1), ("method", 2), ("timing", 3), ("data", 4)])
            ?? []
        guard !shown.isEmpty else { return [] }
        let headers = [t("partner"), t("direction"), t("method"), t("timing"), t("dataItems")]
        func cells(_ partner: String, _ link: Integration, mirrored: Bool) -> [String] {
            let direction = mirrored ? link.direction.mirrored : link.direction
            let all = [partner, HTML.escape(direction.label.text(language)),
                       link.method.map { HTML.escape($0.label.text(language)) } ?? "—",
                       link.timing.map { HTML.escape($0.label.text(language)) } ?? "—",
                       link.data.map { language.ledgerInline(HTML.escape($0)) } ?? "—"]
            return shown.map { all[$0] }
        }
        func partner(_ id: String) -> String {
            guard let other = byID[id] else { return HTML.escape(id) }
            return HTML.link(root + systemPath(id), other.name, attributes: language.ledgerLangAttribute)
        }
        var tables: [SubTable] = []
        if !ledger.integrations.isEmpty {
            // Links to systems outside the inventory are left out with their names (`integrations[*].external`).
            let hidesExternal = visibility.hides("integrations.external")
            tables.append(SubTable(caption: t("integrationsOut"), headers: shown.map { headers[$0] },
                                   rows: ledger.integrations.filter { !(hidesExternal && $0.target.isExternal) }.map { link in
                switch link.target {
                case .system(let id): cells(partner(id), link, mirrored: false)
                case .external(let name): cells(language.ledgerInline(HTML.escape(name)) + t("（台帳外）", " (external)"), link, mirrored: false)
                }
            }))
        }
        let incoming = incoming[ledger.id] ?? []
        if !incoming.isEmpty {
            // Shown from this system's side: a partner's "send" arrives here as "receive".
            tables.append(SubTable(caption: t("integrationsIn"), headers: shown.map { headers[$0] },
                                   rows: incoming.map { cells(partner($0.from), $0.link, mirrored: true) }))
        }
        return tables
    }
}
