import DaichoCore
import Synchronization

/// Everything pages share, computed once per build: lookups by id, departments, vendors,
/// links between systems, labels. Built before rendering so no page repeats the work.
///
/// A class, never changed once made: the system page's and each document's view models keep it,
/// where a struct of twenty tables was copied (each table retained) for every page.
final class SiteContext: Sendable {
    let project: Project
    let analysis: Analysis
    let options: SiteOptions
    let visibility: Visibility
    let labels: [String: String]
    /// Sorted by id.
    let ledgers: [Ledger]
    /// Lookup by id into `ledgers` (indexes, not copies: a national inventory is large).
    let byID: LedgerIndex
    /// Department name → slug, and the systems of each, sorted by id.
    let departmentSlugs: [String: String]
    let departmentSystems: [String: [String]]
    /// The department and vendor names, sorted once (Japanese names compare slowly, and five
    /// pages and the page list each sorted thousands of them), by their bytes: for names in NFC
    /// that is `String`'s order, at a fraction of the cost, and unlike `String`'s `<` it is a total
    /// order for names with combining marks too (so their order no longer depends on the run).
    let departmentNames: [String]
    let vendorNames: [String]
    let vendorSlugs: [String: String]
    /// Vendor → (system id, roles).
    let vendorSystems: [String: [(id: String, developer: Bool, maintainer: Bool)]]
    /// System id → links other ledgers declare towards it.
    let incoming: [String: [(from: String, link: Integration)]]
    let maintenanceByID: [String: MaintenanceAnalysis.System]
    /// Terminal group → the systems that share it (the drafts name the others, not the group's id).
    let terminalGroupSystems: [String: [String]]
    let siteTitle: String
    /// `--date` and the inventory's fiscal year in the drafts' era form, worked out once rather
    /// than for each of the 30,000 drafts of a national build (nil where not given).
    let draftDateText: String?
    let fiscalYearText: String?
    /// The templates include the procurement guideline (`templates/guidelines/*.md`).
    let hasGuidelines: Bool
    /// The templates include the RFI, RFP and SLA (`templates/procurement/*.md`).
    let documentKinds: [DocumentKind]
    /// Each section's navigation, which its pages share (see `PageFrame.nav`).
    let navigation: [SiteSection?: SharedModels<PageFrame.NavItem>]
    /// The links to a system's drafts, which every system page shares.
    let documentLinks: SharedModels<SystemDetailPage.Document>
    /// System id → hash of its ledger file, which keys the pieces of the exports.
    let ledgerKeys: [String: String]
    /// The previous exports, for an incremental rebuild.
    let reuse: FragmentSource?
    /// Where this build puts each system's piece of the exports.
    let fragmentRecorder = FragmentRecorder()
    private let checklist = Mutex<KPIChecklist?>(nil)

    /// The KPI checklist over every system, made once when first asked for: the guideline's
    /// figures, the checklist page and both their page keys read it.
    var kpiChecklist: KPIChecklist {
        checklist.withLock { made in
            if let made { return made }
            let checklist = KPIChecklist(ledgers: ledgers, hides: visibility.hides, completenessLeavesOut: visibility.completenessLeftOut)
            made = checklist
            return checklist
        }
    }

    var language: Language { options.language }

