import DaichoCore

/// A procurement document as an HTML page: print-ready, with the organisation, system and draft date on top.
struct DocumentPage: Sendable {
    var page: PageFrame
    var title: String
    var organization: String
    var systemName: String
    var systemHref: String
    var draftDateLabel: String
    var draftDate: String
    var body: String
    var markdownHref: String
    var markdownLabel: String
}

/// The procurement guideline as one page with its table of contents.
struct GuidelinePage: Sendable {
    struct Heading: Sendable {
        var id: String
        var title: String
        var level: Int
        var isSub: Bool
    }

    var page: PageFrame
    var toc: [Heading]
    var body: String
    var checklistHref: String
    var markdownHref: String
}

/// The KPI checklist of the ten guidelines.
struct ChecklistPage: Sendable {
    struct Row: Sendable {
        var guideline: String
        var question: String
        var kpiLabel: String
        var kpi: String
        var hasKPI: Bool
        var manual: String
    }

    var page: PageFrame
    var rows: [Row]
}

/// What the guideline templates can fill in: the organisation and figures from the analysis.
struct GuidelineFacts: Sendable {
    var organization: String
    var fiscalYear: String
    var systems: Int
    var departments: Int
    var periodYears: Int
    var referenceRatio: String
    var lowRatio: String
    var highRatioSystems: Int
    var singleServerSystems: Int
    var physicalBefore: Int
    var physicalAfter: Int
    var dedicatedTerminalTypes: Int
    var dedicatedTerminals: Int
    var slaShare: String
    var nonCustomizedShare: String
    var standardLayoutShare: String
    var bcpShare: String
    var offsiteShare: String
    var noCostBreakdown: Int
    var noDesignDocs: Int
    var noAnnualReport: Int
    var staffSEWork: Int
    var customized: Int
    var gradeA: String
    var gradeB: String
    var gradeC: String
}

extension SiteContext {
    /// The filled Markdown of the given documents of one system; the view model is built once for all of them.
    func documentMarkdown(_ kinds: [DocumentKind], _ ledger: Ledger, templates: TemplateSet)
        throws(TemplateError) -> [(kind: DocumentKind, markdown: String)]
    {
        guard !kinds.isEmpty else { return [] }
        let model = procurementDocument(ledger)
        var result: [(kind: DocumentKind, markdown: String)] = []
        for kind in kinds { result.append((kind, try templates.render(kind.template, model))) }
        return result
    }

    static func documentPath(_ kind: DocumentKind, _ id: String, markdown: Bool) -> String {
        "systems/\(id)/\(kind.rawValue).\(markdown ? "md" : "html")"
    }

    func documentPath(_ kind: DocumentKind, _ id: String, markdown: Bool) -> String {
        Self.documentPath(kind, id, markdown: markdown)
    }

    func documentPage(_ kind: DocumentKind, _ ledger: Ledger, markdown: String) -> DocumentPage {
        let path = documentPath(kind, ledger.id, markdown: false)
        let title = kind.title.text(language)
        let frame = frame(path: path, title: "\(ledger.basic.name) \(title)", section: .systems,
                          crumbs: [(SiteSection.systems.path, t("systems")), (systemPath(ledger.id), ledger.basic.name), (path, title)])
        return DocumentPage(
            page: frame, title: title, organization: project.organization.name, systemName: ledger.basic.name,
            systemHref: "index.html", draftDateLabel: t("作成日", "Draft date"),
            draftDate: options.draftDate ?? t("　　年　　月　　日", "____-__-__"),
            body: DocumentHTML.render(markdown, markdown: MarkdownRenderer()),
            markdownHref: "\(kind.rawValue).md", markdownLabel: t("Markdown（編集用）", "Markdown (to edit)"))
    }

    var guidelineFacts: GuidelineFacts {
        let a = analysis
        let checklist = KPIChecklist(ledgers: ledgers)
        func share(_ guideline: Int, _ prefix: String) -> String {
            checklist.items.first { $0.guideline == guideline && ($0.kpiLabel?.ja.hasPrefix(prefix) ?? false) }?.kpi?.text ?? "—"
        }
        func grade(_ index: Int) -> String {
            let grade = project.policy.sla.grades[index]
            return t("稼働率 \(grade.availability.decimalString(places: 2))%・平均復旧時間 \(grade.recoveryHours.decimalString(places: 2))時間",
                     "availability \(grade.availability.decimalString(places: 2))%, recovery \(grade.recoveryHours.decimalString(places: 2)) h")
        }
        return GuidelineFacts(
            organization: project.organization.name,
            fiscalYear: project.organization.fiscalYear.map { t("\($0)年度", "FY\($0)") } ?? t("年度未設定", "no fiscal year"),
            systems: a.systemCount, departments: departmentSystems.count, periodYears: project.policy.periodYears,
            referenceRatio: project.policy.omReferenceRatio.percentString + "%", lowRatio: project.policy.omLowRatio.percentString + "%",
            highRatioSystems: a.maintenance.ids(flagged: .high).count, singleServerSystems: a.consolidation.candidates.count,
            physicalBefore: a.consolidation.physicalBefore, physicalAfter: a.consolidation.physicalAfter,
            dedicatedTerminalTypes: a.terminals.types, dedicatedTerminals: a.terminals.total,
            slaShare: share(6, "SLA"), nonCustomizedShare: share(5, "ノンカスタマイズ"), standardLayoutShare: share(6, "中間標準"),
            bcpShare: share(9, "ICT-BCP"), offsiteShare: share(9, "庁舎外"),
            noCostBreakdown: a.gaps.byCode[.noCostBreakdown]?.count ?? 0, noDesignDocs: a.gaps.byCode[.noDesignDocs]?.count ?? 0,
            noAnnualReport: a.gaps.byCode[.noAnnualReport]?.count ?? 0, staffSEWork: a.gaps.byCode[.staffSEWork]?.count ?? 0,
            customized: a.gaps.byCode[.customized]?.count ?? 0, gradeA: grade(0), gradeB: grade(1), gradeC: grade(2))
    }

