@testable import DaichoRender
import DaichoCore
import Testing

/// A ledger's plain text placed into Markdown never becomes a link, GFM's autolinks included.
struct PlainTextAutolinkTests {
    @Test(arguments: ["https://evil.example/x", "概要は http://evil.example を参照", "WWW.evil.example", "ftp://x.example", "www.evil\\.example"])
    func anAddressInPlainTextStaysText(text: String) {
        let html = MarkdownRenderer().html(MarkdownText.escape(text))
        #expect(!html.contains("<a "), "\(text) → \(html)")
        // The text reads as written.
        #expect(html.contains(text), "\(text) → \(html)")
    }

    @Test func textWithoutAddressesIsLeftAlone() {
        #expect(MarkdownText.escape("住民記録 www 2019.4") == "住民記録 www 2019.4")
        #expect(MarkdownText.escape("a://b") == "a\\://b")
    }
}
