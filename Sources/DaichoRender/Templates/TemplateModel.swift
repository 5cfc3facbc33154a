import Mustache

/// A view model that tells Mustache its fields through a table of getters instead of reflection.
///
/// swift-mustache looks values up with `Mirror`, which dominated the rendering profile
/// (about half of a 10,000-system build). A table makes each lookup a short scan and a
/// direct call (closures, not key paths: projecting a key path was a third of a lookup). `TemplateChecker` compares the table with the stored properties once per type,
/// so a field added without its entry fails every build and test at once.
protocol TemplateModel: MustacheParent {
    static var fields: FieldTable<Self> { get }
}

extension TemplateModel {
    func child(named name: String) -> Any? {
        guard let field = Self.fields[name] else { return nil }
        return field(self)
    }

    var templateKeys: Set<String> { Set(Self.fields.keys) }
}

/// A view model's getters by name, written as a dictionary literal.
///
/// Kept as pairs and scanned: a dozen names of up to 15 ASCII bytes are compared as two machine
/// words each, cheaper than hashing the name for a dictionary (hashing was a twentieth of a build).
struct FieldTable<Model>: ExpressibleByDictionaryLiteral, Sendable {
    typealias Getter = @Sendable (Model) -> Any
    private let names: [String]
    private let getters: [Getter]

    init(dictionaryLiteral elements: (String, Getter)...) {
        names = elements.map(\.0)
        getters = elements.map(\.1)
    }

    subscript(name: String) -> Getter? {
        var index = 0
        while index < names.count {
            if names[index] == name { return getters[index] }
            index += 1
        }
        return nil
    }

    var keys: [String] { names }
}
