import Synchronization

/// The compiled templates of a set flattened into plain values: every template's operations in one
/// array (a section's body follows it), their text in one byte buffer, names as indexes and their
/// parts as symbols. The renderer walks it by index: walking the tree of nodes retained and released
/// each node's payload (a tenth of a full build's CPU went to the renderer's reference counting),
/// a partial was found by hashing its name, and a view model's field by comparing strings.
struct TemplateProgram: Sendable {
    enum Kind: UInt8, Sendable {
        case text, variable, rawVariable, section, inverted, partial, escaping
    }

    /// One operation. What `a`, `b` and `c` hold depends on the kind:
    /// - text: `a..<b` in `bytes`;
    /// - variable, rawVariable: `a` is the name;
    /// - section, inverted: `a` is the name, the body is the operations up to `b`;
    /// - partial: the template is the operations `a..<c` (`a` is -1 when there is none, and `c`
    ///   then names it in `partialNames`), `b` the indentation in `indentations` (-1 when the
    ///   partial is not standalone);
    /// - escaping: `a` is the `Escaping`'s raw value.
    struct Op: Sendable {
        var kind: Kind
        var a: Int32
        var b: Int32 = 0
        var c: Int32 = 0
    }

    /// A name's place: its components are `symbols[first..<first + count]` (and the same in
    /// `components`).
    struct NameParts: Sendable {
        var first: Int32
        var count: Int32
        var anchored: Bool
        var isDot: Bool
    }

    private(set) var ops: [Op] = []
    private(set) var bytes: [UInt8] = []
    private(set) var names: [NameParts] = []
    /// Each name as written, for messages.
    private(set) var nameTexts: [String] = []
    private(set) var symbols: [Int32] = []
    /// The components as strings, for values found by name (dictionaries, labels, reflection).
    private(set) var components: [String] = []
    private(set) var indentations: [[UInt8]] = []
    private(set) var partialNames: [String] = []
    /// Each template's operations.
    private(set) var templates: [String: Range<Int>] = [:]

    init(_ compiled: [String: CompiledTemplate]) {
        var partials: [(op: Int, name: String)] = []
        for name in compiled.keys.sorted() {
            guard let template = compiled[name] else { continue }
            let start = ops.count
            append(template.nodes, partials: &partials)
            templates[name] = start..<ops.count
        }
        for (op, name) in partials {
            if let range = templates[name] {
                ops[op].a = Int32(range.lowerBound)
                ops[op].c = Int32(range.upperBound)
            } else {
                ops[op].a = -1
                ops[op].c = Int32(partialNames.count)
                partialNames.append(name)
            }
        }
    }

    private mutating func append(_ nodes: [CompiledTemplate.Node], partials: inout [(op: Int, name: String)]) {
        for node in nodes {
            switch node {
            case .text(let text):
                ops.append(Op(kind: .text, a: Int32(bytes.count), b: Int32(bytes.count + text.count)))
                bytes += text
            case .variable(let name, let escaped):
                ops.append(Op(kind: escaped ? .variable : .rawVariable, a: intern(name)))
            case .section(let name, let inverted, let body):
                let at = ops.count
                ops.append(Op(kind: inverted ? .inverted : .section, a: intern(name)))
                append(body.nodes, partials: &partials)
                ops[at].b = Int32(ops.count)
            case .partial(let name, let indentation):
                partials.append((ops.count, name))
                var op = Op(kind: .partial, a: -1, b: -1)
                if let indentation {
                    op.b = Int32(indentations.count)
                    indentations.append(indentation)
                }
                ops.append(op)
            case .escaping(let escaping):
                ops.append(Op(kind: .escaping, a: escaping.rawValue))
            }
        }
    }

    private mutating func intern(_ name: CompiledTemplate.Name) -> Int32 {
        names.append(NameParts(first: Int32(symbols.count), count: Int32(name.components.count), anchored: name.anchored, isDot: name.isDot))
        nameTexts.append(name.text)
        for component in name.components {
            symbols.append(TemplateSymbols.symbol(component))
            components.append(component)
        }
        return Int32(names.count - 1)
    }
}

/// Names of view-model fields and template tags as small integers, the same for both: a field is
/// then found by comparing integers. Assigned as first seen; only equality matters, so the order
/// of assignment changes nothing in what is rendered.
enum TemplateSymbols {
    private static let table = Mutex<[String: Int32]>([:])

    static func symbol(_ name: String) -> Int32 {
        table.withLock { table in
            if let symbol = table[name] { return symbol }
            let symbol = Int32(table.count)
            table[name] = symbol
            return symbol
        }
    }
}
