import DaichoCore

/// The layout around every page (header, navigation, footer), as templates read it: `{{page.title}}`.
///
/// A class: a page's template reads `page.…` some thirty times, and each read of a struct this
/// size boxed a copy of it (fifteen fields retained) twice.
final class PageFrame: Sendable {
    struct NavItem: Sendable {
        var href: String
        var label: String
        var current: Bool
    }

    struct Crumb: Sendable {
        var href: String
        var label: String
        var isLast: Bool
        /// The label is ledger text (a system's, department's or vendor's name) on a page not in
        /// Japanese: its element is marked `lang="ja"` (`LedgerLanguage`).
        var ja: Bool
    }

    let lang: String
    /// True on a page not in Japanese: elements holding ledger text (Japanese) then carry
    /// `lang="ja"` (`LedgerLanguage`), which a Japanese page needs not.
    let jaValues: Bool
    let title: String
    let siteTitle: String
    /// Relative prefix from this page to the site root (`../../`), so pages work from file://.
    let root: String
    /// The same object on every page of a section, so the renderer keeps its bytes (`SectionMemo`).
    let nav: SharedModels<NavItem>
    /// `aria-current` of the section's link: `page` on the section's own page, `true` (the
    /// current place, not this page) on the pages under it.
    let navCurrent: String
    let breadcrumbs: [Crumb]
    let hasBreadcrumbs: Bool
    let t: [String: String]
    let isPublic: Bool
    let profileLabel: String
    let timestamp: String
    let hasTimestamp: Bool
    let liveReload: String
    let hasLiveReload: Bool
    let scripts: [String]

    init(lang: String, jaValues: Bool, title: String, siteTitle: String, root: String, nav: SharedModels<NavItem>, navCurrent: String, breadcrumbs: [Crumb],
         hasBreadcrumbs: Bool, t: [String: String], isPublic: Bool, profileLabel: String, timestamp: String,
         hasTimestamp: Bool, liveReload: String, hasLiveReload: Bool, scripts: [String]) {
        self.lang = lang
        self.jaValues = jaValues
        self.title = title
        self.siteTitle = siteTitle
        self.root = root
        self.nav = nav
        self.navCurrent = navCurrent
        self.breadcrumbs = breadcrumbs
        self.hasBreadcrumbs = hasBreadcrumbs
        self.t = t
        self.isPublic = isPublic
        self.profileLabel = profileLabel
        self.timestamp = timestamp
        self.hasTimestamp = hasTimestamp
        self.liveReload = liveReload
        self.hasLiveReload = hasLiveReload
        self.scripts = scripts
    }
}

/// The top-level sections a page can belong to, for the navigation.
enum SiteSection: String, CaseIterable {
    case home, systems, departments, vendors, analysis, guidelines, search, data

    var path: String {
        switch self {
        case .home: "index.html"
        default: "\(rawValue)/index.html"
        }
    }
}

extension SiteContext {
    /// The navigation of the pages of each section, made once: the pages of a section share it.
    /// Under nil, the one of a page in no section (404), where no link is the current one.
    /// - Parameter systemsOnly: `--only systems`, which builds no analysis, guideline, search or
    ///   data pages: the navigation leaves them out rather than link to pages that are not there.
    static func navigation(hasGuidelines: Bool, systemsOnly: Bool = false, label: (String) -> String) -> [SiteSection?: SharedModels<PageFrame.NavItem>] {
        let sections = SiteSection.allCases.filter {
            systemsOnly ? [.home, .systems, .departments, .vendors].contains($0) : $0 != .guidelines || hasGuidelines
        }
        var navigation: [SiteSection?: SharedModels<PageFrame.NavItem>] = [:]
        for current in SiteSection.allCases.map(Optional.some) + [nil] {
            navigation[current] = SharedModels(sections.map { PageFrame.NavItem(href: $0.path, label: label($0.rawValue), current: $0 == current) })
        }
        return navigation
    }

    /// The frame of the page at `path`; `crumbs` are (path, label) pairs after the dashboard.
    /// - Parameter section: nil for a page in none (404).
    /// - Parameter root: the links' prefix to the site's top, when not the path back from `path`.
    /// - Parameter ledgerCrumb: the crumb (by path) whose label is ledger text, if one is.
    func frame(path: String, title: String, section: SiteSection?, crumbs: [(String, String)] = [],
               ledgerCrumb: String? = nil, scripts: [String] = [], root: String? = nil) -> PageFrame {
        let depth = path.count { $0 == "/" }
        let all = crumbs.isEmpty ? [] : [(SiteSection.home.path, t("home"))] + crumbs
        return PageFrame(
            lang: language.rawValue, jaValues: language.marksLedgerText, title: title, siteTitle: siteTitle,
            root: root ?? String(repeating: "../", count: depth),
            nav: navigation[section] ?? SharedModels([]), navCurrent: path == section?.path ? "page" : "true",
            breadcrumbs: all.enumerated().map {
                PageFrame.Crumb(href: $1.0, label: $1.1, isLast: $0 == all.count - 1,
                                ja: language.marksLedgerText && $1.0 == ledgerCrumb)
            },
            hasBreadcrumbs: !all.isEmpty,
            t: labels,
            isPublic: visibility.profile == .public,
            profileLabel: t(visibility.profile == .public ? "publicProfile" : "internalProfile"),
            timestamp: options.timestamp ?? "", hasTimestamp: options.timestamp != nil,
            liveReload: options.liveReloadURL ?? "", hasLiveReload: options.liveReloadURL != nil,
            scripts: scripts)
    }
}
