// The field tables of the view models: see TemplateModel.swift for why they exist.

extension FieldRow: TemplateModel {
    static let fields: FieldTable<Self> = [
        "label": .field { $0.label },
        "html": .field { $0.html },
        "missing": .field { $0.missing },
        "isHeading": .field { $0.isHeading },
        "isTotal": .field { $0.isTotal },
    ]
}

extension SubTable: TemplateModel {
    static let fields: FieldTable<Self> = [
        "caption": .field { $0.caption },
        "headers": .field { $0.headers },
        "rows": .field { $0.rows },
        "rowCount": .field { $0.rowCount },
        // Listed as every stored property must be (see `TemplateChecker`); templates use `rows`.
        "row": .field { $0.row },
        "rowID": .field { $0.rowID },
        "sorts": .field { $0.sorts },
        "sortedDescending": .field { $0.sortedDescending },
        "emptyText": .field { $0.emptyText },
        "html": .field { $0.html },
    ]
}

extension GroupView: TemplateModel {
    static let fields: FieldTable<GroupView> = [
        "key": .field { $0.key },
        "number": .field { $0.number },
        "title": .field { $0.title },
        "rows": .field { $0.rows },
        "hasRows": .field { $0.hasRows },
        "tables": .field { $0.tables },
        "hasTables": .field { $0.hasTables },
        "markdown": .field { $0.markdown },
        "hasMarkdown": .field { $0.hasMarkdown },
        "fieldsHTML": .field { $0.fieldsHTML },
    ]
}

extension PageFrame: TemplateModel {
    static let fields: FieldTable<PageFrame> = [
        "lang": .field { $0.lang },
        "jaValues": .field { $0.jaValues },
        "title": .field { $0.title },
        "siteTitle": .field { $0.siteTitle },
        "root": .field { $0.root },
        "nav": .field { $0.nav },
        "navCurrent": .field { $0.navCurrent },
        "breadcrumbs": .field { $0.breadcrumbs },
        "hasBreadcrumbs": .field { $0.hasBreadcrumbs },
        "t": .field { $0.t },
        "isPublic": .field { $0.isPublic },
        "profileLabel": .field { $0.profileLabel },
        "timestamp": .field { $0.timestamp },
        "hasTimestamp": .field { $0.hasTimestamp },
        "liveReload": .field { $0.liveReload },
        "hasLiveReload": .field { $0.hasLiveReload },
        "scripts": .field { $0.scripts },
    ]
}

extension PageFrame.NavItem: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": .field { $0.href },
        "label": .field { $0.label },
        "current": .field { $0.current },
    ]
}

extension PageFrame.Crumb: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": .field { $0.href },
        "label": .field { $0.label },
        "isLast": .field { $0.isLast },
        "ja": .field { $0.ja },
    ]
}

extension ChartView: TemplateModel {
    static let fields: FieldTable<Self> = [
        "svg": .field { $0.svg },
        "caption": .field { $0.caption },
        "table": .field { $0.table },
    ]
}

extension AnalysisPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": .field { $0.page },
        "heading": .field { $0.heading },
        "intro": .field { $0.intro },
        "charts": .field { $0.charts },
        "tables": .field { $0.tables },
        "notes": .field { $0.notes },
        "hasNotes": .field { $0.hasNotes },
    ]
}

extension AnalysisIndexPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": .field { $0.page },
        "links": .field { $0.links },
    ]
}

extension DashboardPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": .field { $0.page },
        "organization": .field { $0.organization },
        "figures": .field { $0.figures },
        "flags": .field { $0.flags },
        "showFlags": .field { $0.showFlags },
        "gaps": .field { $0.gaps },
        "gapsNote": .field { $0.gapsNote },
        "hasGapsNote": .field { $0.hasGapsNote },
        "renewals": .field { $0.renewals },
        "hasRenewals": .field { $0.hasRenewals },
        "sections": .field { $0.sections },
        "excluded": .field { $0.excluded },
        "hasExcluded": .field { $0.hasExcluded },
        "referenceNote": .field { $0.referenceNote },
        "hasAnalysis": .field { $0.hasAnalysis },
    ]
}

extension DashboardPage.Figure: TemplateModel {
    static let fields: FieldTable<Self> = [
        "label": .field { $0.label },
        "value": .field { $0.value },
        "note": .field { $0.note },
        "hasNote": .field { $0.hasNote },
    ]
}

