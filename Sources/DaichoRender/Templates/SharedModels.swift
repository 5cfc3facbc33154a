import Mustache

/// A list of view models that many pages share as one object (the navigation of every page of a
/// section): a section over it can be rendered once and copied (see `SectionMemo`).
final class SharedModels<Model: TemplateModel & Sendable>: RandomAccessCollection, MustacheSequence, TemplateModelArray,
    Sendable {
    let models: [Model]

    init(_ models: [Model]) {
        self.models = models
    }

    var startIndex: Int { 0 }
    var endIndex: Int { models.count }
    subscript(position: Int) -> Model { models[position] }

    var modelCount: Int { models.count }
    func model(at index: Int) -> any TemplateModel { models[index] }
    var sharedList: (any AnyObject & Sendable)? { self }
}

extension SharedModels: StaticModelTyped {
    static var heldModelType: any TemplateModel.Type { Model.self }
}

/// Shows no parts, as an array shows none (see `LazyModels`).
extension SharedModels: CustomReflectable {
    var customMirror: Mirror { Mirror(self, children: [:]) }
}
