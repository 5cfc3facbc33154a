import Testing
@testable import DaichoCore

struct YAMLReaderTests {
    func read(_ bytes: [UInt8]) -> [Diagnostic] {
        YAMLReader().read(bytes, file: "f.yaml").diagnostics
    }

    @Test func shiftJISIsNamed() throws {
        // "name: 住民" in Shift_JIS: 住 = 0x8F 0x5A, 民 = 0x96 0xAF.
        let bytes: [UInt8] = Array("schema: 1\nname: ".utf8) + [0x8F, 0x5A, 0x96, 0xAF, 0x0A]
        let problem = try #require(read(bytes).first)
        #expect(problem.code == .encoding)
        #expect(problem.message.ja.contains("Shift_JIS"))
        #expect(problem.location.line == 2 && problem.location.column == 7)
    }

    /// EUC-JP is named as such, also when its bytes happen to be well-formed Shift_JIS too:
    /// 保険年金課 in EUC-JP, CA DD B8 B1 C7 AF B6 E2 B2 DD, reads ﾊﾝｸｱﾇｯｶ箚ﾝ as Shift_JIS (nine
    /// half-width katakana against none); 情報政策課, BE F0 CA F3 C0 AF BA F6 B2 DD, as ｾ, three
    /// user-defined characters (F0 CA, F3 C0, F6 B2) and ｯｺﾝ. Both were named Shift_JIS.
    @Test func eucJPIsNamed() throws {
        let nenkin: [UInt8] = [0xCA, 0xDD, 0xB8, 0xB1, 0xC7, 0xAF, 0xB6, 0xE2, 0xB2, 0xDD]
        let seisaku: [UInt8] = [0xBE, 0xF0, 0xCA, 0xF3, 0xC0, 0xAF, 0xBA, 0xF6, 0xB2, 0xDD]
        #expect(TextDecoding.looksLikeShiftJIS(nenkin[...]) && TextDecoding.looksLikeShiftJIS(seisaku[...]))
        for name in [nenkin, seisaku] {
            let problem = try #require(read(Array("schema: 1\ndepartment: ".utf8) + name + [0x0A]).first)
            #expect(problem.code == .encoding)
            #expect(problem.message.ja == "EUC-JP で保存されているようです。UTF-8 で保存してください", "\(problem.message.ja)")
            #expect(problem.location.line == 2 && problem.location.column == 13)
        }
        #expect(TextDecoding.legacyText(nenkin[...]) == "保険年金課")
        #expect(TextDecoding.legacyText(seisaku[...]) == "情報政策課")
        // Half-width katakana (8E B1 is ｱ) and the NEC row (AD A1 is ①) decode too; JIS X 0212
        // (8F B0 A1) and the user-defined rows (F5 A1) have no character to give: nothing.
        #expect(TextDecoding.eucJP([0x8E, 0xB1, 0xAD, 0xA1, 0x41][...]) == "ｱ①A")
        #expect(TextDecoding.eucJP([0x8F, 0xB0, 0xA1][...]) == nil && TextDecoding.eucJP([0xF5, 0xA1][...]) == nil)
        // Shift_JIS stays Shift_JIS: 住民 (8F 5A 96 AF) is not EUC-JP; ｼﾐﾝｶ with 課 (BC D0 DD B6 89 DB) neither.
        #expect(TextDecoding.legacyEncoding(of: [0x8F, 0x5A, 0x96, 0xAF][...]) == .shiftJIS)
        #expect(TextDecoding.legacyEncoding(of: [0xBC, 0xD0, 0xDD, 0xB6, 0x89, 0xDB][...]) == .shiftJIS)
    }

    @Test func invalidUTF8IsNotShiftJIS() throws {
        let bytes: [UInt8] = Array("a: b\n".utf8) + [0xFF, 0xFE, 0x00, 0xC0]
        let problem = try #require(read(bytes).first)
        #expect(problem.code == .encoding)
        #expect(!problem.message.ja.contains("Shift_JIS"))
        #expect(problem.location.line == 2)
    }

    @Test func utf16IsNamed() {
        #expect(read([0xFF, 0xFE, 0x61, 0x00]).first?.message.en.contains("UTF-16") == true)
    }

    @Test func utf8ByteOrderMarkIsAccepted() {
        #expect(read([0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8)).isEmpty)
    }

