import Testing
@testable import DaichoRender

/// The outline names a template's wrong key by line and column: tags are found as bytes, and the
/// columns still count characters, so Japanese text before a tag does not shift them.
struct TemplateOutlineTests {
    @Test func tagsKeepTheirLinesAndColumnsAfterJapaneseText() throws {
        // Line 1: 「所管課」 and a space are four characters (twelve bytes and one), so the tag is at 5.
        let outline = try TemplateOutline(parsing: "所管課 {{department}}\r\n  {{#rows}}{{{name}}}{{/rows}}\n{{! 注記 }}{{> part}}")
        #expect(outline.nodes.count == 3)
        guard case .variable(let name, let line, let column, let raw) = outline.nodes[0], !raw else {
            Issue.record("not a variable")
            return
        }
        #expect((name, line, column) == ("department", 1, 5))
        guard case .section(let section, let sectionLine, let sectionColumn, let inverted, let children, _) = outline.nodes[1]
        else {
            Issue.record("not a section")
            return
        }
        #expect((section, sectionLine, sectionColumn, inverted) == ("rows", 2, 3, false))
        // {{#rows}} takes columns 3 to 11, so the triple tag starts at 12.
        guard case .variable(let inner, let innerLine, let innerColumn, let innerRaw) = children.first, innerRaw else {
            Issue.record("no child")
            return
        }
        #expect((inner, innerLine, innerColumn) == ("name", 2, 12))
        // 「{{! 注記 }}」 is nine characters: the partial starts at 10.
        guard case .partial(let partial, let partialLine, let partialColumn) = outline.nodes[2] else {
            Issue.record("not a partial")
            return
        }
        #expect((partial, partialLine, partialColumn) == ("part", 3, 10))
    }

    /// A tag left unclosed before the next one opens is reported at itself, not lines on where a
    /// closer happens to be found.
    @Test(arguments: ["一\n<h1>{{name <small>{{id}}</small>\n{{#a}}{{/a}}", "一\n<h1>{{{name}}\n{{#a}}x{{/a}}}}}"])
    func aTagUnclosedBeforeTheNextIsPlacedAtItself(text: String) {
        do {
            _ = try TemplateOutline(parsing: text)
            Issue.record("an unclosed tag must be refused")
        } catch {
            guard case .problem(let line, let column, let message) = error else { return }
            #expect((line, column) == (2, 5), "\(message)")
            #expect(message.hasPrefix("タグが閉じられていません"))
        }
    }

    @Test func anUnclosedTagIsPlacedWhereItOpens() {
        do {
            _ = try TemplateOutline(parsing: "一行目\n二行目 {{name")
            Issue.record("an unclosed tag must be refused")
        } catch {
            guard case .problem(let line, let column, let message) = error else { return }
            #expect((line, column) == (2, 5))
            #expect(message.contains("}}"))
        }
    }
}

/// A template that cannot be read says where, and its hint is about the writing, not about the
/// names a template may use (which is what a name it does not know is told).
struct TemplateSyntaxHintTests {
    @Test(arguments: ["<p>{{#page.broken}}</p>", "<p>{{name</p>", "{{#a}}{{/b}}"])
    func aSyntaxErrorGetsTheSyntaxHint(text: String) throws {
        do {
            _ = try TemplateSet([TemplateSource(name: "t", path: "layouts/t.mustache", text: text, kind: .html)])
            Issue.record("expected a syntax error for \(text)")
        } catch {
            let diagnostic = error.diagnostic
            #expect(diagnostic.location.file == "layouts/t.mustache")
            #expect(diagnostic.message.ja.hasPrefix("テンプレートの書き方の誤り"), "\(diagnostic.message.ja)")
            #expect(diagnostic.hint == TemplateError.syntaxHint)
        }
    }
}
