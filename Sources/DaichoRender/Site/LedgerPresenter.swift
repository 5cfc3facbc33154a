import DaichoCore

/// One row of a system page: a field's label and its value as safe HTML.
struct FieldRow: Sendable {
    var label: String
    var html: String
    var missing: Bool
    /// A subheading of the group's fields (`label` is its text, `html` empty): the rows after it
    /// are a list of their own, as the one-off and the annual costs.
    var isHeading = false
    /// A total worked out from the rows above it, not a field of the ledger.
    var isTotal = false
}

/// A table inside a group (servers, cost lines, disaster tasks …) or beside a chart.
struct SubTable: Sendable {
    var caption: String
    var headers: [String]
    let rowCount: Int
    /// Row `index`'s cells as safe HTML, made when the table is written: the analysis tables of a
    /// national inventory have hundreds of thousands of rows, which need not all be held at once.
    let row: @Sendable (_ index: Int) -> [String]
    /// Row `index`'s system, for a table whose rows a rebuild may copy from the last build's page
    /// (each row then shows nothing but what its system's key covers, see `RowReuse`).
    let rowID: (@Sendable (_ index: Int) -> String)?
    /// How each column sorts in the browser (site.js), nil for one that does not; empty for a
    /// table that is not sortable. The rows are written in the order they are to be read without
    /// JavaScript.
    var sorts: [ColumnSort?] = []
    /// The column the rows come sorted by, highest first (its header says so).
    var sortedDescending: Int?
    /// Said in a table without rows (「該当なし」), where a header alone would look unfinished.
    var emptyText: String?

    /// What a sortable column holds: words, or a figure read from the cell's text (digit grouping,
    /// 円, ¥ and % left out).
    enum ColumnSort: String, Sendable {
        case text, number
    }

    init(caption: String, headers: [String], rows: [[String]]) {
        self.init(caption: caption, headers: headers, count: rows.count) { rows[$0] }
    }

    init(caption: String, headers: [String], count: Int, rowID: (@Sendable (_ index: Int) -> String)? = nil,
         row: @escaping @Sendable (_ index: Int) -> [String]) {
        self.caption = caption
        self.headers = headers
        rowCount = count
        self.rowID = rowID
        self.row = row
    }

    /// Every row's cells (for templates that lay the table out themselves).
    var rows: [[String]] { (0..<rowCount).map(row) }

    /// The table, sortable in the browser by the columns `sorts` gives, its rows sorted by column
    /// `descending` (highest first) when given.
    func sortable(_ sorts: [ColumnSort?], descending: Int? = nil) -> SubTable {
        var table = self
        table.sorts = sorts
        table.sortedDescending = descending
        return table
    }

    /// The table's markup, built here rather than in a template: tables are data, and
    /// rendering their cells through Mustache cost more than the rest of a system page.
    var html: HTMLWriter {
        HTMLWriter(reusing: { [self] out, reuse in write(into: &out, reuse: reuse) })
    }

    func write(into out: inout [UInt8], reuse: RowReuse? = nil) {
        let caption = HTML.escape(caption)
        out += "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"".utf8
        out += caption.utf8
        out += (sorts.isEmpty ? "\">\n<table class=\"data-table\">\n<caption>" : "\">\n<table class=\"data-table\" data-sortable>\n<caption>").utf8
        out += caption.utf8
        out += "</caption>\n<thead><tr>".utf8
        for (column, header) in headers.enumerated() {
            out += "<th scope=\"col\"".utf8
            if column < sorts.count, let sort = sorts[column] {
                out += " data-sort=\"".utf8
                out += sort.rawValue.utf8
                out += "\"".utf8
                if sortedDescending == column { out += " aria-sort=\"descending\"".utf8 }
            }
            out += ">".utf8
            out += HTML.escape(header).utf8
            out += "</th>".utf8
        }
        out += "</tr></thead>\n<tbody>\n".utf8
        if rowCount == 0, let emptyText {
            out += "<tr><td class=\"empty\" colspan=\"\(headers.count)\">".utf8
            out += HTML.escape(emptyText).utf8
            out += "</td></tr>\n".utf8
        }
        for index in 0..<rowCount {
            guard let reuse, let rowID else {
                write(row: index, into: &out)
                continue
            }
            reuse.row(rowID(index), into: &out) { write(row: index, into: &$0) }
        }
        out += "</tbody>\n</table>\n</div>\n".utf8
    }

