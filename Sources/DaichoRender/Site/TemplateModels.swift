// Key-path tables of the view models: see TemplateModel.swift for why they exist.

extension FieldRow: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "label": \.label,
        "html": \.html,
        "missing": \.missing,
    ]
}

extension SubTable: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "caption": \.caption,
        "headers": \.headers,
        "rows": \.rows,
        "html": \.html,
    ]
}

extension GroupView: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "key": \.key,
        "number": \.number,
        "title": \.title,
        "rows": \.rows,
        "hasRows": \.hasRows,
        "tables": \.tables,
        "hasTables": \.hasTables,
        "markdown": \.markdown,
        "hasMarkdown": \.hasMarkdown,
        "fieldsHTML": \.fieldsHTML,
    ]
}

extension PageFrame: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "lang": \.lang,
        "title": \.title,
        "siteTitle": \.siteTitle,
        "root": \.root,
        "nav": \.nav,
        "breadcrumbs": \.breadcrumbs,
        "hasBreadcrumbs": \.hasBreadcrumbs,
        "t": \.t,
        "isPublic": \.isPublic,
        "profileLabel": \.profileLabel,
        "timestamp": \.timestamp,
        "hasTimestamp": \.hasTimestamp,
        "liveReload": \.liveReload,
        "hasLiveReload": \.hasLiveReload,
        "scripts": \.scripts,
    ]
}

extension PageFrame.NavItem: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "href": \.href,
        "label": \.label,
        "current": \.current,
    ]
}

extension PageFrame.Crumb: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "href": \.href,
        "label": \.label,
        "isLast": \.isLast,
    ]
}

extension ChartView: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "svg": \.svg,
        "caption": \.caption,
        "table": \.table,
    ]
}

extension AnalysisPage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "heading": \.heading,
        "intro": \.intro,
        "charts": \.charts,
        "tables": \.tables,
        "notes": \.notes,
        "hasNotes": \.hasNotes,
    ]
}

extension AnalysisIndexPage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "links": \.links,
    ]
}

extension DashboardPage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "organization": \.organization,
        "figures": \.figures,
        "flags": \.flags,
        "showFlags": \.showFlags,
        "gaps": \.gaps,
        "renewals": \.renewals,
        "hasRenewals": \.hasRenewals,
        "sections": \.sections,
        "excluded": \.excluded,
        "hasExcluded": \.hasExcluded,
        "referenceNote": \.referenceNote,
    ]
}

extension DashboardPage.Figure: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "label": \.label,
        "value": \.value,
        "note": \.note,
        "hasNote": \.hasNote,
    ]
}

extension DashboardPage.FlagCount: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "flag": \.flag,
        "label": \.label,
        "count": \.count,
    ]
}

extension DashboardPage.Renewal: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "year": \.year,
        "systems": \.systems,
    ]
}

extension DashboardPage.Link: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "href": \.href,
        "label": \.label,
    ]
}

extension DashboardPage.SectionLink: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "href": \.href,
        "label": \.label,
        "description": \.description,
    ]
}

extension GroupIndexPage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "heading": \.heading,
        "nameLabel": \.nameLabel,
        "entries": \.entries,
        "showCosts": \.showCosts,
    ]
}

extension GroupIndexPage.Entry: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "name": \.name,
        "href": \.href,
        "systems": \.systems,
        "annualEquivalent": \.annualEquivalent,
        "annualEquivalentValue": \.annualEquivalentValue,
        "completeness": \.completeness,
    ]
}

extension GroupDetailPage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "name": \.name,
        "figures": \.figures,
        "rows": \.rows,
        "showRole": \.showRole,
        "showCosts": \.showCosts,
    ]
}

extension SystemsListPage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "count": \.count,
        "rows": \.rows,
        "departments": \.departments,
        "categories": \.categories,
        "flags": \.flags,
        "showCosts": \.showCosts,
        "showRole": \.showRole,
    ]
}

extension SystemsListPage.Option: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "value": \.value,
        "label": \.label,
    ]
}

extension SystemDetailPage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "id": \.id,
        "name": \.name,
        "department": \.department,
        "departmentHref": \.departmentHref,
        "figures": \.figures,
        "flag": \.flag,
        "flagLabel": \.flagLabel,
        "hasFlag": \.hasFlag,
        "gaps": \.gaps,
        "hasGaps": \.hasGaps,
        "missing": \.missing,
        "hasMissing": \.hasMissing,
        "groups": \.groups,
        "extra": \.extra,
        "hasExtra": \.hasExtra,
        "documents": \.documents,
        "hasDocuments": \.hasDocuments,
    ]
}

extension SystemDetailPage.Figure: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "label": \.label,
        "value": \.value,
    ]
}

extension SystemDetailPage.ExtraRow: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "key": \.key,
        "value": \.value,
    ]
}

extension SystemDetailPage.Document: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "href": \.href,
        "label": \.label,
    ]
}

extension SystemRow: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "id": \.id,
        "name": \.name,
        "href": \.href,
        "department": \.department,
        "departmentHref": \.departmentHref,
        "category": \.category,
        "categoryToken": \.categoryToken,
        "form": \.form,
        "development": \.development,
        "renewal": \.renewal,
        "annual": \.annual,
        "annualValue": \.annualValue,
        "ratio": \.ratio,
        "ratioValue": \.ratioValue,
        "flag": \.flag,
        "flagLabel": \.flagLabel,
        "hasFlag": \.hasFlag,
        "completeness": \.completeness,
        "completenessValue": \.completenessValue,
        "role": \.role,
    ]
}

