import DaichoCore
import DaichoRender
import Foundation
import Testing

/// The vendors' list and each vendor's page give the same total, and the list says why the
/// vendors' totals add up to more than the inventory's.
struct VendorTotalsTests {
    @Test func eachVendorsPageGivesTheTotalItsRowInTheListGives() async throws {
        let site = try await buildSite(Paths.fixture("small"))
        let index = site.text("vendors/index.html")
        #expect(index.contains("両方の事業者に数えています"))
        let rows = try Regex(#"<a href="([^"]+)">[^<]*</a></td>\s*<td class="num"[^>]*>\d+</td>\s*<td class="num" data-value="(\d+)">"#)
        var compared = 0
        for match in index.matches(of: rows) {
            guard let href = match.output[1].substring, let value = match.output[2].substring, let yen = Int(value) else { continue }
            // Links from vendors/index.html lead up to the root and down again.
            let page = site.text(String(href).replacing("../", with: ""))
            #expect(!page.isEmpty, "\(href)")
            #expect(page.contains("<dt>年額換算</dt><dd>\(YenFormat.yen(yen, .ja))</dd>"), "\(href)")
            compared += 1
        }
        #expect(compared >= 2)
    }
}
