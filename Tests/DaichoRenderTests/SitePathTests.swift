@testable import DaichoRender
import Testing

/// The error page links from the path of `site.base_url`, never naming its host.
struct SitePathTests {
    @Test func theSitesPathOfABaseURL() {
        #expect(SiteContext.sitePath("/") == "/")
        #expect(SiteContext.sitePath("/daicho") == "/daicho/")
        #expect(SiteContext.sitePath("https://intra.example.lg.jp/daicho/") == "/daicho/")
        #expect(SiteContext.sitePath("https://intra.example.lg.jp") == "/")
        #expect(SiteContext.sitePath("http://host:8080/a/b") == "/a/b/")
    }

    /// A sitemap's addresses are ASCII: a Japanese folder or a space in `base_url` is
    /// percent-encoded (UTF-8 bytes), and what is ASCII already is kept.
    @Test func sitemapAddressesArePercentEncoded() {
        let xml = Sitemap.xml(paths: ["index.html", "404.html", "systems/a/index.html", "data/systems.json"],
                              baseURL: "https://example.jp/台帳 x/")
        // 台 = E5 8F B0, 帳 = E5 B8 B3, space = 20.
        #expect(xml.contains("<loc>https://example.jp/%E5%8F%B0%E5%B8%B3%20x/index.html</loc>"))
        #expect(xml.contains("<loc>https://example.jp/%E5%8F%B0%E5%B8%B3%20x/systems/a/index.html</loc>"))
        #expect(!xml.contains("404.html") && !xml.contains("systems.json"))
        #expect(Sitemap.percentEncoded("/daicho/%E5?a=1&b") == "/daicho/%E5?a=1&b")
    }
}
