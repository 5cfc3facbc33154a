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
    /// The other problems found in the same run, in file and line order: a user who edits
    /// templates fixes them all in one go, not one per build.
    public var others: [TemplateError] = []

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

    /// This problem and the others, each on its own.
    public var all: [TemplateError] {
        var first = self
        first.others = []
        return [first] + others.flatMap(\.all)
    }

    /// The problems as one error, in file, line and column order, each place once; nil for none.
    public static func combining(_ errors: [TemplateError]) -> TemplateError? {
        var seen: Set<Place> = []
        let sorted = errors.flatMap(\.all)
            .filter { seen.insert(Place(template: $0.template, line: $0.line, column: $0.column, key: $0.key)).inserted }
            .sorted { ($0.template, $0.line, $0.column, $0.key) < ($1.template, $1.line, $1.column, $1.key) }
        guard var first = sorted.first else { return nil }
        first.others = Array(sorted.dropFirst())
        return first
    }

    private struct Place: Hashable {
        var template: String
        var line: Int
        var column: Int
        var key: String
    }

    /// Every problem's diagnostic.
    public var diagnostics: [Diagnostic] { all.map(\.diagnostic) }

    /// This problem alone (see `diagnostics` for all of them).
    public var diagnostic: Diagnostic {
        Diagnostic(.error, .templateKey, at: SourceLocation(file: template, line: line, column: column), field: key,
                   message,
                   hint: hint ?? LocalizedText(ja: "テンプレートで使える名前は docs/templates.md を参照してください",
                                               en: "see docs/templates.md for the names a template can use"))
    }
}
