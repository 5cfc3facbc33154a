@testable import DaichoSite
import DaichoCore
import Foundation
import Testing

/// Which files of `inventory/` are ledgers, and how they are named.
struct ProjectLoaderTests {
    /// `.yaml` and `.yml` in any case are read (an upper-case name is then checked, not left out
    /// unseen); drafts (`_`), hidden files and editors' lock files (`~$`) are not.
    @Test func ledgerFilesByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-loader-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/inventory", withIntermediateDirectories: true)
        for name in ["JUKI.YAML", "zei.Yml", "a.yaml", "~$a.yaml", "_draft.yaml", ".a.yaml.swp", ".hidden.yaml", "notes.txt", "memo.yaml.txt"] {
            try Data("schema: 1\n".utf8).write(to: URL(fileURLWithPath: folder + "/inventory/" + name))
        }
        let source = try ProjectLoader().load(folder)
        #expect(source.ledgers.map(\.stem) == ["JUKI", "a", "zei"])
        #expect(source.ledgers.map(\.key) == ["inventory/JUKI.YAML", "inventory/a.yaml", "inventory/zei.Yml"])
        // A ledger Notepad saved as `.yaml.txt` is not read, and said to be: the one warning of the folder.
        #expect(source.diagnostics.map(\.code) == [.ignoredFile])
        #expect(source.diagnostics.first?.message.ja == "「memo.yaml.txt」は台帳として読みません（名前の最後が .txt です）")
        #expect(source.diagnostics.first?.hint?.ja.hasPrefix("台帳なら名前を「memo.yaml」にしてください") == true)
    }

    /// Property: on random names (ASCII in both cases, dots, the prefixes `_ . ~ $`, Japanese,
    /// combining marks, full-width letters, `/`), which files are ledgers and their stems are what
    /// the lowercased name's end says, as the loader decided before it compared bytes: worked by
    /// hand, `a.YaML` is a ledger with stem `a`, `ａ.ｙａｍｌ` (full-width) is not, `x.yam\u{301}l`
    /// is not (the accent is on the m), `_.yml` and `~$.yaml` are not. A path is cut at its last
    /// `/` byte: a name that starts with a combining mark (`/\u{301}x.yaml`) has the stem
    /// `\u{301}x`, where the comparison by characters took `/\u{301}` for one character and
    /// found no folder to cut. Likewise a name is a draft, hidden or a lock file by its first byte
    /// (`.\u{301}a.yaml` is hidden, as `ls` hides it), where `hasPrefix` saw the character `.\u{301}`.
    @Test func ledgerNamesByBytesAgreeWithTheLowercasedName() {
        func wasLedger(_ name: String) -> Bool {
            let lower = name.lowercased()
            return (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")) && !["_", ".", "~"].contains(name.unicodeScalars.first)
        }
        func oldStem(_ name: String) -> String {
            for suffix in [".yaml", ".yml"] where name.lowercased().hasSuffix(suffix) { return String(name.dropLast(suffix.count)) }
            return name
        }
        #expect(LedgerSource.stem(of: "inventory/\u{301}x.yaml") == "\u{301}x")
        #expect(LedgerSource.stem(of: "city/inventory/a.v1.YML") == "a.v1")
        for (name, ledger, stem) in [("a.YaML", true, "a"), ("ａ.ｙａｍｌ", false, "ａ.ｙａｍｌ"), ("x.yam\u{301}l", false, "x.yam\u{301}l"),
                                     ("_.yml", false, "_"), ("~$.yaml", false, "~$"), (".\u{301}a.yaml", false, ".\u{301}a"), ("台帳.YML", true, "台帳"), ("b.yaml.txt", false, "b.yaml.txt")] {
            #expect(ProjectLoader.isLedgerFile(name) == ledger, "\(name)")
            #expect(LedgerSource.stem(of: "inventory/" + name) == stem, "\(name)")
        }
        // Names, as the folder lists them (no `/`).
        let pieces = ["a", "Y", "y", "A", "M", "m", "L", "l", ".", "_", "~", "$", "台帳", "\u{301}", "ｙ", "yaml", "YML", ".yaml", ".Yml"]
        var random = SplitMix(seed: 26)
        for _ in 0..<5_000 {
            let name = (0..<Int(random.next() % 7)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            #expect(ProjectLoader.isLedgerFile(name) == wasLedger(name), "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(LedgerSource.stem(of: name) == oldStem(name), "\(name.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Only a missing `daicho.yaml` means the defaults; one that is there but cannot be read stops
    /// the load with the reason (built with defaults, the public edition would show what it hides).
    @Test func aProjectFileThatCannotBeReadStops() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-loader-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/inventory", withIntermediateDirectories: true)
        #expect(try ProjectLoader().load(folder).projectFile == nil)
        #expect(symlink("/nonexistent/share/daicho.yaml", folder + "/daicho.yaml") == 0)
        #expect(throws: LoadError.self) { try ProjectLoader().load(folder) }
        do {
            _ = try ProjectLoader().load(folder)
        } catch {
            #expect(error.message(.ja).contains("daicho.yaml」を読めません（リンク先が見つかりません）"))
        }
        try FileManager.default.removeItem(atPath: folder + "/daicho.yaml")
        try FileManager.default.createDirectory(atPath: folder + "/daicho.yaml", withIntermediateDirectories: true)
        #expect(throws: LoadError.self) { try ProjectLoader().load(folder) }
        try FileManager.default.removeItem(atPath: folder + "/daicho.yaml")
        // A pipe is not opened (that would wait for a writer).
        #expect(mkfifo(folder + "/daicho.yaml", 0o644) == 0)
        #expect(throws: LoadError.unreadableProjectFile(folder + "/daicho.yaml", ProjectLoader.notARegularFile)) { try ProjectLoader().load(folder) }
        try FileManager.default.removeItem(atPath: folder + "/daicho.yaml")
        // A file of gigabytes is read no further than one byte past the limit.
        #expect(FileManager.default.createFile(atPath: folder + "/daicho.yaml", contents: nil))
        #expect(truncate(folder + "/daicho.yaml", 1 << 31) == 0)
        #expect(try ProjectLoader().load(folder).projectFile?.count == ProjectLoader.readLimit)
        try FileManager.default.removeItem(atPath: folder + "/daicho.yaml")
        try Data("organization:\n  name: テスト市\n".utf8).write(to: URL(fileURLWithPath: folder + "/daicho.yaml"))
        #expect(try ProjectLoader().load(folder).projectFile != nil)
        // A file given as the project, and a file for inventory/, are named as what they are.
        #expect(throws: LoadError.fileInsteadOfFolder(folder + "/daicho.yaml", inventory: false)) { try ProjectLoader().load(folder + "/daicho.yaml") }
        #expect(LoadError.fileInsteadOfFolder(folder + "/daicho.yaml", inventory: false).message(.ja)
            .hasSuffix("はフォルダではありません（プロジェクトのフォルダを指定してください）"))
        #expect(throws: LoadError.notAFolder(folder + "/none")) { try ProjectLoader().load(folder + "/none") }
        #expect(LoadError.notAFolder(folder + "/none").message(.ja) == "フォルダ「\(folder)/none」がありません")
        try FileManager.default.removeItem(atPath: folder + "/inventory")
        try Data().write(to: URL(fileURLWithPath: folder + "/inventory"))
        #expect(throws: LoadError.fileInsteadOfFolder(ProjectLoader.join(ProjectLoader.canonical(folder), "inventory"), inventory: true)) {
            try ProjectLoader().load(folder)
        }
    }
}
