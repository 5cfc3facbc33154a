import Testing
@testable import DaichoCore
@testable import DaichoRender

/// The guideline page's title comes before its contents, and the contents nest each chapter's
/// sections under it.
struct GuidelineContentsTests {
    @Test func theTitleIsSplitOffOnlyWhereTheBodyStartsWithIt() {
        #expect(SiteContext.splitTitle("<h1>題</h1>\n<h2>1. 章</h2>\n") == ("<h1>題</h1>", "<h2>1. 章</h2>\n"))
        #expect(SiteContext.splitTitle("\n <h1 id=\"t\">題 <em>x</em></h1><p>本文</p>") == ("<h1 id=\"t\">題 <em>x</em></h1>", "<p>本文</p>"))
        // No title, or one further down: no heading, the body whole.
        #expect(SiteContext.splitTitle("<p>前文</p><h1>題</h1>") == ("", "<p>前文</p><h1>題</h1>"))
        #expect(SiteContext.splitTitle("") == ("", ""))
        #expect(SiteContext.splitTitle("<h1>閉じていない") == ("", "<h1>閉じていない"))
        // Two titles: the first is split off, the second stays in the body.
        #expect(SiteContext.splitTitle("<h1>一</h1>\n<h1>二</h1>") == ("<h1>一</h1>", "<h1>二</h1>"))
    }

    @Test func sectionsNestUnderTheirChapter() async {
        let checked = await checkedSynthetic(count: 1, seed: 1)
        let analysis = Analyzer(policy: checked.project.policy).analyze(checked.validLedgers, organization: checked.project.organization, excluded: [])
        let context = SiteContext(project: checked.project, ledgers: checked.validLedgers, analysis: analysis, options: SiteOptions())
        // A section before the first chapter stands as a chapter of its own.
        let page = context.guidelinePage(markdown: "# 題\n\n### 前書き\n\n## 1. 章\n\n### 節A\n\n### 節B\n\n## 2. 章\n\n本文\n")
        #expect(page.chapters.map(\.title) == ["前書き", "1. 章", "2. 章"])
        #expect(page.chapters.map { $0.sections.map(\.title) } == [[], ["節A", "節B"], []])
        #expect(page.chapters.map(\.hasSections) == [false, true, false])
        #expect(page.toc.count == 5 && page.headingHTML == "<h1>題</h1>" && !page.contentHTML.contains("<h1"))
        #expect(page.body.contains("<h1>題</h1>"))
    }
}
