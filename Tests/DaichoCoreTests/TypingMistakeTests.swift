import Testing
@testable import DaichoCore

/// The typing mistakes of Japanese input methods behind YAML syntax errors are named, at the line
/// and column of the mistake (libyaml reports them a line later, in English).
struct TypingMistakeTests {
    @Test(arguments: [
        ("basic:\n  department：住民課\n  category: resident\n", 2, 13, "項目名の後が全角の「：」です"),
        ("basic:\n\u{3000}department: 住民課\n  category: resident\n", 2, 1, "行頭に全角スペースがあります"),
        ("basic:\n  name: a\n\tdepartment: 住民課\n", 3, 1, "行頭にタブがあります"),
        ("basic:\n  department:住民課\n  category: resident\n", 2, 14, "「:」の後に空白がありません"),
        ("integrations:\n  - system：a\n    direction: send\n", 2, 11, "項目名の後が全角の「：」です"),
        ("extra:\n  資産番号：A-5\n  b: 1\n", 2, 7, "項目名の後が全角の「：」です"),
    ])
    func aMistakeIsNamedWhereItIs(yaml: String, line: Int, column: Int, message: String) throws {
        let result = parseLedger("schema: 1\nid: sample\n" + yaml)
        let problem = try #require(result.diagnostics.first { $0.code == .yamlSyntax }, "\(result.diagnostics)")
        #expect(problem.location.line == line + 2 && problem.location.column == column)
        #expect(problem.message.ja == "YAML の書き方に誤りがあります（\(message)）")
        #expect(problem.hint?.ja.contains("半角") == true)
    }

    /// Lines that are fine are not taken for mistakes: values with colons (times, addresses),
    /// quoted keys, full-width text after the colon, a list item.
    @Test func linesThatAreFineAreNotMistakes() {
        for row in ["  hours: 平日 8:30–17:15", "  url: http://example.jp", "\"a：b\": 1", "  - {system: a}", "  name: 住民：記録",
                    "  department: 住民課", "# 注：コメント", "  - 検討する：次期", "8:30", "    - OS：Windows更新"] {
            #expect(TypingMistake.find(in: Substring(row)) == nil, "\(row)")
        }
        #expect(TypingMistake.find(in: "a\n  b：c\nd\ne\nf", near: 5) == nil)
        #expect(TypingMistake.find(in: "a\n  b：c\nd", near: 3)?.line == 2)
        // Two candidates: the one nearest the line libyaml names.
        #expect(TypingMistake.find(in: "a\n  b：c\n  department：d\ne", near: 4)?.line == 3)
    }

    /// A free-text list item with a full-width colon above the real slip is left alone, and the
    /// slip is named.
    @Test func theSlipIsNamedNotTheListItemAboveIt() throws {
        let result = parseLedger("schema: 1\nid: sample\nbasic:\n  name: a\n  business:\n    - OS：Windows更新\n  department：総務課\n  category: internal\n")
        let problem = try #require(result.diagnostics.first { $0.code == .yamlSyntax })
        #expect(problem.location.line == 7 && problem.location.column == 13, "\(problem.location)")
    }
}

/// libyaml's own words for a syntax error are shown in Japanese for the problems a hand-edited
/// ledger meets (the English stays in the English message); one without a Japanese wording is
/// shown as libyaml says it.
struct LibyamlProblemTests {
    @Test(arguments: [
        ("basic:\n  name: a\n  category: b: c\n", "ここには「名前: 値」を書けません"),
        ("basic: [a, b\nusage: {users: 1}\n", "[ ] の中に「,」か閉じる「]」がありません"),
        ("basic:\n  name: \"a\n", "引用符か括弧が閉じられないまま"),
        ("basic:\n  name: \"C:\\Users\\x\"\n", "Windows のパス"),
        ("basic:\n  name: !重要 service\n", "「!」で始まる値は引用符で囲んでください"),
        ("basic:\n  business: [servers[*].os]\n", "「[*]」などを含む値は引用符で囲んでください"),
    ])
    func commonProblemsAreSaidInJapanese(yaml: String, japanese: String) throws {
        let result = parseLedger("schema: 1\nid: sample\n" + yaml)
        let problem = try #require(result.diagnostics.first { $0.code == .yamlSyntax }, "\(result.diagnostics)")
        #expect(problem.message.ja.contains(japanese), "\(problem.message.ja)")
        #expect(!problem.message.ja.replacing("YAML", with: "").replacing("Windows", with: "").contains(where: { $0.isASCII && $0.isLetter }), "\(problem.message.ja)")
        #expect(problem.message.en.hasPrefix("YAML syntax error: "))
    }

    /// A key without its colon is named on its own line, not on the next one where libyaml
    /// finds out.
    @Test func aKeyWithoutItsColonIsNamedWhereItIs() throws {
        let result = parseLedger("schema: 1\nid: sample\nbasic:\n  name: a\n  development service\n  category: b\n")
        let problem = try #require(result.diagnostics.first { $0.code == .yamlSyntax }, "\(result.diagnostics)")
        #expect(problem.message.ja.contains("項目名の後に「:」がありません"), "\(problem.message.ja)")
        #expect(problem.location.line == 5, "\(problem.location)")
    }

    @Test func anotherProblemIsShownAsLibyamlSaysIt() {
        #expect(YAMLTreeBuilder.japanese(libyamlProblem: "some new problem") == "some new problem")
        #expect(YAMLTreeBuilder.japanese(libyamlProblem: "did not find expected key") == "次の項目名が見つかりません。インデントがそろっているか確認してください")
    }
}
