import DaichoCore

/// A procurement document as an HTML page: print-ready, with the organisation, system and draft date on top.
/// A class, like every page's root view model read by many lookups (see `ProcurementDocument`).
final class DocumentPage: Sendable {
    let page: PageFrame
    let title: String
    let organization: String
    let systemName: String
    let systemHref: String
    let draftDateLabel: String
    let draftDate: String
    let body: HTMLBytes
    let markdownHref: String
    let markdownLabel: String

    init(
        page: PageFrame, title: String, organization: String, systemName: String, systemHref: String,
        draftDateLabel: String, draftDate: String, body: HTMLBytes, markdownHref: String, markdownLabel: String
    ) {
        self.page = page
        self.title = title
        self.organization = organization
        self.systemName = systemName
        self.systemHref = systemHref
        self.draftDateLabel = draftDateLabel
        self.draftDate = draftDate
        self.body = body
        self.markdownHref = markdownHref
        self.markdownLabel = markdownLabel
    }
}

extension SiteContext {
    /// The filled Markdown of the given documents of one system; the view model is built once for all of them.
    /// As UTF-8 bytes, the form they are written and rendered in (made a `String` and back, they
    /// were validated and copied twice more).
    func documentMarkdown(_ kinds: [DocumentKind], _ ledger: Ledger, templates: TemplateSet)
        throws(TemplateError) -> [(kind: DocumentKind, markdown: [UInt8])]
    {
        guard !kinds.isEmpty else { return [] }
        let model = procurementDocument(ledger)
        var result: [(kind: DocumentKind, markdown: [UInt8])] = []
        for kind in kinds { result.append((kind, try templates.renderBytes(kind.template, model))) }
        return result
    }

    static func documentPath(_ kind: DocumentKind, _ id: String, markdown: Bool) -> String {
        "systems/\(id)/\(kind.rawValue).\(markdown ? "md" : "html")"
    }

    func documentPath(_ kind: DocumentKind, _ id: String, markdown: Bool) -> String {
        Self.documentPath(kind, id, markdown: markdown)
    }

    func documentPage(_ kind: DocumentKind, _ ledger: Ledger, markdown: [UInt8], cache: MarkdownSectionCache? = nil) -> DocumentPage {
        let path = documentPath(kind, ledger.id, markdown: false)
        let title = kind.title.text(language)
        let frame = frame(path: path, title: "\(ledger.name) \(title)", section: .systems,
                          crumbs: [(SiteSection.systems.path, t("systems")), (systemPath(ledger.id), ledger.name), (path, title)],
                          ledgerCrumb: systemPath(ledger.id))
        return DocumentPage(
            page: frame, title: title, organization: project.organization.name, systemName: ledger.name,
            systemHref: "index.html", draftDateLabel: t("作成日", "Draft date"),
            draftDate: (language == .ja ? draftDateText : options.draftDate) ?? Self.blankDraftDate(language),
            body: DocumentHTML.render(markdown, markdown: MarkdownRenderer(), cache: cache),
            markdownHref: "\(kind.rawValue).md", markdownLabel: t("Markdown（編集用）", "Markdown (to edit)"))
    }
}
