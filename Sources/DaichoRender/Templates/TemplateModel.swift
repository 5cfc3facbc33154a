import Mustache

/// A view model that tells Mustache its fields through a table of getters instead of reflection.
///
/// swift-mustache looks values up with `Mirror`, which dominated the rendering profile
/// (about half of a 10,000-system build). A table makes each lookup a short scan and a
/// direct call (closures, not key paths: projecting a key path was a third of a lookup).
/// `TemplateChecker` compares the table with the stored properties once per type, so a field
/// added without its entry fails every build and test at once.
protocol TemplateModel: MustacheParent, StaticModelTyped, SendableMetatype {
    static var fields: FieldTable<Self> { get }
    /// The field named by `symbol` (see `TemplateSymbols`) as the compiled renderer sees it: already
    /// sorted by type (see `TemplateValue`). A requirement, not only an extension: each model's
    /// witness is then compiled for its own type. Called on `any TemplateModel` as a plain extension
    /// method, it ran as generic code that asked the runtime for the getters' function type on
    /// every lookup (a thirtieth of a build).
    func templateValue(symbol: Int32) -> TemplateValue?
}

extension TemplateModel {
    /// The field as swift-mustache and the checker see it.
    func child(named name: String) -> Any? {
        Self.fields.value(name, of: self)
    }

    func templateValue(symbol: Int32) -> TemplateValue? {
        Self.fields.typedValue(symbol: symbol, of: self)
    }

    var templateKeys: Set<String> { Set(Self.fields.keys) }

    /// What the type's field `name` holds by its declared type, nil when it has no such field:
    /// the checker walks a section no page entered with it.
    static func fieldKind(_ name: String) -> FieldKind? {
        fields.kind(of: name)
    }

    static var fieldNames: [String] { fields.keys }
}

/// A type that holds view models of one type: a model itself, a list of them, an optional one.
/// Read from a field's declared type, so that a list no page filled still tells its items' type.
protocol StaticModelTyped {
    static var heldModelType: any TemplateModel.Type { get }
}

extension TemplateModel {
    static var heldModelType: any TemplateModel.Type { Self.self }
}

extension Array: StaticModelTyped where Element: StaticModelTyped {
    static var heldModelType: any TemplateModel.Type { Element.heldModelType }
}

extension Optional: StaticModelTyped where Wrapped: StaticModelTyped {
    static var heldModelType: any TemplateModel.Type { Wrapped.heldModelType }
}

/// A view model's getters by name, written as a dictionary literal of `.field { $0.name }`.
///
/// Names are scanned, not hashed: a dozen short names compared in turn cost less than hashing the
/// name for a dictionary (hashing was a twentieth of a build). A class, so that reading a model's
/// table and calling a getter copies nothing.
final class FieldTable<Model>: ExpressibleByDictionaryLiteral, Sendable {
    private let names: [String]
    /// The names' lengths in bytes, compared first: most names differ in length, and comparing
    /// Strings is a call into the runtime (a hundredth of a build).
    private let lengths: [Int]
    /// The names' symbols, which the compiled renderer looks fields up by.
    private let symbols: [Int32]
    private let values: [@Sendable (Model) -> Any]
    private let typed: [@Sendable (Model) -> TemplateValue]
    private let kinds: [FieldKind]

    required init(dictionaryLiteral elements: (String, Field<Model>)...) {
        names = elements.map(\.0)
        lengths = elements.map(\.0.utf8.count)
        symbols = elements.map { TemplateSymbols.symbol($0.0) }
        values = elements.map(\.1.value)
        typed = elements.map(\.1.typed)
        kinds = elements.map(\.1.kind)
    }

    func kind(of name: String) -> FieldKind? {
        index(of: name).map { kinds[$0] }
    }

    private func index(of name: String) -> Int? {
        let length = name.utf8.count
        var index = 0
        while index < names.count {
            if lengths[index] == length, names[index] == name { return index }
            index += 1
        }
        return nil
    }

    func value(_ name: String, of model: Model) -> Any? {
        index(of: name).map { values[$0](model) }
    }

    func typedValue(symbol: Int32, of model: Model) -> TemplateValue? {
        symbols.withUnsafeBufferPointer { symbols in
            var index = 0
            while index < symbols.count {
                if symbols[index] == symbol { return typed[index](model) }
                index += 1
            }
            return nil
        }
    }

    var keys: [String] { names }
}

/// One field's getter, twice: as `Any` for swift-mustache and the checker, and as a
/// `TemplateValue` whose case was chosen once, from the field's type, when the table was made.
struct Field<Model>: Sendable {
    let value: @Sendable (Model) -> Any
    let typed: @Sendable (Model) -> TemplateValue
    let kind: FieldKind

    static func field<T>(_ get: @escaping @Sendable (Model) -> T) -> Field {
        Field(value: { get($0) }, typed: TemplateValue.getter(get), kind: FieldKind(T.self))
    }
}

/// What a field holds, by its declared type alone.
enum FieldKind: Sendable {
    /// View models of this type: the field's own, a list's items, an optional's.
    case model(any TemplateModel.Type)
    /// A value with no names inside (text, a number, a flag, markup, a list of texts): a section
    /// over it sees the names around it only.
    case plain
    /// Anything else (a plain struct, a dictionary): what names it has shows only on a value.
    case other

    init<T>(_ type: T.Type) {
        if let held = type as? any StaticModelTyped.Type {
            self = .model(held.heldModelType)
        } else if Self.plainTypes.contains(where: { $0 == type }) {
            self = .plain
        } else {
            self = .other
        }
    }

    private static var plainTypes: [Any.Type] { [
        String.self, Int.self, Bool.self, HTMLBytes.self, HTMLWriter.self, [String].self,
        String?.self, Int?.self, Bool?.self, HTMLBytes?.self, [String]?.self,
    ] }
}
