import Yams

/// Turns the bytes of one YAML file into a node tree, refusing what could hurt:
/// oversized files, non-UTF-8 text, alias bombs and deep nesting.
public struct YAMLReader: Sendable {
    public struct Limits: Sendable {
        public var maxBytes = 1 << 20
        public var maxNodes = 10_000
        public var maxDepth = 64

        public init() {}
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// The root node, or nil with the diagnostics that explain why not.
    public func read(_ bytes: [UInt8], file: String) -> (root: Node?, diagnostics: [Diagnostic]) {
        let start = SourceLocation(file: file)
        if bytes.count > limits.maxBytes {
            return (nil, [Diagnostic(.error, .fileTooLarge, at: start, field: "",
                LocalizedText(ja: "ファイルが大きすぎます（\(bytes.count) バイト、上限 \(limits.maxBytes) バイト）",
                              en: "file too large (\(bytes.count) bytes, limit \(limits.maxBytes) bytes)"),
                hint: LocalizedText(ja: "1システム1ファイルにし、大きな資料は台帳の外に置いてください",
                                    en: "keep one system per file and large documents outside the ledger"))])
        }
        let text: String
        switch TextDecoding.decode(bytes) {
        case .success(let decoded):
            text = decoded
        case .failure(let problem):
            return (nil, [problem.diagnostic(file: file)])
        }
        let root: Node?
        do {
            // The basic resolver tags every scalar as a string without running Yams's regular
            // expressions (the schema decides types from the raw text), which makes parsing ~3× faster.
            // An explicit encoding: Yams's default reads the environment on every parse.
            root = try Parser(yaml: text, resolver: .basic, encoding: .utf8).singleRoot()
        } catch let error as YamlError {
            return (nil, [Self.diagnostic(for: error, file: file)])
        } catch {
            return (nil, [Diagnostic(.error, .yamlSyntax, at: start, field: "",
                LocalizedText(ja: "YAML を読み込めません: \(error)", en: "cannot read YAML: \(error)"))])
        }
        guard let root else {
            return (nil, [Diagnostic(.error, .emptyFile, at: start, field: "",
                LocalizedText(ja: "ファイルが空です", en: "the file is empty"),
                hint: LocalizedText(ja: "`daicho new` で記入用のひな形を作れます",
                                    en: "`daicho new` writes a template to fill in"))])
        }
        if let problem = checkShape(root, file: file, mayUseAliases: bytes.contains(UInt8(ascii: "*"))) {
            return (nil, [problem])
        }
        return (root, [])
    }

    /// One bounded walk over the expanded tree: stops at the first node past a limit.
    private func checkShape(_ root: Node, file: String, mayUseAliases aliased: Bool) -> Diagnostic? {
        var visited = 0
        var problem: Diagnostic?

        func visit(_ node: Node, depth: Int) {
            guard problem == nil else { return }
            visited += 1
            let location = node.mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
                ?? SourceLocation(file: file)
            if depth > limits.maxDepth {
                problem = Self.nestingDiagnostic(at: location, limit: limits.maxDepth)
                return
            }
            if visited > limits.maxNodes {
                problem = Diagnostic(.error, .aliasExpansion, at: location, field: "",
                    aliased
                        ? LocalizedText(ja: "アンカーとエイリアスの展開が上限（\(limits.maxNodes) 要素）を超えます",
                                        en: "anchors and aliases expand beyond \(limits.maxNodes) nodes")
                        : LocalizedText(ja: "要素が多すぎます（上限 \(limits.maxNodes) 要素）",
                                        en: "too many nodes (limit \(limits.maxNodes))"),
                    hint: LocalizedText(ja: "エイリアス（*名前）を使わず、値を直接書いてください",
                                        en: "write values directly instead of using aliases (*name)"))
                return
            }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    visit(key, depth: depth + 1)
                    visit(value, depth: depth + 1)
                }
            case .sequence(let sequence):
                for item in sequence { visit(item, depth: depth + 1) }
            case .scalar, .alias:
                break
            }
        }
        visit(root, depth: 1)
        return problem
    }

    static func nestingDiagnostic(at location: SourceLocation, limit: Int) -> Diagnostic {
        Diagnostic(.error, .nestingTooDeep, at: location, field: "",
            LocalizedText(ja: "入れ子が深すぎます（上限 \(limit) 段）", en: "nesting deeper than \(limit) levels"),
            hint: LocalizedText(ja: "台帳の項目は数段の入れ子で足ります。インデントを確認してください",
                                en: "ledger fields need only a few levels; check the indentation"))
    }

    static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        let hint = LocalizedText(
            ja: "インデント（空白の数）、「:」の後の空白、引用符の閉じ忘れを確認してください",
            en: "check the indentation, the space after ':', and unclosed quotes")
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            let location = SourceLocation(file: file, line: mark.line, column: mark.column)
            if problem.contains("nesting level") {
                return nestingDiagnostic(at: location, limit: 64)
            }
            return Diagnostic(.error, .yamlSyntax, at: location, field: "",
                LocalizedText(ja: "YAML の書き方に誤りがあります（\(problem)）", en: "YAML syntax error: \(problem)"),
                hint: hint)
        case .reader(let problem, let offset, _, let yaml):
            let location = offset.map { SourceLocation.of(characterOffset: $0, in: yaml, file: file) }
                ?? SourceLocation(file: file)
            return Diagnostic(.error, .yamlSyntax, at: location, field: "",
                LocalizedText(ja: "使えない文字があります（\(problem)）", en: "invalid character: \(problem)"),
                hint: LocalizedText(ja: "制御文字を取り除いてください", en: "remove control characters"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(.error, .duplicateKey,
                at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                field: duplicates.first ?? "",
                LocalizedText(ja: "同じキーが2回書かれています: \(duplicates.joined(separator: ", "))",
                              en: "duplicate key: \(duplicates.joined(separator: ", "))"),
                hint: LocalizedText(ja: "どちらか一方を残してください", en: "keep only one of them"))
        default:
            return Diagnostic(.error, .yamlSyntax, at: SourceLocation(file: file), field: "",
                LocalizedText(ja: "YAML を読み込めません（\(error)）", en: "cannot read YAML: \(error)"), hint: hint)
        }
    }
}

extension SourceLocation {
    /// The line and column of a character offset in a text.
    static func of(characterOffset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1
        for character in text.prefix(characterOffset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
