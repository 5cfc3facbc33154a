import Mustache

/// A list of view models made one at a time as a template walks it, for the pages that list
/// every system: at 100,000 systems the rows held at once were tens of megabytes of a build's
/// peak memory. Each row is made when the section reaches it (twice where a checker or a
/// template asks twice: making one must be cheap and give the same row every time).
struct LazyModels<Model: TemplateModel>: RandomAccessCollection, MustacheSequence, TemplateModelArray, ReusableRows, Sendable {
    let count: Int
    private let make: @Sendable (Int) -> Model
    private let id: @Sendable (Int) -> String

    /// - Parameters:
    ///   - id: row `index`'s id for `RowReuse`, without making the row.
    init(count: Int, id: @escaping @Sendable (_ index: Int) -> String, make: @escaping @Sendable (_ index: Int) -> Model) {
        self.count = count
        self.make = make
        self.id = id
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(position: Int) -> Model { make(position) }

    var modelCount: Int { count }
    func model(at index: Int) -> any TemplateModel { make(index) }
    func reuseID(at index: Int) -> String { id(index) }
}

extension LazyModels: StaticModelTyped {
    static var heldModelType: any TemplateModel.Type { Model.self }
}

/// Shows no parts, as an empty array shows none: an empty list pushed by `{{^rows}}` must not
/// answer for `count` (or `id`) in place of the page, to either renderer.
extension LazyModels: CustomReflectable {
    var customMirror: Mirror { Mirror(self, children: [:]) }
}
