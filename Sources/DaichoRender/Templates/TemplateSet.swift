import DaichoCore
import Mustache

/// The Mustache templates of a project, compiled once, with every name they use checked
/// against the view models they render.
public struct TemplateSet: Sendable {
    /// Where the templates came from, for messages: `templates/layouts/`.
    public var folder: String
    private let library: MustacheLibrary
    private let names: Set<String>
    private let checker: TemplateChecker

    /// - Parameter sources: template name (file name without `.mustache`) → source text.
    public init(sources: [String: String], folder: String) throws(TemplateError) {
        self.folder = folder
        var templates: [String: MustacheTemplate] = [:]
        var outlines: [String: TemplateOutline] = [:]
        for (name, source) in sources.sorted(by: { $0.key < $1.key }) {
            let file = folder + name + ".mustache"
            do {
                outlines[name] = try TemplateOutline(parsing: source)
            } catch {
                guard case .problem(let line, let column, let message) = error else { continue }
                throw TemplateError(template: file, line: line, column: column, key: "",
                                    message: LocalizedText(ja: "テンプレートの書き方の誤り: \(message)",
                                                           en: "template syntax error: \(message)"))
            }
            do {
                templates[name] = try MustacheTemplate(string: source)
            } catch let error as MustacheTemplate.ParserError {
                throw TemplateError(template: file, line: error.context.lineNumber, column: error.context.columnNumber,
                                    key: "", message: LocalizedText(ja: "テンプレートの書き方の誤り: \(error.error)",
                                                                    en: "template syntax error: \(error.error)"))
            } catch {
                throw TemplateError(template: file, line: 1, column: 1, key: "",
                                    message: LocalizedText(ja: "テンプレートを読めません: \(error)", en: "cannot read template: \(error)"))
            }
        }
        library = MustacheLibrary(templates: templates)
        names = Set(sources.keys)
        // Names in errors are file paths; the checker reports template names, mapped below.
        checker = TemplateChecker(outlines: outlines)
    }

    public func has(_ name: String) -> Bool { names.contains(name) }

    /// Renders a view model with a template; an unknown name in the template is an error, never a blank.
    public func render(_ name: String, _ model: Any) throws(TemplateError) -> String {
        guard names.contains(name) else {
            throw TemplateError(template: folder + name + ".mustache", line: 1, column: 1, key: name,
                                message: LocalizedText(ja: "テンプレート \(name).mustache がありません",
                                                       en: "template \(name).mustache is missing"))
        }
        do {
            try checker.check(name, with: model)
        } catch {
            var located = error
            located.template = folder + error.template + ".mustache"
            throw located
        }
        return library.render(model, withTemplate: name) ?? ""
    }
}
