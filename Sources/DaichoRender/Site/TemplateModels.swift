// The field tables of the view models: see TemplateModel.swift for why they exist.

extension FieldRow: TemplateModel {
    static let fields: FieldTable<Self> = [
        "label": { $0.label },
        "html": { $0.html },
        "missing": { $0.missing },
    ]
}

extension SubTable: TemplateModel {
    static let fields: FieldTable<Self> = [
        "caption": { $0.caption },
        "headers": { $0.headers },
        "rows": { $0.rows },
        "html": { $0.html },
    ]
}

extension GroupView: TemplateModel {
    static let fields: FieldTable<GroupView> = [
        "key": { $0.key },
        "number": { $0.number },
        "title": { $0.title },
        "rows": { $0.rows },
        "hasRows": { $0.hasRows },
        "tables": { $0.tables },
        "hasTables": { $0.hasTables },
        "markdown": { $0.markdown },
        "hasMarkdown": { $0.hasMarkdown },
        "fieldsHTML": { $0.fieldsHTML },
    ]
}

extension PageFrame: TemplateModel {
    static let fields: FieldTable<PageFrame> = [
        "lang": { $0.lang },
        "title": { $0.title },
        "siteTitle": { $0.siteTitle },
        "root": { $0.root },
        "nav": { $0.nav },
        "breadcrumbs": { $0.breadcrumbs },
        "hasBreadcrumbs": { $0.hasBreadcrumbs },
        "t": { $0.t },
        "isPublic": { $0.isPublic },
        "profileLabel": { $0.profileLabel },
        "timestamp": { $0.timestamp },
        "hasTimestamp": { $0.hasTimestamp },
        "liveReload": { $0.liveReload },
        "hasLiveReload": { $0.hasLiveReload },
        "scripts": { $0.scripts },
    ]
}

extension PageFrame.NavItem: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": { $0.href },
        "label": { $0.label },
        "current": { $0.current },
    ]
}

extension PageFrame.Crumb: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": { $0.href },
        "label": { $0.label },
        "isLast": { $0.isLast },
    ]
}

extension ChartView: TemplateModel {
    static let fields: FieldTable<Self> = [
        "svg": { $0.svg },
        "caption": { $0.caption },
        "table": { $0.table },
    ]
}

extension AnalysisPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "heading": { $0.heading },
        "intro": { $0.intro },
        "charts": { $0.charts },
        "tables": { $0.tables },
        "notes": { $0.notes },
        "hasNotes": { $0.hasNotes },
    ]
}

extension AnalysisIndexPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "links": { $0.links },
    ]
}

extension DashboardPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "organization": { $0.organization },
        "figures": { $0.figures },
        "flags": { $0.flags },
        "showFlags": { $0.showFlags },
        "gaps": { $0.gaps },
        "renewals": { $0.renewals },
        "hasRenewals": { $0.hasRenewals },
        "sections": { $0.sections },
        "excluded": { $0.excluded },
        "hasExcluded": { $0.hasExcluded },
        "referenceNote": { $0.referenceNote },
    ]
}

extension DashboardPage.Figure: TemplateModel {
    static let fields: FieldTable<Self> = [
        "label": { $0.label },
        "value": { $0.value },
        "note": { $0.note },
        "hasNote": { $0.hasNote },
    ]
}

extension DashboardPage.FlagCount: TemplateModel {
    static let fields: FieldTable<Self> = [
        "flag": { $0.flag },
        "label": { $0.label },
        "count": { $0.count },
    ]
}

extension DashboardPage.Renewal: TemplateModel {
    static let fields: FieldTable<Self> = [
        "year": { $0.year },
        "systems": { $0.systems },
    ]
}

extension DashboardPage.Link: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": { $0.href },
        "label": { $0.label },
    ]
}

extension DashboardPage.SectionLink: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": { $0.href },
        "label": { $0.label },
        "description": { $0.description },
    ]
}

extension GroupIndexPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "heading": { $0.heading },
        "nameLabel": { $0.nameLabel },
        "entries": { $0.entries },
        "showCosts": { $0.showCosts },
    ]
}

extension GroupIndexPage.Entry: TemplateModel {
    static let fields: FieldTable<Self> = [
        "name": { $0.name },
        "href": { $0.href },
        "systems": { $0.systems },
        "annualEquivalent": { $0.annualEquivalent },
        "annualEquivalentValue": { $0.annualEquivalentValue },
        "completeness": { $0.completeness },
    ]
}

extension GroupDetailPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "name": { $0.name },
        "figures": { $0.figures },
        "rows": { $0.rows },
        "showRole": { $0.showRole },
        "showCosts": { $0.showCosts },
    ]
}

