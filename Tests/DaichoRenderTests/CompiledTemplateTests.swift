import Mustache
import Testing
@testable import DaichoRender

/// The compiled renderer against swift-mustache on the rules a template author meets: standalone
/// lines, indented partials, sections over lists, flags, optionals and objects, dotted and anchored
/// names, comments, pragmas, line endings. (The site test compares every real page as well.)
struct CompiledTemplateTests {
    struct Row {
        var name: String
        var note: String?
        var count: Int
        var tags: [String]
    }

    nonisolated(unsafe) static let model: [String: Any] = [
        "title": "台帳 <一覧> & \"引用\" 'x'",
        "empty": [String](),
        "rows": [
            Row(name: "住民記録", note: nil, count: 3, tags: ["基幹", "LGWAN"]),
            Row(name: "税務", note: "注記", count: 0, tags: []),
        ],
        "flag": true,
        "off": false,
        "missing": String?.none as Any,
        "nested": ["inner": ["deep": "深い"], "title": "内側"],
        "number": 42,
    ]

    static let partials: [String: String] = [
        "item": "<li>{{name}}</li>\n<li>{{count}}</li>\n",
        "block": "{{#rows}}\n  {{name}}\n{{/rows}}\n",
    ]

    static let cases: [String] = [
        "<h1>{{title}}</h1>\n{{{title}}}\n{{& title}}\n",
        "{{#rows}}\n  <p>{{name}} {{count}} {{note}}</p>\n{{/rows}}\n",
        "  {{#flag}}\n  yes\n  {{/flag}}\n  {{^off}}\n  no\n  {{/off}}\n",
        "{{#rows}}{{#tags}}[{{.}}]{{/tags}}{{^tags}}(none){{/tags}}{{/rows}}\n",
        "<ul>\n  {{> item}}\n</ul>\n{{#rows}}\n    {{> item}}\n{{/rows}}\n",
        "  {{> block}}\nend\n",
        "{{nested.inner.deep}} {{#nested}}{{title}} {{.title}} {{inner.deep}}{{/nested}} {{nested.nope.deep}}\n",
        "{{! a comment }}\n  {{! standalone }}\nA {{! inline }} B\n{{missing}}|{{#missing}}shown{{/missing}}|{{^missing}}inverse{{/missing}}\n",
        "{{#empty}}never{{/empty}}{{^empty}}empty {{.}}{{/empty}}\n",
        "line\r\n  {{#flag}}\r\n  crlf\r\n  {{/flag}}\r\nend",
        "{{% CONTENT_TYPE: TEXT}}\n{{title}}\n{{number}} {{unknown}}\n   ",
        "{{#rows}}{{name}}{{#note}}:{{.}}{{/note}}, {{/rows}}trailing {not a tag} { {{flag}}\n  \n",
        "{{#nested}}\n{{#inner}}\n{{deep}} {{title}} {{number}}\n{{/inner}}\n{{/nested}}\n",
    ]

    @Test func rendersAsSwiftMustacheDoes() throws {
        let contentTypes: [String: CompiledTemplate.Escaping] = ["HTML": .html, "TEXT": .none]
        for source in Self.cases {
            var compiled: [String: CompiledTemplate] = [:]
            var library: [String: MustacheTemplate] = [:]
            for (name, text) in Self.partials.merging(["page": source], uniquingKeysWith: { a, _ in a }) {
                compiled[name] = try #require(CompiledTemplate(text, contentTypes: contentTypes), "\(name)")
                library[name] = try MustacheTemplate(string: text)
            }
            let expected = MustacheLibrary(templates: library).render(Self.model, withTemplate: "page") ?? ""
            let actual = String(decoding: try #require(CompiledTemplate.render("page", Self.model, templates: compiled)), as: UTF8.self)
            #expect(actual == expected, "template: \(source.debugDescription)")
        }
    }

    /// What the compiled renderer leaves to swift-mustache: the template set falls back for all.
    @Test func unsupportedTagsAreLeftToSwiftMustache() {
        for source in ["{{=<% %>=}}", "{{<parent}}{{/parent}}", "{{$block}}x{{/block}}", "{{> *dynamic}}",
                       "{{uppercased(name)}}", "{{#first()}}x{{/first()}}", "{{#open}}", "{{/close}}", "{{% CONTENT_TYPE: NOPE}}"] {
            #expect(CompiledTemplate(source, contentTypes: ["HTML": .html]) == nil, "\(source)")
        }
    }

    /// A quote followed by a combining mark is one character to swift-mustache, which then leaves
    /// the quote unescaped; escaping bytes closes that hole (an attribute could be broken out of).
    @Test func combiningMarksCannotSmuggleAQuote() throws {
        let template = try #require(CompiledTemplate("<a title=\"{{value}}\">", contentTypes: ["HTML": .html]))
        let bytes = try #require(CompiledTemplate.render("t", ["value": "\"\u{301} onmouseover=x \"<\u{301}"], templates: ["t": template]))
        #expect(String(decoding: bytes, as: UTF8.self) == "<a title=\"&quot;\u{301} onmouseover=x &quot;&lt;\u{301}\">")
    }
}
