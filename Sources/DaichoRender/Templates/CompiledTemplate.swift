/// A Mustache template parsed once into nodes that render straight into bytes.
///
/// swift-mustache stays the reference: this parser follows its rules line for line (standalone
/// tags drop their line, a standalone partial indents the lines it renders, a trailing line of
/// blanks is dropped), and a test renders every page both ways and compares the bytes. What it
/// does not cover — set delimiters, inheritance, dynamic partials, transforms — makes the parse
/// return nil, and the template set then renders everything through swift-mustache. The gain is
/// in rendering: swift-mustache asks eight dynamic casts of every value and escapes character by
/// character into Strings, which was half the CPU time of building the system pages.
struct CompiledTemplate: Sendable {
    enum Escaping: Int32, Sendable {
        case html, markdown, none
    }

    /// `a.b.c`, `.a` (from the innermost value only) or `.` (the innermost value itself).
    struct Name: Sendable {
        var text: String
        var components: [String]
        var anchored: Bool
        var isDot: Bool

        init(_ text: String) {
            self.text = text
            isDot = text == "."
            anchored = text.first == "."
            components = text.split(separator: ".").map(String.init)
        }
    }

    indirect enum Node: Sendable {
        case text([UInt8])
        case variable(Name, escaped: Bool)
        case section(Name, inverted: Bool, body: CompiledTemplate)
        /// Indentation is set for a standalone partial.
        case partial(String, indentation: [UInt8]?)
        case escaping(Escaping)
    }

    var nodes: [Node]

    /// Nil when the template uses what this parser leaves to swift-mustache, or is malformed.
    init?(_ source: String, contentTypes: [String: Escaping]) {
        var parser = Parser(Array(source))
        guard let nodes = try? Self.parse(&parser, state: State(), contentTypes: contentTypes) else { return nil }
        self.nodes = nodes
    }

    private init(nodes: [Node]) {
        self.nodes = nodes
    }

    private struct Unsupported: Error {}