extension SystemsListPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "count": { $0.count },
        "rows": { $0.rows },
        "departments": { $0.departments },
        "categories": { $0.categories },
        "flags": { $0.flags },
        "showCosts": { $0.showCosts },
        "showRole": { $0.showRole },
    ]
}

extension SystemsListPage.Option: TemplateModel {
    static let fields: FieldTable<Self> = [
        "value": { $0.value },
        "label": { $0.label },
    ]
}

extension SystemDetailPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "id": { $0.id },
        "name": { $0.name },
        "department": { $0.department },
        "departmentHref": { $0.departmentHref },
        "figures": { $0.figures },
        "flag": { $0.flag },
        "flagLabel": { $0.flagLabel },
        "hasFlag": { $0.hasFlag },
        "gaps": { $0.gaps },
        "hasGaps": { $0.hasGaps },
        "missing": { $0.missing },
        "hasMissing": { $0.hasMissing },
        "groups": { $0.groups },
        "extra": { $0.extra },
        "hasExtra": { $0.hasExtra },
        "documents": { $0.documents },
        "hasDocuments": { $0.hasDocuments },
    ]
}

extension SystemDetailPage.Figure: TemplateModel {
    static let fields: FieldTable<Self> = [
        "label": { $0.label },
        "value": { $0.value },
    ]
}

extension SystemDetailPage.ExtraRow: TemplateModel {
    static let fields: FieldTable<Self> = [
        "key": { $0.key },
        "value": { $0.value },
    ]
}

extension SystemDetailPage.Document: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": { $0.href },
        "label": { $0.label },
    ]
}

extension SystemRow: TemplateModel {
    static let fields: FieldTable<Self> = [
        "id": { $0.id },
        "name": { $0.name },
        "href": { $0.href },
        "department": { $0.department },
        "departmentHref": { $0.departmentHref },
        "category": { $0.category },
        "categoryToken": { $0.categoryToken },
        "form": { $0.form },
        "development": { $0.development },
        "renewal": { $0.renewal },
        "annual": { $0.annual },
        "annualValue": { $0.annualValue },
        "ratio": { $0.ratio },
        "ratioValue": { $0.ratioValue },
        "flag": { $0.flag },
        "flagLabel": { $0.flagLabel },
        "hasFlag": { $0.hasFlag },
        "completeness": { $0.completeness },
        "completenessValue": { $0.completenessValue },
        "role": { $0.role },
    ]
}

extension SimplePage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
    ]
}

extension DataPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "files": { $0.files },
    ]
}

extension DataPage.File: TemplateModel {
    static let fields: FieldTable<Self> = [
        "href": { $0.href },
        "name": { $0.name },
        "description": { $0.description },
    ]
}
extension DocumentPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "title": { $0.title },
        "organization": { $0.organization },
        "systemName": { $0.systemName },
        "systemHref": { $0.systemHref },
        "draftDateLabel": { $0.draftDateLabel },
        "draftDate": { $0.draftDate },
        "body": { $0.body },
        "markdownHref": { $0.markdownHref },
        "markdownLabel": { $0.markdownLabel },
    ]
}

extension GuidelinePage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "toc": { $0.toc },
        "body": { $0.body },
        "checklistHref": { $0.checklistHref },
        "markdownHref": { $0.markdownHref },
    ]
}

extension GuidelinePage.Heading: TemplateModel {
    static let fields: FieldTable<Self> = [
        "id": { $0.id },
        "title": { $0.title },
        "level": { $0.level },
        "isSub": { $0.isSub },
    ]
}

extension ChecklistPage: TemplateModel {
    static let fields: FieldTable<Self> = [
        "page": { $0.page },
        "rows": { $0.rows },
    ]
}

extension ChecklistPage.Row: TemplateModel {
    static let fields: FieldTable<Self> = [
        "guideline": { $0.guideline },
        "question": { $0.question },
        "kpiLabel": { $0.kpiLabel },
        "kpi": { $0.kpi },
        "hasKPI": { $0.hasKPI },
        "manual": { $0.manual },
    ]
}

