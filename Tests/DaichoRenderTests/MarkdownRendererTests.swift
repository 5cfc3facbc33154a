import DaichoCore
import Testing
@testable import DaichoRender

struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    @Test func rendersGFMTables() {
        let html = renderer.html("| 項目 | 値 |\n|---|---:|\n| 利用者 | 120 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<th scope=\"col\">項目</th>"))
        #expect(html.contains("<td align=\"right\">120</td>"))
    }

    /// Header cells are column headers for screen readers, aligned or not; `<thead>`, text that
    /// reads like the tag, and a table without a header cell's tag are left as they are.
    @Test func tableHeaderCellsAreColumnHeaders() {
        let html = renderer.html("| 項目 | 値 |\n|:---|---:|\n| `<th>` | &lt;th&gt; |\n")
        #expect(html.contains("<thead>\n<tr>\n<th scope=\"col\" align=\"left\">項目</th>\n<th scope=\"col\" align=\"right\">値</th>"), "\(html)")
        #expect(html.contains("<td align=\"left\"><code>&lt;th&gt;</code></td>"), "\(html)")
        #expect(!html.contains("<thead "))
        let plain = Array("<p>a <thead></p>".utf8)
        #expect(MarkdownRenderer.headerCellsScoped(plain) == plain)
        #expect(MarkdownRenderer.headerCellsScoped(Array("<th".utf8)) == Array("<th".utf8))
        #expect(String(decoding: MarkdownRenderer.headerCellsScoped(Array("<th><th>".utf8)), as: UTF8.self)
            == "<th scope=\"col\"><th scope=\"col\">")
    }

    @Test func autolinksAndStrikethrough() {
        let html = renderer.html("詳細は https://www.example.jp/a を参照。~~旧~~")
        #expect(html.contains("<a href=\"https://www.example.jp/a\">"))
        #expect(html.contains("<del>旧</del>"))
    }

    @Test func rawHTMLAndScriptLinksAreDropped() {
        let html = renderer.html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("javascript:"))
    }

    /// A link cmark-gfm refuses is its text, not a link to nowhere; an image to such an address too.
    @Test func refusedLinksAreText() {
        #expect(renderer.html("[x](javascript:alert(1)) と [y](https://example.jp) ![z](VBScript:x)\n\n[r]: file:///etc\n\n[r]")
            == "<p>x と <a href=\"https://example.jp\">y</a> z</p>\n<p>r</p>\n")
        for text in ["javascript:", "a JAVASCRIPT:x", "file:", "Data:"] { #expect(MarkdownRenderer.mayHaveRefusedLink(Array(text.utf8)), "\(text)") }
        for text in ["https://x", "script", "a : b", ":data", "metadata"] { #expect(!MarkdownRenderer.mayHaveRefusedLink(Array(text.utf8)), "\(text)") }
    }

    /// cmark decodes entities and backslash escapes in an address before it refuses the scheme:
    /// such a link is its text too, not `<a href="">`.
    @Test func encodedRefusedLinksAreText() {
        for link in ["javascript&#58;alert(1)", "javascript&colon;alert(1)", "java&#115;cript:alert(1)", "javascript\\:alert(1)",
                     "&#x64;ata:text/html,x"] {
            let html = renderer.html("[押す](\(link)) と [y](https://example.jp)")
            #expect(html == "<p>押す と <a href=\"https://example.jp\">y</a></p>\n", "\(link): \(html)")
        }
        #expect(renderer.html("A&amp;B [y](https://example.jp)") == "<p>A&amp;B <a href=\"https://example.jp\">y</a></p>\n")
    }

    @Test func imagesBecomeLinksSoNothingLoadsFromOutside() {
        let html = renderer.html("![構成図](https://example.jp/a.png \"図\") and ![x](data:image/png;base64,AAAA)")
        #expect(!html.contains("<img"))
        #expect(html.contains("<a href=\"https://example.jp/a.png\" title=\"図\">構成図</a>"))
    }

    /// The tree is walked for images only when the text has `![`; every image syntax has it.
    @Test func imagesAreLookedForWhereTheyCanBe() {
        for text in ["![a](b)", "x ![a][ref]\n\n[ref]: https://example.jp/a.png", "!!![", "注意！![図](a.png)"] {
            #expect(MarkdownRenderer.mayHaveImages(Array(text.utf8)), "\(text)")
        }
        for text in ["", "!", "注意!", "! [a](b)", "[a](b)!", "!\\[a](b)"] {
            #expect(!MarkdownRenderer.mayHaveImages(Array(text.utf8)), "\(text)")
            #expect(!renderer.html(text).contains("<img"))
        }
        // A reference-style image still becomes a link.
        let html = renderer.html("![図][r]\n\n[r]: https://example.jp/a.png")
        #expect(!html.contains("<img") && html.contains("<a href=\"https://example.jp/a.png\">図</a>"))
    }
}

