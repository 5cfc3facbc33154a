import DaichoCore
import Synchronization

/// Checks, while pages render, that every name a template uses exists in its view model.
///
/// A name is checked against the properties of the view model types on the context stack
/// (type-level: a nil optional still counts as present). A section body is checked the first
/// time a page enters it, so a misspelled key anywhere that can render is reported before the
/// build writes anything, and templates that are fully checked cost nothing more.
final class TemplateChecker: Sendable {
    private struct State {
        var verifiedSections: [String: Set<Int>] = [:]
        var complete: Set<String> = []
        var keysByType: [ObjectIdentifier: Set<String>] = [:]
        var verifiedVariables: Set<VariableKey> = []
        var walked: Set<String> = []
    }

    /// A variable found once at this place of this template, for pages of this view model type,
    /// is found every time: the types on the stack there are the same.
    private struct VariableKey: Hashable {
        var root: ObjectIdentifier
        var template: String
        var line: Int
        var column: Int
    }

    private struct Walk {
        let root: ObjectIdentifier
        let known: Set<VariableKey>
        var found: Set<VariableKey> = []
        /// Every unknown name of the walk: all are reported, not the first alone.
        var problems: [TemplateError] = []
    }

    private let outlines: [String: TemplateOutline]
    private let state = Mutex(State())

    init(outlines: [String: TemplateOutline]) {
        self.outlines = outlines
    }

    /// Throws the unknown names met when rendering `template` with `model`, all of them in one error.
    /// - Parameter everyPage: false walks only a template's first page (the compiled renderer
    ///   reports names it cannot find on the others).
    func check(_ template: String, with model: Any, everyPage: Bool = true) throws(TemplateError) {
        guard let outline = outlines[template],
              !state.withLock({ $0.complete.contains(template) || (!everyPage && $0.walked.contains(template)) }) else { return }
        var (verified, known) = state.withLock { ($0.verifiedSections[template] ?? [], $0.verifiedVariables) }
        var seenPartials: Set<String> = []
        var run = Walk(root: ObjectIdentifier(type(of: model)), known: known)
        walk(outline.nodes, template: template, stack: [model], verified: &verified, partials: &seenPartials, run: &run)
        if let problems = TemplateError.combining(run.problems) { throw problems }
        let finished = verified.count == outline.sectionCount
        known = run.found
        state.withLock {
            $0.verifiedSections[template, default: []].formUnion(verified)
            $0.verifiedVariables.formUnion(known)
            if finished { $0.complete.insert(template) }
            $0.walked.insert(template)
        }
    }

    /// Walks `nodes`, marking each section whose body it checked whole as verified.
    /// - Returns: whether every section in `nodes` (and in the partials they name) is verified
    ///   now: a section holding one left for a page that enters it is not verified either, so
    ///   that page still walks down to it.
    @discardableResult
    private func walk(_ nodes: [TemplateOutline.Node], template: String, stack: [Any], verified: inout Set<Int>,
                      partials: inout Set<String>, run: inout Walk) -> Bool {
        var complete = true
        // A section's body walked with `stack`: the section is verified when all of it was.
        func body(_ children: [TemplateOutline.Node], _ id: Int, _ stack: [Any]) {
            if walk(children, template: template, stack: stack, verified: &verified, partials: &partials, run: &run) {
                verified.insert(id)
            } else {
                complete = false
            }
        }
        for node in nodes {
            switch node {
            case .variable(let name, let line, let column, _):
                let key = VariableKey(root: run.root, template: template, line: line, column: column)
                guard !run.known.contains(key) else { continue }
                if case .missing = resolve(name, in: stack) {
                    run.problems.append(missing(name, template, line, column, stack: stack))
                    continue
                }
                run.found.insert(key)
            case .section(let name, let line, let column, let inverted, let children, let id):
                // A verified section resolved its name and everything in it already.
                guard !verified.contains(id) else { continue }
                let value: Any?, kind: FieldKind
                switch resolve(name, in: stack) {
                case .missing:
                    // Its body is not walked: what it would hold is unknown.
                    run.problems.append(missing(name, template, line, column, stack: stack))
                    complete = false
                    continue
                case .found(let found, let declared):
                    (value, kind) = (found, declared)
                }
                if inverted {
                    body(children, id, stack)
                    continue
                }
                // A section this page does not enter (an empty list, a nil value) is walked with its
                // declared type: a misspelt name inside is reported before any ledger fills it.
                let inside: Any
                switch value {
                case let array as [Any]:
                    guard let first = array.first else {
                        guard let frame = Self.frame(kind) else { complete = false; continue }
                        inside = frame
                        break
                    }
                    inside = first
                case let models as any TemplateModelArray:
                    guard models.modelCount > 0 else {
                        guard let frame = Self.frame(kind) else { complete = false; continue }
                        inside = frame
                        break
                    }
                    inside = models.model(at: 0)
                case is Bool:
                    // Entered or not, the body sees the names around it.
                    body(children, id, stack)
                    continue
                case .some(let object):
                    inside = object
                case .none:
                    guard let frame = Self.frame(kind) else { complete = false; continue }
                    inside = frame
                }
                body(children, id, stack + [inside])
            case .partial(let name, let line, let column):
                guard let partial = outlines[name] else {
                    run.problems.append(TemplateError(template: template, line: line, column: column, key: name,
                        message: LocalizedText(ja: "部分テンプレート「\(name)」がありません", en: "no partial template named '\(name)'")))
                    complete = false
                    continue
                }
                guard partials.insert(name).inserted else { continue }
                var partialVerified: Set<Int> = []
                if !walk(partial.nodes, template: name, stack: stack, verified: &partialVerified, partials: &partials, run: &run) {
                    complete = false
                }
            }
        }
        return complete
    }

