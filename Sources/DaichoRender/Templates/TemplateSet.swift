import DaichoCore
import Mustache
import Synchronization

/// One template file: its name as pages refer to it, where it is, and what it produces.
public struct TemplateSource: Sendable {
    public enum Kind: Sendable {
        /// `templates/layouts/*.mustache`: values are HTML-escaped.
        case html
        /// `templates/procurement/*.md`, `templates/guidelines/*.md`: values are Markdown-escaped.
        case markdown
    }

    /// `system`, `procurement/rfi`, `guidelines/01-budget`.
    public var name: String
    /// The file, as messages show it.
    public var path: String
    public var text: String
    public var kind: Kind

    public init(name: String, path: String, text: String, kind: Kind) {
        self.name = name
        self.path = path
        self.text = text
        self.kind = kind
    }
}

/// The Mustache templates of a project, compiled once, with every name they use checked
/// against the view models they render.
public struct TemplateSet: Sendable {
    private let library: ReferenceLibrary
    /// The same templates for the fast renderer; nil when one of them needs swift-mustache.
    private let compiled: TemplateProgram?
    /// Renders through swift-mustache alone (tests compare the two renderers with it).
    var usesReferenceRenderer = false
    /// Walks every page with the checker, not only each template's first (debug builds: the walk
    /// also asserts that every view model's field table lists its stored properties).
    var checksEveryPage = _isDebugAssertConfiguration()
    private let paths: [String: String]
    private let checker: TemplateChecker
    /// Sections over shared lists, kept from page to page.
    private let memo = SectionMemo()

    public init(_ sources: [TemplateSource]) throws(TemplateError) {
        MarkdownContentType.register()
        var compiled: [String: CompiledTemplate]? = [:]
        let contentTypes: [String: CompiledTemplate.Escaping] = ["HTML": .html, "TEXT": .none, MarkdownContentType.name: .markdown]
        var outlines: [String: TemplateOutline] = [:]
        var paths: [String: String] = [:]
        var texts: [String: String] = [:]
        // swift-mustache parses the templates only when one of them needs it to render: the fast
        // renderer's parser is a stricter port of its parser (what it takes, swift-mustache takes
        // too), and parsing every template twice on each run was a tenth of a rebuild that finds
        // nothing changed.
        var parsed: [String: MustacheTemplate]?
        // Every template is read before any problem is reported: each file's first syntax error
        // (its parser stops there), then the partials' loops.
        var problems: [TemplateError] = []
        func parse(_ text: String, _ path: String) -> MustacheTemplate? {
            do {
                return try Self.mustache(text, path: path)
            } catch {
                problems.append(error)
                return nil
            }
        }
        for source in sources.sorted(by: { $0.name < $1.name }) {
            paths[source.name] = source.path
            do {
                let outline = try TemplateOutline(parsing: source.text)
                outlines[source.name] = outline
                for use in outline.unescapedValues {
                    problems.append(TemplateError(
                        template: source.path, line: use.line, column: use.column, key: use.name,
                        message: LocalizedText(ja: "「\(use.name)」を三重括弧（{{{ }}} や {{& }}）で書いています。台帳の値がエスケープされずにページに入ります",
                                               en: "'\(use.name)' is written unescaped ({{{ }}} or {{& }}): a ledger's value would reach the page as markup"),
                        hint: LocalizedText(ja: "{{\(use.name)}} と書いてください（三重括弧は Daicho が作る \(TemplateOutline.markupNames.sorted().joined(separator: "・")) だけに使えます）",
                                            en: "write {{\(use.name)}} (triple braces are for the markup Daicho makes: \(TemplateOutline.markupNames.sorted().joined(separator: ", ")))")))
                }
            } catch {
                guard case .problem(let line, let column, let message) = error else { continue }
                problems.append(TemplateError(template: source.path, line: line, column: column, key: "",
                                              message: LocalizedText(ja: "テンプレートの書き方の誤り: \(message)",
                                                                     en: "template syntax error: \(message)"),
                                              hint: TemplateError.syntaxHint))
                continue
            }
            // On the first line, without a line break, so line numbers stay those of the file.
            let text = source.kind == .markdown ? "{{% CONTENT_TYPE: \(MarkdownContentType.name)}}" + source.text : source.text
            texts[source.name] = text
            if compiled != nil, let program = CompiledTemplate(text, contentTypes: contentTypes) {
                compiled?[source.name] = program
                continue
            }
            if compiled != nil {
                // The first the fast renderer cannot take: swift-mustache renders them all.
                compiled = nil
                parsed = [:]
                for name in texts.keys.sorted() where name != source.name {
                    parsed?[name] = parse(texts[name] ?? "", paths[name] ?? name)
                }
            }
            parsed?[source.name] = parse(text, source.path)
        }
        if let loop = TemplateOutline.partialLoop(in: outlines), let last = loop.names.dropLast().last {
            let chain = loop.names.joined(separator: " → ")
            problems.append(TemplateError(
                template: paths[last] ?? last, line: loop.tag.line, column: loop.tag.column, key: loop.tag.name,
                message: LocalizedText(ja: "部分テンプレートが循環しています（\(chain)）。このままでは描画が終わりません",
                                       en: "partials include one another in a loop (\(chain)); rendering would never end"),
                hint: LocalizedText(ja: "{{> \(loop.tag.name)}} を消すか、ほかの部分テンプレートに置き換えてください",
                                    en: "remove {{> \(loop.tag.name)}} or include another partial instead")))
        }
        if let combined = TemplateError.combining(problems) { throw combined }
        library = ReferenceLibrary(texts: texts, parsed: parsed)
        self.compiled = compiled.map(TemplateProgram.init)
        self.paths = paths
        checker = TemplateChecker(outlines: outlines)
    }

