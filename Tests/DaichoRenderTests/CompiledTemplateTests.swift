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
        "table": "<p>{{table.caption}}</p>\n{{{table.html}}}\n",
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

    /// The same values as `model`, as view models: the compiled renderer takes them by their
    /// typed fields (`TemplateValue`), swift-mustache by `child(named:)`.
    struct TypedRow: TemplateModel {
        var name: String, note: String?, count: Int, tags: [String]
        static let fields: FieldTable<Self> = [
            "name": .field { $0.name }, "note": .field { $0.note }, "count": .field { $0.count }, "tags": .field { $0.tags },
        ]
    }

    struct TypedInner: TemplateModel {
        var deep: String
        static let fields: FieldTable<Self> = ["deep": .field { $0.deep }]
    }

    struct TypedNested: TemplateModel {
        var inner: TypedInner, title: String
        static let fields: FieldTable<Self> = ["inner": .field { $0.inner }, "title": .field { $0.title }]
    }

    struct TypedModel: TemplateModel {
        var title: String, empty: [String], rows: [TypedRow], flag: Bool, off: Bool, missing: String?
        var nested: TypedNested, number: Int, labels: [String: String], markup: HTMLBytes, table: SubTable
        var lazyRows: LazyModels<TypedRow>, noRows: LazyModels<TypedRow>
        static let fields: FieldTable<Self> = [
            "table": .field { $0.table }, "lazyRows": .field { $0.lazyRows }, "noRows": .field { $0.noRows },
            "title": .field { $0.title }, "empty": .field { $0.empty }, "rows": .field { $0.rows }, "flag": .field { $0.flag },
            "off": .field { $0.off }, "missing": .field { $0.missing }, "nested": .field { $0.nested },
            "number": .field { $0.number }, "labels": .field { $0.labels }, "markup": .field { $0.markup },
        ]
    }

    static let typedModel = TypedModel(
        title: "台帳 <一覧> & \"引用\" 'x'", empty: [],
        rows: [TypedRow(name: "住民記録", note: nil, count: 3, tags: ["基幹", "LGWAN"]), TypedRow(name: "税務", note: "注記", count: 0, tags: [])],
        flag: true, off: false, missing: nil, nested: TypedNested(inner: TypedInner(deep: "深い"), title: "内側"), number: 42,
        labels: ["gaps": "課題 <&>", "none": ""], markup: HTMLBytes(bytes: Array("<b>太字</b>".utf8)),
        table: SubTable(caption: "連携 <&>", headers: ["名称", "相手"], count: 2) { ["<a href=\"#\($0)\">行\($0)</a>", "—"] },
        lazyRows: LazyModels(count: 3, id: { "r\($0)" }) { TypedRow(name: "行<\($0)>", note: $0 == 1 ? "注" : nil, count: $0, tags: ["t\($0)"]) },
        noRows: LazyModels(count: 0, id: { "r\($0)" }) { _ in TypedRow(name: "", note: nil, count: 0, tags: []) })

    static let typedCases = cases + [
        "{{labels.gaps}} {{#labels}}{{gaps}} {{title}}{{/labels}}{{^labels}}never{{/labels}} {{labels}}\n",
        "{{{markup}}} {{markup}} {{#markup}}{{title}}{{/markup}} {{rows}} {{flag}} {{#number}}{{.}}{{/number}}\n",
        "{{#rows}}{{#tags}}{{name}}:{{.}} {{/tags}}{{/rows}} {{#nested.inner}}{{deep}} {{nested.title}}{{/nested.inner}}\n",
        // A table's markup is written into the page as it renders (`HTMLWriter`): raw, escaped,
        // as a section, inside an indented partial, and its rows as a template would lay them out.
        "{{{table.html}}}{{table.html}}|{{#table.html}}{{title}}{{/table.html}}|{{table.rowCount}}\n",
        "<div>\n  {{> table}}\n</div>\n{{#table.rows}}<tr>{{#.}}<td>{{{.}}}</td>{{/.}}</tr>{{/table.rows}}\n",
        // Rows made as the section reaches them (`LazyModels`), as a list of models.
        "{{#lazyRows}}\n  <li>{{name}} {{count}}{{#note}} {{.}}{{/note}}{{#tags}}[{{.}}]{{/tags}} {{title}}</li>\n{{/lazyRows}}{{^lazyRows}}none{{/lazyRows}}\n",
        // An empty one pushed by an inverted section answers for none of its own parts.
        "{{^noRows}}none of {{number}} {{title}}{{/noRows}}{{#noRows}}never{{/noRows}}\n",
    ]

    @Test func rendersAsSwiftMustacheDoes() throws {
        try compareWithSwiftMustache(Self.cases, Self.model)
    }

    @Test func viewModelsRenderAsSwiftMustacheDoes() throws {
        try compareWithSwiftMustache(Self.typedCases, Self.typedModel)
    }

    private func compareWithSwiftMustache(_ cases: [String], _ model: Any) throws {
        let contentTypes: [String: CompiledTemplate.Escaping] = ["HTML": .html, "TEXT": .none]
        for source in cases {
            var compiled: [String: CompiledTemplate] = [:]
            var library: [String: MustacheTemplate] = [:]
            for (name, text) in Self.partials.merging(["page": source], uniquingKeysWith: { a, _ in a }) {
                compiled[name] = try #require(CompiledTemplate(text, contentTypes: contentTypes), "\(name)")
                library[name] = try MustacheTemplate(string: text)
            }
            let expected = MustacheLibrary(templates: library).render(model, withTemplate: "page") ?? ""
            let actual = String(decoding: try #require(CompiledTemplate.render("page", model, templates: compiled)?.bytes), as: UTF8.self)
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

    /// The compiled renderer names the first name it found nowhere on the stack (after a
    /// template's first page the checker no longer walks, and this is what still catches a typo).
    @Test func namesTheFirstNameFoundNowhere() throws {
        func missing(_ source: String) throws -> String? {
            let template = try #require(CompiledTemplate(source, contentTypes: ["HTML": .html]))
            let others = try #require(CompiledTemplate("{{title}}", contentTypes: ["HTML": .html]))
            return try #require(CompiledTemplate.render("t", Self.model, templates: ["t": template, "known": others])).missing
        }
        #expect(try missing("{{title}} {{#rows}}{{name}}{{nmae}}{{/rows}} {{nested.nope}}") == "nmae")
        #expect(try missing("{{nested.inner.deep}} {{nested.nope}} {{#off}}{{never}}{{/off}}") == "nested.nope")
        #expect(try missing("{{^flag}}{{titel}}{{/flag}}{{#tlte}}x{{/tlte}}") == "tlte")
        #expect(try missing("{{> known}}{{> unknown}}") == "unknown")
        // Under a nil optional a name is nil, not missing; inside a section the outer names are found.
        let clean = try missing("{{missing.deep}} {{#rows}}{{title}}{{note}}{{#tags}}{{.}}{{count}}{{/tags}}{{/rows}} {{> known}}")
        #expect(clean == nil)
    }

    /// After a template's first page only what renders is checked, and a typo in a section that
    /// the first page left out still fails the build, at its line and column. (Over a list of
    /// plain dictionaries, whose names no declared type tells: see `emptySectionsAreCheckedByTheirDeclaredType`.)
    @Test func aTypoInASectionALaterPageEntersIsReported() throws {
        var set = try TemplateSet([TemplateSource(name: "t", path: "layouts/t.mustache",
                                                  text: "{{title}}\n{{#items}}\n  {{titel}}\n{{/items}}\n", kind: .html)])
        set.checksEveryPage = false
        #expect(try set.render("t", ["title": "一", "items": [] as [Any]] as [String: Any]) == "一\n")
        #expect(try set.render("t", ["title": "二", "items": [] as [Any]] as [String: Any]) == "二\n")
        do {
            _ = try set.render("t", ["title": "三", "items": [["x": 1]] as [Any]] as [String: Any])
            Issue.record("a name found nowhere must fail the page")
        } catch {
            #expect(error.key == "titel")
            #expect(error.template == "layouts/t.mustache")
            #expect(error.line == 3)
        }
    }

    /// A section no page enters yet (an empty list, a nil value, a false flag) is checked on the
    /// first page by its declared type: a typo inside fails at once, not the day a ledger fills it.
    @Test func emptySectionsAreCheckedByTheirDeclaredType() throws {
        func problem(_ text: String) -> TemplateError? {
            do {
                let set = try TemplateSet([TemplateSource(name: "t", path: "layouts/t.mustache", text: text, kind: .html)])
                _ = try set.render("t", Self.typedModel)
                return nil
            } catch {
                return error
            }
        }
        // `noRows` is an empty lazy list of `TypedRow`, `off` false, `missing` a nil text.
        #expect(problem("{{#noRows}}\n{{nmae}}\n{{/noRows}}")?.key == "nmae")
        #expect(problem("{{#noRows}}\n{{nmae}}\n{{/noRows}}")?.line == 2)
        #expect(problem("{{#noRows}}{{nmae}}{{/noRows}}")?.hint?.ja.hasPrefix("「name」のことですか") == true)
        #expect(problem("x\n{{#off}}{{titel}}{{/off}}")?.key == "titel")
        #expect(problem("{{#missing}}{{titel}}{{/missing}}")?.key == "titel")
        #expect(problem("{{#empty}}{{.}}{{titel}}{{/empty}}")?.key == "titel")
        // The right names pass: the items' own, the page's around them, `.`, and nested sections.
        #expect(problem("{{#noRows}}{{name}}{{title}}{{#tags}}{{.}}{{/tags}}{{#note}}{{.}}{{/note}}{{/noRows}}") == nil)
        #expect(problem("{{#off}}{{title}}{{/off}}{{#missing}}{{.}}{{number}}{{/missing}}{{#empty}}{{.}}{{/empty}}") == nil)
    }

    /// A section walked by its declared type is verified only when everything in it was: one
    /// holding a section whose names no type tells (a table's rows) is walked again by the page
    /// that enters it, and a typo there is reported at its place.
    @Test func aSectionWithAnUncheckedPartIsWalkedAgain() throws {
        struct Page: TemplateModel {
            var tables: [SubTable]
            static let fields: FieldTable<Self> = ["tables": .field { $0.tables }]
        }
        let set = try TemplateSet([TemplateSource(name: "t", path: "layouts/t.mustache",
                                                  text: "{{#tables}}\n{{#rows}}{{#.}}{{typo}}{{/.}}{{/rows}}\n{{/tables}}\n", kind: .html)])
        #expect(try set.render("t", Page(tables: [])) == "")
        do {
            _ = try set.render("t", Page(tables: [SubTable(caption: "c", headers: ["h"], count: 1) { _ in ["x"] }]))
            Issue.record("a typo inside the rows must be reported")
        } catch {
            #expect(error.key == "typo")
            #expect(error.line == 2)
        }
    }

    /// The checker walks a lazily made list as a list: the names inside are looked for on its
    /// first row (not on the list), so a right name passes and a misspelled one is reported.
    @Test func lazyRowsAreWalkedAsAList() throws {
        func render(_ text: String) throws(TemplateError) -> String {
            let set = try TemplateSet([TemplateSource(name: "t", path: "layouts/t.mustache", text: text, kind: .html)])
            return try set.render("t", Self.typedModel)
        }
        #expect(try render("{{#lazyRows}}{{name}};{{/lazyRows}}") == "行&lt;0&gt;;行&lt;1&gt;;行&lt;2&gt;;")
        // An empty list pushed by an inverted section does not answer for `count` in place of the page.
        struct Page: TemplateModel {
            var count: Int, rows: LazyModels<TypedRow>
            static let fields: FieldTable<Self> = ["count": .field { $0.count }, "rows": .field { $0.rows }]
        }
        let page = Page(count: 7, rows: Self.typedModel.noRows)
        for reference in [false, true] {
            var set = try TemplateSet([TemplateSource(name: "t", path: "layouts/t.mustache", text: "{{^rows}}[{{count}}]{{/rows}}", kind: .html)])
            set.usesReferenceRenderer = reference
            #expect(try set.render("t", page) == "[7]", "swift-mustache: \(reference)")
        }
        do {
            _ = try render("{{#lazyRows}}\n{{nmae}}\n{{/lazyRows}}")
            Issue.record("a misspelled name inside lazy rows must be reported")
        } catch {
            #expect(error.key == "nmae")
            #expect(error.line == 2)
        }
    }

    /// A section over a list pages share is rendered once and copied, but only while what its
    /// body finds outside the items is the same: here the root differs from page to page, is
    /// canonically equal but not byte-equal (é composed and decomposed), or is a view model.
    @Test func sharedListsAreCopiedOnlyWhileWhatTheyReadOutsideIsTheSame() throws {
        struct Item: TemplateModel, Sendable {
            var href: String
            static let fields: FieldTable<Self> = ["href": .field { $0.href }]
        }
        struct Page: TemplateModel {
            var root: String, nav: SharedModels<Item>, inner: Item
            static let fields: FieldTable<Self> = [
                "root": .field { $0.root }, "nav": .field { $0.nav }, "inner": .field { $0.inner },
            ]
        }
        let nav = SharedModels([Item(href: "a.html"), Item(href: "b.html")])
        let text = "{{#nav}}<{{root}}{{href}}>{{/nav}}|{{#nav}}{{#inner}}{{href}}{{/inner}};{{/nav}}"
        let set = try TemplateSet([TemplateSource(name: "t", path: "layouts/t.mustache", text: text, kind: .html)])
        var reference = set
        reference.usesReferenceRenderer = true
        let composed = "caf\u{E9}/", decomposed = "cafe\u{301}/"
        #expect(composed == decomposed && Array(composed.utf8) != Array(decomposed.utf8))
        // Each page twice: the second time from the memo where it may be.
        for root in ["../../", "../../", "", composed, decomposed, composed, "../../"] {
            for inner in ["x", "y"] {
                let page = Page(root: root, nav: nav, inner: Item(href: inner))
                let bytes = try set.renderBytes("t", page)
                #expect(bytes == (try reference.renderBytes("t", page)), "\(root) \(inner)")
                #expect(bytes == Array("<\(root)a.html><\(root)b.html>|\(inner);\(inner);".utf8), "\(root) \(inner)")
            }
        }
    }

    /// Partials that include one another would render forever (the program ran out of stack):
    /// the set is refused when loaded, at the tag that closes the loop. A partial used twice
    /// without a loop is fine.
    @Test func aLoopOfPartialsIsRefusedWhereItCloses() throws {
        func source(_ name: String, _ text: String) -> TemplateSource {
            TemplateSource(name: name, path: "layouts/\(name).mustache", text: text, kind: .html)
        }
        _ = try TemplateSet([source("page", "{{> a}}{{> b}}"), source("a", "{{> b}}{{> b}}"), source("b", "{{#x}}{{title}}{{/x}}")])
        for sources in [[source("page", "{{> page}}")],
                        [source("page", "x\n{{#flag}}\n  {{> a}}\n{{/flag}}"), source("a", "{{> b}}"), source("b", "y\n{{> a}}")]] {
            do {
                _ = try TemplateSet(sources)
                Issue.record("a loop of partials must be refused")
            } catch {
                let loop = sources.count == 1 ? "page → page" : "a → b → a"
                #expect(error.message.ja.contains(loop), "\(error.message.ja)")
                #expect(error.template == (sources.count == 1 ? "layouts/page.mustache" : "layouts/b.mustache"))
                #expect(error.line == (sources.count == 1 ? 1 : 2))
                #expect(error.diagnostic.hint?.ja.contains("{{> \(sources.count == 1 ? "page" : "a")}}") == true)
            }
        }
    }

    /// A view model's getters are found by exact name, short (compared inline) and long alike.
    @Test func aFieldTableFindsEachGetterByItsExactName() throws {
        let table: FieldTable<Row> = ["name": .field { $0.name }, "count": .field { $0.count }, "tagsAsWrittenInTheLedger": .field { $0.tags }]
        let row = Row(name: "住民記録", note: nil, count: 3, tags: ["基幹"])
        let name = table.value("name", of: row) as? String
        let count = table.value("count", of: row) as? Int
        let tags = table.value("tagsAsWrittenInTheLedger", of: row) as? [String]
        #expect(name == "住民記録")
        #expect(count == 3)
        #expect(tags == ["基幹"])
        for absent in ["nam", "names", "Name", "", "tagsAsWrittenInTheLedgers", "count "] {
            #expect(table.value(absent, of: row) == nil && table.typedValue(absent, of: row) == nil, "\(absent)")
        }
        // The compiled renderer asks by symbol: the same name gives the same symbol, another name another.
        guard case .number(3)? = table.typedValue(symbol: TemplateSymbols.symbol("count"), of: row),
              case .texts(["基幹"])? = table.typedValue(symbol: TemplateSymbols.symbol("tagsAsWrittenInTheLedger"), of: row) else {
            Issue.record("a field found by its name is found by its symbol"); return
        }
        #expect(TemplateSymbols.symbol("count") == TemplateSymbols.symbol(String("count".reversed().reversed())))
        #expect(TemplateSymbols.symbol("count") != TemplateSymbols.symbol("name"))
        #expect(table.keys == ["name", "count", "tagsAsWrittenInTheLedger"])
    }

    /// Each field's case is chosen from its type when the table is made; a type without a case of
    /// its own, optionals among them, stays `.other` and renders as it always did.
    @Test func fieldsAreSortedByTheirType() throws {
        struct Holder {
            var text = "住民記録", number = 42, flag = true, markup = HTMLBytes(bytes: Array("<b>".utf8))
            var texts = ["基幹", "内部"], row = FieldRow(label: "名称", html: "x", missing: false)
            var rows = [FieldRow(label: "a", html: "1", missing: false), FieldRow(label: "b", html: "2", missing: true)]
            var optional: String? = "任意", none: Int? = nil, exact = 1.5, labels = ["gaps": "課題"]
            var writer = HTMLWriter { $0 += "<i>書</i>".utf8 }
        }
        let table: FieldTable<Holder> = [
            "text": .field { $0.text }, "number": .field { $0.number }, "flag": .field { $0.flag },
            "markup": .field { $0.markup }, "texts": .field { $0.texts }, "row": .field { $0.row },
            "rows": .field { $0.rows }, "optional": .field { $0.optional }, "none": .field { $0.none },
            "exact": .field { $0.exact }, "labels": .field { $0.labels }, "writer": .field { $0.writer },
        ]
        let holder = Holder()
        func typed(_ name: String) throws -> TemplateValue { try #require(table.typedValue(name, of: holder)) }
        guard case .text("住民記録") = try typed("text") else { Issue.record("text"); return }
        guard case .number(42) = try typed("number") else { Issue.record("number"); return }
        guard case .flag(true) = try typed("flag") else { Issue.record("flag"); return }
        guard case .markup(let markup) = try typed("markup"), markup.bytes == Array("<b>".utf8) else { Issue.record("markup"); return }
        guard case .texts(["基幹", "内部"]) = try typed("texts") else { Issue.record("texts"); return }
        guard case .model(let row) = try typed("row"), case .text("名称")? = row.templateValue(symbol: TemplateSymbols.symbol("label")) else {
            Issue.record("row"); return
        }
        guard case .models(let rows) = try typed("rows"), rows.modelCount == 2,
              case .flag(true)? = rows.model(at: 1).templateValue(symbol: TemplateSymbols.symbol("missing")) else { Issue.record("rows"); return }
        guard case .other(let optional) = try typed("optional"), optional as? String == "任意" else { Issue.record("optional"); return }
        guard case .other(let none) = try typed("none"), case .some(nil) = none as? Int? else { Issue.record("none"); return }
        guard case .other(let exact) = try typed("exact"), exact as? Double == 1.5 else { Issue.record("exact"); return }
        guard case .labels(["gaps": "課題"]) = try typed("labels") else { Issue.record("labels"); return }
        guard case .writer(let writer) = try typed("writer"), writer.description == "<i>書</i>" else { Issue.record("writer"); return }
        // The untyped side is the value itself, as swift-mustache and the checker read it.
        #expect(table.value("rows", of: holder) as? [FieldRow] != nil)
        #expect(table.value("number", of: holder) as? Int == 42)
    }

    /// A quote followed by a combining mark is one character to swift-mustache, which then leaves
    /// the quote unescaped; escaping bytes closes that hole (an attribute could be broken out of).
    @Test func combiningMarksCannotSmuggleAQuote() throws {
        let template = try #require(CompiledTemplate("<a title=\"{{value}}\">", contentTypes: ["HTML": .html]))
        let bytes = try #require(CompiledTemplate.render("t", ["value": "\"\u{301} onmouseover=x \"<\u{301}"], templates: ["t": template])?.bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "<a title=\"&quot;\u{301} onmouseover=x &quot;&lt;\u{301}\">")
    }
}

/// Rows of a list page copied from the page the last build wrote: copied exactly when their keys
/// match, recorded where this render put them, and never where a partial's indentation would
/// move them afterwards.
struct RowReuseTests {
    struct Item: ReusableRow {
        var id: String
        var text: String
        var reuseID: String { id }
    }

    let list = try! #require(CompiledTemplate("<table>\n{{#rows}}\n<tr>{{text}}</tr>\n{{/rows}}\n</table>\n", contentTypes: ["HTML": .html]))

    func render(_ rows: [Item], keys: [String: String], previous: (bytes: [UInt8], pieces: [String: Fragments.Piece])?,
                template: String = "list", extra: [String: CompiledTemplate] = [:]) throws -> (String, RowReuse) {
        let source = previous.map { FragmentSource(previous: Fragments(files: ["list.html": $0.pieces]), bytes: ["list.html": StoredBytes(copying: $0.bytes)]) }
        let reuse = RowReuse(path: "list.html", source: source, keys: keys)
        let bytes = try #require(CompiledTemplate.render(template, ["rows": rows], templates: extra.merging(["list": list]) { a, _ in a },
                                                         reuse: reuse)?.bytes)
        return (String(decoding: bytes, as: UTF8.self), reuse)
    }

    @Test func copiesRowsWhoseKeysMatchAndRecordsWhereEachWent() throws {
        let rows = [Item(id: "a", text: "甲"), Item(id: "b", text: "乙"), Item(id: "c", text: "丙")]
        let (first, reuse) = try render(rows, keys: ["a": "1", "b": "2", "c": "3"], previous: nil)
        #expect(first == "<table>\n<tr>甲</tr>\n<tr>乙</tr>\n<tr>丙</tr>\n</table>\n")
        let bytes = Array(first.utf8)
        // "<table>\n" is 8 bytes; each row is "<tr>" (4) + a kanji (3) + "</tr>\n" (6) = 13 bytes.
        #expect(reuse.pieces["a"] == Fragments.Piece(key: "1", offset: 8, length: 13))
        #expect(reuse.pieces["c"] == Fragments.Piece(key: "3", offset: 34, length: 13))
        // The previous page says "OLDER" (15 bytes) where b was: with b's key unchanged the old
        // bytes are copied (the model's text is not even read); c's key changed, so c is rendered
        // again, now at 8 + 13 + 15 = 36.
        var previous = bytes
        previous.replaceSubrange(21..<34, with: Array("<tr>OLDER</tr>\n".utf8))
        var pieces = reuse.pieces
        pieces["b"]?.length = 15
        pieces["c"]?.offset = 36
        let placeholders = [Item(id: "a", text: ""), Item(id: "b", text: ""), Item(id: "c", text: "丁")]
        let (second, again) = try render(placeholders, keys: ["a": "1", "b": "2", "c": "4"], previous: (previous, pieces))
        #expect(again.reuses("a") && again.reuses("b") && !again.reuses("c"))
        #expect(second == "<table>\n<tr>甲</tr>\n<tr>OLDER</tr>\n<tr>丁</tr>\n</table>\n")
        #expect(again.pieces["b"] == Fragments.Piece(key: "2", offset: 21, length: 15))
        #expect(again.pieces["c"] == Fragments.Piece(key: "4", offset: 36, length: 13))
    }

    @Test func rowsWithoutKeysOrSeenTwiceAreRenderedAndNotRecorded() throws {
        let rows = [Item(id: "a", text: "甲"), Item(id: "a", text: "乙"), Item(id: "b", text: "丙")]
        let (text, reuse) = try render(rows, keys: ["a": "1"], previous: nil)
        #expect(text == "<table>\n<tr>甲</tr>\n<tr>乙</tr>\n<tr>丙</tr>\n</table>\n")
        #expect(reuse.pieces.isEmpty)
        // Seen three times: still not recorded (the third is not taken for a first), while a row
        // with a key of its own is.
        let thrice = [Item(id: "a", text: "甲"), Item(id: "a", text: "乙"), Item(id: "a", text: "丁"), Item(id: "b", text: "丙")]
        let (_, again) = try render(thrice, keys: ["a": "1", "b": "2"], previous: nil)
        #expect(again.pieces["a"] == nil && again.pieces["b"] != nil)
    }

    @Test func noReuseInsideAnIndentedPartial() throws {
        let page = try #require(CompiledTemplate("<div>\n  {{> list}}\n</div>\n", contentTypes: ["HTML": .html]))
        let rows = [Item(id: "a", text: "甲")]
        let (first, reuse) = try render(rows, keys: ["a": "1"], previous: nil, template: "page", extra: ["page": page])
        #expect(first == "<div>\n  <table>\n  <tr>甲</tr>\n  </table>\n</div>\n")
        #expect(reuse.pieces.isEmpty)
    }
}

extension FieldTable {
    /// A field's typed value by name, as the compiled renderer finds it (by the name's symbol).
    func typedValue(_ name: String, of model: Model) -> TemplateValue? {
        typedValue(symbol: TemplateSymbols.symbol(name), of: model)
    }
}
