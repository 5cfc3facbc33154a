/// A field's path as diagnostics write it (`costs.lines[2].unit_price`), put together only when a
/// diagnostic is: each list item and each field of one had its path interpolated, and most never
/// need it (a twentieth of a cold `analyze`).
struct FieldPath {
    private enum Form {
        case whole(String)
        case item(of: String, Int)
        case field(of: String, String)
    }

    private let form: Form

    init(_ text: String) { form = .whole(text) }

    /// Item `index` of the list at `list`.
    static func item(of list: FieldPath, _ index: Int) -> FieldPath { FieldPath(form: .item(of: list.text, index)) }

    /// Field `key` of the group at `group` (whose text the caller made once for all its fields).
    static func field(of group: String, _ key: String) -> FieldPath { FieldPath(form: .field(of: group, key)) }

    private init(form: Form) { self.form = form }

    var text: String {
        switch form {
        case .whole(let text): text
        case .item(let list, let index): "\(list)[\(index)]"
        case .field(let group, let key): group.isEmpty ? key : "\(group).\(key)"
        }
    }

    /// A list item's own path (ends with `]`).
    var isItem: Bool { if case .item = form { true } else { false } }
}
