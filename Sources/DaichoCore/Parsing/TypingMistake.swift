/// The typing mistakes behind most YAML syntax errors in ledgers written on Japanese input
/// methods: a full-width space or a tab in the indentation, a full-width colon after a key, no
/// space after the colon. libyaml reports them on the next line, in English; the check names the
/// mistake and where it is.
enum TypingMistake: Equatable {
    case fullWidthSpaceIndent
    case tabIndent
    case fullWidthColon
    case noSpaceAfterColon
    /// `値　# コメント` typed in full-width mode: YAML takes a comment only after an ASCII space,
    /// so the comment is part of the value (and one with `: ` in it is a syntax error).
    case fullWidthSpaceBeforeComment

    /// The first mistake on the lines from two before `line` to `line` (1-based), with its
    /// line and column (in Unicode scalars, as diagnostics count them).
    static func find(in text: String, near line: Int) -> (mistake: TypingMistake, line: Int, column: Int)? {
        // The nearest line first: the slip is usually on the line libyaml names, and a line above
        // it may hold a colon that is fine where it is.
        var rows: [(Int, Substring)] = []
        var number = 0
        for row in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            guard number >= line - 2 else { continue }
            guard number <= line else { break }
            rows.append((number, row))
        }
        for (number, row) in rows.reversed() {
            if let (mistake, column) = find(in: row) { return (mistake, number, column) }
        }
        return nil
    }

    /// A mistake on one line, with its column.
    static func find(in row: Substring) -> (TypingMistake, Int)? {
        let scalars = Array(row.unicodeScalars)
        var index = 0
        // The indentation, then an optional list dash.
        while index < scalars.count, scalars[index] == " " || scalars[index] == "\t" || scalars[index] == "\u{3000}" {
            if scalars[index] == "\u{3000}" { return (.fullWidthSpaceIndent, index + 1) }
            if scalars[index] == "\t" { return (.tabIndent, index + 1) }
            index += 1
        }
        if let comment = fullWidthSpaceBeforeComment(in: scalars[index...]) { return (.fullWidthSpaceBeforeComment, comment + 1) }
        var listItem = false
        if index + 1 < scalars.count, scalars[index] == "-", scalars[index + 1] == " " {
            listItem = true
            index += 2
            while index < scalars.count, scalars[index] == " " { index += 1 }
        }
        // A plain key: letters, digits and underscores (the ledger's keys), or any text up to a
        // full-width colon that comes before every ASCII one.
        let start = index
        while index < scalars.count, scalars[index].properties.isAlphabetic || scalars[index].properties.numericType != nil
                || scalars[index] == "_" || scalars[index] == "-" {
            index += 1
        }
        guard index > start, index < scalars.count else { return nil }
        let first = scalars[start]
        // A list item of free text may well hold a full-width colon (`- 検討する：次期`); a ledger
        // key is ASCII, an `extra:` key (a mapping's, not an item's) may be Japanese.
        // A list item of free text may well hold a full-width colon (`- OS：更新`); a ledger key is
        // lower-case ASCII (`- system：juki`).
        let ledgerKey = scalars[start..<index].allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
        if scalars[index] == "\u{FF1A}", !listItem || ledgerKey { return (.fullWidthColon, index + 1) }
        if scalars[index] == ":", index + 1 < scalars.count, (first.isASCII && first.properties.isAlphabetic) || first == "_" {
            let next = scalars[index + 1]
            if next != " " && next != "\t" && next != "\r" { return (.noSpaceAfterColon, index + 2) }
        }
        return nil
    }

    /// Where a full-width space stands right before a `#` (the position of the space), if anywhere.
    static func fullWidthSpaceBeforeComment<Scalars: Collection<Unicode.Scalar>>(in scalars: Scalars) -> Int?
        where Scalars.Index == Int {
        scalars.indices.first { $0 + 1 < scalars.endIndex && scalars[$0] == "\u{3000}" && scalars[$0 + 1] == "#" }
    }

    var message: LocalizedText {
        switch self {
        case .fullWidthSpaceIndent:
            LocalizedText(ja: "行頭に全角スペースがあります", en: "a full-width space in the indentation")
        case .tabIndent:
            LocalizedText(ja: "行頭にタブがあります", en: "a tab in the indentation")
        case .fullWidthColon:
            LocalizedText(ja: "項目名の後が全角の「：」です", en: "a full-width colon (：) after the key")
        case .noSpaceAfterColon:
            LocalizedText(ja: "「:」の後に空白がありません", en: "no space after ':'")
        case .fullWidthSpaceBeforeComment:
            LocalizedText(ja: "「#」の前が全角スペースのため、コメントが値の一部になっています", en: "a full-width space before '#' makes the comment part of the value")
        }
    }

    var hint: LocalizedText {
        switch self {
        case .fullWidthSpaceIndent, .tabIndent:
            LocalizedText(ja: "字下げは半角スペースで書いてください", en: "indent with ordinary spaces")
        case .fullWidthColon:
            LocalizedText(ja: "半角の「:」と半角スペースにしてください（例: department: 住民課）", en: "use ':' and a space (department: 住民課)")
        case .noSpaceAfterColon:
            LocalizedText(ja: "「:」の後に半角スペースを入れてください（例: department: 住民課）", en: "put a space after ':' (department: 住民課)")
        case .fullWidthSpaceBeforeComment:
            LocalizedText(ja: "「#」の前の全角スペースを半角スペースにしてください（例: product: 住基パッケージ # パッケージ名称）。「#」からも値なら、値全体を引用符で囲みます",
                          en: "put an ordinary space before '#' (product: Package # name); if the '#' is part of the value, quote the whole value")
        }
    }
}