    private struct State {
        var sectionName: String?
        var newLine = true
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let nameCharactersWithoutBrackets = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let partialNameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    /// The port of swift-mustache's `parse(_:state:)` for the tags Daicho's templates may use.
    private static func parse(_ parser: inout Parser, state: State, contentTypes: [String: Escaping]) throws -> [Node] {
        var nodes: [Node] = []
        var state = state
        var whiteSpaceBefore: [Character] = []
        func text(_ characters: [Character]) -> Node { .text(Array(String(characters).utf8)) }
        func flushWhiteSpace() {
            if !whiteSpaceBefore.isEmpty {
                nodes.append(text(whiteSpaceBefore))
                whiteSpaceBefore = []
            }
        }
        while !parser.atEnd {
            if state.newLine { whiteSpaceBefore = parser.read { $0 == " " || $0 == "\t" } }
            let content = parser.readUntilDelimiterOrNewline()
            if parser.current.isNewline {
                nodes.append(text(whiteSpaceBefore + content + [parser.current]))
                state.newLine = true
                parser.position += 1
                continue
            }
            if !content.isEmpty {
                nodes.append(text(whiteSpaceBefore + content))
                whiteSpaceBefore = []
                state.newLine = false
            }
            if parser.atEnd { break }
            var setNewLine = false
            switch parser.current {
            case "#", "^":
                let inverted = parser.current == "^"
                parser.position += 1
                let name = try parseName(&parser)
                if isStandalone(&parser, state) { setNewLine = true } else { flushWhiteSpace() }
                var inner = state
                inner.sectionName = name
                if !setNewLine { inner.newLine = false }
                let body = try parse(&parser, state: inner, contentTypes: contentTypes)
                nodes.append(.section(Name(name), inverted: inverted, body: CompiledTemplate(nodes: body)))
            case "/":
                parser.position += 1
                let name = try parseName(&parser)
                guard name == state.sectionName else { throw Unsupported() }
                if !isStandalone(&parser, state) { flushWhiteSpace() }
                return nodes
            case "!":
                parser.position += 1
                guard parser.skip(past: ["}", "}"]) else { throw Unsupported() }
                setNewLine = isStandalone(&parser, state)
            case "{", "&":
                let triple = parser.current == "{"
                flushWhiteSpace()
                parser.position += 1
                let name = try parseName(&parser)
                if triple {
                    guard parser.current == "}" else { throw Unsupported() }
                    parser.position += 1
                }
                nodes.append(.variable(Name(name), escaped: false))
            case ">":
                parser.position += 1
                _ = parser.read(while: \.isWhitespace)
                guard parser.current != "*" else { throw Unsupported() }
                _ = parser.read(while: \.isWhitespace)
                let name = String(parser.read { partialNameCharacters.contains($0) })
                _ = parser.read(while: \.isWhitespace)
                guard parser.skip(["}", "}"]) else { throw Unsupported() }
                if !whiteSpaceBefore.isEmpty { nodes.append(text(whiteSpaceBefore)) }
                if isStandalone(&parser, state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: Array(String(whiteSpaceBefore).utf8)))
                } else {
                    nodes.append(.partial(name, indentation: nil))
                }
                whiteSpaceBefore = []
            case "%":
                parser.position += 1
                _ = parser.read(while: \.isWhitespace)
                let variable = String(parser.read { nameCharactersWithoutBrackets.contains($0) })
                _ = parser.read(while: \.isWhitespace)
                guard parser.skip([":"]) else { throw Unsupported() }
                _ = parser.read(while: \.isWhitespace)
                let value = String(parser.read { nameCharactersWithoutBrackets.contains($0) })
                _ = parser.read(while: \.isWhitespace)
                guard parser.skip(["}", "}"]), variable == "CONTENT_TYPE", let escaping = contentTypes[value] else {
                    throw Unsupported()
                }
                nodes.append(.escaping(escaping))
                setNewLine = isStandalone(&parser, state)
            case "=", "<", "$":
                throw Unsupported()
            default:
                flushWhiteSpace()
                nodes.append(.variable(Name(try parseName(&parser)), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Unsupported() }
        return nodes
    }

    /// A name without transforms (`first()` and the like are swift-mustache's to render).
    private static func parseName(_ parser: inout Parser) throws -> String {
        _ = parser.read(while: \.isWhitespace)
        let name = parser.read { nameCharacters.contains($0) }
        _ = parser.read(while: \.isWhitespace)
        guard parser.skip(["}", "}"]), !name.contains("("), !name.contains(")") else { throw Unsupported() }
        return String(name)
    }

    /// A tag alone on its line (after blanks) takes the line with it.
    private static func isStandalone(_ parser: inout Parser, _ state: State) -> Bool {
        guard state.newLine else { return false }
        if parser.atEnd { return true }
        var ahead = parser
        _ = ahead.read { $0 == " " || $0 == "\t" }
        guard ahead.current.isNewline else { return false }
        parser.position = ahead.position + 1
        return true
    }

    /// Characters, as swift-mustache reads them (`\r\n` is one).
    private struct Parser {
        let characters: [Character]
        var position = 0

        init(_ characters: [Character]) {
            self.characters = characters
        }

        var atEnd: Bool { position >= characters.count }
        var current: Character { atEnd ? "\0" : characters[position] }

        mutating func read(while matches: (Character) -> Bool) -> [Character] {
            let start = position
            while !atEnd, matches(characters[position]) { position += 1 }
            return Array(characters[start..<position])
        }

        mutating func read(while keyPath: KeyPath<Character, Bool>) -> [Character] {
            read { $0[keyPath: keyPath] }
        }

        /// Reads `expected` if it comes next.
        mutating func skip(_ expected: [Character]) -> Bool {
            guard characters.count - position >= expected.count,
                  Array(characters[position..<position + expected.count]) == expected else { return false }
            position += expected.count
            return true
        }

        /// Moves past the next `expected`; false (and no move) when there is none.
        mutating func skip(past expected: [Character]) -> Bool {
            var index = position
            while characters.count - index >= expected.count {
                if Array(characters[index..<index + expected.count]) == expected {
                    position = index + expected.count
                    return true
                }
                index += 1
            }
            return false
        }

        /// Text up to a line break (not read) or up to and past `{{`.
        mutating func readUntilDelimiterOrNewline() -> [Character] {
            var text: [Character] = []
            while !atEnd {
                text += read { $0 != "\n" && $0 != "\r\n" && $0 != "{" }
                if current.isNewline { break }
                if current == "{" {
                    if skip(["{", "{"]) { break }
                    text.append("{")
                    position += 1
                }
            }
            return text
        }
    }
}

extension CompiledTemplate {
    /// `TemplateProgram.render` of these templates, flattened for this one page (tests and the
    /// like; a template set flattens its templates once).
    static func render(_ name: String, _ model: Any, templates: [String: CompiledTemplate], reuse: RowReuse? = nil)
        -> (bytes: [UInt8], missing: String?)? {
        TemplateProgram(templates).render(name, model, reuse: reuse)
    }
}