/// The parser's blocks come from a per-thread arena, reset after each document: documents rendered
/// one after another, and on several threads at once, must not see each other's memory.
struct MarkdownArenaTests {
    let renderer = MarkdownRenderer()

    /// Large documents (a chunk of the arena and more), then small ones, then the large again,
    /// with images (their links come from the arena too): each always renders the same.
    @Test func documentsInARowRenderAsAlone() {
        let table = "| 項目 | 値 |\n|---|---:|\n" + (0..<2_000).map { "| 行\($0) | \($0 * 7) |" }.joined(separator: "\n") + "\n"
        let long = String(repeating: "長い段落の文です。**強調** と `コード` と [リンク](https://example.jp/\(1)) ", count: 20_000)
        let nested = String(repeating: "> ", count: 200) + "深い引用\n" + String(repeating: "[", count: 50_000)
        let images = (0..<300).map { "![図\($0)](https://example.jp/\($0).png)" }.joined(separator: " ")
        let documents = [table, "短い *文*", long, images, nested, "", "~~旧~~ https://example.jp/x"]
        let alone = documents.map { renderer.html($0) }
        #expect(alone[0].contains("<td align=\"right\">13993</td>"))
        #expect(alone[3].contains("<a href=\"https://example.jp/299.png\">図299</a>") && !alone[3].contains("<img"))
        #expect(alone[2].count > 1_000_000)
        for round in 0..<3 {
            for (index, document) in documents.enumerated().reversed() where (index + round) % 2 == 0 || round == 2 {
                #expect(renderer.html(document) == alone[index], "document \(index), round \(round)")
            }
        }
    }

    /// Many documents on all cores at once give what they give one at a time.
    @Test func documentsOnSeveralThreadsRenderAsAlone() {
        let documents = (0..<64).map { index in
            "# 見出し\(index)\n\n| a | b |\n|---|---|\n" + (0..<(index * 13 % 120)).map { "| \($0) | ~~\(index)~~ |" }.joined(separator: "\n")
                + "\n\n" + String(repeating: "本文 \(index) ![図](x\(index).png) ", count: index * 37 % 150)
        }
        let renderer = self.renderer
        let alone = documents.map { renderer.html($0) }
        let together = Concurrently.map(documents.count * 3) { renderer.html(documents[$0 % documents.count]) }
        for (index, html) in together.enumerated() {
            #expect(html == alone[index % documents.count], "document \(index % documents.count)")
        }
    }
}

/// cmark-gfm's table of special characters is process-wide: parses on several threads must not
/// undo each other's strikethrough and autolinks (without the care in `MarkdownRenderer`, half of
/// these renders lost their `<del>`).
struct MarkdownConcurrencyTests {
    @Test func strikethroughAndAutolinksSurviveParsesOnOtherThreads() {
        let renderer = MarkdownRenderer()
        let struck = (0..<200).map { "段落 \($0) ~~旧\($0)~~ と https://example.jp/\($0) と www.example.jp" }.joined(separator: "\n\n")
        let plain = (0..<200).map { "段落 \($0) **強調** と https://example.jp/\($0) と www.example.jp" }.joined(separator: "\n\n")
        // Documents with a `~` beside each other too: they share the table's entry for it.
        let documents = [struck, plain, "~~" + struck]
        let alone = documents.map { renderer.html($0) }
        #expect(alone[0].contains("<del>旧199</del>") && alone[0].contains("<a href=\"http://www.example.jp\">"))
        #expect(alone[1].contains("<a href=\"https://example.jp/199\">"))
        let differing = Concurrently.map(600) { renderer.html(documents[$0 % 3]) == alone[$0 % 3] ? 0 : 1 }.reduce(0, +)
        #expect(differing == 0, "\(differing) of 600 renders differ from the document rendered alone")
    }
}

