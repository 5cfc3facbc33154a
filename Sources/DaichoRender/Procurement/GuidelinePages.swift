import DaichoCore

/// The procurement guideline as one page with its table of contents.
struct GuidelinePage: Sendable {
    struct Heading: Sendable {
        var id: String
        var title: String
        var level: Int
        var isSub: Bool
    }

    /// A chapter (a level-2 heading) with its sections, for a table of contents whose nesting a
    /// screen reader tells, not only its indentation.
    struct Chapter: Sendable {
        var id: String
        var title: String
        var sections: [Heading]
        var hasSections: Bool { !sections.isEmpty }
    }

    var page: PageFrame
    /// Every heading in order, flat (`isSub` for the sections).
    var toc: [Heading]
    var chapters: [Chapter]
    var body: String
    /// `body` split at the end of its first `<h1>`: the page's title goes before the table of contents.
    var headingHTML: String
    var contentHTML: String
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
    /// Counts of systems as the guideline's sentences give them (「7 件」), or 「非公開」 where the
    /// public edition withholds what they are counted from (the rest of the site withholds them too).
    var highRatioSystems: String
    var singleServerSystems: String
    var physicalBefore: Int
    var physicalAfter: Int
    var dedicatedTerminalTypes: Int
    var dedicatedTerminals: Int
    var slaShare: String
    var nonCustomizedShare: String
    var standardLayoutShare: String
    var bcpShare: String
    var offsiteShare: String
    /// False where the public edition withholds the off-site figure: the sentence that gives it
    /// is then written without it.
    var offsiteShown: Bool
    var noCostBreakdown: String
    var noDesignDocs: String
    var noAnnualReport: String
    var staffSEWork: String
    var customized: String
    var gradeA: String
    var gradeB: String
    var gradeC: String
}

extension SiteContext {
    var guidelineFacts: GuidelineFacts {
        let a = analysis
        let checklist = kpiChecklist
        func share(_ question: KPIChecklist.Question) -> String {
            guard let item = checklist.item(answering: question) else { return "—" }
            return item.withheld ? t("非公開", "not published") : item.kpi?.text ?? "—"
        }
        let withheld = t("非公開", "not published")
        func count(_ value: Int, shown: Bool) -> String { shown ? t("\(value) 件", "\(value)") : withheld }
        func gapCount(_ code: GapAnalysis.Code) -> String { count(a.gaps.byCode[code]?.count ?? 0, shown: visibility.shows(code)) }
        func grade(_ index: Int) -> String {
            let grade = project.policy.sla.grades[index]
            return t("稼働率 \(grade.availability.decimalString(places: 6))%・平均復旧時間 \(grade.recoveryHours.decimalString(places: 6))時間",
                     "availability \(grade.availability.decimalString(places: 6))%, recovery \(grade.recoveryHours.decimalString(places: 6)) h")
        }
        return GuidelineFacts(
            organization: project.organization.name,
            fiscalYear: (language == .ja ? fiscalYearText : project.organization.fiscalYear.map { "FY\($0)" }) ?? t("年度未設定", "no fiscal year"),
            systems: a.systemCount, departments: departmentSystems.count, periodYears: project.policy.periodYears,
            referenceRatio: project.policy.omReferenceRatio.percentString + "%", lowRatio: project.policy.omLowRatio.percentString + "%",
            highRatioSystems: count(a.maintenance.ids(flagged: .high).count, shown: !visibility.hidesCosts),
            singleServerSystems: count(a.consolidation.candidates.count, shown: !visibility.hidesAny(Analysis.consolidationSources)),
            physicalBefore: a.consolidation.physicalBefore, physicalAfter: a.consolidation.physicalAfter,
            dedicatedTerminalTypes: a.terminals.types, dedicatedTerminals: a.terminals.total,
            slaShare: share(.sla), nonCustomizedShare: share(.notCustomized), standardLayoutShare: share(.standardLayout),
            bcpShare: share(.bcpPlan), offsiteShare: share(.offsite),
            offsiteShown: checklist.item(answering: .offsite)?.withheld != true,
            noCostBreakdown: gapCount(.noCostBreakdown), noDesignDocs: gapCount(.noDesignDocs),
            noAnnualReport: gapCount(.noAnnualReport), staffSEWork: gapCount(.staffSEWork),
            customized: gapCount(.customized), gradeA: grade(0), gradeB: grade(1), gradeC: grade(2))
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
        let toc = headings.map { GuidelinePage.Heading(id: $0.id, title: $0.title, level: $0.level, isSub: $0.level > 2) }
        var chapters: [GuidelinePage.Chapter] = []
        for heading in toc {
            // Sections before the first chapter stand as chapters of their own.
            if heading.isSub, !chapters.isEmpty {
                chapters[chapters.count - 1].sections.append(heading)
            } else {
                chapters.append(.init(id: heading.id, title: heading.title, sections: []))
            }
        }
        let html = DocumentHTML.highlightMarkers(body)
        let (heading, content) = Self.splitTitle(html)
        return GuidelinePage(page: frame, toc: toc, chapters: chapters, body: html, headingHTML: heading, contentHTML: content,
                             checklistHref: "checklist.html", markdownHref: "guideline.md")
    }

    /// `html` split after its first `</h1>` when that is where it starts (blank lines aside);
    /// else no heading and all of it.
    static func splitTitle(_ html: String) -> (heading: String, content: String) {
        let start = html.drop { $0.isWhitespace }
        guard start.hasPrefix("<h1"), let end = start.firstRange(of: "</h1>") else { return ("", html) }
        return (String(start[..<end.upperBound]), String(start[end.upperBound...].drop { $0 == "\n" }))
    }

    func checklistPage() -> ChecklistPage {
        let path = "guidelines/checklist.html"
        let title = t("チェックリスト（KPI）", "Checklist (KPIs)")
        let frame = frame(path: path, title: title, section: .guidelines,
                          crumbs: [(SiteSection.guidelines.path, t("guidelines")), (path, title)])
        let items = kpiChecklist.items
        return ChecklistPage(page: frame, rows: items.map { item in
            .init(guideline: t("指針\(item.guideline)", "Guideline \(item.guideline)"), question: item.question.text(language),
                  kpiLabel: item.kpiLabel?.text(language) ?? "",
                  // A withheld figure keeps its row, saying so where the figure would be.
                  kpi: item.withheld ? t("公開版には掲載していません", "Not in the public edition") : item.kpi?.text ?? "",
                  hasKPI: item.kpi != nil || item.withheld,
                  manual: t("担当者が確認", "checked by staff"))
        })
    }
}
