import Foundation
import Testing
@testable import DaichoCore

struct FollowUpReportTests {
    @Test func onePagePerDepartmentWithProblemsInPlainJapanese() async throws {
        let a = minimalLedger(id: "a", extra: "usage:\n  form: 専用機")
        let b = minimalLedger(id: "b").replacing("市民課", with: "税務課")
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [
            LedgerSource(path: "inventory/a.yaml", stem: "a", bytes: Array(a.utf8)),
            LedgerSource(path: "inventory/b.yaml", stem: "b", bytes: Array(b.utf8)),
            LedgerSource(path: "inventory/broken.yaml", stem: "broken", bytes: [0x8F, 0x5A]),
        ])
        let report = FollowUpReport(checked: await Checker().check(source), language: .ja)
        let documents = report.documents()
        #expect(documents.map(\.fileName) == ["市民課.md", "税務課.md", "（所管課不明）.md", "index.md"])
        let citizen = documents[0].markdown
        #expect(citizen.contains("## テストシステム（a）"))
        #expect(citizen.contains("### 要修正"))
        // Labels name their group (「サーバ」 alone was both hardware.servers and antivirus.server);
        // basic's keep their own.
        #expect(citizen.contains("- 7行目「システム利用：利用形態」（`usage.form`）：「専用機」は使えない値です"))
        #expect(citizen.contains("- 概要・目的（`basic.purpose`）"))
        // A field not filled in says what to write, as `check` does: the choices, the form.
        let category = try #require(citizen.split(separator: "\n").first { $0.hasPrefix("- システム区分（`basic.category`）：") })
        #expect(category.contains("resident（住民情報系）"), "\(category)")
        #expect(citizen.split(separator: "\n").contains { $0.hasPrefix("- システム利用：利用職員数（`usage.users`）：") })
        #expect(citizen.contains("- ハードウェア：サーバ（`hardware.servers`）"))
        #expect(citizen.contains("- セキュリティ（ウイルス対策）：サーバ（`antivirus.server`）"))
        // A field filled in with a wrong value is to be fixed, not also "not filled in".
        #expect(citizen.components(separatedBy: "`usage.form`").count == 2)
        // 4 of 38 fields filled: 10.5%.
        #expect(citizen.contains("記入率: 10.5%（4/38 項目）"))
        #expect(documents[2].markdown.contains("Shift_JIS"))
        #expect(documents[3].markdown.contains("| [市民課](<市民課.md>) | 1 | 1 | 33 | 10.5% |"))
    }

    /// Departments whose safe names meet (`a/b`, `a\b`), or differ in case only (a file system
    /// may not tell them apart), get a file each, and the index links to each.
    @Test func departmentsWhoseFileNamesMeetKeepAFileEach() async throws {
        let names = ["a/b", "a\\b", "ABC課", "abc課", "Index"]
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: names.enumerated().map { index, name in
            let quoted = name.replacing("\\", with: "\\\\")
            let text = minimalLedger(id: "s\(index)").replacing("department: 市民課", with: "department: \"\(quoted)\"")
            return LedgerSource(path: "inventory/s\(index).yaml", stem: "s\(index)", bytes: Array(text.utf8))
        })
        let documents = FollowUpReport(checked: await Checker().check(source), language: .ja).documents()
        let files = documents.map(\.fileName)
        #expect(files.count == names.count + 1)
        #expect(Set(files.map { $0.lowercased() }).count == files.count, "\(files)")
        let index = documents.last?.markdown ?? ""
        for file in files.dropLast() { #expect(index.contains("(<\(file)>)"), "\(file)") }
    }

    /// A YAML slip on any line leaves the file unread; its questions still reach the department its
    /// `basic.department` line names, with the name its `name` line gives, saying so.
    @Test func anUnreadableLedgerReachesTheDepartmentItsLinesName() async throws {
        let broken = minimalLedger(id: "a").replacing("市民課", with: "'税務課' # 所管") + "usage:\n  users:22\n  form: [\n"
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [
            LedgerSource(path: "inventory/a.yaml", stem: "a", bytes: Array(broken.utf8)),
        ])
        let checked = await Checker().check(source)
        #expect(checked.ledgers.isEmpty && checked.diagnostics.hasErrors)
        let documents = FollowUpReport(checked: checked, language: .ja, source: source).documents()
        #expect(documents.map(\.fileName) == ["税務課.md", "index.md"])
        #expect(documents[0].markdown.contains("## テストシステム（a）"))
        #expect(documents[0].markdown.contains("所管課と名称はファイルの記載から読み取りました"))
        // Without the source, as before: 所管課不明.
        #expect(FollowUpReport(checked: checked, language: .ja).documents().first?.fileName == "（所管課不明）.md")
    }

    /// A ledger that could not be read is headed by its file's name as the loader names it:
    /// `a.v1.yaml` and `a.v2.yml` are `a.v1` and `a.v2`, not two `a`s.
    @Test func anUnreadableLedgerIsNamedByItsWholeFileStem() async throws {
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [
            LedgerSource(path: "inventory/a.v1.yaml", stem: "a.v1", bytes: [0x8F, 0x5A]),
            LedgerSource(path: "inventory/a.v2.yml", stem: "a.v2", bytes: [0x8F, 0x5B]),
        ])
        let checked = await Checker().check(source)
        // With the loader's stems, and without (the file names alone).
        for report in [FollowUpReport(checked: checked, language: .ja, source: source), FollowUpReport(checked: checked, language: .ja)] {
            let unknown = try #require(report.documents().first { $0.fileName == "（所管課不明）.md" }?.markdown)
            #expect(unknown.contains("\n## a.v1\n") && unknown.contains("\n## a.v2\n"), "\(unknown)")
        }
        #expect(LedgerSource.stem(of: "inventory/b.YAML") == "b" && LedgerSource.stem(of: "c.v2.Yml") == "c.v2" && LedgerSource.stem(of: "inventory/c.d") == "c.d")
    }

    /// A problem across ledgers reaches both departments: the one whose ledger holds it, told who
    /// the other system is (name, id, department), and the other, told whose ledger reported it.
    @Test func aProblemAcrossLedgersReachesBothDepartments() async throws {
        let a = minimalLedger(id: "a", extra: "integrations:\n  - {system: b, direction: send}")
        let b = minimalLedger(id: "b", extra: "integrations:\n  - {system: a, direction: send}")
            .replacing("市民課", with: "税務課").replacing("テストシステム", with: "税務システム")
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [
            LedgerSource(path: "inventory/a.yaml", stem: "a", bytes: Array(a.utf8)),
            LedgerSource(path: "inventory/b.yaml", stem: "b", bytes: Array(b.utf8)),
        ])
        let documents = FollowUpReport(checked: await Checker().check(source), language: .ja, source: source).documents()
        let citizen = try #require(documents.first { $0.fileName == "市民課.md" }?.markdown)
        let tax = try #require(documents.first { $0.fileName == "税務課.md" }?.markdown)
        // Reported on b (the later id), in 税務課's file, naming a.
        #expect(tax.contains("a との連携の向きが食い違っています") && tax.contains("（相手: 「テストシステム」（a、市民課）。先方にも照会しています）"))
        // And in 市民課's, under a, at a's own link (line 7), naming b: not at b's file and line.
        #expect(citizen.contains("- 7行目「他システム連携：方向」（`integrations[0].direction`）：b との連携の向きが食い違っています"
                                 + "（a 側: send（送信）、b 側: send（送信））（相手: 「税務システム」（b、税務課）。先方にも照会しています） — "),
                "\(citizen)")
        #expect(!citizen.contains("inventory/b.yaml"))
        #expect(!citizen.contains("確認事項はありません"))
        // The index counts it for both: a department with a question to answer does not read 0.
        let index = try #require(documents.first { $0.fileName == "index.md" }?.markdown)
        let row = try #require(index.split(separator: "\n").first { $0.hasPrefix("| [市民課]") })
        // 34 fields not filled in, and the direction b reported: 35 warnings.
        #expect(row.hasPrefix("| [市民課](<市民課.md>) | 1 | 0 | 35 |"), "\(row)")
    }

    /// Each department reads a shared terminal group's mismatch from its own side: at its own
    /// ledger's count, 「こちら」 being its own figure. (The error is on b, the later id; before, 市民課
    /// was given b's file and line, and 「こちらは 6 台」 where its own ledger says 4.)
    @Test func aTerminalGroupMismatchIsAskedFromEachSide() async throws {
        let a = minimalLedger(id: "a", extra: "hardware:\n  terminals: {dedicated: 4, group: g}")
        let b = minimalLedger(id: "b", extra: "\nhardware:\n  terminals: {dedicated: 6, group: g}")
            .replacing("市民課", with: "福祉課").replacing("テストシステム", with: "生活保護システム")
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [
            LedgerSource(path: "inventory/a.yaml", stem: "a", bytes: Array(a.utf8)),
            LedgerSource(path: "inventory/b.yaml", stem: "b", bytes: Array(b.utf8)),
        ])
        let documents = FollowUpReport(checked: await Checker().check(source), language: .ja, source: source).documents()
        let citizen = try #require(documents.first { $0.fileName == "市民課.md" }?.markdown)
        let welfare = try #require(documents.first { $0.fileName == "福祉課.md" }?.markdown)
        // b's own error, at its line 8 (a blank line before hardware), 「こちら」 its 6.
        #expect(welfare.contains("- 8行目「端末：専用端末数」（`hardware.terminals.dedicated`）：共用端末グループ「g」の台数が a の 4 台と違います"
                                 + "（こちらは 6 台）（相手: 「テストシステム」（a、市民課）。先方にも照会しています）"), "\(welfare)")
        // a's copy, at a's line 7, 「こちら」 its 4, under 要修正.
        let item = "- 7行目「端末：専用端末数」（`hardware.terminals.dedicated`）：共用端末グループ「g」の台数が b の 6 台と違います"
            + "（こちらは 4 台）（相手: 「生活保護システム」（b、福祉課）。先方にも照会しています） — 同じグループを名乗る台帳は、同じ専用端末数を書いてください"
        #expect(citizen.contains("### 要修正\n\n" + item), "\(citizen)")
        #expect(!citizen.contains("inventory/b.yaml") && !citizen.contains("こちらは 6 台"))
        // In English, the same side.
        let english = FollowUpReport(checked: await Checker().check(source), language: .en, source: source).documents()
        let citizenEnglish = try #require(english.first { $0.fileName == "市民課.md" }?.markdown)
        #expect(citizenEnglish.contains("- line 7 ") && citizenEnglish.contains("`hardware.terminals.dedicated`): terminal group 'g' has 6 terminals in b but 4 here (with "),
                "\(citizenEnglish)")
    }

    /// A department spelling warning reaches the department that keeps the usual spelling, at the
    /// department line of its first ledger (a, not b or c too: one clerk answers for all three).
    /// Two ledgers spell it otherwise: it is asked once, naming both.
    @Test func aSpellingIsAskedOfTheUsualSpellingAtItsOwnLine() async throws {
        let ids = ["a", "b", "c", "d", "e"]
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: ids.map { id in
            let text = minimalLedger(id: id).replacing("市民課", with: id < "d" ? "市民課" : "市民 課")
            return LedgerSource(path: "inventory/\(id).yaml", stem: id, bytes: Array(text.utf8))
        })
        let documents = FollowUpReport(checked: await Checker().check(source), language: .ja, source: source).documents()
        let kept = try #require(documents.first { $0.fileName == "市民課.md" }?.markdown)
        let asked = "- 5行目「所管課」（`basic.department`）：所管課を「市民 課」と書いた台帳があり、こちらの「市民課」と全角・半角、大文字・小文字か空白だけが違うため、"
            + "別の課として扱っています（相手: 「テストシステム」（d、市民 課）、「テストシステム」（e、市民 課）。先方にも照会しています） — "
            + "同じ課かどうかをご確認ください（同じ課なら、先方の台帳で「市民課」に揃えます）\n"
        // Once, under a (not once per ledger that spells it otherwise, nor once per system of 市民課).
        #expect(kept.components(separatedBy: asked).count == 2, "\(kept)")
        #expect(kept.components(separatedBy: "所管課を「市民 課」と書いた台帳があり").count == 2)
        let other = try #require(documents.first { $0.fileName == "市民 課.md" }?.markdown)
        #expect(other.contains("- 5行目「所管課」（`basic.department`）：所管課「市民 課」は「市民課」（a・b・c）と"), "\(other)")
        // Counted as shown: 34 fields not filled in for each of the three systems, and the question.
        let index = try #require(documents.last?.markdown)
        #expect(index.contains("| [市民課](<市民課.md>) | 3 | 0 | 103 |"), "\(index)")
    }

    /// An item names ten of the ledgers it concerns and counts the rest: a spelling hundreds of
    /// ledgers share would list them all.
    @Test func aSharedQuestionNamesTenLedgersAndCountsTheRest() async throws {
        let ids = (1...13).map { String(format: "k%02d", $0) } + (1...12).map { String(format: "z%02d", $0) }
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: ids.map { id in
            let text = minimalLedger(id: id).replacing("市民課", with: id.hasPrefix("k") ? "市民課" : "市民 課")
            return LedgerSource(path: "inventory/\(id).yaml", stem: id, bytes: Array(text.utf8))
        })
        // 13 keep the spelling and 12 spell it otherwise: k01 is asked once, naming z01 to z10.
        let documents = FollowUpReport(checked: await Checker().check(source), language: .ja, source: source).documents()
        let asked = try #require(documents.first { $0.fileName == "市民課.md" }?.markdown)
        #expect(asked.contains("（z10、市民 課） ほか 2 件。先方にも照会しています）"), "\(asked)")
        #expect(!asked.contains("z11"))
    }

    /// A link that only one ledger lists: the partner's department is asked whether it exists,
    /// in its own words, naming the ledger that lists it (it has no line of its own for it).
    @Test func aLinkOnlyOneSideListsIsAskedOfTheOtherSide() async throws {
        let tax = minimalLedger(id: "zeimu", extra: "integrations:\n  - {system: shuno, direction: send, data: 収納情報}")
            .replacing("市民課", with: "税務課").replacing("テストシステム", with: "税務システム")
        let receipts = minimalLedger(id: "shuno", extra: "integrations:\n  - {external: 指定金融機関, direction: send}")
            .replacing("市民課", with: "会計課").replacing("テストシステム", with: "公金収納管理システム")
        func documents(_ ledgers: [(String, String)], _ language: Language = .ja) async -> [FollowUpReport.Document] {
            let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: ledgers.map { id, text in
                LedgerSource(path: "inventory/\(id).yaml", stem: id, bytes: Array(text.utf8))
            })
            return FollowUpReport(checked: await Checker().check(source), language: language, source: source).documents()
        }
        let asked = await documents([("shuno", receipts), ("zeimu", tax)])
        // The question comes from the links the check found, not from a search of its own: with
        // them taken away, nobody is asked. A check that keeps no warnings keeps none of them.
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [("shuno", receipts), ("zeimu", tax)].map {
            LedgerSource(path: "inventory/\($0.0).yaml", stem: $0.0, bytes: Array($0.1.utf8))
        })
        var checked = await Checker().check(source)
        #expect(checked.oneSidedLinks?.count == 1)
        checked.oneSidedLinks = []
        #expect(FollowUpReport(checked: checked, language: .ja, source: source).documents()
            .allSatisfy { !$0.markdown.contains("公金収納管理システム") || !$0.markdown.contains("### 確認") })
        #expect(await Checker(keepsWarnings: false).check(source).oneSidedLinks == nil)
        let accounts = try #require(asked.first { $0.fileName == "会計課.md" }?.markdown)
        #expect(accounts.contains("### 確認\n\n- 「税務システム」（zeimu、税務課）の台帳（`inventory/zeimu.yaml` 7行目）："
            + "このシステムへデータを送る連携（連携データ: 収納情報）が記載されていますが、このシステムの台帳の連携（integrations）には zeimu がありません — "
            + "連携の有無と内容をご確認ください。連携があれば integrations に「system: zeimu, direction: receive」を加えてください（連携がなければ、その旨をご回答ください）"),
            "\(accounts)")
        // Counted in the index: 34 fields not filled in and the question.
        let index = try #require(asked.first { $0.fileName == "index.md" }?.markdown)
        #expect(index.contains("| [会計課](<会計課.md>) | 1 | 0 | 35 |"), "\(index)")
        // The side that lists it is not asked.
        let taxes = try #require(asked.first { $0.fileName == "税務課.md" }?.markdown)
        #expect(!taxes.contains("公金収納管理システム") && !taxes.contains("### 確認"), "\(taxes)")
        // In English, a receive is answered by send.
        let english = await documents([("shuno", receipts), ("zeimu", tax.replacing("direction: send", with: "direction: receive"))], .en)
        #expect(english.first { $0.fileName == "会計課.md" }?.markdown.contains(
            "it lists a link receiving data from this system (data: 収納情報), but this system's ledger lists no link with zeimu (integrations) — "
            + "please check whether the link exists and what it carries; if it does, add 'system: zeimu, direction: send' to integrations") == true)
        // Listed back (in any direction), nobody is asked; the direction rule speaks for itself.
        let both = await documents([("shuno", receipts + "\n  - {system: zeimu, direction: receive}"), ("zeimu", tax)])
        #expect(both.allSatisfy { !$0.markdown.contains("がありません") })
        // A link to itself is no partner's question.
        let own = await documents([("zeimu", tax.replacing("system: shuno", with: "system: zeimu"))])
        #expect(own.allSatisfy { !$0.markdown.contains("がありません") })
    }

    @Test func theBasicLinesAreReadFromTheTextAlone() {
        func read(_ text: String) -> [String?] {
            let found = FollowUpReport.basicLines(in: Array(text.utf8))
            return [found.department, found.name]
        }
        #expect(read("schema: 1\nbasic:\n  name: \"住民記録\"\n  department: 市民課　 # 課名\nusage:\n  department: 別\n") == ["市民課", "住民記録"])
        // Only under a top-level basic:, and not after it ends.
        #expect(read("vendor:\n  name: 会社\nbasic:\n  id: x\nusage:\n  name: y\n") == [nil, nil])
        #expect(read("\u{FEFF}") == [nil, nil])
        // Shift_JIS, as Excel and Notepad save it (CP932): 総務課 is 91 8D 96 B1 89 DB, ①例規 87 40 97 E1 8B 4B.
        let shiftJIS = Array("basic:\r\n  name: ".utf8) + [0x87, 0x40, 0x97, 0xE1, 0x8B, 0x4B]
            + Array("\r\n  department: ".utf8) + [0x91, 0x8D, 0x96, 0xB1, 0x89, 0xDB] + Array(" # ".utf8) + [0x89, 0xDB, 0x96, 0xBC, 0x0A]
        let read = FollowUpReport.basicLines(in: shiftJIS)
        #expect(read.department == "総務課" && read.name == "①例規", "\(read)")
        // Neither UTF-8 nor Shift_JIS (a lone 0x80, 0xFF), or Shift_JIS with a user-defined character
        // (F0 40, which Foundation drops without a word): nothing, not replacement characters.
        for odd: [UInt8] in [[0x80], [0xFF], [0xF0, 0x40]] {
            #expect(FollowUpReport.basicLines(in: Array("basic:\n  department: ".utf8) + [0x89, 0xDB] + odd).department == nil, "\(odd)")
        }
    }

    /// A ledger saved in Shift_JIS cannot be read, but its department line can: its questions
    /// (the encoding error first) go to that department, not to 「（所管課不明）」.
    @Test func aShiftJISLedgerReachesItsDepartment() async throws {
        let text = minimalLedger(id: "reiki").replacing("市民課", with: "総務課").replacing("テストシステム", with: "例規システム")
        let bytes = try #require(text.data(using: .shiftJIS))
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [
            LedgerSource(path: "inventory/reiki.yaml", stem: "reiki", bytes: Array(bytes)),
        ])
        let checked = await Checker().check(source)
        #expect(checked.ledgers.isEmpty && checked.diagnostics.with(.encoding).count == 1)
        let documents = FollowUpReport(checked: checked, language: .ja, source: source).documents()
        #expect(documents.map(\.fileName) == ["総務課.md", "index.md"])
        #expect(documents[0].markdown.contains("## 例規システム（reiki）\n"))
        #expect(documents[0].markdown.contains("所管課と名称はファイルの記載から読み取りました"))
        #expect(documents[0].markdown.contains("- 4行目：Shift_JIS で保存されているようです。UTF-8 で保存してください"), "\(documents[0].markdown)")
    }

    /// A ledger saved in EUC-JP whose bytes are well-formed Shift_JIS too goes to its department
    /// read in EUC-JP, the encoding `check` names, not to ﾊﾝｸｱﾇｯｶ箚ﾝ: 保険年金課 is CA DD B8 B1 C7
    /// AF B6 E2 B2 DD, 住民記録 BD BB CC B1 B5 AD CF BF (ｽｻﾌｱｵｭﾏｿ as Shift_JIS).
    @Test func anEUCJPLedgerReachesItsDepartment() async throws {
        let bytes = Array("schema: 1\nid: nenkin\nbasic:\n  name: ".utf8) + [0xBD, 0xBB, 0xCC, 0xB1, 0xB5, 0xAD, 0xCF, 0xBF]
            + Array("\n  department: ".utf8) + [0xCA, 0xDD, 0xB8, 0xB1, 0xC7, 0xAF, 0xB6, 0xE2, 0xB2, 0xDD, 0x0A]
        #expect(TextDecoding.looksLikeShiftJIS(bytes[...]))
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [
            LedgerSource(path: "inventory/nenkin.yaml", stem: "nenkin", bytes: bytes),
        ])
        let checked = await Checker().check(source)
        #expect(checked.diagnostics.with(.encoding).map(\.message.ja) == ["EUC-JP で保存されているようです。UTF-8 で保存してください"])
        let documents = FollowUpReport(checked: checked, language: .ja, source: source).documents()
        #expect(documents.map(\.fileName) == ["保険年金課.md", "index.md"])
        #expect(documents[0].markdown.contains("## 住民記録（nenkin）\n"), "\(documents[0].markdown)")
        #expect(documents[0].markdown.contains("- 4行目：EUC-JP で保存されているようです。UTF-8 で保存してください"))
    }

    /// `index.md` ends with a record of the department files written, each with the FNV hash of
    /// its bytes, which the next run reads back to tell its own files from the clerk's.
    @Test func theIndexRecordsTheFilesWritten() async throws {
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [
            LedgerSource(path: "inventory/a.yaml", stem: "a", bytes: Array(minimalLedger(id: "a").utf8)),
            LedgerSource(path: "inventory/b.yaml", stem: "b", bytes: Array(minimalLedger(id: "b").replacing("市民課", with: "環境 課").utf8)),
        ])
        let documents = FollowUpReport(checked: await Checker().check(source), language: .ja).documents()
        let index = try #require(documents.last?.markdown)
        let hashes = documents.dropLast().map { FNV.hex(FNV.hash64($0.markdown.utf8)) }
        #expect(index.hasSuffix("\n\n<!-- daicho:follow-up-files\n"
            + "このフォルダに daicho check --follow-up が書き出したファイルと、その内容の記録です。次に書き出すとき、所管課がなくなったファイルは、書き出した後に変更されていなければ削除します。\n"
            + "\(hashes[0]) 市民課.md\n\(hashes[1]) 環境 課.md\n-->\n"), "\(index)")
        let read = FollowUpReport.writtenFiles(inIndex: index)
        #expect(read.count == 2 && read["市民課.md"] == .hash(FNV.hash64(documents[0].markdown.utf8)) && read["環境 課.md"] == .hash(FNV.hash64(documents[1].markdown.utf8)))
        // An index written before the record: the files its table links to, with no hash.
        let legacy = "# 照会事項一覧 — みなと市\n\n| 所管課 | システム数 |\n|---|---:|\n| [市民課](<市民課.md>) | 1 |\n| [環境 課](<環境%20課.md>) | 1 |\n"
        let unrecorded: [String: FollowUpReport.WrittenFile] = ["市民課.md": .unrecorded, "環境 課.md": .unrecorded]
        #expect(FollowUpReport.writtenFiles(inIndex: legacy) == unrecorded)
        // Not an index of this tool's, or names that are not plain department files: nothing.
        #expect(FollowUpReport.writtenFiles(inIndex: "# メモ\n| [市民課](<市民課.md>) |\n").isEmpty)
        let odd = "# Follow-up questions — x\n<!-- daicho:follow-up-files\n0123456789abcdef ../x.md\n0123456789abcdef index.md\n"
            + "0123456789abcdef .hidden.md\n0123456789abcdef a.txt\nxyz a.md\n0123456789abcdef b.md\n-->\n0123456789abcdef c.md\n"
        #expect(FollowUpReport.writtenFiles(inIndex: odd) == ["b.md": .hash(0x0123_4567_89AB_CDEF)])
        // A file a run kept is listed as kept, and a record gains the names kept before its end.
        let recorded = FollowUpReport.recording(changed: ["旧課.md"], unrecorded: ["古い課.md"],
                                                in: "# 照会事項一覧 — x\n<!-- daicho:follow-up-files\n0123456789abcdef b.md\n-->\n")
        #expect(recorded == "# 照会事項一覧 — x\n<!-- daicho:follow-up-files\n0123456789abcdef b.md\nkept 旧課.md\nunrecorded 古い課.md\n-->\n")
        #expect(FollowUpReport.writtenFiles(inIndex: recorded) == ["b.md": .hash(0x0123_4567_89AB_CDEF), "旧課.md": .kept, "古い課.md": .unrecorded])
    }

    @Test func departmentFileNamesAreSafe() {
        #expect(FollowUpReport.fileName(for: "../税務課") == "_._税務課.md")
        #expect(FollowUpReport.fileName(for: "a/b:c") == "a_b_c.md")
        #expect(FollowUpReport.fileName(for: "index") == "_index.md")
        // Windows' device names, in any case and before a dot, are not file names there.
        for device in ["CON", "con", "Com1", "NUL.課", "LPT9"] { #expect(FollowUpReport.fileName(for: device) == "_" + device + ".md", "\(device)") }
        #expect(FollowUpReport.fileName(for: "CONSOLE課") == "CONSOLE課.md")
        // Long names are cut to 120 bytes with a hash of the whole: two that begin alike differ.
        let long = String(repeating: "漢", count: 200), longer = String(repeating: "𠮷", count: 100)
        for name in [long, long + "課", longer] {
            let file = FollowUpReport.fileName(for: name)
            #expect(file.utf8.count <= 123 && file.hasSuffix(".md"), "\(file)")
        }
        #expect(FollowUpReport.fileName(for: long) != FollowUpReport.fileName(for: long + "課"))
        #expect(FollowUpReport.fileName(for: String(repeating: "漢", count: 40)) == String(repeating: "漢", count: 40) + ".md")
    }
}
