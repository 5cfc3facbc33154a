import Foundation
import Testing
@testable import DaichoCore

/// `check` at national scale: its reports are written a part at a time, and the diagnostics'
/// texts are held once however many ledgers repeat them; neither may change a byte of what it writes.
struct DiagnosticReportTests {
    /// A ledger's value quoted in a message cannot act on the terminal: an escape sequence, a line
    /// break, a bidirectional override are written out, and the report keeps one line per message.
    @Test func controlCharactersInMessagesAreWrittenOut() {
        let result = parseLedger(minimalLedger(extra: "  category: \"x\\e[2J\\ny\\u202Ez\""))
        let diagnostic = try? #require(result.diagnostics.first { $0.fieldPath == "basic.category" })
        let text = DiagnosticFormatter(language: .ja, color: false).format(diagnostic!, sourceLine: "  category: \u{1B}[2J")
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(text.contains("\\u{1B}[2J") && text.contains("\\u{A}y\\u{202E}z"))
        #expect(text.split(separator: "\n").first?.hasPrefix("inventory/sample.yaml:") == true)
        // Plain text, tabs and Japanese are left as they are.
        #expect(DiagnosticFormatter.visible("総務課\tA") == "総務課\tA")
    }

    /// Random diagnostics with texts that JSON escapes (quotes, backslashes, slashes, line breaks,
    /// tabs, Japanese, emoji), some without a hint, some errors.
    static func diagnostics(_ count: Int, seed: UInt64) -> [Diagnostic] {
        var random = SplitMix(seed: seed)
        let pieces = ["未記入です", "\"引用\"", "a\\b", "https://example.jp/x", "改行\nあり", "タブ\tあり", "🙂", "<tag>", " "]
        func text() -> String { (0..<Int(random.next() % 4 + 1)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined() }
        return (0..<count).map { index in
            Diagnostic(random.next() % 5 == 0 ? .error : .warning, random.next() % 2 == 0 ? .missingRecommended : .enumValue,
                       at: SourceLocation(file: "inventory/s\(index % 7).yaml", line: index + 1, column: Int(random.next() % 9) + 1),
                       field: random.next() % 6 == 0 ? "" : "basic.name",
                       LocalizedText(ja: text(), en: text()), hint: random.next() % 3 == 0 ? nil : LocalizedText(ja: text(), en: text()))
        }
    }

    @Test func theEnglishSummaryCountsInTheSingular() {
        let formatter = DiagnosticFormatter(language: .en, color: false)
        #expect(formatter.summary(files: 1, errors: 1, warnings: 0) == "checked 1 file: 1 error, 0 warnings")
        #expect(formatter.summary(files: 2, errors: 0, warnings: 1) == "checked 2 files: 0 errors, 1 warning")
    }

    /// Property: whatever the batch, the parts joined are the report made whole, with its newline.
    @Test func theJSONReportWrittenInPartsIsTheWholeReport() throws {
        for language in [Language.ja, .en] {
            let formatter = DiagnosticFormatter(language: language, color: false)
            for (count, seed) in [(0, 1), (1, 2), (2, 3), (7, 4), (50, 5), (333, 6)] as [(Int, UInt64)] {
                let diagnostics = Self.diagnostics(count, seed: seed)
                let whole = Array((formatter.json(diagnostics, files: 7) + "\n").utf8)
                for batch in [1, 2, 3, 10, count, count + 1, 2_000] where batch > 0 {
                    var parts: [[UInt8]] = []
                    try formatter.writeJSON(diagnostics, files: 7, batch: batch) { parts.append($0) }
                    #expect(Array(parts.joined()) == whole, "\(language) \(count) diagnostics, batches of \(batch)")
                    // Written in parts indeed when there is more than a batch (the test is not of one path twice).
                    #expect(parts.count > 1 || count <= batch)
                }
                _ = try JSONSerialization.jsonObject(with: Data(whole))
            }
        }
    }

    /// Shared texts are the same texts: equal diagnostics, sharing one copy of each text over 15 bytes.
    @Test func sharedTextsAreEqualAndHeldOnce() {
        let made = Self.diagnostics(200, seed: 9) + Self.diagnostics(200, seed: 9)
        var texts = SharedTexts()
        let shared = texts.share(made)
        #expect(shared == made)
        // The two halves were made apart (their strings are separate copies); shared, the second
        // half's texts are the first half's storage.
        func storage(_ text: String) -> UnsafeRawPointer? {
            var text = text
            return text.withUTF8 { UnsafeRawPointer($0.baseAddress) }
        }
        var sharedCount = 0, longCount = 0
        for (first, second) in zip(shared[..<200], shared[200...]) where first.message.ja.utf8.count > 15 {
            longCount += 1
            if storage(first.message.ja) == storage(second.message.ja) { sharedCount += 1 }
        }
        #expect(longCount > 50 && sharedCount == longCount)
        var unsharedCount = 0
        for (first, second) in zip(made[..<200], made[200...]) where first.message.ja.utf8.count > 15 {
            if storage(first.message.ja) != storage(second.message.ja) { unsharedCount += 1 }
        }
        // (A text of one literal piece shares the literal's storage from the start.)
        #expect(unsharedCount > 50)
    }
}

/// `build` and `analyze` show errors alone: their check counts warnings without keeping them,
/// on every path (parsed, cached, one worker or several), and leaves the cache as `check` needs it.
struct WarningsLeftOutTests {
    @Test func aCheckThatLeavesWarningsOutKeepsTheErrorsAndTheCount() async throws {
        let synthetic = SyntheticInventory(count: 60, seed: 8)
        var ledgers = (0..<60).map { synthetic.ledger($0) }
        // An error in two ledgers: a value out of its list, and a broken file.
        ledgers[3].text = ledgers[3].text.replacing("schema: 1", with: "schema: 1\nbogus_key: 1")
        ledgers[9].text = "schema: 1\nbasic: [\n"
        func source() -> ProjectSource {
            ProjectSource(projectFilePath: "daicho.yaml", projectFile: Array(synthetic.projectFile.utf8),
                          ledgers: ledgers.map { LedgerSource(path: "inventory/\($0.name)", stem: String($0.name.dropLast(5)),
                                                              bytes: Array($0.text.utf8)) })
        }
        let all = await Checker(workers: 2).check(source())
        #expect(all.warningsLeftOut == 0 && all.warningCount == all.diagnostics.warningCount)
        #expect(all.diagnostics.warningCount > 10 && all.diagnostics.errorCount >= 2, "\(all.diagnostics.warningCount) warnings")
        let errors = all.diagnostics.filter { $0.severity == .error }
        let store = MemoryShards()
        let cache = LedgerCache(stamp: "t", read: store.read, write: store.write)
        for workers in [1, 2] {
            for checker in [Checker(workers: workers, keepsWarnings: false), Checker(workers: workers, cache: cache, keepsWarnings: false)] {
                let lean = await checker.check(source())
                #expect(lean.diagnostics == errors, "\(workers) workers")
                #expect(lean.warningsLeftOut == all.diagnostics.warningCount && lean.warningCount == all.warningCount)
                #expect(String(reflecting: lean.ledgers) == String(reflecting: all.ledgers))
            }
        }
        // The cache filled by the lean checks gives `check` its warnings.
        let cached = await Checker(workers: 2, cache: cache).check(source())
        #expect(cached.diagnostics == all.diagnostics)
    }
}
