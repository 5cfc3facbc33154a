import DaichoCore
import Testing
@testable import DaichoRender

/// Documents rendered a section at a time, with sections kept from earlier documents, are the
/// documents rendered whole, byte for byte.
struct MarkdownSectionCacheTests {
    let renderer = MarkdownRenderer()

    /// Property: on random documents of every block kind cmark-gfm knows, cut anywhere a line starts
    /// with a heading (inside lists, quotes, tables and paragraphs too), with some sections shared
    /// between documents, the cached rendering equals the whole one.
    @Test func sectionsRenderAsTheWholeDocument() {
        var random = SplitMix(seed: 23)
        let blocks = [
            "段落の文 **強調** と *斜体* と `コード` と https://example.jp/a と www.example.jp",
            "続く行\nlazy な続き行", "- 項目一\n- 項目二\n\n- 離れた項目", "1. 一\n2. 二\n   - 入れ子",
            "> 引用\n> 続き\nlazy", "| 列 | 値 |\n|---|--:|\n| a | 1 |\n| b | 2 |", "| 表 | 続く |\n|---|---|\n| x | y |\n続く行",
            "# 大見出し", "### 小見出し", "見出し\n======", "見出し\n------", "***", "    字下げコード\n    二行目",
            "- 項目\n  ## 項目の中の見出し", "> ## 引用の中の見出し", "##見出しではない", "##", "## ", "\\## 文字",
            "~~取消~~ と ![図](x.png)", "改行\r\nCRLF の行\r\n", "【要記入】 の欄", "- [ ] 未\n- [x] 済",
            "&amp; &#x41; &copy;", "*開き", "項目\n## 直後の見出し", "  ## 字下げした見出し",
            "段落\n####### 七つは段落の続き", "###### 六つは見出し", "#\tタブの見出し", "#タグ",
        ]
        let unsafe = ["```\n## コード\n```", "~~~\n## x\n~~~", "<div>\n## x\n</div>", "[参照]: https://example.jp/r",
                      "[参照][r]", " <!-- 注 -->\n## x"]
        let sections = MarkdownSectionCache(capacity: 40)
        var cut = 0, documents = 0
        for round in 0..<600 {
            var parts: [String] = []
            for _ in 0..<Int(random.next() % 9) {
                let roll = random.next() % 10
                if roll < 3 {
                    // Few titles, so sections repeat.
                    parts.append(String(repeating: "#", count: 1 + Int(random.next() % 3)) + " 節\(random.next() % 4)")
                } else if roll == 3, round % 5 == 0 {
                    parts.append(unsafe[Int(random.next() % UInt64(unsafe.count))])
                } else {
                    parts.append(blocks[Int(random.next() % UInt64(blocks.count))])
                }
            }
            let separator = random.next() % 3 == 0 ? "\n" : "\n\n"
            let markdown = Array(parts.joined(separator: separator).utf8)
            documents += 1
            if (MarkdownSectionCache.cut(markdown)?.count ?? 0) > 1 { cut += 1 }
            let whole = renderer.htmlBytes(markdown)
            #expect(sections.html(markdown, renderer: renderer) == whole, "\(String(decoding: markdown, as: UTF8.self).debugDescription)")
        }
        // Not vacuous: most documents are cut, and sections come from the cache.
        #expect(cut * 2 > documents, "\(cut) of \(documents)")
        #expect(sections.hits > 100, "\(sections.hits)")
    }

    /// A clause every document has stays cached however many one-off sections pass through (the
    /// older generation hands it back to the newer); the one-off sections do not pile up.
    @Test func aSharedSectionOutlivesTheCapacity() {
        let sections = MarkdownSectionCache(capacity: 4)
        for index in 0..<50 {
            let markdown = "前文 \(index)\n## 共通\n共通の条項。\n## 固有 \(index)\n本文 \(index)\n## 別 \(index)\n"
            #expect(sections.html(Array(markdown.utf8), renderer: renderer) == renderer.htmlBytes(Array(markdown.utf8)))
        }
        #expect(sections.hits == 49)
    }

    /// Where a cut could change the HTML, the document is left whole.
    @Test func documentsThatReachAcrossAHeadingAreNotCut() {
        for markdown in ["```\n## コード\n```\n## 節", "~~~\n## x\n~~~\n## y", "<div>\n\n## x", "text\n  <p>\n## x",
                         "[r]: https://example.jp\n## 節\n[r]", "> <b>\n## x"] {
            #expect(MarkdownSectionCache.cut(Array(markdown.utf8)) == nil, "\(markdown.debugDescription)")
        }
        let cut = MarkdownSectionCache.cut(Array("前文\n## 一\n本文\n### 二\n####### 続き\n# 三\n".utf8))?
            .map { String(decoding: $0, as: UTF8.self) }
        #expect(cut == ["前文\n", "## 一\n本文\n", "### 二\n####### 続き\n", "# 三\n"])
    }
}
