import Foundation
import Testing

@Suite(.serialized)
struct CheckCommandTests {
    @Test func sampleInventoryHasNoErrors() throws {
        let output = try CLI.run(["check", "."])
        #expect(output.status == 0, "\(output.stdout)")
        #expect(output.stdout.contains("50 ファイルを検査しました: エラー 0 件"))
    }

    /// The hostile fixture plus a 2 MiB file made here, so the repository holds no huge file.
    func hostileProject() throws -> URL {
        let project = try CLI.copyFixture("hostile")
        let padding = String(repeating: "# 2 MiB of comments\n", count: (2 << 20) / 20)
        try ("schema: 1\nid: big\n" + padding).write(to: project.appendingPathComponent("inventory/big.yaml"),
                                                     atomically: true, encoding: .utf8)
        return project
    }

    @Test func hostileInputGetsOneDiagnosticPerProblem() throws {
        let project = try hostileProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let output = try CLI.run(["check", ".", "--format", "json"], in: project)
        #expect(output.status == 1)
        let report = try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        let diagnostics = try #require(report?["diagnostics"] as? [[String: Any]])
        let found = diagnostics.map { "\($0["file"]!) \($0["severity"]!) \($0["code"]!) \($0["field"]!)" }
        #expect(found == [
            "daicho.yaml error organization-code organization.code",
            "inventory/alias-bomb.yaml error alias-expansion ",
            "inventory/bad-enum.yaml error enum-value usage.form",
            "inventory/bad-enum.yaml error enum-value software.customization",
            "inventory/big.yaml error file-too-large ",
            "inventory/broken-syntax.yaml error yaml-syntax ",
            "inventory/cost-lines.yaml warning cost-lines-mismatch costs.annual.service",
            "inventory/deep.yaml error nesting-too-deep ",
            "inventory/direction-b.yaml warning integration-direction integrations[0].direction",
            "inventory/dotdot.yaml error invalid-id id",
            "inventory/dup.yml error duplicate-id id",
            "inventory/empty.yaml error empty-file ",
            "inventory/era.yaml warning era-out-of-range basic.renewal",
            "inventory/id-mismatch.yaml error id-file-mismatch id",
            "inventory/invalid-utf8.yaml error encoding ",
            "inventory/missing-ref.yaml error unknown-integration integrations[0].system",
            "inventory/mynumber.yaml error mynumber-without-personal-data personal_data.mynumber",
            "inventory/sjis.yaml error encoding ",
            "inventory/terminal-b.yaml error terminal-group-count hardware.terminals.dedicated",
            "inventory/typo-keys.yaml error unknown-key basic.prodcut",
            "inventory/typo-keys.yaml error unknown-key usage.concurent_users",
            "inventory/wrong-types.yaml error wrong-type usage.users",
            "inventory/wrong-types.yaml error wrong-type hardware.seismic",
        ])
        let summary = try #require(report?["summary"] as? [String: Int])
        // 23 ledger files: `_draft.yaml` and `readme.txt` are skipped.
        #expect(summary == ["files": 23, "errors": 20, "warnings": 3])
    }

    @Test func hostileInputReadsLikeACompilerInJapanese() throws {
        let project = try hostileProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let output = try CLI.run(["check"], in: project)
        #expect(output.status == 1)
        try Snapshot.assert(output.stdout, named: "hostile-check.ja.txt")
    }

    /// A ledger saved with Windows line breaks gets its line under the message like any other
    /// (split on "\n" as characters, "\r\n" was one character and the snippet was lost).
    /// A file that cannot be read says why, and ledgers put in a folder of their own are named
    /// as not read (a check that found nothing said "0 files, 0 errors" and a build emptied the site).
    @Test func unreadableFilesSayWhyAndFoldersAreNamed() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let inventory = project.appendingPathComponent("inventory")
        try FileManager.default.createDirectory(at: inventory.appendingPathComponent("dir.yaml"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: inventory.appendingPathComponent("gone.yaml").path, withDestinationPath: "nowhere.yaml")
        try FileManager.default.createSymbolicLink(atPath: inventory.appendingPathComponent("loop.yaml").path, withDestinationPath: "loop.yaml")
        let sub = inventory.appendingPathComponent("2025")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: inventory.appendingPathComponent("juki.yaml"), to: sub.appendingPathComponent("juki.yaml"))
        let output = try CLI.run(["check", "."], in: project)
        #expect(output.status == 1)
        for expected in ["inventory/dir.yaml:1:1: error: ファイルを読めません（フォルダです）",
                         "inventory/gone.yaml:1:1: error: ファイルを読めません（リンクの指す先がありません）",
                         "inventory/loop.yaml:1:1: error: ファイルを読めません（リンクが循環しています）",
                         "inventory/2025/:1:1: warning: フォルダ「2025」の中の台帳 1 件は読みません"] {
            #expect(output.stdout.contains(expected), "\(expected)\n\(output.stdout)")
        }
        // No ledger at all is said too; and daicho.yaml's unknown key is not sent to a ledger field.
        for name in try FileManager.default.contentsOfDirectory(atPath: inventory.path) {
            try FileManager.default.removeItem(at: inventory.appendingPathComponent(name))
        }
        try "organization: {name: 市, population: 10}\npolicy:\n  terminals: {}\n".write(to: project.appendingPathComponent("daicho.yaml"), atomically: true, encoding: .utf8)
        let empty = try CLI.run(["check", "."], in: project)
        #expect(empty.stdout.contains("warning: inventory/ に台帳（*.yaml）がありません"), "\(empty.stdout)")
        #expect(try CLI.run(["check", ".", "--format", "json"], in: project).stdout.contains("\"no-ledgers\""))
        #expect(empty.stdout.contains("「terminals」という項目はありません") && !empty.stdout.contains("hardware.terminals に書く"), "\(empty.stdout)")
    }

    @Test func crlfLedgersShowTheirLine() throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let file = project.appendingPathComponent("inventory/crlf.yaml")
        try "schema: 1\r\nid: crlf\r\nbasic:\r\n  name: 改行テスト\r\n  department: 市民課\r\nusage:\r\n  form: dedicated_sever\r\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["check"], in: project)
        #expect(output.status == 1)
        #expect(output.stdout.contains("inventory/crlf.yaml:7:9: error: [usage.form]"))
        #expect(output.stdout.contains("      form: dedicated_sever\n            ^"), "\(output.stdout)")
    }

    @Test func englishWithLangOption() throws {
        let project = try hostileProject()
        defer { try? FileManager.default.removeItem(at: project) }
        let output = try CLI.run(["check", "--lang", "en"], in: project)
        try Snapshot.assert(output.stdout, named: "hostile-check.en.txt")
    }

    @Test func xssStringsAreDataNotProblems() throws {
        let project = try CLI.copyFixture("hostile")
        defer { try? FileManager.default.removeItem(at: project) }
        let output = try CLI.run(["check", "--format", "json"], in: project)
        #expect(!output.stdout.contains("inventory/xss.yaml"))
    }

    @Test func followUpWritesOneFilePerDepartment() throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let output = try CLI.run(["check", ".", "--follow-up", "follow-up"], in: project)
        #expect(output.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("follow-up").path)
        #expect(files.contains("index.md"))
        #expect(files.contains("市民課.md"))
        #expect(files.count >= 13)
        let index = try String(contentsOf: project.appendingPathComponent("follow-up/index.md"), encoding: .utf8)
        #expect(index.contains("照会事項一覧 — みなと市"))
    }

    /// A shared terminal group's mismatch, as the audit found it: juki-net-cs (市民課) joins 福祉課's
    /// group with 4 terminals where the group's three ledgers say 6. 市民課 is asked at its own
    /// count (line 55 of juki-net-cs.yaml), 「こちら」 being its 4, not at 福祉課's files and lines.
    @Test func followUpAsksEachDepartmentFromItsOwnSide() throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let file = project.appendingPathComponent("inventory/juki-net-cs.yaml")
        let ledger = try String(contentsOf: file, encoding: .utf8)
        #expect(ledger.contains("  terminals:\n    dedicated: 4\n"))
        try ledger.replacing("  terminals:\n    dedicated: 4\n", with: "  terminals:\n    dedicated: 4\n    group: fukushi-sogo\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["check", ".", "--follow-up", "fu"], in: project)
        #expect(output.status == 1)
        let citizen = try String(contentsOf: project.appendingPathComponent("fu/市民課.md"), encoding: .utf8)
        let asked = citizen.split(separator: "\n").filter { $0.contains("fukushi-sogo") }
        #expect(asked.count == 3, "\(citizen)")
        #expect(asked.allSatisfy { $0.hasPrefix("- 55行目「端末：専用端末数」（`hardware.terminals.dedicated`）：共用端末グループ「fukushi-sogo」の台数が ")
            && $0.contains(" の 6 台と違います（こちらは 4 台。") }, "\(asked)")
        #expect(!citizen.contains("inventory/seikatsu-hogo.yaml") && !citizen.contains("こちらは 6 台"))
    }

    /// A link only one ledger lists, as the audit found it: kokin-shuno's entry for zeimu taken out,
    /// zeimu still lists kokin-shuno. 会計課 is asked whether the link exists, naming zeimu's line.
    @Test func followUpAsksTheSideThatDoesNotListALink() throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let file = project.appendingPathComponent("inventory/kokin-shuno.yaml")
        let ledger = try String(contentsOf: file, encoding: .utf8)
        let entry = "  - system: zeimu\n    direction: send\n    method: file\n    timing: daily\n    data: 市税の収納消込データ\n"
        #expect(ledger.contains(entry))
        try ledger.replacing(entry, with: "").write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["check", ".", "--follow-up", "fu"], in: project)
        #expect(output.status == 0)
        let accounts = try String(contentsOf: project.appendingPathComponent("fu/会計課.md"), encoding: .utf8)
        #expect(accounts.contains("- 「税務システム（住民税・固定資産税・軽自動車税）」（zeimu、税務課）の台帳（`inventory/zeimu.yaml` 89行目）：このシステムからデータを受け取る連携"
            + "（連携データ: 市税の収納消込データ）が記載されていますが、このシステムの台帳の連携（integrations）には zeimu がありません — "), "\(accounts)")
        #expect(accounts.contains("「system: zeimu, direction: send」を加えてください"))
    }

    /// Run again after 環境課 became 環境保全課 (the audit's case): 環境課.md, written by the first run
    /// and unchanged, is removed and named; a clerk's own file stays. A changed one stays, with a warning.
    @Test func followUpRemovesTheFilesOfGoneDepartments() throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let folder = project.appendingPathComponent("fu")
        #expect(try CLI.run(["check", ".", "--follow-up", "fu"], in: project).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("環境課.md").path))
        try "回答の控え".write(to: folder.appendingPathComponent("環境課の回答.md"), atomically: true, encoding: .utf8)
        let file = project.appendingPathComponent("inventory/sodai-gomi.yaml")
        try String(contentsOf: file, encoding: .utf8).replacing("department: 環境課", with: "department: 環境保全課")
            .write(to: file, atomically: true, encoding: .utf8)
        let again = try CLI.run(["check", ".", "--follow-up", "fu"], in: project)
        #expect(again.status == 0)
        #expect(again.stdout.contains("前回書き出したファイルのうち、所管課がなくなった 1 ファイルを削除しました: 環境課.md\n"), "\(again.stdout)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!names.contains("環境課.md") && names.contains("環境保全課.md") && names.contains("環境課の回答.md"))
        // Back to 環境課, and 環境保全課.md edited: it is kept and named on standard error.
        try String(contentsOf: file, encoding: .utf8).replacing("department: 環境保全課", with: "department: 環境課")
            .write(to: file, atomically: true, encoding: .utf8)
        let edited = folder.appendingPathComponent("環境保全課.md")
        try (String(contentsOf: edited, encoding: .utf8) + "\n確認済み\n").write(to: edited, atomically: true, encoding: .utf8)
        let kept = try CLI.run(["check", ".", "--follow-up", "fu"], in: project)
        #expect(kept.status == 0 && !kept.stdout.contains("削除しました"))
        let warned = "daicho: 警告: fu の前回書き出したファイルのうち、所管課がなくなった次のファイルは、書き出した後に変更されているため残しました。"
            + "不要になったら削除してください: 環境保全課.md\n"
        #expect(kept.stderr == warned, "\(kept.stderr)")
        #expect(FileManager.default.fileExists(atPath: edited.path))
        // A third run still warns of it (the record keeps it, without a hash) and still keeps it;
        // with --format json the JSON alone is on standard output.
        let third = try CLI.run(["check", ".", "--follow-up", "fu", "--format", "json"], in: project)
        #expect(third.stderr == warned, "\(third.stderr)")
        #expect(third.stdout.hasPrefix("{") && FileManager.default.fileExists(atPath: edited.path))
        // Written as that department again, it is the department's file: no warning.
        try String(contentsOf: file, encoding: .utf8).replacing("department: 環境課", with: "department: 環境保全課")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["check", ".", "--follow-up", "fu"], in: project).stderr.isEmpty)
    }

    /// The questions are never written among the templates (the guideline would publish them)
    /// or the ledgers.
    @Test func followUpIsNotWrittenIntoTheProject() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("templates"), to: project.appendingPathComponent("templates"))
        for folder in ["templates/guidelines", "inventory", "inventory/q"] {
            let run = try CLI.run(["check", ".", "--follow-up", folder], in: project)
            #expect(run.status == 2 && run.stderr.contains("書き込みません"), "\(folder): \(run.stderr)")
        }
        let guidelines = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("templates/guidelines").path)
        #expect(!guidelines.contains("index.md"))
    }

    @Test func followUpIsWrittenEvenWithErrors() throws {
        let project = try CLI.copyFixture("hostile")
        defer { try? FileManager.default.removeItem(at: project) }
        let output = try CLI.run(["check", "--follow-up", "out/照会"], in: project)
        #expect(output.status == 1)
        let unknown = try String(contentsOf: project.appendingPathComponent("out/照会/（所管課不明）.md"), encoding: .utf8)
        #expect(unknown.contains("## invalid-utf8\n"))
        // The ledger saved in Shift_JIS goes to the department its own line names.
        #expect(!unknown.contains("sjis"))
        let school = try String(contentsOf: project.appendingPathComponent("out/照会/教育総務課.md"), encoding: .utf8)
        #expect(school.contains("## 校務支援システム（sjis）\n\n- ファイル: `inventory/sjis.yaml`\n- 台帳を読み込めないため、所管課と名称はファイルの記載から読み取りました。"), "\(school)")
        #expect(school.contains("Shift_JIS で保存されているようです"))
    }

    @Test func usageAndIOProblemsExitWith2() throws {
        #expect(try CLI.run(["check", "/nonexistent/folder"]).status == 2)
        #expect(try CLI.run(["check", "Sources"]).stderr.contains("台帳フォルダ"))
        #expect(try CLI.run(["check", "--format", "xml"]).status == 2)
    }

    /// The argument parser's usage errors read in Japanese (it writes them in English), and stay
    /// English with `LANG=en*`.
    @Test func usageErrorsInJapanese() throws {
        let unknown = try CLI.run(["check", "--bogus"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("エラー: 「--bogus」というオプションはありません\n使い方: daicho check "), "\(unknown.stderr)")
        #expect(unknown.stderr.contains("詳しくは「daicho check --help」をご覧ください。"))
        #expect(try CLI.run(["docs"]).stderr.hasPrefix("エラー: 「<id>」を指定してください"))
        #expect(try CLI.run(["serve", "--port", "99999"]).stderr.hasPrefix("エラー: 「--port <port>」に「99999」は使えません"))
        #expect(try CLI.run(["check", "--lang"]).stderr.hasPrefix("エラー: 「--lang <lang>」の値がありません"))
        #expect(try CLI.run(["build", "a", "b", "c"]).stderr.hasPrefix("エラー: 余分な引数が 2 個あります"))
        #expect(try CLI.run(["build", "--profile", "secret"]).stderr
            .hasPrefix("エラー: 「--profile <profile>」に「secret」は使えません（使える値: internal, public）"))
        #expect(try CLI.run(["docs", "x", "--kind", "xyz"]).stderr.hasPrefix("エラー: 「--kind <kind>」に「xyz」は使えません（使える値: rfi, rfp, sla）"))
        #expect(try CLI.run(["build", "--no-incrementl"]).stderr
            .hasPrefix("エラー: 「--no-incrementl」というオプションはありません。「--no-incremental」のことですか？"))
        // A suggestion far from what was typed is not made.
        #expect(try CLI.run(["build", "--bogus"]).stderr.hasPrefix("エラー: 「--bogus」というオプションはありません（使えるオプションは --help で表示します）"))
        #expect(try CLI.run(["build", "--bogus", "--lang", "en"]).stderr.hasPrefix("Error: Unknown option '--bogus' (--help lists the options)"))
        // A count of workers below 1 is refused with the range, however it is written: `-1` after
        // `--jobs` was taken for a missing value, and `0` or `--jobs=-1` quietly for 1.
        for jobs in [["--jobs", "-1"], ["--jobs", "0"], ["--jobs=-1"], ["--jobs", "many"], ["--jobs", "5000"]] {
            for command in ["build", "analyze"] {
                let refused = try CLI.run([command, "/nonexistent"] + jobs)
                #expect(refused.status == 2, "\(command) \(jobs)")
                #expect(refused.stderr.hasPrefix("エラー: 「--jobs <N>」に「\(jobs.last?.replacing("--jobs=", with: "") ?? "")」は使えません（1 から 1024 までの整数）"),
                        "\(command) \(jobs): \(refused.stderr)")
            }
        }
        let englishJobs = try CLI.run(["build", "--jobs", "-1"], language: "en_US.UTF-8")
        #expect(englishJobs.status == 2 && englishJobs.stderr.hasPrefix("Error: The value '-1' is invalid for '--jobs <N>' (an integer from 1 to 1024)\n"),
                "\(englishJobs.stderr)")
        let noOutput = try CLI.run(["build", "-o", ""])
        #expect(noOutput.status == 2 && noOutput.stderr.hasPrefix("daicho: -o の出力先が空です"))
        let helpBogus = try CLI.run(["help", "bogus"])
        #expect(helpBogus.status == 2 && helpBogus.stderr.hasPrefix("エラー: 「bogus」というコマンドはありません（使えるコマンド: check, analyze, build, serve, docs, new）"),
                "\(helpBogus.stderr)")
        #expect(try CLI.run(["help", "check"]).status == 0)
        let bogus = try CLI.run(["bogus"])
        #expect(bogus.status == 2 && bogus.stderr.hasPrefix("エラー: 「bogus」というコマンドはありません（使えるコマンド: check"))
        let english = try CLI.run(["check", "--bogus"], language: "en_US.UTF-8")
        #expect(english.status == 2 && english.stderr.hasPrefix("Error: Unknown option '--bogus'"))
    }

    /// Output that cannot be written (here a full disk) ends the command with status 2 and the
    /// reason, for every report: a report cut short must not pass for a whole one.
    @Test(arguments: [["check", "."], ["check", ".", "--format", "json"], ["analyze", "--json"],
                      ["docs", "juki-net-cs", "--kind", "sla"], ["docs", "juki-net-cs", "--kind", "rfp", "--format", "html"]])
    func outputThatCannotBeWrittenIsAnError(arguments: [String]) throws {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLI.packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "ja_JP.UTF-8"
        process.environment = environment
        process.standardOutput = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 2, "\(arguments): \(stderr)")
        #expect(stderr.contains("「標準出力」に書き込めません（ディスクの空きがありません）"), "\(stderr)")
    }

    @Test func helpInJapaneseAndEnglish() throws {
        #expect(try CLI.run(["--help"]).stdout.contains("台帳"))
        #expect(try CLI.run(["--help"], language: "en_US.UTF-8").stdout.contains("Checks and analyses"))
        #expect(try CLI.run(["check", "--help", "--lang", "en"]).stdout.contains("Checks every ledger"))
        #expect(try CLI.run(["check", "--help"]).stdout.contains("照会事項"))
        // The parser's own words are in Japanese too: headings, --help, --version, defaults, values.
        let japanese = try CLI.run(["build", "--help"])
        #expect(japanese.status == 0)
        for phrase in ["概要:", "使い方: daicho build", "オプション:", "この説明を表示します。", "バージョンを表示します。",
                       "(既定: .)", "(値: ja, en)"] {
            #expect(japanese.stdout.contains(phrase), "\(phrase)")
        }
        for english in ["OVERVIEW", "Show help", "default:", "values:"] { #expect(!japanese.stdout.contains(english), "\(english)") }
        #expect(try CLI.run(["help", "check"]).stdout.contains("この説明を表示します。"))
        #expect(try CLI.run(["--help"]).stdout.contains("サブコマンド:"))
        #expect(try CLI.run(["build", "--help"], language: "en_US.UTF-8").stdout.contains("Show help information."))
        #expect(try CLI.run(["--version"]).stdout == "0.1.0\n")
    }

    /// Descriptions start in one column on a terminal, where `<課名>` is four columns wide (the
    /// parser pads by characters: they started two columns right of the others).
    @Test func helpColumnsLineUpAfterJapanesePlaceholders() throws {
        let help = try CLI.run(["new", "--help"]).stdout
        func column(_ option: String, _ description: String) -> Int? {
            guard let line = help.split(separator: "\n").first(where: { $0.hasPrefix("  " + option) }),
                  let start = line.range(of: description)?.lowerBound else { return nil }
            return line[..<start].reduce(0) { $0 + ($1.unicodeScalars.first.map { $0.value >= 0x1100 ? 2 : 1 } ?? 1) }
        }
        #expect(column("--lang <lang>", "表示言語") == 26)
        #expect(column("--department <課名>", "所管課") == 26, "\(help)")
        #expect(column("--name <名称>", "システム名称") == 26)
        #expect(column("<id>", "システムID") == 26)
    }
}