/// The byte search documents and Markdown use, against the plain definition on random bytes.
struct ByteSearchTests {
    @Test func findsTheFirstPlaceAtOrAfterTheStart() {
        var random = SplitMix(seed: 5)
        // A small alphabet, so needles occur, overlap and nearly occur; its bytes are common and rare
        // alike, so the byte searched for first is at every place of the needle.
        let alphabet: [UInt8] = [0x61, 0xE3, 0x31]
        var pivots: Set<Int> = []
        for _ in 0..<4000 {
            let bytes = (0..<Int(random.next() % 40)).map { _ in alphabet[Int(random.next() % 3)] }
            let needle = (0..<Int(1 + random.next() % 4)).map { _ in alphabet[Int(random.next() % 3)] }
            pivots.insert(ByteSearch.rarestPlace(in: needle))
            let start = Int(random.next() % 45)
            let expected = start > bytes.count ? nil : (start...max(start, bytes.count)).first { index in
                index + needle.count <= bytes.count && Array(bytes[index..<index + needle.count]) == needle
            }
            #expect(ByteSearch.firstIndex(of: needle, in: bytes, from: start) == expected, "\(bytes) \(needle) \(start)")
        }
        #expect(pivots == [0, 1, 2, 3])
        #expect(ByteSearch.firstIndex(of: [], in: [1, 2], from: 0) == nil)
        #expect(ByteSearch.firstIndex(of: Array("【要記入】".utf8), in: Array("本文【要記入】".utf8)) == 6)
    }
}

/// Ledger values as the drafts' list items: each stays one item of plain text.
@Test func valuesStayListItems() {
    let values = ["認定審査", "---", "___", "    字下げ", "_強調_ テキスト", "- 項目", "1. 番号", "<b>b</b>", "* * *", "訪問調査"]
    let html = MarkdownRenderer().html(values.map { "- " + MarkdownText.escape($0) }.joined(separator: "\n") + "\n")
    #expect(html == "<ul>\n" + ["認定審査", "---", "___", "字下げ", "_強調_ テキスト", "- 項目", "1. 番号", "&lt;b&gt;b&lt;/b&gt;", "* * *", "訪問調査"]
        .map { "<li>\($0)</li>\n" }.joined() + "</ul>\n", "\(html)")
}

/// A ledger's Markdown placed inside a draft's Markdown (`MarkdownRenderer.contained`).
struct ContainedMarkdownTests {
    let renderer = MarkdownRenderer()

    /// The draft's next section after the ledger's text, as HTML.
    func followed(_ purpose: String) -> (markdown: String, html: String) {
        let contained = renderer.contained(purpose, headingsBelow: 3)
        return (contained, renderer.html("### 2.1 目的\n\n" + contained + "\n\n### 2.2 次の節\n\n本文\n"))
    }

    @Test(arguments: ["母子アプリ。\n\n```\n閉じないコードブロック\n", "HP\n\n~~~\n", "a\n\n    字下げ\n", "> 引用\n>\n> - 項目\n",
                      "- 項目\n  - 入れ子\n", "| a | b |\n|---|---|\n| 1 | 2 |\n"])
    func whatTheTextOpensItCloses(purpose: String) {
        let (_, html) = followed(purpose)
        #expect(html.contains("<h3>2.2 次の節</h3>\n<p>本文</p>"), "\(html)")
    }

