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