extension DashboardPage.FlagCount: TemplateModel {
    static let fields: FieldTable<Self> = [
        "flag": .field { $0.flag },
        "label": .field { $0.label },
        "count": .field { $0.count },
    ]
}

extension DashboardPage.Renewal: TemplateModel {
    static let fields: FieldTable<Self> = [
        "year": .field { $0.year },
        "systems": .field { $0.systems },
        "more": .field { $0.more },
        "hasMore": .field { $0.hasMore },
        "moreHref": .field { $0.moreHref },
    ]
}

extension DashboardPage.Link: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": .field { $0.href },
        "label": .field { $0.label },
    ]
}

extension DashboardPage.SectionLink: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": .field { $0.href },
        "label": .field { $0.label },
        "description": .field { $0.description },
    ]
}

extension GroupIndexPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": .field { $0.page },
        "heading": .field { $0.heading },
        "nameLabel": .field { $0.nameLabel },
        "entries": .field { $0.entries },
        "showCosts": .field { $0.showCosts },
        "note": .field { $0.note },
        "hasNote": .field { $0.hasNote },
    ]
}

extension GroupIndexPage.Entry: TemplateModel {
    static let fields: FieldTable<Self> = [
        "name": .field { $0.name },
        "href": .field { $0.href },
        "systems": .field { $0.systems },
        "annualEquivalent": .field { $0.annualEquivalent },
        "annualEquivalentValue": .field { $0.annualEquivalentValue },
        "completeness": .field { $0.completeness },
    ]
}

extension GroupDetailPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": .field { $0.page },
        "name": .field { $0.name },
        "figures": .field { $0.figures },
        "rows": .field { $0.rows },
        "showRole": .field { $0.showRole },
        "showCosts": .field { $0.showCosts },
    ]
}

extension SystemsListPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": .field { $0.page },
        "count": .field { $0.count },
        "rows": .field { $0.rows },
        "departments": .field { $0.departments },
        "categories": .field { $0.categories },
        "flags": .field { $0.flags },
        "showCosts": .field { $0.showCosts },
        "showRole": .field { $0.showRole },
    ]
}

extension SystemsListPage.Option: TemplateModel {
    static let fields: FieldTable<Self> = [
        "value": .field { $0.value },
        "label": .field { $0.label },
    ]
}

extension SystemDetailPage: TemplateModel {
    static let fields: FieldTable<SystemDetailPage> = [
        "page": .field { $0.page },
        "id": .field { $0.id },
        "name": .field { $0.name },
        "department": .field { $0.department },
        "departmentHref": .field { $0.departmentHref },
        "figures": .field { $0.figures },
        "flag": .field { $0.flag },
        "flagLabel": .field { $0.flagLabel },
        "hasFlag": .field { $0.hasFlag },
        "gaps": .field { $0.gaps },
        "hasGaps": .field { $0.hasGaps },
        "missing": .field { $0.missing },
        "hasMissing": .field { $0.hasMissing },
        "groups": .field { $0.groups },
        "extra": .field { $0.extra },
        "hasExtra": .field { $0.hasExtra },
        "documents": .field { $0.documents },
        "hasDocuments": .field { $0.hasDocuments },
    ]
}

extension SystemDetailPage.Figure: TemplateModel {
    static let fields: FieldTable<Self> = [
        "label": .field { $0.label },
        "value": .field { $0.value },
    ]
}

extension SystemDetailPage.ExtraRow: TemplateModel {
    static let fields: FieldTable<Self> = [
        "key": .field { $0.key },
        "value": .field { $0.value },
        "valueJa": .field { $0.valueJa },
    ]
}

extension SystemDetailPage.Document: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": .field { $0.href },
        "label": .field { $0.label },
    ]
}

extension SystemRow: TemplateModel {
    static let fields: FieldTable<Self> = [
        "id": .field { $0.id },
        "name": .field { $0.name },
        "href": .field { $0.href },
        "department": .field { $0.department },
        "departmentHref": .field { $0.departmentHref },
        "category": .field { $0.category },
        "categoryToken": .field { $0.categoryToken },
        "form": .field { $0.form },
        "development": .field { $0.development },
        "renewal": .field { $0.renewal },
        "annual": .field { $0.annual },
        "annualValue": .field { $0.annualValue },
        "ratio": .field { $0.ratio },
        "ratioValue": .field { $0.ratioValue },
        "flag": .field { $0.flag },
        "flagLabel": .field { $0.flagLabel },
        "hasFlag": .field { $0.hasFlag },
        "completeness": .field { $0.completeness },
        "completenessValue": .field { $0.completenessValue },
        "role": .field { $0.role },
    ]
}