    init(project: Project, ledgers: [Ledger], analysis: Analysis, options: SiteOptions, hasGuidelines: Bool = false,
         documentKinds: [DocumentKind] = [], ledgerKeys: [String: String] = [:], reuse: FragmentSource? = nil) {
        self.ledgerKeys = ledgerKeys
        self.reuse = reuse
        self.hasGuidelines = hasGuidelines
        self.documentKinds = documentKinds
        self.project = project
        self.options = options
        let visibility = Visibility(profile: options.profile, policy: project.policy)
        self.visibility = visibility
        self.analysis = visibility.shown(analysis, ledgers: ledgers, policy: project.policy)
        labels = Labels.dictionary(options.language, profile: options.profile)
        self.ledgers = ledgers.sortedByID
        byID = LedgerIndex(self.ledgers)
        var departments: [String: [String]] = [:]
        var vendors: [String: [(String, Bool, Bool)]] = [:]
        var incoming: [String: [(String, Integration)]] = [:]
        // A vendor the public profile hides in that role has no page for it.
        let (showsDeveloper, showsMaintainer) = (!visibility.hides("vendor.developer"), !visibility.hides("vendor.maintainer"))
        for ledger in self.ledgers {
            departments[ledger.department, default: []].append(ledger.id)
            let developer = showsDeveloper ? ledger.developer : nil, maintainer = showsMaintainer ? ledger.maintainer : nil
            if let developer { vendors[developer, default: []].append((ledger.id, true, developer == maintainer)) }
            if let maintainer, maintainer != developer { vendors[maintainer, default: []].append((ledger.id, false, true)) }
            for link in ledger.integrations {
                if case .system(let target) = link.target { incoming[target, default: []].append((ledger.id, link)) }
            }
        }
        departmentSystems = departments
        departmentNames = ByteOrder.sorted(departments.keys)
        departmentSlugs = Slug.departments(departmentNames)
        vendorSystems = vendors.mapValues { $0.map { (id: $0.0, developer: $0.1, maintainer: $0.2) } }
        vendorNames = ByteOrder.sorted(vendors.keys)
        vendorSlugs = Slug.vendors(vendorNames)
        self.incoming = incoming.mapValues { $0.map { (from: $0.0, link: $0.1) } }
        maintenanceByID = Dictionary(analysis.maintenance.systems.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        terminalGroupSystems = Dictionary(self.analysis.terminals.groups.map { ($0.group, $0.systems) }, uniquingKeysWith: { a, _ in a })
        siteTitle = project.site.title(for: project.organization)
        draftDateText = DraftDate.japanese(options.draftDate)
        fiscalYearText = project.organization.fiscalYear.map(LedgerDate.japaneseFiscalYear)
        let labels = self.labels
        navigation = Self.navigation(hasGuidelines: hasGuidelines, systemsOnly: options.systemsOnly) { labels[$0] ?? $0 }
        documentLinks = Self.documentLinks(documentKinds, language: options.language)
    }

    func t(_ key: String) -> String { labels[key] ?? key }
    func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }

    static func systemPath(_ id: String) -> String { "systems/\(id)/index.html" }
    func systemPath(_ id: String) -> String { Self.systemPath(id) }
    func departmentPath(_ name: String) -> String { "departments/\(departmentSlugs[name] ?? "unknown")/index.html" }
    func vendorPath(_ name: String) -> String { "vendors/\(vendorSlugs[name] ?? "unknown")/index.html" }

    /// A link to a system's page, or its id as plain text when it has none (a link to a ledger
    /// left out of a `--force` build for its errors).
    func systemLink(_ id: String, root: String) -> String {
        byID.name(id).map { HTML.link(root + systemPath(id), $0, attributes: language.ledgerLangAttribute) } ?? HTML.escape(id)
    }

    /// Gaps of a system that this profile shows.
    func visibleGaps(_ id: String) -> [GapAnalysis.Code] {
        (analysis.gaps.bySystem[id] ?? []).filter(visibility.shows)
    }
}

/// Ledgers by id, pointing into the sorted array.
struct LedgerIndex: Sendable {
    private let ledgers: [Ledger]
    private let positions: [String: Int]

    init(_ ledgers: [Ledger]) {
        self.ledgers = ledgers
        positions = Dictionary(ledgers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    subscript(id: String) -> Ledger? { positions[id].map { ledgers[$0] } }

    /// A system's name, read without copying its `basic` group (see `Ledger.name`).
    func name(_ id: String) -> String? { positions[id].map { ledgers[$0].name } }
}

/// Stable, ASCII-only folder names for Japanese names: a hash, so a page keeps its address across builds.
/// Names whose hashes collide take `-2`, `-3`… in byte order, so one name's folder can move when
/// another appears (an incremental rebuild looks: `IncrementalPlan.movedGroups`).
public enum Slug {
    /// Department name → folder, over every department of the site (`names` sorted by bytes).
    public static func departments(_ names: [String]) -> [String: String] { assign(names, prefix: "d") }
    /// Vendor name → folder, likewise.
    public static func vendors(_ names: [String]) -> [String: String] { assign(names, prefix: "v") }

    static func assign(_ names: [String], prefix: String) -> [String: String] {
        var result: [String: String] = [:]
        // How many names took each hash so far: the next takes `-2`, `-3`… (a suffixed name can
        // never equal a plain one). A count, not a search for a free name: 10,000 names made to
        // share one hash took ten seconds that way.
        var taken: [String: Int] = [:]
        for name in names {
            let base = "\(prefix)-" + FNV.hex(FNV.hash32(name.utf8))
            let earlier = taken[base, default: 0]
            taken[base] = earlier + 1
            result[name] = earlier == 0 ? base : base + "-\(earlier + 1)"
        }
        return result
    }
}