    private func write(row index: Int, into out: inout [UInt8]) {
        out += "<tr>".utf8
        for cell in row(index) {
            out += "<td>".utf8
            out += cell.utf8
            out += "</td>".utf8
        }
        out += "</tr>\n".utf8
    }
}

/// One of the 18 groups on a system page.
///
/// A class, as `PageFrame`: templates push each group as a value of their stack, and a struct
/// this size was copied into a new box each time (with all its strings retained).
final class GroupView: Sendable {
    let key: String
    let number: Int
    let title: String
    let rows: [FieldRow]
    let hasRows: Bool
    let tables: [SubTable]
    let hasTables: Bool
    let markdown: String
    let hasMarkdown: Bool

    /// The group's fields as a definition list (see `SubTable.html` for why in Swift), written
    /// into the page as it renders: made as a string first, each group's list was built twice.
    var fieldsHTML: HTMLWriter {
        HTMLWriter { [rows] out in
            var open = false
            for row in rows {
                if row.isHeading {
                    if open { out += "</dl>\n".utf8 }
                    open = false
                    out += "<h3 class=\"fields-heading\">".utf8
                    out += HTML.escape(row.label).utf8
                    out += "</h3>\n".utf8
                    continue
                }
                if !open { out += "<dl class=\"fields\">\n".utf8 }
                open = true
                out += (row.missing ? "<div class=\"is-missing\"><dt>" : row.isTotal ? "<div class=\"total\"><dt>" : "<div><dt>").utf8
                out += HTML.escape(row.label).utf8
                out += "</dt><dd>".utf8
                out += row.html.utf8
                out += "</dd></div>\n".utf8
            }
            if open { out += "</dl>\n".utf8 }
        }
    }

    init(key: String, number: Int, title: String, rows: [FieldRow], tables: [SubTable], markdown: String?) {
        self.key = key
        self.number = number
        self.title = title
        self.rows = rows
        self.hasRows = !rows.isEmpty
        self.tables = tables
        self.hasTables = !tables.isEmpty
        self.markdown = markdown ?? ""
        self.hasMarkdown = markdown != nil
    }
}

/// Turns a ledger into the groups of its page, in survey order, leaving out hidden fields.
struct LedgerPresenter {
    var language: Language
    var visibility: Visibility
    var markdown: MarkdownRenderer

