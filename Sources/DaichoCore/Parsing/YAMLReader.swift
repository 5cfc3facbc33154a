
/// Turns the bytes of one YAML file into a node tree, refusing what could hurt:
/// oversized files, non-UTF-8 text, alias bombs and deep nesting.
///
/// Files in the plain subset ledgers are written in are read by `PlainYAMLParser`; the rest,
/// and every file with an error, by libyaml, with the tree built straight from its events
/// (`YAMLTreeBuilder`): limits are checked as nodes arrive, so a bomb or a 500,000-level file
/// stops early, and no intermediate tree of objects is made.
public struct YAMLReader: Sendable {
    public struct Limits: Sendable {
        public var maxBytes = 1 << 20
        public var maxNodes = 10_000
        public var maxDepth = 64

        public init() {}
    }

    public var limits: Limits
    /// False to read every file with libyaml (the differential tests compare both readers).
    public var readsPlainSubset: Bool

    public init(limits: Limits = Limits(), readsPlainSubset: Bool = true) {
        self.limits = limits
        self.readsPlainSubset = readsPlainSubset
    }

    /// The root node, or nil with the diagnostics that explain why not; with a root, the problems
    /// the reading went on past (a duplicate key).
    public func read(_ bytes: [UInt8], file: String) -> (root: YAMLNode?, diagnostics: [Diagnostic]) {
        let start = SourceLocation(file: file)
        if bytes.count > limits.maxBytes {
            return (nil, [Diagnostic(.error, .fileTooLarge, at: start, field: "",
                // Not the size: the caller reads no more than one byte past the limit.
                LocalizedText(ja: "ファイルが大きすぎます（上限 \(limits.maxBytes) バイト）",
                              en: "file too large (limit \(limits.maxBytes) bytes)"),
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
        var utf8 = text
        return utf8.withUTF8 { buffer in
            if readsPlainSubset, let root = PlainYAMLParser.parse(buffer, limits: limits) { return (root, []) }
            var builder = YAMLTreeBuilder(limits: limits, file: file)
            let built = builder.build(buffer)
            let recovered = builder.recovered
            switch built {
            case .success(let root?):
                return (root, recovered)
            case .success(nil):
                return (nil, [Diagnostic(.error, .emptyFile, at: start, field: "",
                    LocalizedText(ja: "ファイルが空です", en: "the file is empty"),
                    hint: LocalizedText(ja: "daicho new で記入用のひな形を作れます",
                                        en: "`daicho new` writes a template to fill in"))])
            case .failure(let problem):
                return (nil, recovered + [problem.diagnostic])
            }
        }
    }

    static func nestingDiagnostic(at location: SourceLocation, limit: Int) -> Diagnostic {
        Diagnostic(.error, .nestingTooDeep, at: location, field: "",
            LocalizedText(ja: "入れ子が深すぎます（上限 \(limit) 段）", en: "nesting deeper than \(limit) levels"),
            hint: LocalizedText(ja: "台帳の項目は数段の入れ子で足ります。インデントを確認してください",
                                en: "ledger fields need only a few levels; check the indentation"))
    }
}
