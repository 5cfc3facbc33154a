import DaichoCore

/// The tags of a Mustache template with their lines, so a wrong key can be named precisely.
///
/// swift-mustache renders; this outline exists only to check that every name a template uses
/// is one the view model has. It understands the tags our templates use: variables, `{{{ }}}`,
/// `{{& }}`, sections, inverted sections, partials, comments and pragmas.
struct TemplateOutline: Sendable {
    indirect enum Node: Sendable {
        /// `raw`: written `{{{name}}}` or `{{& name}}`, left unescaped.
        case variable(name: String, line: Int, column: Int, raw: Bool = false)
        case section(name: String, line: Int, column: Int, inverted: Bool, children: [Node], id: Int)
        case partial(name: String, line: Int, column: Int)
    }

    var nodes: [Node]
    /// Number of section nodes; ids run from 0.
    var sectionCount: Int

    enum ParseError: Error {
        case problem(line: Int, column: Int, message: String)
    }

    private static let opener = Array("{{".utf8), closer = Array("}}".utf8), tripleCloser = Array("}}}".utf8)

    init(parsing source: String) throws(ParseError) {
        var stack: [(name: String, line: Int, column: Int, inverted: Bool, nodes: [Node], id: Int)] = []
        var current: [Node] = []
        var nextID = 0
        var line = 1, column = 1
        var index = source.startIndex
        // Tags are found as bytes: Foundation's `range(of:)` compares Unicode characters, and
        // outlining the templates that way was a twentieth of a one-ledger rebuild's start.
        let bytes = Array(source.utf8)
        func find(_ needle: [UInt8], from start: String.Index) -> Range<String.Index>? {
            let from = source.utf8.distance(from: source.startIndex, to: start)
            guard let at = ByteSearch.firstIndex(of: needle, in: bytes, from: from) else { return nil }
            let lower = source.utf8.index(source.startIndex, offsetBy: at)
            return lower..<source.utf8.index(lower, offsetBy: needle.count)
        }

        func advance(to end: String.Index) {
            for character in source[index..<end] {
                if character == "\n" || character == "\r\n" { line += 1; column = 1 } else { column += 1 }
            }
            index = end
        }

        while let open = find(Self.opener, from: index) {
            advance(to: open.lowerBound)
            let tagLine = line, tagColumn = column
            let triple = source[open.upperBound...].hasPrefix("{")
            let closer = triple ? "}}}" : "}}"
            let bodyStart = triple ? source.index(after: open.upperBound) : open.upperBound
            guard let close = find(triple ? Self.tripleCloser : Self.closer, from: bodyStart) else {
                throw .problem(line: tagLine, column: tagColumn, message: "閉じていないタグ（\(closer) がありません）")
            }
            let body = source[bodyStart..<close.lowerBound]
            // Another tag opens before this one closes: this one is left unclosed (`{{name <b>{{id}}`,
            // `{{{name}}` one brace short), said here rather than where the closer was found, lines on.
            if body.contains("{{") {
                throw .problem(line: tagLine, column: tagColumn, message: "タグが閉じられていません（\(closer) がありません）")
            }
            advance(to: close.upperBound)
            let sigil = triple ? "{" : body.first.map(String.init) ?? ""
            let name = { (drop: Int) in String(String(body.dropFirst(drop)).trimmingCharactersInWhitespace) }
            switch sigil {
            case "{": current.append(.variable(name: String(String(body).trimmingCharactersInWhitespace), line: tagLine, column: tagColumn, raw: true))
            case "&": current.append(.variable(name: name(1), line: tagLine, column: tagColumn, raw: true))
            case "!", "%": break
            case "#", "^":
                stack.append((name(1), tagLine, tagColumn, sigil == "^", current, nextID))
                nextID += 1
                current = []
            case "/":
                guard let open = stack.popLast() else {
                    throw .problem(line: tagLine, column: tagColumn, message: "対応する開始タグのない {{/\(name(1))}}")
                }
                guard open.name == name(1) else {
                    throw .problem(line: tagLine, column: tagColumn,
                                   message: "{{#\(open.name)}}（\(open.line)行目）が {{/\(name(1))}} で閉じられています")
                }
                let section = Node.section(name: open.name, line: open.line, column: open.column, inverted: open.inverted,
                                           children: current, id: open.id)
                current = open.nodes + [section]
            case ">": current.append(.partial(name: name(1), line: tagLine, column: tagColumn))
            case "=", "<", "$":
                throw .problem(line: tagLine, column: tagColumn, message: "このタグ（{{\(sigil)…}}）は使えません")
            default:
                let variable = String(String(body).trimmingCharactersInWhitespace)
                guard !variable.isEmpty else { throw .problem(line: tagLine, column: tagColumn, message: "空のタグ {{}}") }
                current.append(.variable(name: variable, line: tagLine, column: tagColumn))
            }
        }
        if let open = stack.last {
            throw .problem(line: open.line, column: open.column, message: "{{#\(open.name)}} が閉じられていません")
        }
        nodes = current
        sectionCount = nextID
    }
}

extension TemplateOutline {
    /// The names whose values Daicho makes as markup itself, escaping every ledger value in them
    /// (HTML, charts, the drafts' Markdown and their editor's comments): the only ones a
    /// template may leave unescaped.
    static let markupNames: Set<String> = ["body", "contentHTML", "fieldsHTML", "headingHTML", "html", "markdown", "purpose", "reason", "svg"]

    /// `{{{name}}}` and `{{& name}}` on names not in `markupNames`, where they are: a ledger's
    /// value so written would reach the page as HTML (`<script>` in a system's name).
    var unescapedValues: [(name: String, line: Int, column: Int)] {
        var found: [(String, Int, Int)] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .variable(let name, let line, let column, let raw):
                    let last = name.split(separator: ".").last.map(String.init) ?? name
                    if raw && !Self.markupNames.contains(last) { found.append((name, line, column)) }
                case .section(_, _, _, _, let children, _): walk(children)
                case .partial: break
                }
            }
        }
        walk(nodes)
        return found
    }

    /// A partial tag, where it is.
    struct PartialUse {
        var name: String
        var line: Int
        var column: Int
    }

    /// The partials the template includes, in the order they appear (sections included).
    var partials: [PartialUse] {
        var uses: [PartialUse] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .partial(let name, let line, let column): uses.append(PartialUse(name: name, line: line, column: column))
                case .section(_, _, _, _, let children, _): walk(children)
                case .variable: break
                }
            }
        }
        walk(nodes)
        return uses
    }

    /// The first loop of partials that include one another (`a` → `b` → `a`), found from the
    /// templates in name order: rendering one would never end (the program ran out of stack).
    /// - Returns: the templates of the loop, the last one's tag closing it, and that tag.
    static func partialLoop(in outlines: [String: TemplateOutline]) -> (names: [String], tag: PartialUse)? {
        var done: Set<String> = []
        var path: [String] = []
        func visit(_ name: String) -> (names: [String], tag: PartialUse)? {
            guard !done.contains(name), let outline = outlines[name] else { return nil }
            path.append(name)
            for use in outline.partials {
                if let start = path.firstIndex(of: use.name) { return (Array(path[start...]) + [use.name], use) }
                if let loop = visit(use.name) { return loop }
            }
            path.removeLast()
            done.insert(name)
            return nil
        }
        for name in outlines.keys.sorted() {
            if let loop = visit(name) { return loop }
        }
        return nil
    }
}
