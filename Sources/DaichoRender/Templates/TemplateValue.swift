/// A view model's value as the compiled renderer uses it, sorted by type when the field table is
/// made rather than by dynamic casts on every lookup: the casts (to `MustacheParent`, to
/// `MustacheSequence`, to `String`) were a twentieth of a full build's CPU time, and boxing each
/// value in `Any` more.
///
/// Only the types view models use often have a case; every other value (optionals among them,
/// whose nil swift-mustache treats in its own ways) is `.other` and goes the way of `Any`.
enum TemplateValue {
    case text(String)
    case number(Int)
    case flag(Bool)
    case markup(HTMLBytes)
    /// Markup written into the page as it renders (see `HTMLWriter`).
    case writer(HTMLWriter)
    // The existentials are boxed: inline they made every value 41 bytes, copied through the
    // enum's generic value witness each time a lookup handed one on.
    indirect case model(any TemplateModel)
    indirect case models(any TemplateModelArray)
    case texts([String])
    /// Labels by key (`page.t.gaps`).
    case labels([String: String])
    indirect case other(Any)

    /// The value as swift-mustache would hold it.
    var any: Any {
        switch self {
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .markup(let markup): markup
        case .writer(let writer): writer
        case .model(let model): model
        case .models(let models): models
        case .texts(let texts): texts
        case .labels(let labels): labels
        case .other(let value): value
        }
    }

    /// A getter that wraps `get`'s result in the case its type `T` calls for. `T` is looked at
    /// here, once per field; the getter itself casts nothing (`_identityCast` checks `T`
    /// against the type it was matched with, and compiles to nothing when they are the same).
    static func getter<Model, T>(_ get: @escaping @Sendable (Model) -> T) -> @Sendable (Model) -> TemplateValue {
        if T.self == String.self { return { .text(_identityCast(get($0), to: String.self)) } }
        if T.self == Int.self { return { .number(_identityCast(get($0), to: Int.self)) } }
        if T.self == Bool.self { return { .flag(_identityCast(get($0), to: Bool.self)) } }
        if T.self == HTMLBytes.self { return { .markup(_identityCast(get($0), to: HTMLBytes.self)) } }
        if T.self == HTMLWriter.self { return { .writer(_identityCast(get($0), to: HTMLWriter.self)) } }
        if T.self == [String].self { return { .texts(_identityCast(get($0), to: [String].self)) } }
        if T.self == [String: String].self { return { .labels(_identityCast(get($0), to: [String: String].self)) } }
        if let model = T.self as? any TemplateModel.Type { return modelGetter(get, model) }
        if let models = T.self as? any TemplateModelArray.Type { return modelsGetter(get, models) }
        return { .other(get($0)) }
    }

    private static func modelGetter<Model, T, M: TemplateModel>(_ get: @escaping @Sendable (Model) -> T, _: M.Type)
        -> @Sendable (Model) -> TemplateValue {
        { .model(_identityCast(get($0), to: M.self)) }
    }

    private static func modelsGetter<Model, T, A: TemplateModelArray>(_ get: @escaping @Sendable (Model) -> T, _: A.Type)
        -> @Sendable (Model) -> TemplateValue {
        { .models(_identityCast(get($0), to: A.self)) }
    }
}

/// An array of view models, walked item by item without a cast per item.
protocol TemplateModelArray {
    var modelCount: Int { get }
    func model(at index: Int) -> any TemplateModel
    /// The list as one object when pages share it (`SharedModels`): sections over it are kept
    /// in the `SectionMemo`.
    var sharedList: (any AnyObject & Sendable)? { get }
}

extension TemplateModelArray {
    var sharedList: (any AnyObject & Sendable)? { nil }
}

extension Array: TemplateModelArray where Element: TemplateModel {
    var modelCount: Int { count }
    func model(at index: Int) -> any TemplateModel { self[index] }
}

extension TemplateValue {
    /// A value that comes as `Any` (the page's model, the items of a plain sequence, a
    /// dictionary's entry): a view model is recognised by one cast, the rest stays `.other`.
    static func of(_ value: Any) -> TemplateValue {
        if let model = value as? any TemplateModel { return .model(model) }
        return .other(value)
    }
}
