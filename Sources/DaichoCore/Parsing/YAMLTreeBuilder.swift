// libyaml as Yams vendors it (target CYaml). Yams's own node tree allocated a tag object and
// hashed every key of every mapping; building this small tree from the events directly made
// parsing a ledger about twice as fast (bench/results.md).
import CYaml

/// Builds a `YAMLNode` tree from libyaml's event stream, enforcing the reader's limits as it goes.
struct YAMLTreeBuilder {
    struct Problem: Error {
        var diagnostic: Diagnostic
    }

    let limits: YAMLReader.Limits
    let file: String

    private struct Anchored {
        var node: YAMLNode
        /// Nodes the anchored value stands for, once expanded.
        var size: Int
        var height: Int
        /// Bytes of text it stands for, once expanded.
        var bytes = 0
    }

    private struct Frame {
        var isMapping: Bool
        var line: Int32
        var column: Int32
        var anchor: String?
        var nodesBefore: Int
        var bytesBefore = 0
        var height = 1
        var items: [YAMLNode] = []
        var pairs: [YAMLNode.Pair] = []
        var pendingKey: YAMLNode?
    }

    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var nodes = 0
    /// Bytes of scalar text, aliases counted as what they expand to: a few aliases of one long
    /// text stay under the node limit and still fill the memory of every page that shows them.
    private var textBytes = 0
    private var sawAlias = false
    private var root: YAMLNode?
    /// Problems the reading went on past (a key written twice: the first is kept), so that the
    /// rest of the file is still checked.
    private(set) var recovered: [Diagnostic] = []

    init(limits: YAMLReader.Limits, file: String) {
        self.limits = limits
        self.file = file
    }