    /// swift-mustache's parse of one template, its errors placed in the file.
    private static func mustache(_ text: String, path: String) throws(TemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            let (ja, en) = Self.words(for: error.error)
            throw TemplateError(template: path, line: error.context.lineNumber, column: error.context.columnNumber,
                                key: "", message: LocalizedText(ja: "テンプレートの書き方の誤り: \(ja)",
                                                                en: "template syntax error: \(en)"),
                                hint: TemplateError.syntaxHint)
        } catch {
            throw TemplateError(template: path, line: 1, column: 1, key: "",
                                message: LocalizedText(ja: "テンプレートを読めません: \(error)", en: "cannot read template: \(error)"))
        }
    }

    /// swift-mustache's parse errors in words (it names them by identifiers: `unfinishedName`).
    static func words(for error: any Error) -> (ja: String, en: String) {
        guard let error = error as? MustacheTemplate.Error else { return ("\(error)", "\(error)") }
        return switch error {
        case .sectionCloseNameIncorrect: ("セクションの終わり {{/名前}} の名前が始まりと違います", "a section is closed with another name")
        case .unfinishedName: ("タグが閉じられていません（}} がありません）", "a tag is not closed (no }})")
        case .expectedSectionEnd: ("セクションの終わり {{/名前}} がありません", "a section is not closed")
        case .invalidSetDelimiter: ("区切り文字を変えるタグ {{= =}} の書き方が違います", "a set-delimiter tag is malformed")
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            ("継承のタグ {{< }} {{$ }} の書き方が違います（Daicho のテンプレートでは使いません）", "an inheritance tag is malformed")
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
            ("{{% }} のタグの書き方が違います", "a {{% }} tag is malformed")
        }
    }

    public func has(_ name: String) -> Bool { paths[name] != nil }

    /// Names of the templates under a folder (`guidelines/`), sorted.
    public func names(under prefix: String) -> [String] { paths.keys.filter { $0.hasPrefix(prefix) }.sorted() }

    /// Renders a view model with a template; an unknown name in the template is an error, never a blank.
    public func render(_ name: String, _ model: Any) throws(TemplateError) -> String {
        String(decoding: try renderBytes(name, model), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes, the form pages are written in.
    public func renderBytes(_ name: String, _ model: Any) throws(TemplateError) -> [UInt8] {
        try renderBytes(name, model, reuse: nil)
    }

    /// - Parameter reuse: rows to copy from the previous page and to record (compiled templates
    ///   only; through swift-mustache every row is rendered and none recorded).
    func renderBytes(_ name: String, _ model: Any, reuse: RowReuse?) throws(TemplateError) -> [UInt8] {
        guard let path = paths[name] else {
            throw TemplateError(template: name, line: 1, column: 1, key: name,
                                message: LocalizedText(ja: "テンプレート「\(name)」がありません", en: "template '\(name)' is missing"))
        }
        func check(every: Bool) throws(TemplateError) {
            do {
                try checker.check(name, with: model, everyPage: every)
            } catch {
                // Names of templates (partials among them) become their files.
                let located = error.all.map { problem in
                    var located = problem
                    located.template = paths[problem.template] ?? path
                    return located
                }
                throw TemplateError.combining(located) ?? error
            }
        }
        // The compiled renderer reports a name it found nowhere, so after a template's first page
        // the checker's walk (a twentieth of a build) is needed only to place that name.
        let walksEveryPage = usesReferenceRenderer || compiled == nil || checksEveryPage
        try check(every: walksEveryPage)
        guard !usesReferenceRenderer, let compiled,
              let (bytes, missing) = compiled.render(name, model, reuse: reuse, memo: memo) else {
            if !walksEveryPage { try check(every: true) }  // swift-mustache reports nothing missing
            return Array((library.library.render(model, withTemplate: name) ?? "").utf8)
        }
        if let missing {
            try check(every: true)
            throw TemplateError(template: path, line: 1, column: 1, key: missing, message: TemplateChecker.missingMessage(missing))
        }
        return bytes
    }

    /// True when every template renders without swift-mustache (tests check the shipped ones do).
    var isCompiled: Bool { compiled != nil }
}

/// The templates as swift-mustache renders them: parsed at once when a template needs it, else
/// on first use (the tests' reference renders).
final class ReferenceLibrary: Sendable {
    private let texts: [String: String]
    private let made: Mutex<MustacheLibrary?>

    init(texts: [String: String], parsed: [String: MustacheTemplate]?) {
        self.texts = texts
        made = Mutex(parsed.map { MustacheLibrary(templates: $0) })
    }

    /// Each template parsed when first needed; the fast renderer's parser took them all, and
    /// what it takes swift-mustache takes.
    var library: MustacheLibrary {
        made.withLock { made in
            if let made { return made }
            let library = MustacheLibrary(templates: texts.compactMapValues { try? MustacheTemplate(string: $0) })
            made = library
            return library
        }
    }
}

/// Escapes values for Markdown, as `{{ }}` escapes them for HTML: a ledger's text cannot
/// turn into a link, a table cell break, a heading or raw HTML in a generated document.
struct MarkdownContentType: MustacheContentType {
    static let name = "DAICHO_MARKDOWN"
    private static let registered: Bool = {
        MustacheContentTypes.register(MarkdownContentType(), named: name)
        return true
    }()

    static func register() { _ = registered }

    func escapeText(_ text: String) -> String { MarkdownText.escape(text) }
}
