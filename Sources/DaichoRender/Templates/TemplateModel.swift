import Mustache

/// A view model that tells Mustache its fields through a table of getters instead of reflection.
///
/// swift-mustache looks values up with `Mirror`, which dominated the rendering profile
/// (about half of a 10,000-system build). A table makes each lookup a dictionary hit and a
/// direct call (closures, not key paths: projecting a key path was a third of a lookup). `TemplateChecker` compares the table with the stored properties once per type,
/// so a field added without its entry fails every build and test at once.
protocol TemplateModel: MustacheParent {
    static var fields: [String: @Sendable (Self) -> Any] { get }
}

extension TemplateModel {
    func child(named name: String) -> Any? {
        guard let field = Self.fields[name] else { return nil }
        return field(self)
    }

    var templateKeys: Set<String> { Set(Self.fields.keys) }
}
