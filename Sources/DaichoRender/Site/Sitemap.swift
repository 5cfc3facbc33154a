/// `sitemap.xml` of the HTML pages, under `site.base_url`.
enum Sitemap {
    static func xml(paths: [String], baseURL: String) -> String {
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                     "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"]
        for path in paths.sorted() where path.hasSuffix(".html") && path != "404.html" {
            lines.append("  <url><loc>\(HTML.escape(base + path))</loc></url>")
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }
}