extension SimplePage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
    ]
}

extension DataPage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "files": \.files,
    ]
}

extension DataPage.File: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "href": \.href,
        "name": \.name,
        "description": \.description,
    ]
}
extension DocumentPage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "title": \.title,
        "organization": \.organization,
        "systemName": \.systemName,
        "systemHref": \.systemHref,
        "draftDateLabel": \.draftDateLabel,
        "draftDate": \.draftDate,
        "body": \.body,
        "markdownHref": \.markdownHref,
        "markdownLabel": \.markdownLabel,
    ]
}

extension GuidelinePage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "toc": \.toc,
        "body": \.body,
        "checklistHref": \.checklistHref,
        "markdownHref": \.markdownHref,
    ]
}

extension GuidelinePage.Heading: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "id": \.id,
        "title": \.title,
        "level": \.level,
        "isSub": \.isSub,
    ]
}

extension ChecklistPage: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "page": \.page,
        "rows": \.rows,
    ]
}

extension ChecklistPage.Row: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "guideline": \.guideline,
        "question": \.question,
        "kpiLabel": \.kpiLabel,
        "kpi": \.kpi,
        "hasKPI": \.hasKPI,
        "manual": \.manual,
    ]
}

extension GuidelineFacts: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "organization": \.organization,
        "fiscalYear": \.fiscalYear,
        "systems": \.systems,
        "departments": \.departments,
        "periodYears": \.periodYears,
        "referenceRatio": \.referenceRatio,
        "lowRatio": \.lowRatio,
        "highRatioSystems": \.highRatioSystems,
        "singleServerSystems": \.singleServerSystems,
        "physicalBefore": \.physicalBefore,
        "physicalAfter": \.physicalAfter,
        "dedicatedTerminalTypes": \.dedicatedTerminalTypes,
        "dedicatedTerminals": \.dedicatedTerminals,
        "slaShare": \.slaShare,
        "nonCustomizedShare": \.nonCustomizedShare,
        "standardLayoutShare": \.standardLayoutShare,
        "bcpShare": \.bcpShare,
        "offsiteShare": \.offsiteShare,
        "noCostBreakdown": \.noCostBreakdown,
        "noDesignDocs": \.noDesignDocs,
        "noAnnualReport": \.noAnnualReport,
        "staffSEWork": \.staffSEWork,
        "customized": \.customized,
        "gradeA": \.gradeA,
        "gradeB": \.gradeB,
        "gradeC": \.gradeC,
    ]
}

extension ProcurementDocument: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "organization": \.organization,
        "fiscalYear": \.fiscalYear,
        "draftDate": \.draftDate,
        "marker": \.marker,
        "id": \.id,
        "name": \.name,
        "department": \.department,
        "category": \.category,
        "development": \.development,
        "product": \.product,
        "purpose": \.purpose,
        "hasPurpose": \.hasPurpose,
        "business": \.business,
        "hasBusiness": \.hasBusiness,
        "businessText": \.businessText,
        "form": \.form,
        "location": \.location,
        "configuration": \.configuration,
        "networks": \.networks,
        "integrations": \.integrations,
        "hasIntegrations": \.hasIntegrations,
        "inService": \.inService,
        "renewal": \.renewal,
        "structure": \.structure,
        "developer": \.developer,
        "maintainer": \.maintainer,
        "supportBase": \.supportBase,
        "travelMinutes": \.travelMinutes,
        "contractKind": \.contractKind,
        "contractEnd": \.contractEnd,
        "costs": \.costs,
        "costLines": \.costLines,
        "hasCostLines": \.hasCostLines,
        "lifecycleCost": \.lifecycleCost,
        "operation": \.operation,
        "users": \.users,
        "concurrentUsers": \.concurrentUsers,
        "dependency": \.dependency,
        "disasterTasks": \.disasterTasks,
        "hasDisasterTasks": \.hasDisasterTasks,
        "isService": \.isService,
        "grade": \.grade,
        "availability": \.availability,
        "recoveryHours": \.recoveryHours,
        "gradeReasons": \.gradeReasons,
        "slaItems": \.slaItems,
        "clauses": \.clauses,
        "weights": \.weights,
        "weightsTotal": \.weightsTotal,
        "periodYears": \.periodYears,
    ]
}

extension ProcurementDocument.Line: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "label": \.label,
        "value": \.value,
    ]
}

extension ProcurementDocument.CostLineView: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "name": \.name,
        "kind": \.kind,
        "unitPrice": \.unitPrice,
        "quantity": \.quantity,
        "amount": \.amount,
    ]
}

extension ProcurementDocument.IntegrationLine: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "partner": \.partner,
        "direction": \.direction,
        "method": \.method,
        "timing": \.timing,
        "data": \.data,
    ]
}

extension ProcurementDocument.Reason: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "reason": \.reason,
    ]
}

extension ProcurementDocument.Clauses: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "sla": \.sla,
        "annualReport": \.annualReport,
        "designDocs": \.designDocs,
        "costBreakdown": \.costBreakdown,
        "noCustomization": \.noCustomization,
        "standardLayout": \.standardLayout,
        "operatorBCP": \.operatorBCP,
        "supportBase": \.supportBase,
        "any": \.any,
    ]
}

extension ProcurementDocument.SLAItem: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "item": \.item,
        "requirement": \.requirement,
        "basis": \.basis,
    ]
}

extension ProcurementDocument.Weight: TemplateModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Self>] = [
        "criterion": \.criterion,
        "points": \.points,
    ]
}
