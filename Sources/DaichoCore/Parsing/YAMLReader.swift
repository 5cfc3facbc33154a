
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
                LocalizedText(ja: "ファイルが大きすぎます（上限の \(Self.megabytes(limits.maxBytes))、\(YenFormat.grouped(limits.maxBytes)) バイトを超えています）",
                              en: "file too large (over the limit of \(Self.megabytes(limits.maxBytes)), \(YenFormat.grouped(limits.maxBytes)) bytes)"),
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
                // A file of comments is not empty to the clerk who sees them.
                let commentsOnly = buffer.contains { $0 == UInt8(ascii: "#") }
                return (nil, [Diagnostic(.error, .emptyFile, at: start, field: "",
                    commentsOnly ? LocalizedText(ja: "台帳の項目がありません（コメントと空行だけです）", en: "no ledger field (only comments and blank lines)")
                        : LocalizedText(ja: "ファイルが空です", en: "the file is empty"),
                    hint: LocalizedText(ja: "記入用のひな形は daicho new ID --department 課名 --name 名称 で作れます（同じ名前のファイルは先に削除するか、下書きなら名前の先頭に _ を付けてください）",
                                        en: "daicho new ID --department NAME --name NAME writes a ledger to fill in (delete a file of that name first, or put _ before the name of a draft)"))])
            case .failure(let problem):
                return (nil, recovered + [problem.diagnostic])
            }
        }
    }

    /// `1 MB` for 1,048,576 bytes: whole mebibytes as clerks say them, else kilobytes.
    static func megabytes(_ bytes: Int) -> String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : "\(bytes >> 10) KB"
    }

    static func nestingDiagnostic(at location: SourceLocation, limit: Int) -> Diagnostic {
        Diagnostic(.error, .nestingTooDeep, at: location, field: "",
            LocalizedText(ja: "入れ子が深すぎます（上限 \(limit) 段）", en: "nesting deeper than \(limit) levels"),
            hint: LocalizedText(ja: "台帳の項目は数段の入れ子で足ります。インデントを確認してください",
                                en: "ledger fields need only a few levels; check the indentation"))
    }
}
