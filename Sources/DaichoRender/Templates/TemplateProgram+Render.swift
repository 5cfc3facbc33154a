import DaichoCore
import Mustache

extension TemplateProgram {
    /// Renders a template with swift-mustache's rules for finding names (up the
    /// stack of values, `MustacheParent` first, then reflection), for sections (sequences once per
    /// item, booleans as conditions, any other value pushed once) and for what a value prints as.
    /// HTML is escaped byte by byte, so a quote followed by a combining mark is escaped too (the
    /// character-by-character escaping of swift-mustache let it through into attributes).
    /// - Parameter reuse: rows of the page (`ReusableRow` items of a section) to copy from the
    ///   previous version of the page when their keys match, and to record the places of.
    /// - Returns: the bytes, and the first name (or partial) found nowhere on the stack, which
    ///   printed as a blank (a name under a nil optional, `a.b` with `a` nil, is not missing).
    /// - Parameter memo: sections over shared lists rendered by earlier pages (see `SectionMemo`).
    func render(_ name: String, _ model: Any, reuse: RowReuse? = nil, memo: SectionMemo? = nil)
        -> (bytes: [UInt8], missing: String?)? {
        guard let template = templates[name] else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(16_384)
        // The program's arrays are read through pointers for the whole page: nothing is retained
        // to read an operation, a name or a piece of text.
        let missing = ops.withUnsafeBufferPointer { ops in
            bytes.withUnsafeBufferPointer { bytes in
                names.withUnsafeBufferPointer { names in
                    symbols.withUnsafeBufferPointer { symbols in
                        components.withUnsafeBufferPointer { components in
                            var renderer = Renderer(program: self, ops: ops, bytes: bytes, names: names, symbols: symbols,
                                                    components: components, stack: [Frame(TemplateValue.of(model))], reuse: reuse,
                                                    memo: memo)
                            renderer.render(template, into: &output, indentation: nil, escaping: .html)
                            return renderer.missing
                        }
                    }
                }
            }
        }
        return (output, missing)
    }

    typealias Escaping = CompiledTemplate.Escaping

    /// A value on the context stack, with its `MustacheParent` side found once when pushed
    /// (a lookup walks the stack, and the cast was the dearest part of it). A view model's is
    /// known from its case; only `.other` values are cast.
    private struct Frame {
        var value: TemplateValue
        /// An `.other` value's `MustacheParent` side (a view model's is its own case).
        var parent: (any MustacheParent)?

        init(_ value: TemplateValue) {
            self.value = value
            if case .other(let other) = value { parent = other as? MustacheParent }
        }

        var isParent: Bool {
            switch value {
            case .model, .labels: true
            default: parent != nil
            }
        }
    }

    private struct Renderer {
        let program: TemplateProgram
        let ops: UnsafeBufferPointer<Op>
        let bytes: UnsafeBufferPointer<UInt8>
        let names: UnsafeBufferPointer<NameParts>
        let symbols: UnsafeBufferPointer<Int32>
        let components: UnsafeBufferPointer<String>
        var stack: [Frame]
        let reuse: RowReuse?
        var missing: String?
        /// Names found nowhere so far (`missing` keeps only the first).
        var misses = 0
        let memo: SectionMemo?
        /// Sections over shared lists being rendered for the memo, innermost last.
        var recordings: [Recording] = []

        /// A section being rendered for the memo: the frames below `base` are outside its items.
        struct Recording {
            var base: Int
            var dependencies: [(name: Int, value: SectionMemo.Dependency)] = []
            /// False once the body found outside its items something the memo cannot compare.
            var keepable = true
        }

        init(program: TemplateProgram, ops: UnsafeBufferPointer<Op>, bytes: UnsafeBufferPointer<UInt8>,
             names: UnsafeBufferPointer<NameParts>, symbols: UnsafeBufferPointer<Int32>, components: UnsafeBufferPointer<String>,
             stack: [Frame], reuse: RowReuse?, memo: SectionMemo?) {
            self.program = program
            self.ops = ops
            self.bytes = bytes
            self.names = names
            self.symbols = symbols
            self.components = components
            self.stack = stack
            self.reuse = reuse
            self.memo = memo
        }

        /// Renders the operations `range` (a template, or a section's body).
        mutating func render(_ range: Range<Int>, into output: inout [UInt8], indentation: [UInt8]?,
                             escaping: Escaping) {
            var escaping = escaping
            let start = output.count
            let indent = indentation?.isEmpty == false ? indentation : nil
            var index = range.lowerBound
            while index < range.upperBound {
                let nodeStart = output.count
                index = render(at: index, into: &output, indentation: indentation, escaping: &escaping)
                // A partial's indentation goes before each piece that starts a line (a CRLF is
                // not "\n" to swift-mustache, which compares characters).
                if let indent, output.count > nodeStart, nodeStart > start, output[nodeStart - 1] == 0x0A,
                   !(nodeStart - 2 >= start && output[nodeStart - 2] == 0x0D) {
                    output.insert(contentsOf: indent, at: nodeStart)
                }
            }
        }