extension SimplePage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": .field { $0.page },
    ]
}

extension DataPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": .field { $0.page },
        "files": .field { $0.files },
    ]
}

extension DataPage.File: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": .field { $0.href },
        "name": .field { $0.name },
        "description": .field { $0.description },
    ]
}
extension DocumentPage: TemplateModel {
    static let fields: FieldTable<DocumentPage> = [
        "page": .field { $0.page },
        "title": .field { $0.title },
        "organization": .field { $0.organization },
        "systemName": .field { $0.systemName },
        "systemHref": .field { $0.systemHref },
        "draftDateLabel": .field { $0.draftDateLabel },
        "draftDate": .field { $0.draftDate },
        "body": .field { $0.body },
        "markdownHref": .field { $0.markdownHref },
        "markdownLabel": .field { $0.markdownLabel },
    ]
}

extension GuidelinePage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": .field { $0.page },
        "toc": .field { $0.toc },
        "chapters": .field { $0.chapters },
        "body": .field { $0.body },
        "headingHTML": .field { $0.headingHTML },
        "contentHTML": .field { $0.contentHTML },
        "checklistHref": .field { $0.checklistHref },
        "markdownHref": .field { $0.markdownHref },
    ]
}

extension GuidelinePage.Chapter: TemplateModel {
    static let fields: FieldTable<Self> = [
        "id": .field { $0.id },
        "title": .field { $0.title },
        "sections": .field { $0.sections },
        "hasSections": .field { $0.hasSections },
    ]
}

extension GuidelinePage.Heading: TemplateModel {
    static let fields: FieldTable<Self> = [
        "id": .field { $0.id },
        "title": .field { $0.title },
        "level": .field { $0.level },
        "isSub": .field { $0.isSub },
    ]
}

extension ChecklistPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": .field { $0.page },
        "rows": .field { $0.rows },
    ]
}

extension ChecklistPage.Row: TemplateModel {
    static let fields: FieldTable<Self> = [
        "guideline": .field { $0.guideline },
        "question": .field { $0.question },
        "kpiLabel": .field { $0.kpiLabel },
        "kpi": .field { $0.kpi },
        "hasKPI": .field { $0.hasKPI },
        "manual": .field { $0.manual },
    ]
}

extension GuidelineFacts: TemplateModel {
    static let fields: FieldTable<Self> = [
        "organization": .field { $0.organization },
        "fiscalYear": .field { $0.fiscalYear },
        "systems": .field { $0.systems },
        "departments": .field { $0.departments },
        "periodYears": .field { $0.periodYears },
        "referenceRatio": .field { $0.referenceRatio },
        "lowRatio": .field { $0.lowRatio },
        "highRatioSystems": .field { $0.highRatioSystems },
        "singleServerSystems": .field { $0.singleServerSystems },
        "physicalBefore": .field { $0.physicalBefore },
        "physicalAfter": .field { $0.physicalAfter },
        "dedicatedTerminalTypes": .field { $0.dedicatedTerminalTypes },
        "dedicatedTerminals": .field { $0.dedicatedTerminals },
        "slaShare": .field { $0.slaShare },
        "nonCustomizedShare": .field { $0.nonCustomizedShare },
        "standardLayoutShare": .field { $0.standardLayoutShare },
        "bcpShare": .field { $0.bcpShare },
        "offsiteShare": .field { $0.offsiteShare },
        "offsiteShown": .field { $0.offsiteShown },
        "noCostBreakdown": .field { $0.noCostBreakdown },
        "noDesignDocs": .field { $0.noDesignDocs },
        "noAnnualReport": .field { $0.noAnnualReport },
        "staffSEWork": .field { $0.staffSEWork },
        "customized": .field { $0.customized },
        "gradeA": .field { $0.gradeA },
        "gradeB": .field { $0.gradeB },
        "gradeC": .field { $0.gradeC },
    ]
}

