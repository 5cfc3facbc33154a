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
}