    @Test func rawHTMLBecomesText() {
        let (markdown, html) = followed("例規集\n\n<!-- 行頭の閉じないコメント\n\n<script>alert(1)</script> と <b>太字</b>\n")
        #expect(html.contains("<h3>2.2 次の節</h3>"), "\(html)")
        #expect(html.contains("&lt;!-- 行頭の閉じないコメント"), "\(html)")
        #expect(html.contains("&lt;b&gt;太字&lt;/b&gt;"), "\(html)")
        #expect(!html.contains("raw HTML omitted"), "\(html)")
        #expect(markdown == "例規集\n\n\\<\\!-- 行頭の閉じないコメント\n\n\\<script\\>alert(1)\\</script\\> と \\<b\\>太字\\</b\\>",
                "\(markdown.debugDescription)")
        // The draft's HTML takes out the template's comments alone.
        let page = String(decoding: DocumentHTML.strippingComments(Array(("<!-- 編集者へ: 下書き -->\n# RFI\n\n" + markdown
            + "\n\n```\n<!-- コード\n```\n\n<!-- 根拠: 台帳 -->\n## 次\n").utf8)), as: UTF8.self)
        #expect(page == "# RFI\n\n" + markdown + "\n\n```\n<!-- コード\n```\n\n## 次\n", "\(page)")
        // A comment line inside a ledger's code fence is the code's, closed or not.
        let fenced = "<!-- 編集者へ -->\n~~~~\n<!-- x -->\n```\n<!-- y -->\n~~~~\n<!-- 根拠 -->\n本文\n"
        #expect(DocumentHTML.strippingComments(fenced) == "~~~~\n<!-- x -->\n```\n<!-- y -->\n~~~~\n本文\n")
        // A fence closed by a line with trailing spaces; a backtick line with a backtick after it is no fence.
        #expect(DocumentHTML.strippingComments("```\n<!-- x -->\n```  \n<!-- 根拠 -->\n本文\n") == "```\n<!-- x -->\n```  \n本文\n")
        #expect(DocumentHTML.strippingComments("```a`b\n<!-- 根拠 -->\n本文\n") == "```a`b\n本文\n")
    }

    @Test func refusedLinksBecomeTheirTextAndImagesLinks() {
        let markdown = renderer.contained("[クリック](javascript:alert(4)) [d](DATA:text/html;base64,AA) [ok](https://example.jp/a) "
                                          + "![図](https://example.jp/a.png) ![x](vbscript:msgbox)\n\n[r]: file:///etc/passwd\n\n参照 [r]", headingsBelow: 3)
        #expect(markdown == "クリック d [ok](https://example.jp/a) [図](https://example.jp/a.png) x\n\n参照 r", "\(markdown)")
    }

    @Test func headingsMoveDownAndTextStaysTheSame() {
        #expect(renderer.contained("# 目的\n\n住民の記録を管理する。\n\n目的\n===\n\n###### 深い", headingsBelow: 3)
            == "#### 目的\n\n住民の記録を管理する。\n\n#### 目的\n\n###### 深い")
        #expect(renderer.contained("住民記録システム（https://example.jp）を使う。\n2行目", headingsBelow: 3)
            == "住民記録システム（https://example.jp）を使う。\n2行目")
        #expect(renderer.contained("", headingsBelow: 3) == "")
    }

    /// Plain text is left as written, without a parse; anything Markdown reads is not plain.
    @Test func plainTextIsLeftAsItIs() {
        #expect(renderer.contained("住民の記録を管理する。\n二行目  \n\n", headingsBelow: 3) == "住民の記録を管理する。\n二行目  ")
        #expect(MarkdownRenderer.isPlainText(Array("住民の記録（全件）を管理する。".utf8)))
        for text in ["  字下げ", "\t字下げ", "1. 手順", "a_b", "<b>", "a\n    code", "見出し\n---", "[x]", "a~b"] {
            #expect(!MarkdownRenderer.isPlainText(Array(text.utf8)), "\(text)")
        }
    }

    @Test(arguments: ["javascript:x", "JavaScript:x", "data:image/png;base64,AA", "file:///a", "vbscript:x"])
    func refusedAddresses(url: String) { #expect(MarkdownRenderer.refusedLink(url)) }

    @Test(arguments: ["https://example.jp", "mailto:a@example.jp", "a/b:c", "#x", "?q=javascript:", "", "javascript"])
    func allowedAddresses(url: String) { #expect(!MarkdownRenderer.refusedLink(url)) }
}