extension ProcurementDocument: TemplateModel {
    static let fields: FieldTable<ProcurementDocument> = [
        "organization": .field { $0.organization },
        "fiscalYear": .field { $0.fiscalYear },
        "draftDate": .field { $0.draftDate },
        "marker": .field { $0.marker },
        "id": .field { $0.id },
        "name": .field { $0.name },
        "department": .field { $0.department },
        "category": .field { $0.category },
        "development": .field { $0.development },
        "product": .field { $0.product },
        "purpose": .field { $0.purpose },
        "hasPurpose": .field { $0.hasPurpose },
        "business": .field { $0.business },
        "hasBusiness": .field { $0.hasBusiness },
        "businessText": .field { $0.businessText },
        "form": .field { $0.form },
        "location": .field { $0.location },
        "configuration": .field { $0.configuration },
        "networks": .field { $0.networks },
        "integrations": .field { $0.integrations },
        "hasIntegrations": .field { $0.hasIntegrations },
        "inService": .field { $0.inService },
        "renewal": .field { $0.renewal },
        "renewalFiscalYear": .field { $0.renewalFiscalYear },
        "structure": .field { $0.structure },
        "developer": .field { $0.developer },
        "maintainer": .field { $0.maintainer },
        "supportBase": .field { $0.supportBase },
        "travelMinutes": .field { $0.travelMinutes },
        "contractKind": .field { $0.contractKind },
        "contractEnd": .field { $0.contractEnd },
        "costs": .field { $0.costs },
        "costLines": .field { $0.costLines },
        "hasCostLines": .field { $0.hasCostLines },
        "lifecycleCost": .field { $0.lifecycleCost },
        "operation": .field { $0.operation },
        "users": .field { $0.users },
        "concurrentUsers": .field { $0.concurrentUsers },
        "dependency": .field { $0.dependency },
        "disasterTasks": .field { $0.disasterTasks },
        "hasDisasterTasks": .field { $0.hasDisasterTasks },
        "isService": .field { $0.isService },
        "grade": .field { $0.grade },
        "availability": .field { $0.availability },
        "recoveryHours": .field { $0.recoveryHours },
        "recoveryNote": .field { $0.recoveryNote },
        "gradeReasons": .field { $0.gradeReasons },
        "slaItems": .field { $0.slaItems },
        "clauses": .field { $0.clauses },
        "weights": .field { $0.weights },
        "weightsTotal": .field { $0.weightsTotal },
        "periodYears": .field { $0.periodYears },
        "periodColumns": .field { $0.periodColumns },
    ]
}

extension ProcurementDocument.Line: TemplateModel {
    static let fields: FieldTable<Self> = [
        "label": .field { $0.label },
        "value": .field { $0.value },
    ]
}

extension ProcurementDocument.CostLineView: TemplateModel {
    static let fields: FieldTable<Self> = [
        "name": .field { $0.name },
        "kind": .field { $0.kind },
        "unitPrice": .field { $0.unitPrice },
        "quantity": .field { $0.quantity },
        "amount": .field { $0.amount },
    ]
}

extension ProcurementDocument.IntegrationLine: TemplateModel {
    static let fields: FieldTable<Self> = [
        "partner": .field { $0.partner },
        "direction": .field { $0.direction },
        "method": .field { $0.method },
        "timing": .field { $0.timing },
        "data": .field { $0.data },
    ]
}

extension ProcurementDocument.Reason: TemplateModel {
    static let fields: FieldTable<Self> = [
        "reason": .field { $0.reason },
    ]
}

extension ProcurementDocument.Clauses: TemplateModel {
    static let fields: FieldTable<Self> = [
        "sla": .field { $0.sla },
        "annualReport": .field { $0.annualReport },
        "designDocs": .field { $0.designDocs },
        "costBreakdown": .field { $0.costBreakdown },
        "noCustomization": .field { $0.noCustomization },
        "standardLayout": .field { $0.standardLayout },
        "operatorBCP": .field { $0.operatorBCP },
        "supportBase": .field { $0.supportBase },
        "any": .field { $0.any },
        "unanswered": .field { $0.unanswered },
        "hasUnanswered": .field { $0.hasUnanswered },
    ]
}

extension ProcurementDocument.SLAItem: TemplateModel {
    static let fields: FieldTable<Self> = [
        "item": .field { $0.item },
        "requirement": .field { $0.requirement },
        "basis": .field { $0.basis },
    ]
}

extension ProcurementDocument.Weight: TemplateModel {
    static let fields: FieldTable<Self> = [
        "criterion": .field { $0.criterion },
        "points": .field { $0.points },
    ]
}