    func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }

    private var missingHTML: String { "<span class=\"missing\">\(t("未記入", "not given"))</span>" }

    private func label(_ path: String) -> String {
        LedgerSchema.label(at: path)?.text(language) ?? path
    }

    /// - Parameter unitInValue: the value carries its unit (`50分`), which the label then leaves
    ///   out (「障害時の駆けつけ所要時間（分）」 would say it twice).
    private func row(_ path: String, _ html: String?, unitInValue: Bool = false) -> FieldRow? {
        guard !visibility.hides(path) else { return nil }
        return FieldRow(label: unitInValue ? Self.withoutUnit(label(path)) : label(path), html: html ?? missingHTML, missing: html == nil)
    }

    /// A label without the unit it ends with in brackets: 「目標復旧時間（時間）」, "Recovery time objective (hours)".
    static func withoutUnit(_ label: String) -> String {
        for (open, close) in [("（" as Character, "）" as Character), ("(", ")")] where label.last == close {
            if let start = label.lastIndex(of: open) {
                var kept = label[..<start]
                while kept.last == " " { kept.removeLast() }
                return String(kept)
            }
        }
        return label
    }

    /// A table of the list at `path`, one row an item: the columns `public_hide` hides are left
    /// out (`hardware.servers[*].role`), and the whole table when it hides the list.
    private func table<Item>(_ path: String, _ items: [Item], _ columns: [(key: String, header: String, cell: (Item) -> String)]) -> SubTable? {
        guard !items.isEmpty, let shown = visibility.visibleColumns(of: path, columns.map { ($0.key, $0) }), !shown.isEmpty else { return nil }
        return SubTable(caption: label(path), headers: shown.map(\.header), rows: items.map { item in shown.map { $0.cell(item) } })
    }

    /// Ledger text, marked Japanese on a page in another language (`LedgerLanguage`).
    func text(_ value: String?) -> String? { value.map { language.ledgerInline(HTML.text($0)) } }
    /// A ledger's Markdown under the page's heading of `level` (a group's is 2): its own headings
    /// go below it, not beside the page's title.
    func ledgerHTML(_ markdown: String, below level: Int) -> String {
        language.ledgerBlock(self.markdown.html(MarkdownHeadings.demoting(markdown, by: level)))
    }
    func bool(_ value: Bool?) -> String? { value.map { $0 ? t("はい", "Yes") : t("いいえ", "No") } }
    func enumeration<E: LedgerEnum>(_ value: E?) -> String? { value.map { HTML.escape($0.label.text(language)) } }
    func date(_ value: LedgerDate?) -> String? { value.map { $0.description } }
    func yen(_ value: Int?) -> String? { value.map { YenFormat.yen($0, language) } }
    /// A ledger's decimal as written (up to the 6 places a ledger may give), its whole part grouped
    /// as every other figure is (`40,000 GB`).
    func number(_ value: Exact?, unit: String = "") -> String? { value.map { YenFormat.grouped($0, places: 6) + unit } }
    func integer(_ value: Int?, unit: String = "") -> String? { value.map { YenFormat.grouped($0) + unit } }
    /// Whether an `extra` value is shown as the ledger wrote it (not as the page's yes or no).
    func extraIsLedgerText(_ field: ExtraField) -> Bool { extraValue(field) == field.value }

    /// An `extra` value as the page words it: YAML's true and false, which a ledger writes for yes
    /// and no as in its own fields, read はい and いいえ as those do; any other value as written,
    /// and so is a quoted `"true"`, which the clerk wrote as text.
    func extraValue(_ field: ExtraField) -> String {
        guard field.plain else { return field.value }
        switch field.value {
        case "true", "True", "TRUE": return bool(true) ?? field.value
        case "false", "False", "FALSE": return bool(false) ?? field.value
        default: return field.value
        }
    }
    func list(_ values: [String]) -> String? { values.isEmpty ? nil : language.ledgerInline(values.map(HTML.escape).joined(separator: "、")) }

    /// - Parameter integrationTables: the integrations group's tables (the page draws them from
    ///   both ledgers of each integration).
    func groups(_ ledger: Ledger, integrationTables: () -> [SubTable] = { [] }) -> [GroupView] {
        var groups: [GroupView] = []
        func add(_ key: String, rows: [FieldRow?], tables: [SubTable] = [], markdown: String? = nil) {
            guard !visibility.hides(key), let title = LedgerSchema.label(at: key) else { return }
            let number = LedgerSchema.groupNumber(key) ?? 1
            groups.append(GroupView(key: key, number: number, title: title.text(language), rows: rows.compactMap { $0 },
                                    tables: tables, markdown: markdown))
        }
        let b = ledger.basic
        add("basic", rows: [
            row("basic.name", text(b.name)), row("basic.department", text(b.department)),
            row("basic.category", enumeration(b.category)), row("basic.development", enumeration(b.development)),
            row("basic.product", text(b.product)), row("basic.business", list(b.business)),
            row("basic.in_service", date(b.inService)), row("basic.renewal", date(b.renewal)),
        ], markdown: visibility.hides("basic.purpose") ? nil : b.purpose.map { "<h3>\(HTML.escape(label("basic.purpose")))</h3>" + ledgerHTML($0, below: 3) })

        let c = ledger.costs
        // The amount is unit price × quantity: it goes with either. The unit is shown with the quantity.
        let amountKey = visibility.hidesAny(["costs.lines.unit_price", "costs.lines.quantity"]) ? "unit_price" : "amount"
        let showsUnit = !visibility.hides("costs.lines.unit")
        let costTables = [table("costs.lines", c?.lines ?? [], [
            ("name", t("項目", "Item"), { self.language.ledgerInline(HTML.escape($0.name)) }),
            ("kind", t("区分", "Kind"), { HTML.escape($0.kind.label.text(self.language)) }),
            ("unit_price", t("単価", "Unit price"), { YenFormat.yen($0.unitPrice, self.language) }),
            // The quantity with the ledger's own unit (`12か月`).
            ("quantity", t("数量", "Quantity"), { showsUnit ? self.language.ledgerInline(HTML.escape($0.quantityText)) : $0.quantity.decimalString(places: 6) }),
            (amountKey, t("金額", "Amount"), { YenFormat.yen(exactly: $0.amount, self.language) }),
        ])].compactMap { $0 }
        // The one-off and the annual amounts apart, each with the total the lists and the CSV show
        // (導入経費 without migration, as the maintenance ratio counts it; 年額経費), so the page can
        // be checked against them. Any hidden amount hides the whole group (`Visibility.init`).
        func heading(_ label: String) -> FieldRow { FieldRow(label: label, html: "", missing: false, isHeading: true) }
        func total(_ label: String, _ value: Int?) -> FieldRow {
            FieldRow(label: label, html: value.map { YenFormat.yen($0, language) } ?? "—", missing: false, isTotal: true)
        }
        add("costs", rows: [
            row("costs.unit", c.map { $0.unit == .yen ? HTML.escape($0.unit.label.text(language))
                : HTML.escape($0.unit.label.text(language)) + t("（金額は円に換算して表示）", " (amounts shown in yen)") }),
            heading(t("導入経費（一時経費）", "Initial costs (one-off)")),
            row("costs.initial.hardware", yen(c?.hardware)), row("costs.initial.software", yen(c?.software)),
            row("costs.initial.construction", yen(c?.construction)),
            total(t("導入経費 計（データ移行を除く）", "Initial cost, total (without migration)"), c?.initialTotal),
            row("costs.initial.migration", yen(c?.migration)),
            // Only with a migration amount: without one it would repeat the total above.
            c?.migration.map { total(t("一時経費 計（データ移行を含む）", "One-off costs, total (with migration)"), (c?.initialTotal ?? 0) + $0) },
            heading(t("年額経費（毎年度の経費）", "Annual costs (each year)")),
            row("costs.annual.maintenance", yen(c?.maintenance)), row("costs.annual.service", yen(c?.service)),
            row("costs.annual.other", yen(c?.other)),
            total(t("年額経費 計", "Annual cost, total"), c?.annualTotal),
        ], tables: costTables)

        let m = ledger.management
        add("management", rows: [
            row("management.structure", enumeration(m?.structure)), row("management.staff_se_work", bool(m?.staffSEWork)),
            row("management.remote_monitoring", bool(m?.remoteMonitoring)), row("management.annual_report", bool(m?.annualReport)),
            row("management.design_docs", bool(m?.designDocs)), row("management.manual_current", bool(m?.manualCurrent)),
        ])

        let u = ledger.usage
        let usageTables = [table("usage.disaster_tasks", u?.disasterTasks ?? [], [
            ("task", t("業務", "Task"), { self.language.ledgerInline(HTML.escape($0.task)) }),
            ("kind", t("種別", "Kind"), { self.enumeration($0.kind) ?? "—" }),
            ("target", t("目標時期", "Target"), { self.enumeration($0.target) ?? "—" }),
        ])].compactMap { $0 }
        add("usage", rows: [
            row("usage.users", integer(u?.users, unit: t("人", ""))),
            row("usage.concurrent_users", integer(u?.concurrentUsers, unit: t("人", ""))),
            row("usage.form", enumeration(u?.form)),
            row("usage.dependency", u?.dependency.map { "\($0.token)：" + HTML.escape($0.label.text(language)) }),
        ], tables: usageTables)

        let h = ledger.hardware
        let hardwareTables = [table("hardware.servers", h?.servers ?? [], [
            ("role", t("役割", "Role"), { $0.role.map { self.language.ledgerInline(HTML.escape($0)) } ?? "—" }),
            ("count", t("台数", "Count"), { YenFormat.grouped($0.count) }),
            ("virtual", t("種別", "Type"), { $0.isVirtual == true ? self.t("仮想", "Virtual") : self.t("物理", "Physical") }),
            ("cores", t("CPUコア", "Cores"), { self.integer($0.cores) ?? "—" }),
            ("memory_gb", t("メモリ", "Memory"), { self.number($0.memoryGB, unit: " GB") ?? "—" }),
            ("storage_gb", t("ディスク", "Storage"), { self.number($0.storageGB, unit: " GB") ?? "—" }),
            ("cpu_peak_pct", t("ピーク時CPU", "Peak CPU"), { self.number($0.cpuPeakPercent, unit: "%") ?? "—" }),
            ("acquired", t("導入年月", "Acquired"), { self.date($0.acquired) ?? "—" }),
            ("os", "OS", { $0.os.map { self.language.ledgerInline(HTML.escape($0)) } ?? "—" }),
        ])].compactMap { $0 }
        add("hardware", rows: [
            row("hardware.location", enumeration(h?.location)), row("hardware.seismic", bool(h?.seismic)),
            row("hardware.ups", bool(h?.ups)),
            // The count of physical servers follows from each server's count and kind.
            visibility.hidesAny(["hardware.servers.count", "hardware.servers.virtual"]) ? nil
                : row("hardware.servers", h?.servers.map { $0.isEmpty ? t("自前のサーバなし", "No server of its own")
                    : t("物理サーバ \(YenFormat.grouped(h?.physicalServers ?? 0))台", "\(YenFormat.grouped(h?.physicalServers ?? 0)) physical") }),
            row("hardware.terminals.dedicated", integer(h?.terminals?.dedicated, unit: t("台", ""))),
            row("hardware.terminals.group", text(h?.terminals?.group)),
        ], tables: hardwareTables)

        let s = ledger.software
        add("software", rows: [
            row("software.os", list(s?.os ?? [])), row("software.middleware", list(s?.middleware ?? [])),
            row("software.customization", enumeration(s?.customization)),
            row("software.customization_items", integer(s?.customizationItems, unit: t("件", ""))),
            row("software.platform_compliant", bool(s?.platformCompliant)),
            row("software.standard_layout", bool(s?.standardLayout)), row("software.euc", bool(s?.euc)),
        ])

        let o = ledger.operation
        add("operation", rows: [
            row("operation.hours", text(o?.hours)),
            row("operation.backup.frequency", enumeration(o?.backup?.frequency)),
            row("operation.backup.offsite", bool(o?.backup?.offsite)),
            row("operation.backup.generations", integer(o?.backup?.generations, unit: t("世代", ""))),
            row("operation.backup.media", text(o?.backup?.media)),
            row("operation.backup.application", bool(o?.backup?.application)),
            row("operation.emergency_manual", bool(o?.emergencyManual)),
        ])

        let n = ledger.network
        add("network", rows: [
            row("network.segments", n?.segments.map { $0.isEmpty ? "—" : $0.map { HTML.escape($0.label.text(language)) }.joined(separator: "、") }),
            row("network.remote_maintenance", bool(n?.remoteMaintenance)),
        ])

        // 9 integrations: shown as tables by the page, both ways; the group heading stays in order.
        add("integrations", rows: [], tables: visibility.hides("integrations") ? [] : integrationTables())

        let p = ledger.personalData
        add("personal_data", rows: [
            row("personal_data.present", bool(p?.present)), row("personal_data.mynumber", bool(p?.mynumber)),
            row("personal_data.records", integer(p?.records, unit: t("件", ""))), row("personal_data.pia", bool(p?.pia)),
        ])

        let a = ledger.antivirus
        add("antivirus", rows: [
            row("antivirus.server", enumeration(a?.server)), row("antivirus.client", enumeration(a?.client)),
            row("antivirus.definitions", enumeration(a?.definitions)),
        ])

        let sec = ledger.security
        add("security", rows: [
            row("security.authentication", sec.map { $0.authentication.isEmpty ? "—" : $0.authentication.map { HTML.escape($0.label.text(language)) }.joined(separator: "、") }),
            row("security.access_log", bool(sec?.accessLog)), row("security.encryption", bool(sec?.encryption)),
            row("security.audit", bool(sec?.audit)),
        ], markdown: visibility.hides("security.notes") ? nil : sec?.notes.map { ledgerHTML($0, below: 2) })

        let v = ledger.vendor
        add("vendor", rows: [
            row("vendor.developer", text(v?.developer)), row("vendor.maintainer", text(v?.maintainer)),
            row("vendor.support_base", text(v?.supportBase)),
            row("vendor.travel_minutes", integer(v?.travelMinutes, unit: t("分", " min")), unitInValue: true),
            row("vendor.contract.kind", enumeration(v?.contract?.kind)),
            row("vendor.contract.start", date(v?.contract?.start)), row("vendor.contract.end", date(v?.contract?.end)),
            row("vendor.contract.sla", bool(v?.contract?.sla)),
            row("vendor.contact.name", text(v?.contact?.name)), row("vendor.contact.phone", text(v?.contact?.phone)),
            row("vendor.contact.email", text(v?.contact?.email)),
        ])

        let bcp = ledger.bcp
        add("bcp", rows: [
            row("bcp.in_plan", bool(bcp?.inPlan)), row("bcp.rto_hours", number(bcp?.rtoHours, unit: t("時間", " h")), unitInValue: true),
            row("bcp.rpo_hours", number(bcp?.rpoHours, unit: t("時間", " h")), unitInValue: true), row("bcp.dr_site", bool(bcp?.drSite)),
            row("bcp.drills", bool(bcp?.drills)),
        ])

        let op = ledger.bcpOperator
        add("bcp_operator", rows: [
            row("bcp_operator.agreement", bool(op?.agreement)), row("bcp_operator.contents", list(op?.contents ?? [])),
            row("bcp_operator.response_hours", number(op?.responseHours, unit: t("時間", " h")), unitInValue: true),
        ])

        add("bcp_others", rows: [], tables: [table("bcp_others", ledger.bcpOthers, [
            ("party", t("事業者", "Party"), { self.language.ledgerInline(HTML.escape($0.party)) }),
            ("agreement", t("取り決め", "Agreement"), { self.bool($0.agreement) ?? "—" }),
            ("contents", t("内容", "Contents"), { self.list($0.contents) ?? "—" }),
        ])].compactMap { $0 })

        let (showsTitle, showsDetail) = (!visibility.hides("issues.title"), !visibility.hides("issues.detail"))
        add("issues", rows: [], markdown: ledger.issues.isEmpty || !(showsTitle || showsDetail) ? nil : ledger.issues.map { issue in
            "<div class=\"issue\">" + (showsTitle ? issue.title.map { "<h3\(language.ledgerLangAttribute)>\(HTML.escape($0))</h3>" } ?? "" : "")
                + (showsDetail ? ledgerHTML(issue.detail, below: 3) : "") + "</div>"
        }.joined())

        add("notes", rows: [], markdown: ledger.notes.map { ledgerHTML($0, below: 2) })
        return groups
    }
}