    /// The guideline's Markdown: every `templates/guidelines/*.md` in file-name order.
    func guidelineMarkdown(templates: TemplateSet) throws(TemplateError) -> String {
        let facts = guidelineFacts
        var parts: [String] = []
        for name in templates.names(under: "guidelines/") {
            parts.append(try templates.render(name, facts))
        }
        return parts.joined(separator: "\n")
    }

    func guidelinePage(markdown: String) -> GuidelinePage {
        let path = SiteSection.guidelines.path
        let frame = frame(path: path, title: t("guidelines"), section: .guidelines, crumbs: [(path, t("guidelines"))])
        let (body, headings) = DocumentHTML.withAnchors(MarkdownRenderer().html(DocumentHTML.strippingComments(markdown)))
        return GuidelinePage(page: frame, toc: headings.map { .init(id: $0.id, title: $0.title, level: $0.level, isSub: $0.level > 2) },
                             body: DocumentHTML.highlightMarkers(body), checklistHref: "checklist.html", markdownHref: "guideline.md")
    }

    func checklistPage() -> ChecklistPage {
        let path = "guidelines/checklist.html"
        let title = t("チェックリスト（KPI）", "Checklist (KPIs)")
        let frame = frame(path: path, title: title, section: .guidelines,
                          crumbs: [(SiteSection.guidelines.path, t("guidelines")), (path, title)])
        let items = KPIChecklist(ledgers: ledgers).items
        return ChecklistPage(page: frame, rows: items.map { item in
            .init(guideline: t("指針\(item.guideline)", "Guideline \(item.guideline)"), question: item.question.text(language),
                  kpiLabel: item.kpiLabel?.text(language) ?? "", kpi: item.kpi?.text ?? "", hasKPI: item.kpi != nil,
                  manual: t("担当者が確認", "checked by staff"))
        })
    }
}

/// Markdown documents as HTML pages: comments for editors removed, sections that start a new
/// printed page, and the 【要記入】 markers highlighted.
enum DocumentHTML {
    static func render(_ markdown: String, markdown renderer: MarkdownRenderer) -> String {
        let html = renderer.html(strippingComments(markdown))
        return highlightMarkers(sections(html))
    }

    /// Editor's comments (`<!-- 根拠: … -->`) say why a clause is there; they are not part of the document.
    /// (Byte scanning: these run on every document of every system.)
    static func strippingComments(_ markdown: String) -> String {
        let bytes = Array(markdown.utf8)
        let open = Array("<!--".utf8), close = Array("-->".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == open[0], bytes[index...].starts(with: open),
                let end = firstIndex(of: close, in: bytes, from: index + open.count) {
                index = end + close.count
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                continue
            }
            out.append(bytes[index])
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Wraps each `<h2>` and what follows it in a section, so print starts each on a new page.
    static func sections(_ html: String) -> String {
        let bytes = Array(html.utf8), marker = Array("<h2".utf8)
        var starts: [Int] = []
        var from = 0
        while let found = firstIndex(of: marker, in: bytes, from: from) {
            starts.append(found)
            from = found + marker.count
        }
        guard let first = starts.first else { return html }
        var out = String(decoding: bytes[..<first], as: UTF8.self)
        for (number, start) in starts.enumerated() {
            let end = number + 1 < starts.count ? starts[number + 1] : bytes.count
            out += "<section class=\"document-section\">\n" + String(decoding: bytes[start..<end], as: UTF8.self) + "</section>\n"
        }
        return out
    }

    static func highlightMarkers(_ html: String) -> String {
        guard html.contains(SiteContext.marker) else { return html }
        return html.replacing(SiteContext.marker, with: "<mark class=\"draft-marker\">\(SiteContext.marker)</mark>")
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let head = needle.first, bytes.count >= needle.count else { return nil }
        var index = start
        while index <= bytes.count - needle.count {
            if bytes[index] == head, bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// Gives `<h2>` and `<h3>` ids for the table of contents.
    static func withAnchors(_ html: String) -> (String, [(id: String, title: String, level: Int)]) {
        var headings: [(String, String, Int)] = []
        var out = ""
        var rest = Substring(html)
        while let match = rest.firstMatch(of: /<h([23])>(.*?)<\/h[23]>/) {
            out += rest[..<match.range.lowerBound]
            let level = Int(match.output.1) ?? 2
            let id = "s\(headings.count + 1)"
            let inner = String(match.output.2)
            headings.append((id, inner.replacing(/<[^>]+>/, with: "").unescapedEntities, level))
            out += "<h\(level) id=\"\(id)\">\(inner)</h\(level)>"
            rest = rest[match.range.upperBound...]
        }
        out += rest
        return (out, headings)
    }
}

extension String {
    /// The few entities cmark writes in headings, back to text (the template escapes again).
    var unescapedEntities: String {
        replacing("&lt;", with: "<").replacing("&gt;", with: ">").replacing("&quot;", with: "\"").replacing("&amp;", with: "&")
    }
}
