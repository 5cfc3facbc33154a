import Foundation
import Testing
@testable import DaichoCore

/// The plain-subset reader against libyaml: whatever it accepts must come out as libyaml's tree,
/// texts, lines and columns; whatever it refuses is read by libyaml as before.
struct PlainYAMLParserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The plain reader's tree (nil when it refuses) and libyaml's (nil on an error).
    func both(_ text: String) -> (plain: YAMLNode?, libyaml: YAMLNode?) {
        both(Array(text.utf8))
    }

    func both(_ bytes: [UInt8]) -> (plain: YAMLNode?, libyaml: YAMLNode?) {
        let libyaml = YAMLReader(readsPlainSubset: false).read(bytes, file: "f.yaml").root
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard String(validating: body, as: UTF8.self) != nil else { return (nil, libyaml) }
        let plain = Array(body).withUnsafeBufferPointer { PlainYAMLParser.parse($0, limits: YAMLReader.Limits()) }
        return (plain, libyaml)
    }

    /// Read alike by both, and read by the plain reader (not left to libyaml).
    func expectAccepted(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let (plain, libyaml) = both(text)
        #expect(plain != nil, "refused: \(text.debugDescription)", sourceLocation: sourceLocation)
        #expect(plain == libyaml, "differs from libyaml: \(text.debugDescription)", sourceLocation: sourceLocation)
    }

    func expectRefused(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(both(text).plain == nil, "accepted: \(text.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test func sampleAndFixtureLedgersReadAsLibyamlReadsThem() throws {
        var accepted = 0, total = 0
        for folder in ["inventory", "Tests/Fixtures/small/inventory", "Tests/Fixtures/hostile/inventory"] {
            let directory = Self.root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                let bytes = try [UInt8](Data(contentsOf: directory.appendingPathComponent(name)))
                let (plain, libyaml) = both(bytes)
                total += 1
                guard let plain else { continue }
                accepted += 1
                #expect(plain == libyaml, "\(folder)/\(name)")
            }
        }
        // Every sample ledger (50) and small fixture is in the subset; hostile ones mostly not.
        #expect(accepted >= 54, "\(accepted) of \(total) read by the plain reader")
    }

    @Test func generatedLedgersReadAsLibyamlReadsThem() {
        let inventory = SyntheticInventory(count: 400, seed: 7)
        for index in 0..<400 {
            let (name, text) = inventory.ledger(index)
            let (plain, libyaml) = both(text)
            #expect(plain != nil, "\(name) refused")
            #expect(plain == libyaml, "\(name)")
        }
    }

    @Test func literalBlocksFollowLibyaml() {
        expectAccepted("a: |\n  one\n  two\nb: x\n")
        expectAccepted("a: |-\n  one\n\n  two\n\n\nb: x\n")
        expectAccepted("a: |+\n  one\n\n\nb: x\n")
        expectAccepted("a: |\n\n  after a blank line\n   and a deeper one\n  # not a comment\nb: x\n")
        expectAccepted("a: |\n  spaces past the indentation:\n      \n  end\n")
        expectAccepted("a: | # a comment on the header\n  text\n")
        expectAccepted("list:\n  - |\n    item text\n  - plain\n")
        expectAccepted("a:\n  b: |\n    deep\n  c: 1\n")
        expectAccepted("a: |\n  no final line break")
        expectAccepted("a: |\n  text\n# a comment after\nb: x\n")
        expectAccepted("a: |\n    text\nb: 1\n")
    }

    @Test func blockCollectionsFollowLibyaml() {
        expectAccepted("schema: 1\nbasic:\n  name: 住民記録\n  business: [a, b]\n")
        expectAccepted("a:\n- x\n- y\nb: z\n")  // a sequence at its key's indentation
        expectAccepted("a:\n  - x: 1\n    y: 2\n  - x: 3\n")
        expectAccepted("a:\n  -   x: 1\n      y: 2\n")
        expectAccepted("a:\n  -\n    x: 1\n  -\n  - z\n")
        expectAccepted("a:\nb:   \nc: # comment\n")  // empty values are null, placed after the colon
        expectAccepted("- a\n- b\n")
        expectAccepted("a:\n  -\n    - nested\n")
        expectAccepted("key  : spaced key\n日本語キー: 値\n")
        expectAccepted("# heading comment\n\na: 1 # trailing\n  # indented comment\nb: C#と f(x)\nurl: http://example.jp/a:b\n")
        expectAccepted("a: 1\r\nb:\r\n  - x\r\nc: |\r\n  crlf\r\n  text\r\n")
        expectAccepted("a:\n  - k: |\n      literal in an item\n    m: 2\n")
        expectAccepted("time: 8:30–17:15\nphone: 045-000-0000\ndate: 2026-04-01\n")
    }

    @Test func flowAndQuotedScalarsFollowLibyaml() {
        expectAccepted("a: {x: 1, y: [p, q], z: {w: v}}\n")
        expectAccepted("a: []\nb: {}\nc: [ spaced , items ]\n")
        expectAccepted("a: \"quoted # not a comment\"\nb: 'it''s'\nc: ''\nd: \"\"\n")
        expectAccepted("a: [\"x, y\", 'z']\nb: {k: \"v\"}\n")
        expectAccepted("extra: {資産番号: A-3, 備考: あり}\n")
        expectAccepted("a: \"1,200,000\"\n")
        expectAccepted("a: ~\nb: null\nc: \"~\"\n")
        // Keys alike in their first bytes, or in length, are not duplicates.
        expectAccepted("ab: 1\nac: 2\nabc: 3\nd: {x: 1, xy: 2, y: 3}\n名前: 1\n名称: 2\n")
    }

    @Test func theRestIsLeftToLibyaml() {
        for text in [
            "a: &x 1\nb: *x\n", "a: !tag 1\n", "%YAML 1.1\n---\na: 1\n", "---\na: 1\n", "a: 1\n...\n",
            "a: >\n  folded\n", "a: |2\n  indicated\n", "a: multi\n  line plain\n", "a: \"two\n  lines\"\n",
            "a: \"escape \\n\"\n", "a:\tb\n", "\ta: b\n", "? complex\n: key\n", "\"quoted\": key\n",
            "a: [x,\n  y]\n", "a: {x: 8:30}\n", "a: [x, ]\n", "a: {x: 1} trailing\n", "a: b: c\n",
            "a: 1\na: 2\n", "a: {x: 1, x: 2}\n", "plain scalar\n",
            // Duplicates the plain reader must see too: among many keys, nested, Japanese, and keys
            // that are the same text in Unicode but not in bytes (KELVIN SIGN is K; é composed or not).
            "a: 1\nb: 2\nc: 3\nd:\n  x: 1\n  y: 2\n  x: 3\ne: 4\n", "b: 1\na: 2\nb: 3\n", "名前: 1\n名前: 2\n",
            "\u{212A}: 1\nK: 2\n", "{K: 1, \u{212A}: 2}\n".replacingOccurrences(of: "{", with: "a: {"),
            "caf\u{E9}: 1\ncafe\u{301}: 2\n",
            // Refused characters inside long runs of Japanese (read eight bytes at a time).
            "a: あいうえ\u{2028}おかきく\n", "a: あいうえお\u{85}かきくけ\n", "a: あいうえお\u{FEFF}かきくけ\n",
            "a: あいうえお\u{FFFE}かきくけ\n", "a: あいうえおか\u{2029}\n", "", "# only a comment\n", "  a: indented root\n",
            "a: - 1\n", "- - nested\n", "a: 1\r b: 2\n", "a: x\u{85}y\n", "a: x\u{2028}y\n", "a: \u{FEFF}x\n",
            "a: |\n\n", "a: |\n    \n  less\n", "a:\n  b: 1\n c: 2\n", "a: @x\n", "a: `x`\n",
        ] {
            expectRefused(text)
        }
    }

    /// Random edits of real ledgers: whenever the plain reader still accepts the text, libyaml
    /// must read the same tree (and not fail).
    @Test func mutatedLedgersNeverDisagree() throws {
        let directory = Self.root.appendingPathComponent("inventory")
        let sources = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map {
            try [UInt8](Data(contentsOf: directory.appendingPathComponent($0)))
        }
        let pieces: [[UInt8]] = [":", " ", "  ", "-", "- ", "#", " #", "'", "\"", "|", "|-", "|+", "\n", "\r\n", "{", "}",
                                 "[", "]", ",", ">", "&", "*", "!", "?", "a", "あ", ": ", "\n  ", "\n- ", "~", "''"]
            .map { Array($0.utf8) }
        var random = SplitMix(seed: 2026)
        var accepted = 0, valid = 0
        for round in 0..<6000 {
            var bytes = sources[round % sources.count]
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.insert(contentsOf: pieces.randomElement(using: &random)!, at: at)
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...4, using: &random)))
                default:
                    // Re-indent a line: the edit YAML is most sensitive to.
                    let lineStart = bytes[..<at].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                    if Bool.random(using: &random) { bytes.insert(0x20, at: lineStart) }
                    else if lineStart < bytes.count, bytes[lineStart] == 0x20 { bytes.remove(at: lineStart) }
                }
            }
            let (plain, libyaml) = both(bytes)
            if libyaml != nil { valid += 1 }
            guard let plain else { continue }
            accepted += 1
            #expect(plain == libyaml, "round \(round): \(String(decoding: bytes, as: UTF8.self).debugDescription)")
        }
        // Most edits that leave valid YAML stay inside the subset: the comparison is not vacuous.
        #expect(accepted > 800 && accepted * 4 > valid * 3, "\(accepted) mutants read by the plain reader, \(valid) by libyaml")
    }

    /// Texts made of YAML's pieces at random, line by line, most of them not ledgers: the plain
    /// reader must neither crash nor disagree with libyaml, and must read a fair share of them.
    @Test func randomTextsNeverDisagree() {
        let keys = ["a", "key", "名前", "b c", "x-y", "1"]
        let values = ["v", "値 です", "", " # c", "'q'", "'it''s'", "\"d q\"", "\"\"", "[a, b]", "[]", "{}", "{k: v, l: [1, 2]}",
                      "{k: {m: n}}", "|", "|-", "|+", "~", "8:30", "a#b", "- x", "[a,", "{k}", "\"x", ">", "&a v", "v:"]
        let indents = ["", "", "  ", "  ", "    ", " "]
        var random = SplitMix(seed: 11)
        var accepted = 0
        for round in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...8, using: &random) {
                let indent = indents.randomElement(using: &random)!
                let key = keys.randomElement(using: &random)!, value = values.randomElement(using: &random)!
                switch Int.random(in: 0..<6, using: &random) {
                case 0, 1: text += indent + key + ": " + value
                case 2: text += indent + "- " + value
                case 3: text += indent + "- " + key + ": " + value
                case 4: text += indent + key + ":"
                default: text += indent + (Bool.random(using: &random) ? "# comment" : "")
                }
                text += Int.random(in: 0..<10, using: &random) == 0 ? "\r\n" : "\n"
            }
            if Bool.random(using: &random), text.hasSuffix("\n") { text.removeLast() }
            let (plain, libyaml) = both(text)
            guard let plain else { continue }
            accepted += 1
            #expect(plain == libyaml, "round \(round): \(text.debugDescription)")
        }
        #expect(accepted > 1000, "\(accepted) texts read by the plain reader")
    }
}