    @Test func oversizedFilesAreRefusedUnread() {
        let bytes = [UInt8](repeating: 0x20, count: (1 << 20) + 1)
        #expect(read(bytes).map(\.code) == [.fileTooLarge])
        #expect(read(bytes).first?.message.ja == "ファイルが大きすぎます（上限の 1 MB、1,048,576 バイトを超えています）")
        #expect(YAMLReader.megabytes(1 << 20) == "1 MB" && YAMLReader.megabytes(1536) == "1 KB")
    }

    @Test func aliasBombsStopAtTheLimit() {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            yaml += "a\(level): &a\(level) [\(refs)]\n"
        }
        // 10^10 nodes if expanded; the walk stops after 10,001.
        let problems = read(Array(yaml.utf8))
        #expect(problems.map(\.code) == [.aliasExpansion])
        #expect(problems.first?.message.ja.contains("エイリアス") == true)
    }

    /// A few aliases of one long text stay under the node limit but not under the text limit:
    /// 100 × 20,000 bytes is 2,000,000 bytes, over 1 MiB (1,048,576); 50 of them (1,000,000) fit,
    /// as does the text alone.
    @Test func aliasesOfALongTextStopAtTheTextLimit() {
        let long = String(repeating: "x", count: 20_000)
        func yaml(_ aliases: Int) -> [UInt8] {
            Array("purpose: &p \(long)\nissues: [\(Array(repeating: "*p", count: aliases).joined(separator: ", "))]\n".utf8)
        }
        let problems = read(yaml(100))
        #expect(problems.map(\.code) == [.aliasExpansion])
        #expect(problems.first?.message.ja.contains("文字が多くなりすぎます") == true)
        #expect(read(yaml(49)).isEmpty)
        // An anchored list counts its text too.
        let list = "a: &a [\(long), \(long)]\nb: [\(Array(repeating: "*a", count: 30).joined(separator: ", "))]\n"
        #expect(read(Array(list.utf8)).map(\.code) == [.aliasExpansion])
    }

    @Test func nestingBeyond64LevelsIsAnError() {
        // 100 levels of block mappings.
        var yaml = ""
        for level in 0..<100 { yaml += String(repeating: " ", count: level) + "k\(level):\n" }
        yaml += String(repeating: " ", count: 100) + "v"
        #expect(read(Array(yaml.utf8)).map(\.code) == [.nestingTooDeep])
        // 64 levels (the root counts as one) are fine.
        let flowOK = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(read(Array(flowOK.utf8)).isEmpty)
        let flowDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(read(Array(flowDeep.utf8)).map(\.code) == [.nestingTooDeep])
    }

    @Test func extremeNestingDoesNotCrash() {
        let yaml = String(repeating: "[", count: 500_000)
        #expect(read(Array(yaml.utf8)).map(\.code) == [.nestingTooDeep])
    }

    @Test func syntaxErrorsHaveAPlace() throws {
        let problem = try #require(read(Array("a: [1, 2\nb: c\n".utf8)).first)
        #expect(problem.code == .yamlSyntax)
        #expect(problem.location.line >= 1)
    }

    @Test func secondDocumentsAndUndefinedAliasesAreSyntaxErrors() throws {
        let twoDocuments = try #require(read(Array("a: 1\n---\nb: 2\n".utf8)).first)
        #expect(twoDocuments.code == .yamlSyntax && twoDocuments.location.line == 2)
        #expect(twoDocuments.message.ja.contains("文書が2つ以上"))
        let undefined = try #require(read(Array("a: 1\nb: *nowhere\n".utf8)).first)
        #expect(undefined.code == .yamlSyntax && undefined.location.line == 2 && undefined.location.column == 4)
    }

    /// The tree keeps what the decoder needs: plain or quoted, and where each value starts.
    @Test func treeKeepsStyleAndPlaces() throws {
        let root = try #require(YAMLReader().read(Array("a: ~\nb: \"~\"\nc:\n  - x\n".utf8), file: "f.yaml").root)
        guard case .mapping(let pairs) = root.content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(pairs.count == 3)
        guard case .scalar("~", plain: true) = pairs[0].value.content,
              case .scalar("~", plain: false) = pairs[1].value.content,
              case .sequence(let items) = pairs[2].value.content else {
            Issue.record("unexpected tree")
            return
        }
        #expect(items.first?.line == 4 && items.first?.column == 5)
        let map = SourceMap(file: "f.yaml", tree: root)
        #expect(map.location(of: "c[0]").line == 4 && map.location(of: "c[0].deeper").column == 5)
        #expect(map.has("b") && !map.has("d"))
    }

    @Test func duplicateKeysAreReported() {
        #expect(read(Array("a: 1\na: 2\n".utf8)).map(\.code) == [.duplicateKey])
    }

    /// A key written twice is reported where it is written again, with the first one's line and
    /// the whole field path.
    @Test func aDuplicateKeyIsReportedAtItsSecondPlaceWithItsPath() throws {
        let result = parseLedger("schema: 1\nid: sample\nhardware:\n  servers:\n    - cores: 1\n    - cores: 1\n      memory_gb: 2\n      cores: 2\n")
        let problem = try #require(result.diagnostics.first)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.code) == [.duplicateKey, .missingRequired, .missingRequired])
        #expect(problem.fieldPath == "hardware.servers[1].cores")
        #expect(problem.location.line == 8 && problem.location.column == 7)
        #expect(problem.message.ja == "キー「cores」が2回書かれています（6行目にもあります）")
        let top = try #require(parseLedger("schema: 1\nid: sample\nid: sample\n").diagnostics.first)
        #expect(top.fieldPath == "id" && top.location.line == 3 && top.location.column == 1)
    }

    /// The reading goes on past a duplicate key (the first is kept), so the rest of the file is
    /// checked: every duplicate and every other problem is reported in one run.
    @Test func everyProblemIsReportedPastADuplicateKey() {
        let result = parseLedger(minimalLedger(extra: "  category: resdent\n  name: 二度目\nusage:\n  form: dedicated_sever\n  users: 3\n  users: 4"))
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.fieldPath).sorted() == ["basic.category", "basic.name", "usage.form", "usage.users"])
        #expect(errors.filter { $0.code == .duplicateKey }.count == 2)
        // The first of the two is the one used: users 3.
        #expect(result.ledger?.usage?.users == 3)
    }

    /// libyaml's English does not reach a Japanese message for the slips a hand-edited file has.
    @Test func libyamlProblemsAreInJapanese() {
        for (text, expected) in [("schema: 1\nid: s\nnote: \"C:\\qfile\"\n", "使えない「\\」の組み合わせ"),
                                 ("schema: 1\nid: s\nnote: |x\n", "余計な文字が続いています"),
                                 ("schema: 1\nid: s\nnote: a\u{01}b\n", "制御文字は使えません")] {
            let message = parseLedger(text, stem: "s").diagnostics.first?.message.ja ?? ""
            #expect(message.contains(expected), "\(message)")
            #expect(!message.contains("found") && !message.contains("did not"), "\(message)")
        }
    }

    @Test func emptyAndNonMappingFiles() {
        #expect(read([]).map(\.code) == [.emptyFile])
        #expect(read([]).first?.message.ja == "ファイルが空です")
        #expect(read(Array("\n \n".utf8)).first?.message.ja == "ファイルが空です")
        // Comments the clerk can see: not "empty".
        let comments = read(Array("# 新しいシステム（未記入）\n# 担当: 市民課\n".utf8))
        #expect(comments.map(\.code) == [.emptyFile])
        #expect(comments.first?.message.ja == "台帳の項目がありません（コメントと空行だけです）")
        #expect(comments.first?.hint?.ja.hasPrefix("記入用のひな形は daicho new ID --department 課名 --name 名称 で作れます") == true)
        #expect(parseLedger("- a\n- b\n").diagnostics.map(\.code) == [.wrongType])
        #expect(parseLedger("just text").diagnostics.map(\.code) == [.wrongType])
    }

    /// Property: random bytes never crash the parser, and every problem has a real place.
    @Test func randomInputNeverCrashes() {
        var random = SplitMix(seed: 2026)
        let alphabet = Array("schema: 1\nid: x\nbasic:\n  name: 住民\n- [ ] { } & * ! | > ' \" # % @ ` , ? : \t 0 1 - ".utf8)
        for _ in 0..<500 {
            let length = Int(random.next() % 300)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                bytes.append(random.next() % 8 == 0 ? UInt8(random.next() % 256) : alphabet[Int(random.next() % UInt64(alphabet.count))])
            }
            let result = LedgerParser().parse(bytes, file: "r.yaml", stem: "x")
            for diagnostic in result.diagnostics {
                #expect(diagnostic.location.line >= 1 && diagnostic.location.column >= 1)
            }
        }
    }
}
