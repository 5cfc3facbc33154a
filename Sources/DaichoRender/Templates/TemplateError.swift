import DaichoCore

/// A problem in a template: where it is and which key, as a diagnostic the user can act on.
public struct TemplateError: Error, Sendable, Equatable {
    public var template: String
    public var line: Int
    public var column: Int
    public var key: String
    public var message: LocalizedText
    /// What to do about it; nil gives the usual pointer to the names a template can use.
    public var hint: LocalizedText?

    public init(template: String, line: Int, column: Int, key: String, message: LocalizedText, hint: LocalizedText? = nil) {
        self.template = template
        self.line = line
        self.column = column
        self.key = key
        self.message = message
        self.hint = hint
    }

    /// For a template that cannot be read as Mustache: the names it uses are not the problem.
    public static let syntaxHint = LocalizedText(
        ja: "{{#名前}} と {{/名前}} が組になっているか、{{ と }} が閉じているかを確認してください",
        en: "check that each {{#name}} has its {{/name}} and that every {{ is closed with }}")

    public var diagnostic: Diagnostic {
        Diagnostic(.error, .templateKey, at: SourceLocation(file: template, line: line, column: column), field: key,
                   message,
                   hint: hint ?? LocalizedText(ja: "テンプレートで使える名前は docs/templates.md を参照してください",
                                               en: "see docs/templates.md for the names a template can use"))
    }
}