@Suite(.serialized)
struct NewCommandTests {
    @Test func writesALedgerThatPassesCheckAndRefusesToOverwrite() throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: project, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: project) }
        let created = try CLI.run(["new", "jumin-kiroku", "--department", "市民課", "--name", "住民記録システム"], in: project)
        #expect(created.status == 0, "\(created.stderr)")
        let path = project.appendingPathComponent("inventory/jumin-kiroku.yaml")
        let original = try String(contentsOf: path, encoding: .utf8)
        let check = try CLI.run(["check", "--format", "json"], in: project)
        #expect(check.status == 0)
        // Only "not filled in" warnings, plus the missing daicho.yaml.
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        let codes = Set(((report?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String })
        #expect(codes == ["missing-recommended", "missing-project-file"])

        let again = try CLI.run(["new", "jumin-kiroku", "--department", "税務課", "--name", "別物"], in: project)
        #expect(again.status == 2)
        #expect(again.stderr.contains("上書きはしません"))
        #expect(try String(contentsOf: path, encoding: .utf8) == original)
    }

    /// A mistyped project folder is not made, and an `ID.yml` already there is the same system.
    @Test func refusesAMissingProjectAndASecondFileForTheId() throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-new-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: project) }
        let missing = try CLI.run(["new", "zeimu", "--department", "税務課", "--name", "税務", project.path])
        #expect(missing.status == 2 && missing.stderr.contains("フォルダ「\(project.path)」がありません"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.path))
        try FileManager.default.createDirectory(at: project.appendingPathComponent("inventory"), withIntermediateDirectories: true)
        try Data("schema: 1\n".utf8).write(to: project.appendingPathComponent("inventory/zeimu.yml"))
        let twice = try CLI.run(["new", "zeimu", "--department", "税務課", "--name", "税務"], in: project)
        #expect(twice.status == 2 && twice.stderr.contains("zeimu.yml」があります"), "\(twice.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("inventory/zeimu.yaml").path))
    }

    @Test func rejectsUnsafeIds() throws {
        let output = try CLI.run(["new", "../evil", "--department", "x", "--name", "y", "/tmp"])
        #expect(output.status == 2)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/evil.yaml"))
    }
}

/// Files in the inventory that are not regular files.
@Suite(.serialized)
struct SpecialFileTests {
    /// A named pipe called like a ledger is reported as unreadable; opening it for reading used to
    /// wait for a writer forever.
    @Test func aFIFONamedLikeALedgerIsReportedNotWaitedFor() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        #expect(mkfifo(project.appendingPathComponent("inventory/pipe.yaml").path, 0o644) == 0)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["check", ".", "--no-cache", "--format", "json"]
        process.currentDirectoryURL = project
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        let finished = !process.isRunning
        if !finished { process.terminate() }
        process.waitUntilExit()
        #expect(finished, "check waited on the FIFO")
        let report = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(report.contains("\"file\" : \"inventory/pipe.yaml\"") || report.contains("\"file\": \"inventory/pipe.yaml\""), "\(report)")
        #expect(report.contains("unreadable"), "\(report)")
    }
}