        /// Renders the operation at `index`; returns the index of the next one (past a section's body).
        private mutating func render(at index: Int, into output: inout [UInt8], indentation: [UInt8]?,
                                     escaping: inout Escaping) -> Int {
            let op = ops[index]
            switch op.kind {
            case .text:
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[Int(op.a)..<Int(op.b)]))
            case .variable, .rawVariable:
                let escaped = op.kind == .variable
                guard let value = lookup(Int(op.a)) else { break }
                switch value {
                case .markup(let markup) where !escaped:
                    output += markup.bytes
                    return index + 1
                case .writer(let writer) where !escaped:
                    // Its rows stay where they are written unless an indentation goes in before them.
                    writer.write(&output, reuse: indentation?.isEmpty ?? true ? reuse : nil)
                    return index + 1
                case .other(let other) where !escaped:
                    if let markup = other as? HTMLBytes {
                        output += markup.bytes
                        return index + 1
                    }
                default:
                    break
                }
                let text = Self.text(of: value)
                if escaped { Self.escape(text, escaping, into: &output) } else { output += text.utf8 }
            case .section, .inverted:
                let value = lookup(Int(op.a))
                let body = index + 1..<Int(op.b)
                if op.kind == .inverted {
                    renderInverted(value, body, into: &output, indentation: indentation, escaping: escaping)
                } else {
                    renderSection(value, body, into: &output, indentation: indentation, escaping: escaping)
                }
                return Int(op.b)
            case .partial:
                guard op.a >= 0 else {
                    miss(program.partialNames[Int(op.c)])
                    break
                }
                let inner = op.b >= 0 ? (indentation ?? []) + program.indentations[Int(op.b)] : indentation
                render(Int(op.a)..<Int(op.c), into: &output, indentation: inner, escaping: .html)
            case .escaping:
                escaping = Escaping(rawValue: op.a) ?? .html
            }
            return index + 1
        }

        private mutating func renderSection(_ value: TemplateValue?, _ body: Range<Int>, into output: inout [UInt8],
                                            indentation: [UInt8]?, escaping: Escaping) {
            switch value {
            case .flag(let condition):
                if condition { render(body, into: &output, indentation: indentation, escaping: escaping) }
            case .models(let models):
                // Rows to reuse record their places in the page, and an indentation goes before each
                // line: neither survives copying the section's bytes.
                if let memo, reuse == nil, indentation?.isEmpty ?? true, let list = models.sharedList {
                    renderShared(models, list: list, memo: memo, body, into: &output, escaping: escaping)
                    return
                }
                let rows = reuse != nil && indentation?.isEmpty ?? true ? models as? any ReusableRows : nil
                var index = 0
                while index < models.modelCount {
                    renderItem(.model(models.model(at: index)), index: index, rows: rows, body, into: &output,
                               indentation: indentation, escaping: escaping)
                    index += 1
                }
            case .texts(let texts):
                for text in texts {
                    renderItem(.text(text), index: 0, rows: nil, body, into: &output, indentation: indentation, escaping: escaping)
                }
            case .other(let other):
                if let condition = other as? Bool {
                    if condition { render(body, into: &output, indentation: indentation, escaping: escaping) }
                    return
                }
                switch other {
                case let sequence as any MustacheSequence:
                    // A row's bytes sit where they were rendered only when no partial indentation is
                    // inserted before them afterwards.
                    let rows = reuse != nil && indentation?.isEmpty ?? true ? sequence as? any ReusableRows : nil
                    renderItems(sequence, rows: rows, body, into: &output, indentation: indentation, escaping: escaping)
                default:
                    renderItem(.other(other), index: 0, rows: nil, body, into: &output,
                               indentation: indentation, escaping: escaping)
                }
            case .some(let value):
                renderItem(value, index: 0, rows: nil, body, into: &output, indentation: indentation, escaping: escaping)
            case .none:
                break
            }
        }

        /// Each item of a section's sequence, opened as its own type: no array of `Any` is made.
        private mutating func renderItems<S: Sequence>(_ sequence: S, rows: (any ReusableRows)?, _ body: Range<Int>,
                                                       into output: inout [UInt8], indentation: [UInt8]?, escaping: Escaping) {
            var index = 0
            for item in sequence {
                renderItem(TemplateValue.of(item), index: index, rows: rows, body, into: &output,
                           indentation: indentation, escaping: escaping)
                index += 1
            }
        }

        /// The body once with `item` pushed (a list's item, a section's object, an empty list); for a
        /// reusable row, copied from the previous page when its key matches, and its place recorded.
        private mutating func renderItem(_ item: TemplateValue, index: Int, rows: (any ReusableRows)?, _ body: Range<Int>,
                                         into output: inout [UInt8], indentation: [UInt8]?, escaping: Escaping) {
            if let reuse, let rows {
                reuse.row(rows.reuseID(at: index), into: &output) { output in
                    stack.append(Frame(item))
                    render(body, into: &output, indentation: indentation, escaping: escaping)
                    stack.removeLast()
                }
                return
            }
            stack.append(Frame(item))
            render(body, into: &output, indentation: indentation, escaping: escaping)
            stack.removeLast()
        }

        private mutating func renderInverted(_ value: TemplateValue?, _ body: Range<Int>, into output: inout [UInt8],
                                             indentation: [UInt8]?, escaping: Escaping) {
            switch value {
            // An empty list is pushed as swift-mustache pushes it (a name inside is looked for on it).
            case .models(let models):
                guard models.modelCount == 0 else { return }
                renderItem(.models(models), index: 0, rows: nil, body, into: &output, indentation: indentation, escaping: escaping)
            case .texts(let texts):
                guard texts.isEmpty else { return }
                renderItem(.texts(texts), index: 0, rows: nil, body, into: &output, indentation: indentation, escaping: escaping)
            case .flag(let condition):
                if !condition { render(body, into: &output, indentation: indentation, escaping: escaping) }
            case .other(let other):
                switch other {
                case let sequence as any MustacheSequence:
                    guard Self.isEmpty(sequence) else { return }
                    renderItem(.other(sequence), index: 0, rows: nil, body, into: &output, indentation: indentation, escaping: escaping)
                case let condition as Bool:
                    if !condition { render(body, into: &output, indentation: indentation, escaping: escaping) }
                default:
                    break
                }
            case .some:
                break
            case .none:
                render(body, into: &output, indentation: indentation, escaping: escaping)
            }
        }

        private static func isEmpty<S: Sequence>(_ sequence: S) -> Bool {
            var iterator = sequence.makeIterator()
            return iterator.next() == nil
        }

        private mutating func lookup(_ nameIndex: Int) -> TemplateValue? {
            // The innermost frame is read only where needed: `stack.last` copied it on every lookup.
            guard !stack.isEmpty else { return nil }
            let name = names[nameIndex]
            if name.isDot { return stack[stack.count - 1].value }
            if name.anchored { return descend(nameIndex, Int(name.first)..<Int(name.first + name.count), from: stack[stack.count - 1].value) }
            guard name.count > 0 else { return stack[stack.count - 1].value }
            let first = Int(name.first), symbol = symbols[first]
            // Each frame is asked in place: `for frame in stack.reversed()`, and then reading
            // `stack[index].parent`, copied every frame passed (two existentials retained and released).
            let components = self.components
            var at = stack.count - 1
            let found: TemplateValue? = stack.withUnsafeBufferPointer { frames in
                while at >= 0 {
                    if case .model(let model) = frames[at].value {
                        if let found = model.templateValue(symbol: symbol) { return found }
                    } else if case .labels(let labels) = frames[at].value {
                        if let found = labels[components[first]] { return .text(found) }
                    } else if let parent = frames[at].parent {
                        if let found = parent.child(named: components[first]) { return TemplateValue.of(found) }
                    } else if let found = Self.reflected(components[first], of: frames[at].value.any) {
                        return TemplateValue.of(found)
                    }
                    at -= 1
                }
                return nil
            }
            if let found {
                let value = descend(nameIndex, first + 1..<Int(name.first + name.count), from: found)
                if !recordings.isEmpty, at < recordings[recordings.count - 1].base { noteOutside(nameIndex, value, foundAt: at) }
                return value
            }
            // A plain struct's nil optional is passed over as swift-mustache does, but it is there.
            if !stack.contains(where: { !$0.isParent
                && Mirror(reflecting: $0.value.any).children.contains { $0.label == components[first] } }) {
                miss(program.nameTexts[nameIndex])
            }
            noteOutside(nameIndex, nil)
            return nil
        }

        private mutating func miss(_ name: String) {
            missing = missing ?? name
            misses += 1
        }

        /// A name found in frame `foundAt`, or found nowhere (nil), while sections are recorded for
        /// the memo: each recording whose items lie above the frame keeps the value, or gives up.
        private mutating func noteOutside(_ nameIndex: Int, _ value: TemplateValue?, foundAt: Int = -1) {
            for index in recordings.indices where foundAt < recordings[index].base && recordings[index].keepable {
                guard let value, let dependency = SectionMemo.Dependency(value) else {
                    recordings[index].keepable = false
                    continue
                }
                if !recordings[index].dependencies.contains(where: { $0.name == nameIndex }) {
                    recordings[index].dependencies.append((nameIndex, dependency))
                }
            }
        }

        /// A section over a shared list: its bytes from the memo when every name its body found
        /// outside the items finds the same value now; otherwise rendered, and kept when it can be.
        private mutating func renderShared(_ models: any TemplateModelArray, list: any AnyObject & Sendable, memo: SectionMemo,
                                           _ body: Range<Int>, into output: inout [UInt8], escaping: Escaping) {
            let key = SectionMemo.Key(op: body.lowerBound, escaping: escaping.rawValue, list: ObjectIdentifier(list))
            if let entry = memo.entry(key) {
                // The names are asked here, below the items, as the body asked them through the items
                // (the same objects, so they answer the same). Enclosing recordings note them too.
                let same = entry.dependencies.allSatisfy { dependency in
                    lookup(dependency.name).flatMap(SectionMemo.Dependency.init) == dependency.value
                }
                if same {
                    output += entry.bytes
                    return
                }
            }
            recordings.append(Recording(base: stack.count))
            let start = output.count, missesBefore = misses
            var index = 0
            while index < models.modelCount {
                renderItem(.model(models.model(at: index)), index: index, rows: nil, body, into: &output, indentation: nil,
                           escaping: escaping)
                index += 1
            }
            let recording = recordings.removeLast()
            guard recording.keepable, misses == missesBefore else { return }
            memo.store(key, SectionMemo.Entry(list: list, dependencies: recording.dependencies, bytes: Array(output[start...])))
        }

        /// Follows the name's components `parts` (indexes into `symbols`) down from `object`.
        private mutating func descend(_ nameIndex: Int, _ parts: Range<Int>, from object: TemplateValue) -> TemplateValue? {
            var object = object
            for part in parts {
                guard let next = child(part, of: object) else {
                    // Under a nil optional the rest is nil, as swift-mustache and the checker have it.
                    if case .other(let other) = object, let optional = other as? OptionalValue, optional.wrapped == nil { return nil }
                    miss(program.nameTexts[nameIndex])
                    return nil
                }
                object = next
            }
            return object
        }

        private func child(_ part: Int, of object: TemplateValue) -> TemplateValue? {
            switch object {
            case .model(let model): return model.templateValue(symbol: symbols[part])
            case .labels(let labels): return labels[components[part]].map(TemplateValue.text)
            default: break
            }
            let any = object.any
            if let parent = any as? MustacheParent { return parent.child(named: components[part]).map(TemplateValue.of) }
            return Self.reflected(components[part], of: any).map(TemplateValue.of)
        }

        private static func reflected(_ name: String, of object: Any) -> Any? {
            guard let matched = Mirror(reflecting: object).children.first(where: { $0.label == name }) else { return nil }
            let mirror = Mirror(reflecting: matched.value)
            guard mirror.displayStyle == .optional else { return matched.value }
            return mirror.children.first?.value
        }

        /// What swift-mustache prints for a value: its description, a nil optional as `nil`.
        private static func text(of value: TemplateValue) -> String {
            switch value {
            case .text(let text): return text
            case .number(let number): return String(number)
            case .other(let other): return text(of: other)
            default: return text(of: value.any)
            }
        }

        private static func text(of value: Any) -> String {
            if let text = value as? String { return text }
            if let number = value as? Int { return String(number) }
            return String(describing: (value as? OptionalValue)?.wrapped ?? value)
        }

        private static func escape(_ text: String, _ escaping: Escaping, into output: inout [UInt8]) {
            switch escaping {
            case .none: output += text.utf8
            case .markdown: output += MarkdownText.escape(text).utf8
            case .html: escapeHTML(text, into: &output)
            }
        }

        /// The five characters swift-mustache escapes, with the same entities.
        private static func escapeHTML(_ text: String, into output: inout [UInt8]) {
            var text = text
            text.withUTF8 { bytes in
                guard bytes.contains(where: { $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0x22 || $0 == 0x27 }) else {
                    output.append(contentsOf: bytes)
                    return
                }
                for byte in bytes {
                    switch byte {
                    case 0x3C: output += [0x26, 0x6C, 0x74, 0x3B]  // &lt;
                    case 0x3E: output += [0x26, 0x67, 0x74, 0x3B]  // &gt;
                    case 0x26: output += [0x26, 0x61, 0x6D, 0x70, 0x3B]  // &amp;
                    case 0x22: output += [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B]  // &quot;
                    case 0x27: output += [0x26, 0x23, 0x33, 0x39, 0x3B]  // &#39;
                    default: output.append(byte)
                    }
                }
            }
        }
    }
}

/// An optional seen through `Any`, to print a nil one as swift-mustache does.
private protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? { self }
}