    private func missing(_ name: String, _ template: String, _ line: Int, _ column: Int, stack: [Any]) -> TemplateError {
        TemplateError(template: template, line: line, column: column, key: name, message: Self.missingMessage(name),
                      hint: nearest(to: name, in: stack).map { near in
                          LocalizedText(ja: "「\(near)」のことですか？ テンプレートで使える名前は docs/templates.md を参照してください",
                                        en: "did you mean '\(near)'? see docs/templates.md for the names a template can use")
                      })
    }

    /// The name a misspelt one most likely meant: the nearest of the names it could have found at
    /// that place (`organizaton` → `organization`), with the dotted part before it kept.
    private func nearest(to name: String, in stack: [Any]) -> String? {
        let parts = name.split(separator: ".").map(String.init)
        guard let last = parts.last else { return nil }
        var scopes: [Any] = []
        if parts.count == 1 {
            scopes = stack
        } else if case .found(let parent?, _) = resolve(parts.dropLast().joined(separator: "."), in: stack) {
            scopes = [parent]
        }
        var candidates: Set<String> = []
        for object in scopes { candidates.formUnion(keys(of: object)) }
        guard let near = Suggestion.nearest(to: last, among: candidates.sorted()) else { return nil }
        return (parts.dropLast() + [near]).joined(separator: ".")
    }


    static func missingMessage(_ name: String) -> LocalizedText {
        LocalizedText(ja: "テンプレートの名前「\(name)」はこのページのデータにありません",
                      en: "the template uses '\(name)', which this page's data does not have")
    }

    private enum Resolution {
        /// The value, and what the field holds by its declared type (`.other` where unknown).
        case found(Any?, FieldKind)
        case missing
    }

    /// A view model known by its type alone: what a section no page entered would hold.
    private struct TypeFrame {
        let type: any TemplateModel.Type
    }

    /// A value with no names inside, known by its type alone.
    private struct PlainFrame {}

    /// The frame a section not entered is walked with; nil where the declared type does not
    /// tell what names it has (the body is left for a page that enters it).
    private static func frame(_ kind: FieldKind) -> Any? {
        switch kind {
        case .model(let type): TypeFrame(type: type)
        case .plain: PlainFrame()
        case .other: nil
        }
    }

    /// What `object`'s field `key` holds by its declared type.
    private func kind(_ key: String, of object: Any) -> FieldKind {
        if let frame = object as? TypeFrame { return frame.type.fieldKind(key) ?? .other }
        if let model = Swift.type(of: object) as? any TemplateModel.Type { return model.fieldKind(key) ?? .other }
        return .other
    }

    /// Mustache lookup: the first name up the stack, the rest inside it.
    private func resolve(_ name: String, in stack: [Any]) -> Resolution {
        if name == "." { return .found(stack.last, .other) }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return .missing }
        var value: Any?
        var kind = FieldKind.other
        var found = false
        for object in stack.reversed() where has(first, in: object) {
            value = child(first, of: object)
            kind = self.kind(first, of: object)
            found = true
            break
        }
        guard found else { return .missing }
        for part in parts.dropFirst() {
            guard let object = value else { return .found(nil, .other) }
            guard has(part, in: object) else { return .missing }
            value = child(part, of: object)
            kind = self.kind(part, of: object)
        }
        return .found(value, kind)
    }

    private func has(_ key: String, in object: Any) -> Bool {
        if let frame = object as? TypeFrame { return frame.type.fieldKind(key) != nil }
        if object is PlainFrame { return false }
        if let dictionary = object as? [String: Any] { return dictionary[key] != nil }
        return keys(of: object).contains(key)
    }

    /// The names a view model offers, worked out once per type.
    private func keys(of object: Any) -> Set<String> {
        if let frame = object as? TypeFrame { return Set(frame.type.fieldNames) }
        if object is PlainFrame { return [] }
        if let dictionary = object as? [String: Any] { return Set(dictionary.keys) }
        let type = ObjectIdentifier(Swift.type(of: object))
        if let keys = state.withLock({ $0.keysByType[type] }) { return keys }
        let keys: Set<String>
        if let model = object as? any TemplateModel {
            // The key-path table must list every stored property (it may add computed ones): a
            // slip of ours, which the tests (debug builds) catch. Reflecting every page model in
            // each release build was about a three-hundredth of a one-ledger rebuild.
            assert(Set(Mirror(reflecting: object).children.compactMap(\.label)).isSubset(of: model.templateKeys),
                   "\(Swift.type(of: object)).fields lacks \(Set(Mirror(reflecting: object).children.compactMap(\.label)).subtracting(model.templateKeys).sorted())")
            keys = model.templateKeys
        } else {
            keys = Set(Mirror(reflecting: object).children.compactMap(\.label))
        }
        state.withLock { $0.keysByType[type] = keys }
        return keys
    }

    private func child(_ key: String, of object: Any) -> Any? {
        // Known by type alone: a value of the field's type, or nil where that is unknown.
        if let frame = object as? TypeFrame { return frame.type.fieldKind(key).flatMap(Self.frame) }
        if let dictionary = object as? [String: Any] { return dictionary[key] }
        if let model = object as? any TemplateModel { return model.child(named: key) }
        guard let value = Mirror(reflecting: object).children.first(where: { $0.label == key })?.value else { return nil }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional { return mirror.children.first?.value }
        return value
    }
}
