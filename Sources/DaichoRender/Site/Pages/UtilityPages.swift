import DaichoCore

struct SimplePage: Sendable {
    var page: PageFrame
}

struct DataPage: Sendable {
    struct File: Sendable {
        var href: String
        var name: String
        var description: String
    }

    var page: PageFrame
    var files: [File]
}

extension SiteContext {
    func searchPage() -> SimplePage {
        let path = SiteSection.search.path
        return SimplePage(page: frame(path: path, title: t("search"), section: .search, crumbs: [(path, t("search"))],
                                      scripts: ["assets/search-index.js", "assets/search.js"]))
    }

    /// A server sends this page for a missing address at any depth (`/systems/x/y.html`): its
    /// links start from the path of the site's address (`site.base_url`; `/` under `serve`), not
    /// from where the page is. A path, not the whole URL: the page never names another host.
    func notFoundPage() -> SimplePage {
        SimplePage(page: frame(path: "404.html", title: t("notFound"), section: nil,
                               root: options.liveReloadURL != nil ? "/" : Self.sitePath(project.site.baseURL)))
    }

    /// The path of a base URL, ending with `/`: `https://host/daicho` → `/daicho/`.
    static func sitePath(_ base: String) -> String {
        var path = Substring(base)
        if let scheme = path.range(of: "://") {
            let rest = path[scheme.upperBound...]
            path = rest.firstIndex(of: "/").map { rest[$0...] } ?? "/"
        }
        return path.hasSuffix("/") ? String(path) : path + "/"
    }

    func dataPage() -> DataPage {
        let path = SiteSection.data.path
        let frame = frame(path: path, title: t("data"), section: .data, crumbs: [(path, t("data"))])
        return DataPage(page: frame, files: [
            .init(href: "analysis.json", name: "analysis.json",
                  description: t("集計結果（analysis-v1 の形式）", "The analysis (analysis-v1 format)")),
            .init(href: "systems.json", name: "systems.json",
                  description: t("全システムの台帳（JSON）", "Every ledger (JSON)")),
            .init(href: "systems.csv", name: "systems.csv",
                  description: t("システム一覧（CSV、UTF-8 BOM 付き。Excel でそのまま開けます）",
                                 "Systems table (CSV, UTF-8 with BOM, opens in Excel)")),
        ])
    }
}