extension GuidelineFacts: TemplateModel {
    static let fields: FieldTable<Self> = [
        "organization": { $0.organization },
        "fiscalYear": { $0.fiscalYear },
        "systems": { $0.systems },
        "departments": { $0.departments },
        "periodYears": { $0.periodYears },
        "referenceRatio": { $0.referenceRatio },
        "lowRatio": { $0.lowRatio },
        "highRatioSystems": { $0.highRatioSystems },
        "singleServerSystems": { $0.singleServerSystems },
        "physicalBefore": { $0.physicalBefore },
        "physicalAfter": { $0.physicalAfter },
        "dedicatedTerminalTypes": { $0.dedicatedTerminalTypes },
        "dedicatedTerminals": { $0.dedicatedTerminals },
        "slaShare": { $0.slaShare },
        "nonCustomizedShare": { $0.nonCustomizedShare },
        "standardLayoutShare": { $0.standardLayoutShare },
        "bcpShare": { $0.bcpShare },
        "offsiteShare": { $0.offsiteShare },
        "noCostBreakdown": { $0.noCostBreakdown },
        "noDesignDocs": { $0.noDesignDocs },
        "noAnnualReport": { $0.noAnnualReport },
        "staffSEWork": { $0.staffSEWork },
        "customized": { $0.customized },
        "gradeA": { $0.gradeA },
        "gradeB": { $0.gradeB },
        "gradeC": { $0.gradeC },
    ]
}

extension ProcurementDocument: TemplateModel {
    static let fields: FieldTable<Self> = [
        "organization": { $0.organization },
        "fiscalYear": { $0.fiscalYear },
        "draftDate": { $0.draftDate },
        "marker": { $0.marker },
        "id": { $0.id },
        "name": { $0.name },
        "department": { $0.department },
        "category": { $0.category },
        "development": { $0.development },
        "product": { $0.product },
        "purpose": { $0.purpose },
        "hasPurpose": { $0.hasPurpose },
        "business": { $0.business },
        "hasBusiness": { $0.hasBusiness },
        "businessText": { $0.businessText },
        "form": { $0.form },
        "location": { $0.location },
        "configuration": { $0.configuration },
        "networks": { $0.networks },
        "integrations": { $0.integrations },
        "hasIntegrations": { $0.hasIntegrations },
        "inService": { $0.inService },
        "renewal": { $0.renewal },
        "structure": { $0.structure },
        "developer": { $0.developer },
        "maintainer": { $0.maintainer },
        "supportBase": { $0.supportBase },
        "travelMinutes": { $0.travelMinutes },
        "contractKind": { $0.contractKind },
        "contractEnd": { $0.contractEnd },
        "costs": { $0.costs },
        "costLines": { $0.costLines },
        "hasCostLines": { $0.hasCostLines },
        "lifecycleCost": { $0.lifecycleCost },
        "operation": { $0.operation },
        "users": { $0.users },
        "concurrentUsers": { $0.concurrentUsers },
        "dependency": { $0.dependency },
        "disasterTasks": { $0.disasterTasks },
        "hasDisasterTasks": { $0.hasDisasterTasks },
        "isService": { $0.isService },
        "grade": { $0.grade },
        "availability": { $0.availability },
        "recoveryHours": { $0.recoveryHours },
        "gradeReasons": { $0.gradeReasons },
        "slaItems": { $0.slaItems },
        "clauses": { $0.clauses },
        "weights": { $0.weights },
        "weightsTotal": { $0.weightsTotal },
        "periodYears": { $0.periodYears },
    ]
}

extension ProcurementDocument.Line: TemplateModel {
    static let fields: FieldTable<Self> = [
        "label": { $0.label },
        "value": { $0.value },
    ]
}

extension ProcurementDocument.CostLineView: TemplateModel {
    static let fields: FieldTable<Self> = [
        "name": { $0.name },
        "kind": { $0.kind },
        "unitPrice": { $0.unitPrice },
        "quantity": { $0.quantity },
        "amount": { $0.amount },
    ]
}

extension ProcurementDocument.IntegrationLine: TemplateModel {
    static let fields: FieldTable<Self> = [
        "partner": { $0.partner },
        "direction": { $0.direction },
        "method": { $0.method },
        "timing": { $0.timing },
        "data": { $0.data },
    ]
}

extension ProcurementDocument.Reason: TemplateModel {
    static let fields: FieldTable<Self> = [
        "reason": { $0.reason },
    ]
}

extension ProcurementDocument.Clauses: TemplateModel {
    static let fields: FieldTable<Self> = [
        "sla": { $0.sla },
        "annualReport": { $0.annualReport },
        "designDocs": { $0.designDocs },
        "costBreakdown": { $0.costBreakdown },
        "noCustomization": { $0.noCustomization },
        "standardLayout": { $0.standardLayout },
        "operatorBCP": { $0.operatorBCP },
        "supportBase": { $0.supportBase },
        "any": { $0.any },
    ]
}

extension ProcurementDocument.SLAItem: TemplateModel {
    static let fields: FieldTable<Self> = [
        "item": { $0.item },
        "requirement": { $0.requirement },
        "basis": { $0.basis },
    ]
}

extension ProcurementDocument.Weight: TemplateModel {
    static let fields: FieldTable<Self> = [
        "criterion": { $0.criterion },
        "points": { $0.points },
    ]
}
