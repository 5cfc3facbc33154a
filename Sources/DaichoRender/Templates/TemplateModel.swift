import Mustache

/// A view model that tells Mustache its fields through key paths instead of reflection.
///
/// swift-mustache looks values up with `Mirror`, which dominated the rendering profile
/// (about half of a 10,000-system build). A key-path table makes each lookup a dictionary
/// hit. `TemplateChecker` compares the table with the stored properties once per type,
/// so a field added without its entry fails every build and test at once.
protocol TemplateModel: MustacheParent {
    static var fields: [String: PartialKeyPath<Self>] { get }
}

extension TemplateModel {
    func child(named name: String) -> Any? {
        guard let path = Self.fields[name] else { return nil }
        return self[keyPath: path]
    }

    var templateKeys: Set<String> { Set(Self.fields.keys) }
}