    /// The single document's root, nil for a file with no document, or the first problem met.
    mutating func build(_ input: UnsafeBufferPointer<UInt8>) -> Result<YAMLNode?, Problem> {
        // libyaml asserts on a null input pointer; an empty file has no document.
        guard let base = input.baseAddress, !input.isEmpty else { return .success(nil) }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(problem(.yamlSyntax, line: 1, column: 1,
                LocalizedText(ja: "YAML を読み込めません（メモリ不足）", en: "cannot read YAML: out of memory"), hint: nil))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, base, input.count)

        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(syntaxProblem(parser, input: input))
            }
            defer { yaml_event_delete(&event) }
            let line = Int32(truncatingIfNeeded: event.start_mark.line + 1)
            let column = Int32(truncatingIfNeeded: event.start_mark.column + 1)
            do {
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return .success(root)
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw problem(.yamlSyntax, line: line, column: column,
                            LocalizedText(ja: "YAML の書き方に誤りがあります（1ファイルに文書が2つ以上あります）",
                                          en: "YAML syntax error: more than one document in the file"),
                            hint: LocalizedText(ja: "「---」の行を取り除き、1ファイルに1システムを書いてください",
                                                en: "remove the '---' line; write one system per file"))
                    }
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let text = scalar.value.map {
                        String(decoding: UnsafeBufferPointer(start: $0, count: scalar.length), as: UTF8.self)
                    } ?? ""
                    let node = YAMLNode(content: .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE),
                                        line: line, column: column)
                    try add(node, size: 1, height: 1, bytes: scalar.length, anchor: Self.string(scalar.anchor))
                case YAML_ALIAS_EVENT:
                    sawAlias = true
                    guard let name = Self.string(event.data.alias.anchor), let anchored = anchors[name] else {
                        throw problem(.yamlSyntax, line: line, column: column,
                            LocalizedText(ja: "YAML の書き方に誤りがあります（定義されていないエイリアスです）",
                                          en: "YAML syntax error: undefined alias"),
                            hint: LocalizedText(ja: "「*名前」の前に「&名前」を書くか、値を直接書いてください",
                                                en: "define '&name' before '*name', or write the value directly"))
                    }
                    var node = anchored.node
                    node.line = line
                    node.column = column
                    try add(node, size: anchored.size, height: anchored.height, bytes: anchored.bytes, anchor: nil)
                case YAML_SEQUENCE_START_EVENT:
                    try open(mapping: false, line: line, column: column,
                             anchor: Self.string(event.data.sequence_start.anchor))
                case YAML_MAPPING_START_EVENT:
                    try open(mapping: true, line: line, column: column,
                             anchor: Self.string(event.data.mapping_start.anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    try close()
                default:
                    break  // stream start, document end, no-op events
                }
            } catch {
                return .failure(error as? Problem ?? problem(.yamlSyntax, line: line, column: column,
                    LocalizedText(ja: "YAML を読み込めません", en: "cannot read YAML"), hint: nil))
            }
        }
    }

    // MARK: - Tree

    private mutating func open(mapping: Bool, line: Int32, column: Int32, anchor: String?) throws {
        try count(1, height: 1, line: line, column: column)
        stack.append(Frame(isMapping: mapping, line: line, column: column, anchor: anchor, nodesBefore: nodes, bytesBefore: textBytes))
    }

    private mutating func close() throws {
        guard var frame = stack.popLast() else { return }
        if frame.isMapping, frame.pairs.hasDuplicateKeys {
            // Each at the later one (usually the line just added), with the first one's line and
            // the whole field path (`hardware.servers[0].cores`), as every other diagnostic has
            // it. The first is kept and the reading goes on: the rest of the file is checked too.
            for duplicate in Self.duplicates(frame.pairs) {
                recovered.append(problem(.duplicateKey, line: duplicate.second.line, column: duplicate.second.column,
                    LocalizedText(ja: "キー「\(duplicate.key)」が2回書かれています（\(duplicate.first.line)行目にもあります）",
                                  en: "the key '\(duplicate.key)' is written twice (also on line \(duplicate.first.line))"),
                    hint: LocalizedText(ja: "どちらか一方を残してください（ここでは\(duplicate.first.line)行目を使って検査しました）",
                                        en: "keep only one of them (line \(duplicate.first.line) was used for this check)"),
                    field: fieldPath(of: duplicate.key)).diagnostic)
            }
            frame.pairs = Self.withoutDuplicates(frame.pairs)
        }
        let node = YAMLNode(content: frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items),
                            line: frame.line, column: frame.column)
        if let anchor = frame.anchor {
            // The frame's own node was counted when it opened.
            anchors[anchor] = Anchored(node: node, size: nodes - frame.nodesBefore + 1, height: frame.height,
                                       bytes: textBytes - frame.bytesBefore)
        }
        attach(node, height: frame.height)
    }

    private mutating func add(_ node: YAMLNode, size: Int, height: Int, bytes: Int, anchor: String?) throws {
        try count(size, height: height, line: node.line, column: node.column)
        textBytes += bytes
        // Without aliases the text cannot outgrow the file, which is at most `maxBytes`.
        if textBytes > limits.maxBytes {
            throw problem(.aliasExpansion, line: node.line, column: node.column,
                LocalizedText(ja: "アンカーとエイリアスの展開で文字が多くなりすぎます（上限 \(limits.maxBytes) バイト）",
                              en: "anchors and aliases expand to too much text (limit \(limits.maxBytes) bytes)"),
                hint: LocalizedText(ja: "エイリアス（*名前）を使わず、値を直接書いてください",
                                    en: "write values directly instead of using aliases (*name)"))
        }
        if let anchor { anchors[anchor] = Anchored(node: node, size: size, height: height, bytes: bytes) }
        attach(node, height: height)
    }

    private mutating func attach(_ node: YAMLNode, height: Int) {
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].height = max(stack[top].height, height + 1)
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLNode.Pair(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
    }

    /// Counts nodes as they arrive (aliases count as what they expand to) and checks the depth.
    private mutating func count(_ size: Int, height: Int, line: Int32, column: Int32) throws {
        if stack.count + height > limits.maxDepth {
            throw Problem(diagnostic: YAMLReader.nestingDiagnostic(
                at: SourceLocation(file: file, line: Int(line), column: Int(column)), limit: limits.maxDepth))
        }
        nodes += size
        if nodes > limits.maxNodes {
            throw problem(.aliasExpansion, line: line, column: column,
                sawAlias
                    ? LocalizedText(ja: "アンカーとエイリアスの展開が上限（\(limits.maxNodes) 要素）を超えます",
                                    en: "anchors and aliases expand beyond \(limits.maxNodes) nodes")
                    : LocalizedText(ja: "要素が多すぎます（上限 \(limits.maxNodes) 要素）",
                                    en: "too many nodes (limit \(limits.maxNodes))"),
                hint: LocalizedText(ja: "エイリアス（*名前）を使わず、値を直接書いてください",
                                    en: "write values directly instead of using aliases (*name)"))
        }
    }

    /// The first key in a mapping written again, with its first place and the place it is written
    /// again. Only asked once `hasDuplicateKeys` found one, so plain hashing is enough here.
    /// Every key written again, with the place of its first writing.
    private static func duplicates(_ pairs: [YAMLNode.Pair]) -> [(key: String, first: YAMLNode, second: YAMLNode)] {
        var firstPlace: [String: YAMLNode] = [:]
        var found: [(String, YAMLNode, YAMLNode)] = []
        for pair in pairs {
            guard case .scalar(let key, _) = pair.key.content else { continue }
            if let first = firstPlace[key] { found.append((key, first, pair.key)) } else { firstPlace[key] = pair.key }
        }
        return found
    }

    /// The pairs with only the first of each key.
    private static func withoutDuplicates(_ pairs: [YAMLNode.Pair]) -> [YAMLNode.Pair] {
        var seen: Set<String> = []
        return pairs.filter { pair in
            guard case .scalar(let key, _) = pair.key.content else { return true }
            return seen.insert(key).inserted
        }
    }

    /// The field path of `key` in the mapping just taken off the stack: the keys and list
    /// indexes of the frames still open above it.
    private func fieldPath(of key: String) -> String {
        var path = ""
        for frame in stack {
            if frame.isMapping {
                guard case .scalar(let name, _)? = frame.pendingKey?.content else { continue }
                path += path.isEmpty ? name : "." + name
            } else {
                path += "[\(frame.items.count)]"
            }
        }
        return path.isEmpty ? key : path + "." + key
    }

    // MARK: - Problems

    private func problem(_ code: DiagnosticCode, line: Int32, column: Int32, _ message: LocalizedText,
                         hint: LocalizedText?, field: String = "") -> Problem {
        Problem(diagnostic: Diagnostic(.error, code, at: SourceLocation(file: file, line: Int(line), column: Int(column)),
                                       field: field, message, hint: hint))
    }

    private func syntaxProblem(_ parser: yaml_parser_t, input: UnsafeBufferPointer<UInt8>) -> Problem {
        let text = parser.problem.map { String(cString: $0) } ?? "unknown error"
        if parser.error == YAML_READER_ERROR {
            let location = SourceLocation.of(utf8Offset: parser.problem_offset, in: input, file: file)
            let reason = text.hasPrefix("control characters are not allowed") ? "制御文字は使えません"
                : text.hasPrefix("invalid leading UTF-8 octet") || text.hasPrefix("invalid trailing UTF-8 octet") ? "UTF-8 として読めない文字です"
                : text
            return Problem(diagnostic: Diagnostic(.error, .yamlSyntax, at: location, field: "",
                LocalizedText(ja: "使えない文字があります（\(reason)）", en: "invalid character: \(text)"),
                hint: LocalizedText(ja: "制御文字を取り除いてください", en: "remove control characters")))
        }
        // "could not find expected ':'" is found on the line after the key that lacks it: the key's
        // own place is the context libyaml names.
        let mark = text.hasPrefix("could not find expected ':'") ? parser.context_mark : parser.problem_mark
        let location = SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
        if text.contains("nesting level") {
            return Problem(diagnostic: YAMLReader.nestingDiagnostic(at: location, limit: limits.maxDepth))
        }
        if let (mistake, line, column) = TypingMistake.find(in: String(decoding: input, as: UTF8.self), near: location.line) {
            return Problem(diagnostic: Diagnostic(.error, .yamlSyntax, at: SourceLocation(file: file, line: line, column: column), field: "",
                LocalizedText(ja: "YAML の書き方に誤りがあります（\(mistake.message.ja)）", en: "YAML syntax error: \(mistake.message.en)"),
                hint: mistake.hint))
        }
        return Problem(diagnostic: Diagnostic(.error, .yamlSyntax, at: location, field: "",
            LocalizedText(ja: "YAML の書き方に誤りがあります（\(Self.japanese(libyamlProblem: text))）", en: "YAML syntax error: \(text)"),
            hint: LocalizedText(
                ja: "インデント（空白の数）、「:」の後の空白、引用符の閉じ忘れを確認してください",
                en: "check the indentation, the space after ':', and unclosed quotes")))
    }

    /// libyaml's words for what it found, in Japanese for the problems a hand-edited ledger meets;
    /// another one is shown as libyaml says it.
    static func japanese(libyamlProblem text: String) -> String {
        let known: [(String, String)] = [
            ("mapping values are not allowed in this context",
             "ここには「名前: 値」を書けません。値の中に「: 」があるなら値を引用符で囲み、そうでなければインデントを確認してください"),
            ("did not find expected key", "次の項目名が見つかりません。インデントがそろっているか確認してください"),
            ("did not find expected node content", "値があるはずの所に値がありません"),
            ("did not find expected ',' or ']'", "[ ] の中に「,」か閉じる「]」がありません"),
            ("did not find expected ',' or '}'", "{ } の中に「,」か閉じる「}」がありません"),
            ("did not find expected '-' indicator", "一覧の項目は「- 」で始めてください"),
            ("could not find expected ':'", "項目名の後に「:」がありません"),
            ("found character that cannot start any token", "値の先頭に使えない文字があります（「@」「`」「%」などは引用符で囲んでください）"),
            ("found unexpected end of stream", "引用符か括弧が閉じられないままファイルが終わっています"),
            ("found a tab character that violates indentation", "インデントにタブ文字があります（空白を使ってください）"),
            ("found a tab character where an indentation space is expected", "インデントにタブ文字があります（空白を使ってください）"),
            ("block sequence entries are not allowed in this context", "ここには一覧の項目（「- 」）を書けません"),
            ("found unknown escape character", "「\"」で囲んだ値に使えない「\\」の組み合わせがあります（「\\」を「\\\\」と書くか、値を「'」で囲んでください）"),
            ("did not find the expected '>'", "「!<」で始まる値は引用符で囲んでください"),
            ("did not find expected comment or line break", "「|」「>」や閉じた引用符の後に、余計な文字が続いています"),
            ("found incompatible YAML document", "YAML の版が違います（「%YAML」の行を取り除いてください）"),
            ("found duplicate %YAML directive", "「%YAML」の行が2つあります"),
            ("found undefined tag handle", "「!」で始まる値は引用符で囲んでください"),
            ("found unexpected ':'", "「:」の位置が正しくありません"),
            ("did not find expected hexdecimal number",
             "「\"」で囲んだ値の中の「\\」は特別な記号の始まりです。「\\」を「\\\\」と書くか、値を「'」で囲んでください（Windows のパスなど）"),
            ("did not find expected whitespace or line break", "「!」で始まる値は引用符で囲んでください"),
            // `*` and `&` start an alias or an anchor: `[hardware.servers[*].os]`.
            ("did not find expected alphabetic or numeric character",
             "「*」や「&」は YAML の特別な記号です。「[*]」などを含む値は引用符で囲んでください"),
        ]
        for (english, japanese) in known where text.hasPrefix(english) { return japanese }
        return text
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

extension SourceLocation {
    /// The line and column (in Unicode scalars) of a byte offset in UTF-8 text.
    static func of(utf8Offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String) -> SourceLocation {
        var line = 1, column = 1
        for byte in bytes.prefix(max(0, utf8Offset)) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {  // continuation bytes do not start a scalar
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
