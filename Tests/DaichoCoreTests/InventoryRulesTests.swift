import Testing
@testable import DaichoCore

struct InventoryRulesTests {
    func check(_ files: [(String, String)], project: String? = nil) async -> CheckedInventory {
        let sources = files.map { name, yaml in
            LedgerSource(path: "inventory/\(name)", stem: String(name.split(separator: ".")[0]), bytes: Array(yaml.utf8))
        }
        return await Checker().check(ProjectSource(projectFilePath: "daicho.yaml",
                                                   projectFile: project.map { Array($0.utf8) }, ledgers: sources))
    }

    @Test func duplicateIdIsReportedOnTheLaterFile() async throws {
        let checked = await check([("dup.yml", minimalLedger(id: "dup")), ("dup.yaml", minimalLedger(id: "dup"))])
        let problem = try #require(checked.diagnostics.with(.duplicateId).first)
        #expect(checked.diagnostics.with(.duplicateId).count == 1)
        // "dup.yaml" sorts before "dup.yml".
        #expect(problem.location.file == "inventory/dup.yml")
        #expect(problem.message.ja.contains("inventory/dup.yaml"))
    }

    /// A copy (`jumin-kiroku - コピー.yaml`, which sorts before the original) has the error, not
    /// the file named after the id, whatever the order; `--force` then keeps the original. Links
    /// to the id go to it. Three files: the two not named after the id each have the error.
    @Test func theFileNamedAfterTheIdKeepsIt() async throws {
        let partner = minimalLedger(id: "koseki", extra: "integrations:\n  - {system: jumin-kiroku, direction: send}")
        let checked = await check([("jumin-kiroku - コピー.yaml", minimalLedger(id: "jumin-kiroku")),
                                   ("jumin-kiroku.yaml", minimalLedger(id: "jumin-kiroku")),
                                   ("jumin-kiroku-old.yaml", minimalLedger(id: "jumin-kiroku")), ("koseki.yaml", partner)])
        let problems = checked.diagnostics.with(.duplicateId)
        #expect(Set(problems.map(\.location.file)) == ["inventory/jumin-kiroku - コピー.yaml", "inventory/jumin-kiroku-old.yaml"])
        #expect(problems.allSatisfy { $0.message.ja == "ID「jumin-kiroku」は inventory/jumin-kiroku.yaml でも使われています" })
        #expect(problems.allSatisfy { $0.hint?.ja.hasPrefix("inventory/jumin-kiroku.yaml の写しなら、このファイルを削除してください") == true })
        #expect(checked.validLedgers.map(\.file).sorted() == ["inventory/jumin-kiroku.yaml", "inventory/koseki.yaml"])
        #expect(checked.diagnostics.with(.unknownIntegration).isEmpty)
    }

    /// Department names that differ only in width, case or spaces are two departments: each
    /// ledger spelling it otherwise than most do has a warning naming the usual spelling.
    @Test func departmentSpellingsThatDifferOnlyInWidthOrSpaces() async throws {
        func ledger(_ id: String, _ department: String) -> String {
            "schema: 1\nid: \(id)\nbasic:\n  name: テスト\n  department: \(department)\n"
        }
        let checked = await check([("a.yaml", ledger("a", "IT推進課")), ("b.yaml", ledger("b", "IT推進課")),
                                   ("c.yaml", ledger("c", "ＩＴ推進課")), ("d.yaml", ledger("d", "it 推進課")),
                                   ("e.yaml", ledger("e", "市民課")), ("f.yaml", ledger("f", "市民　課"))])
        let warnings = checked.diagnostics.with(.departmentSpelling)
        #expect(warnings.map(\.location.file).sorted() == ["inventory/c.yaml", "inventory/d.yaml", "inventory/f.yaml"], "\(warnings)")
        #expect(warnings.first { $0.location.file == "inventory/c.yaml" }?.message.ja
                == "所管課「ＩＴ推進課」は「IT推進課」（a・b）と全角・半角、大文字・小文字か空白だけが違うため、別の課として扱っています")
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.fieldPath == "basic.department" && $0.location.line == 5 })
        // The department that keeps the usual spelling reads it at its first ledger's department
        // line (5), in its words: a, not b too (one department, asked once).
        let toKeepers = try #require(warnings.first { $0.location.file == "inventory/c.yaml" }?.counterparts)
        #expect(toKeepers.map { "\($0.system) \($0.location.file):\($0.location.line) \($0.fieldPath)" }
                == ["a inventory/a.yaml:5 basic.department"])
        #expect(toKeepers.first?.message.ja
                == "所管課を「ＩＴ推進課」と書いた台帳があり、こちらの「IT推進課」と全角・半角、大文字・小文字か空白だけが違うため、別の課として扱っています")
        // Different names are no spelling of one another.
        #expect(await check([("a.yaml", ledger("a", "市民課")), ("b.yaml", ledger("b", "市民税課"))]).diagnostics.with(.departmentSpelling).isEmpty)
    }

    @Test func integrationToAMissingLedgerIsAnError() async throws {
        let a = minimalLedger(id: "a", extra: "integrations:\n  - {system: bb, direction: send}")
        let checked = await check([("a.yaml", a), ("b.yaml", minimalLedger(id: "b"))])
        let problem = try #require(checked.diagnostics.with(.unknownIntegration).first)
        #expect(problem.fieldPath == "integrations[0].system")
        #expect(problem.hint?.ja == "「b」のことですか？")
    }

    /// "Did you mean" for links to missing ids is worked out once per id and for the first
    /// `Suggestion.budget` (200) different ids only. Files in name order: 50 links to one missing
    /// id ("targe", the first), all with its suggestion; then 250 ledgers each linking to its own
    /// near-miss ("s005x"): the first 199 get a suggestion, the other 51 the general hint.
    @Test func suggestionsForMissingLinksAreBounded() async throws {
        var files = [("target.yaml", minimalLedger(id: "target"))]
        for index in 0..<50 {
            files.append(("a\(index).yaml", minimalLedger(id: "a\(index)", extra: "integrations:\n  - {system: targe, direction: send}")))
        }
        for index in 0..<250 {
            let id = "s" + String(1000 + index).dropFirst()
            files.append(("\(id).yaml", minimalLedger(id: id, extra: "integrations:\n  - {system: \(id)x, direction: send}")))
        }
        let unknown = await check(files).diagnostics.with(.unknownIntegration)
        #expect(unknown.count == 300)
        let shared = unknown.filter { $0.location.file.hasPrefix("inventory/a") }
        #expect(shared.count == 50 && shared.allSatisfy { $0.hint?.ja == "「target」のことですか？" })
        let own = unknown.filter { $0.location.file.hasPrefix("inventory/s") }.sorted { $0.location.file < $1.location.file }
        #expect(own.prefix(199).allSatisfy { $0.hint?.ja.hasPrefix("「s") == true })
        #expect(own.dropFirst(199).allSatisfy { $0.hint?.ja.hasPrefix("台帳外のシステムなら") == true })
    }

    /// The length filter leaves the suggestions as the full search gives them.
    @Test func theLengthFilterKeepsTheNearest() {
        var random = SplitMix(seed: 5)
        let alphabet = Array("abcde-")
        func word() -> String { String((0..<(1 + Int(random.next() % 12))).map { _ in alphabet[Int(random.next() % 6)] }) }
        let candidates = (0..<60).map { _ in word() }
        for _ in 0..<400 {
            let input = word()
            var best: (String, Int)?
            for candidate in candidates {
                let distance = EditDistance.between(input, candidate)
                if distance <= max(2, candidate.count / 3), distance < (best?.1 ?? .max) { best = (candidate, distance) }
            }
            #expect(Suggestion.nearest(to: input, among: candidates) == best?.0, "\(input)")
        }
    }

    /// A link to a ledger whose file could not be read as one (broken YAML), or whose id does not
    /// match its file name, is no error of the linking ledger: the problem is reported once, in
    /// that file, and `--force` leaves out that ledger alone. A link to no file at all still is.
    @Test func aLinkToABrokenLedgerIsThatLedgersProblem() async throws {
        let a = minimalLedger(id: "a", extra: "integrations:\n  - {system: zei, direction: send}\n  - {system: juki, direction: send}\n  - {system: nothing, direction: send}")
        let checked = await check([("a.yaml", a), ("zei.yaml", "schema: 1\nid: [\n"), ("juki.yaml", minimalLedger(id: "juki2"))])
        let unknown = checked.diagnostics.with(.unknownIntegration)
        #expect(unknown.map(\.fieldPath) == ["integrations[2].system"])
        #expect(unknown.allSatisfy { $0.location.file == "inventory/a.yaml" })
        #expect(checked.diagnostics.contains { $0.location.file == "inventory/zei.yaml" && $0.severity == .error })
        #expect(checked.diagnostics.contains { $0.location.file == "inventory/juki.yaml" && $0.severity == .error })
        let fine = await check([("a.yaml", minimalLedger(id: "a", extra: "integrations:\n  - {system: zei, direction: send}")),
                                ("zei.yaml", "schema: 1\nid: [\n")])
        #expect(fine.validLedgers.map(\.id) == ["a"])
    }

    @Test(arguments: [
        ("send", "receive", false), ("receive", "send", false), ("both", "both", false),
        ("send", "send", true), ("both", "receive", true), ("receive", "receive", true),
    ])
    func directionsMustAgree(fromA: String, fromB: String, disagree: Bool) async {
        let a = minimalLedger(id: "a", extra: "integrations:\n  - {system: b, direction: \(fromA)}")
        let b = minimalLedger(id: "b", extra: "integrations:\n  - {external: X, direction: send}\n  - {system: a, direction: \(fromB)}")
        let warnings = await check([("a.yaml", a), ("b.yaml", b)]).diagnostics.with(.integrationDirection)
        #expect(warnings.count == (disagree ? 1 : 0))
        if disagree {
            // Reported on the later system by id, at its own link.
            #expect(warnings.first?.location.file == "inventory/b.yaml")
            #expect(warnings.first?.fieldPath == "integrations[1].direction")
            // a reads it at its own link (line 7, its first), naming b.
            let theirs = warnings.first?.counterparts.first
            #expect(warnings.first?.counterparts.count == 1)
            #expect(theirs.map { "\($0.system) \($0.location.file):\($0.location.line) \($0.fieldPath)" } == "a inventory/a.yaml:7 integrations[0].direction")
            #expect(theirs?.message.ja.hasPrefix("b との連携の向きが食い違っています（a 側: ") == true)
            #expect(warnings.first?.message.ja.hasPrefix("a との連携の向きが食い違っています（a 側: ") == true)
        }
    }

    @Test func sendAndReceiveLinesMatchBoth() async {
        let a = minimalLedger(id: "a", extra: "integrations:\n  - {system: b, direction: both}")
        let b = minimalLedger(id: "b", extra: "integrations:\n  - {system: a, direction: send}\n  - {system: a, direction: receive}")
        #expect(await check([("a.yaml", a), ("b.yaml", b)]).diagnostics.with(.integrationDirection).isEmpty)
    }

    /// A link to the system itself (a copied ledger's link left unchanged) is a warning at the link.
    @Test func aLinkToItselfIsAWarning() async throws {
        let a = minimalLedger(id: "a", extra: "integrations:\n  - {system: b, direction: send}\n  - {system: a, direction: both}")
        let checked = await check([("a.yaml", a), ("b.yaml", minimalLedger(id: "b"))])
        let warning = try #require(checked.diagnostics.with(.selfIntegration).first)
        #expect(checked.diagnostics.with(.selfIntegration).count == 1 && warning.severity == .warning)
        #expect(warning.fieldPath == "integrations[1].system" && warning.location.file == "inventory/a.yaml")
        #expect(checked.diagnostics.with(.integrationDirection).isEmpty && checked.validLedgers.count == 2)
    }

    @Test func oneSidedLinksAreFine() async {
        let a = minimalLedger(id: "a", extra: "integrations:\n  - {system: b, direction: send}")
        #expect(await check([("a.yaml", a), ("b.yaml", minimalLedger(id: "b"))]).diagnostics.with(.integrationDirection).isEmpty)
    }

    /// A link the partner's ledger does not list back is a warning (not an error) on the side
    /// that lists it, once per partner at its first link (line 8 here, after an external one),
    /// with what the partner would add: a send is answered by receive, both by both, each once.
    /// Listed back in any direction, links to itself, to no ledger and to the outside are not.
    @Test func aLinkListedOnOneSideIsAWarning() async throws {
        let a = minimalLedger(id: "a", extra: "integrations:\n  - {external: X, direction: send}\n  - {system: b, direction: send, data: 住民}"
            + "\n  - {system: b, direction: both}\n  - {system: b, direction: send, data: 税}\n  - {system: c, direction: send}")
        let c = minimalLedger(id: "c", extra: "integrations:\n  - {system: a, direction: send}\n  - {system: c, direction: both}\n  - {system: zz, direction: send}")
        let checked = await check([("a.yaml", a), ("b.yaml", minimalLedger(id: "b")), ("c.yaml", c)])
        let warnings = checked.diagnostics.with(.oneSidedIntegration)
        #expect(warnings.count == 1 && checked.validLedgers.map(\.id) == ["a", "b"])
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning && warning.location.file == "inventory/a.yaml" && warning.location.line == 8)
        #expect(warning.fieldPath == "integrations[1].system")
        #expect(warning.message.ja == "連携先「b」の台帳（inventory/b.yaml）には、このシステムとの連携が書かれていません")
        #expect(warning.hint?.ja == "連携先のIDが正しいか確認してください。正しければ、inventory/b.yaml の integrations に"
            + "「system: a, direction: receive」と「system: a, direction: both」を加えると、両方の台帳の記載がそろいます（一方の台帳だけに書かれた連携も誤りではありません）")
        // b lists a back: nothing more is said.
        let back = minimalLedger(id: "b", extra: "integrations:\n  - {system: a, direction: receive}")
        #expect(await check([("a.yaml", a), ("b.yaml", back), ("c.yaml", c)]).diagnostics.with(.oneSidedIntegration).isEmpty)
    }

    /// Of two ledgers with one id, the one whose file is named after it speaks for the system
    /// (`InventoryRules.keeper`), though another comes first in path order: c's link to b is
    /// listed back by b.yaml, not by a-copy.yaml, and a-copy.yaml's own links are not its.
    @Test func theLedgerKeepingASharedIdAnswersForIt() async {
        let copy = minimalLedger(id: "b", extra: "integrations:\n  - {system: d, direction: send}")
        let b = minimalLedger(id: "b", extra: "integrations:\n  - {system: c, direction: receive}")
        let c = minimalLedger(id: "c", extra: "integrations:\n  - {system: b, direction: send}")
        let checked = await check([("a-copy.yaml", copy), ("b.yaml", b), ("c.yaml", c), ("d.yaml", minimalLedger(id: "d"))])
        #expect(checked.diagnostics.with(.oneSidedIntegration).isEmpty)
        // The keeper does not list c back: c's link is one-sided, whatever the copy lists.
        let copyListing = minimalLedger(id: "b", extra: "integrations:\n  - {system: c, direction: receive}")
        let warned = await check([("a-copy.yaml", copyListing), ("b.yaml", minimalLedger(id: "b")), ("c.yaml", c)])
            .diagnostics.with(.oneSidedIntegration)
        #expect(warned.map(\.location.file) == ["inventory/c.yaml"])
    }

    /// Property: `check`'s one-sided warnings and the follow-up's questions about one-sided links
    /// come from one detection: for random inventories (ids repeated, links repeated, unknown and
    /// to themselves) the warnings are at exactly the links the questions name.
    @Test func oneSidedWarningsAndFollowUpQuestionsAgree() async {
        var random = SplitMix(seed: 83)
        let directions = ["send", "receive", "both"]
        var found = 0
        for _ in 0..<120 {
            let count = Int.random(in: 2...12, using: &random)
            let files = (0..<count).map { index -> (String, String) in
                let id = "s\(Int.random(in: 0..<max(2, count - 1), using: &random))"
                let links = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                    "  - {system: s\(Int.random(in: 0...count, using: &random)), direction: \(directions.randomElement(using: &random)!)}"
                }
                return ("f\(index).yaml", minimalLedger(id: id, extra: links.isEmpty ? "" : "integrations:\n" + links.joined(separator: "\n")))
            }
            let checked = await check(files)
            let warned = checked.diagnostics.with(.oneSidedIntegration).map { "\($0.location.file):\($0.location.line)" }
            // The follow-up takes the links the check found (kept with its warnings).
            #expect(checked.oneSidedLinks != nil)
            let asked = FollowUpReport.oneSidedLinks(in: checked.ledgers, found: checked.oneSidedLinks)
                .map { "\($0.question.reporterLocation.file):\($0.question.reporterLocation.line)" }
            #expect(warned.sorted() == asked.sorted())
            #expect(asked == FollowUpReport.oneSidedLinks(in: checked.ledgers).map { "\($0.question.reporterLocation.file):\($0.question.reporterLocation.line)" })
            // And both are right, by a plain reading of the rule: the ledger that keeps an id (named
            // after it, else the first) lists a link to another id's keeper that lists none back.
            let ledgers = checked.ledgers
            func keeper(_ id: String) -> Ledger? {
                let sharing = ledgers.filter { $0.id == id }
                return sharing.first { $0.file.split(separator: "/").last.map(String.init) == id + ".yaml" } ?? sharing.first
            }
            func lists(_ ledger: Ledger, _ id: String) -> Bool {
                ledger.integrations.contains { if case .system(let target) = $0.target { target == id } else { false } }
            }
            var expected: Set<String> = []
            for ledger in ledgers where keeper(ledger.id)?.file == ledger.file {
                for link in ledger.integrations {
                    guard case .system(let id) = link.target, id != ledger.id, let partner = keeper(id), !lists(partner, ledger.id) else { continue }
                    expected.insert(ledger.file + " → " + partner.file)
                }
            }
            let pairs = Set(checked.diagnostics.with(.oneSidedIntegration).map { warning in
                let message = warning.message.ja
                let partner = message.components(separatedBy: "の台帳（").last?.components(separatedBy: "）").first ?? ""
                return warning.location.file + " → " + partner
            })
            #expect(pairs == expected)
            found += warned.count
        }
        #expect(found > 50)
    }

    /// Random inventories (ids repeated, links repeated and unknown, every direction): the
    /// direction warnings are those of the rule as first written, with one table of all pairs,
    /// kept here as the oracle, in the same order.
    @Test func directionWarningsMatchThePairTable() async {
        var random = SplitMix(seed: 61)
        let directions = ["send", "receive", "both"]
        var warned = 0
        for _ in 0..<150 {
            let count = Int.random(in: 2...14, using: &random)
            let files = (0..<count).map { index -> (String, String) in
                let id = "s\(Int.random(in: 0..<max(2, count - 2), using: &random))"
                let links = (0..<Int.random(in: 0...5, using: &random)).map { _ in
                    "  - {system: s\(Int.random(in: 0..<count, using: &random)), direction: \(directions.randomElement(using: &random)!)}"
                }
                return ("f\(index).yaml", minimalLedger(id: id, extra: links.isEmpty ? "" : "integrations:\n" + links.joined(separator: "\n")))
            }
            let checked = await check(files)
            let ledgers = checked.ledgers
            var first: [String: Int] = [:], owner = [Int](repeating: 0, count: ledgers.count)
            for (position, ledger) in ledgers.enumerated() {
                if first[ledger.id] == nil { first[ledger.id] = position }
                owner[position] = first[ledger.id] ?? position
            }
            let found = InventoryRules.checkIntegrations(ledgers, first: first, owner: owner)
                .with(.integrationDirection).map { "\($0.location.file) \($0.fieldPath) \($0.message.en)" }
            let expected = Self.directionWarnings(ledgers, first: first, owner: owner)
            #expect(found == expected)
            warned += found.count
        }
        #expect(warned > 60)
    }

    /// The direction rule with one dictionary of (from, to) pairs, for links without data: one
    /// link each side must mirror the other; with more on a side, the sides must share a direction.
    static func directionWarnings(_ ledgers: [Ledger], first: [String: Int], owner: [Int]) -> [String] {
        struct Pair: Hashable { var from: Int, to: Int }
        func bits(_ direction: IntegrationDirection) -> UInt8 { direction == .send ? 1 : direction == .receive ? 2 : 3 }
        func mirrored(_ ways: UInt8) -> UInt8 { (ways & 1) << 1 | (ways & 2) >> 1 }
        var declared: [Pair: [(ways: UInt8, index: Int, direction: IntegrationDirection)]] = [:]
        for (position, ledger) in ledgers.enumerated() {
            for link in ledger.integrations {
                guard case .system(let partner) = link.target, let to = first[partner], to != owner[position] else { continue }
                declared[Pair(from: owner[position], to: to), default: []].append((bits(link.direction), link.index, link.direction))
            }
        }
        var pairs = declared.keys.filter { ledgers[$0.from].id < ledgers[$0.to].id }
        pairs.sort { ($0.from, $0.to) < ($1.from, $1.to) }
        return pairs.compactMap { pair in
            guard let fromA = declared[pair], let fromB = declared[Pair(from: pair.to, to: pair.from)] else { return nil }
            let unionA = fromA.reduce(0) { $0 | $1.ways }, unionB = fromB.reduce(0) { $0 | mirrored($1.ways) }
            let disagree = fromA.count == 1 && fromB.count == 1 ? unionA != unionB : unionA & unionB == 0
            guard disagree else { return nil }
            func written(_ links: [(ways: UInt8, index: Int, direction: IntegrationDirection)]) -> String {
                var seen: Set<UInt8> = []
                return links.filter { seen.insert($0.ways).inserted }.map { "\($0.direction.token) (\($0.direction.label.en))" }
                    .joined(separator: ", ")
            }
            let (a, b) = (ledgers[pair.from].id, ledgers[pair.to].id)
            return "\(ledgers[pair.to].file) integrations[\(fromB[0].index)].direction "
                + "the link with \(a) disagrees in direction (\(a): \(written(fromA)), \(b): \(written(fromB)))"
        }
    }

    /// Links that name the same data are one link, and must mirror each other; a side may list a
    /// link its partner leaves out; two single links with different data are two links.
    @Test func linksAreMatchedByTheirData() async throws {
        func warnings(_ a: String, _ b: String) async -> [Diagnostic] {
            await check([("a.yaml", minimalLedger(id: "a", extra: "integrations:\n" + a)),
                         ("b.yaml", minimalLedger(id: "b", extra: "integrations:\n" + b))]).diagnostics.with(.integrationDirection)
        }
        // a sends 住民 and receives 税; b describes the 住民 link only, rightly: no warning (it said
        // 「a 側: both」 before, which a never wrote).
        #expect(await warnings("  - {system: b, direction: send, data: 住民}\n  - {system: b, direction: receive, data: 税}",
                               "  - {system: a, direction: receive, data: 住民}").isEmpty)
        // Two different links, one each way, each described by one side.
        #expect(await warnings("  - {system: b, direction: send, data: 住民異動}", "  - {system: a, direction: send, data: 課税結果}").isEmpty)
        // The same data, the same direction from both ends: the first link of the pair that disagrees is named.
        let same = await warnings("  - {system: b, direction: send, data: 住民}\n  - {system: b, direction: receive, data: 税}",
                                  "  - {system: a, direction: receive, data: 税}\n  - {system: a, direction: send, data: 住民 }")
        let warning = try #require(same.first)
        #expect(same.count == 1 && warning.fieldPath == "integrations[1].direction")
        #expect(warning.message.ja == "a との連携の向きが食い違っています（a 側: send（送信）、b 側: send（送信））")
        // Without data, several links on one side: they disagree only when no direction is shared.
        let listed = await warnings("  - {system: b, direction: send}\n  - {system: b, direction: send, data: X}",
                                    "  - {system: a, direction: send}")
        #expect(listed.first?.message.ja == "a との連携の向きが食い違っています（a 側: send（送信）、b 側: send（送信））")
    }

    @Test func terminalGroupCountsMustAgree() async throws {
        func ledger(_ id: String, _ count: Int) -> String {
            minimalLedger(id: id, extra: "hardware:\n  terminals:\n    dedicated: \(count)\n    group: fixed")
        }
        let checked = await check([("c.yaml", ledger("c", 5)), ("a.yaml", ledger("a", 5)), ("b.yaml", ledger("b", 4))])
        let problems = checked.diagnostics.with(.terminalGroupCount)
        #expect(problems.count == 1)
        #expect(problems.first?.location.file == "inventory/b.yaml")
        #expect(problems.first?.message.ja.contains("a の 5 台") == true)
        // a reads it at its own count (line 8), where 「こちら」 is its 5 and the other figure b's 4.
        let theirs = try #require(problems.first?.counterparts.first)
        #expect(problems.first?.counterparts.count == 1)
        #expect("\(theirs.system) \(theirs.location.file):\(theirs.location.line) \(theirs.fieldPath)" == "a inventory/a.yaml:8 hardware.terminals.dedicated")
        #expect(theirs.message.ja == "共用端末グループ「fixed」の台数が b の 4 台と違います（こちらは 5 台。グループの台数: 5 台が 2 システム、4 台が 1 システム）")
        // In a group of more than two, the message says how many give each count: the spec puts
        // the error on the later members by id (b, c and d here), and the tally shows "a" is the odd one.
        let joined = await check([("a.yaml", ledger("a", 4)), ("b.yaml", ledger("b", 6)), ("c.yaml", ledger("c", 6)), ("d.yaml", ledger("d", 6))])
        #expect(joined.diagnostics.with(.terminalGroupCount).map(\.location.file) == ["inventory/b.yaml", "inventory/c.yaml", "inventory/d.yaml"])
        #expect(joined.diagnostics.with(.terminalGroupCount).first?.message.ja
                == "共用端末グループ「fixed」の台数が a の 4 台と違います（こちらは 6 台。グループの台数: 6 台が 3 システム、4 台が 1 システム）")
    }

    /// A system without a group is a group of its own under its id: a group named after it takes
    /// it in, and a count that differs from its count is an error on the ledger naming the group.
    @Test func aGroupNamedAfterASystemTakesItIn() async throws {
        let named = minimalLedger(id: "a", extra: "hardware:\n  terminals:\n    dedicated: 5\n    group: b")
        let owner = { (count: Int) in minimalLedger(id: "b", extra: "hardware:\n  terminals:\n    dedicated: \(count)") }
        let differing = await check([("a.yaml", named), ("b.yaml", owner(3))])
        let problem = try #require(differing.diagnostics.with(.terminalGroupCount).first)
        #expect(differing.diagnostics.with(.terminalGroupCount).count == 1)
        #expect(problem.location.file == "inventory/a.yaml")
        #expect(problem.message.ja.contains("システム b のIDと同じ名前") && problem.message.ja.contains("b の 3 台"))
        // b, which names no group, reads it at its own count (line 8), its 3 being 「こちら」.
        let theirs = try #require(problem.counterparts.first)
        #expect("\(theirs.system) \(theirs.location.file):\(theirs.location.line)" == "b inventory/b.yaml:8")
        #expect(theirs.message.ja == "システム a の共用端末グループ「b」はこのシステムのIDと同じ名前のため、"
                + "このシステムの端末と同じグループとして数えますが、台数が a の 5 台と違います（こちらは 3 台）")
        // The same count: one set of terminals shared, as the analysis counts it (5, not 10).
        let agreeing = await check([("a.yaml", named), ("b.yaml", owner(5))])
        #expect(agreeing.diagnostics.with(.terminalGroupCount).isEmpty)
        let analysis = Analyzer(policy: agreeing.project.policy).analyze(agreeing.validLedgers, organization: agreeing.project.organization)
        #expect(analysis.terminals.total == 5)
    }

    /// 「fixed」 in three ledgers, 「Fixed」 and 「ＦＩＸＥＤ」 in one each: five ledgers, three groups to
    /// the analysis (5 + 5 + 5 = 15 terminals, not 5). The two odd spellings are told the one most use.
    @Test func groupNamesDifferingOnlyInCaseOrWidthAreWarned() async throws {
        func ledger(_ id: String, _ group: String) -> String {
            minimalLedger(id: id, extra: "hardware:\n  terminals:\n    dedicated: 5\n    group: \(group)")
        }
        // c is of another department than a: each department is asked (the same department once).
        let checked = await check([("a.yaml", ledger("a", "fixed")), ("b.yaml", ledger("b", "Fixed")),
                                   ("c.yaml", ledger("c", "fixed").replacing("市民課", with: "税務課")), ("d.yaml", ledger("d", "ＦＩＸＥＤ")),
                                   ("e.yaml", ledger("e", "fixed"))])
        let warnings = checked.diagnostics.with(.terminalGroupSpelling)
        #expect(warnings.map { "\($0.location.file):\($0.location.line)" } == ["inventory/b.yaml:9", "inventory/d.yaml:9"])
        #expect(warnings.allSatisfy { $0.severity == .warning && $0.fieldPath == "hardware.terminals.group" && $0.related == ["a", "c"] })
        #expect(warnings.first?.message.ja == "共用端末グループ「Fixed」は「fixed」（a・c・e）と大文字・小文字か全角・半角だけが違うため、別のグループとして数えています")
        #expect(warnings.first?.hint?.ja.contains("「fixed」と同じ綴り") == true)
        // a and c read b's spelling at their own group line (9).
        #expect(warnings.first?.counterparts.map { "\($0.location.file):\($0.location.line) \($0.fieldPath)" }
                == ["inventory/a.yaml:9 hardware.terminals.group", "inventory/c.yaml:9 hardware.terminals.group"])
        #expect(warnings.first?.counterparts.first?.message.ja
                == "共用端末グループを「Fixed」と書いた台帳があり、こちらの「fixed」と大文字・小文字か全角・半角だけが違うため、別のグループとして数えています")
        let analysis = Analyzer(policy: checked.project.policy).analyze(checked.validLedgers, organization: checked.project.organization)
        #expect(analysis.terminals.total == 15)
        // One spelling: nothing to say. A group spelt like a system's id in another case is told the id.
        let same = await check([("a.yaml", ledger("a", "fixed")), ("b.yaml", ledger("b", "fixed"))])
        #expect(same.diagnostics.with(.terminalGroupSpelling).isEmpty)
        let owner = minimalLedger(id: "juki", extra: "hardware:\n  terminals:\n    dedicated: 5")
        let byID = await check([("a.yaml", ledger("a", "JUKI")), ("juki.yaml", owner)])
        #expect(byID.diagnostics.with(.terminalGroupSpelling).first?.message.ja.contains("システム juki のID") == true)
        #expect(byID.diagnostics.with(.terminalGroupSpelling).first?.related == ["juki"])
        // juki names no group: it reads it at its count (line 8).
        let toOwner = try #require(byID.diagnostics.with(.terminalGroupSpelling).first?.counterparts.first)
        #expect("\(toOwner.location.file):\(toOwner.location.line) \(toOwner.fieldPath)" == "inventory/juki.yaml:8 hardware.terminals.dedicated")
        #expect(toOwner.message.ja.hasPrefix("共用端末グループを「JUKI」と書いた台帳があり、このシステムのID「juki」と"))
    }

    @Test func organizationCodeCheckDigit() async {
        // 1×6 + 4×5 + 2×4 + 0×3 + 8×2 = 50; 50 mod 11 = 6; (11 − 6) mod 10 = 5.
        #expect(ProjectRules.checkDigit(of: [1, 4, 2, 0, 8]) == 5)
        // 0×6 + 1×5 + 1×4 + 0×3 + 0×2 = 9; (11 − 9) mod 10 = 2: 札幌市 011002.
        #expect(ProjectRules.checkDigit(of: [0, 1, 1, 0, 0]) == 2)
        // A weighted sum ≡ 1 (mod 11) gives 10 → 0: 1×6+0+0+0+3×2 = 12 ≡ 1.
        #expect(ProjectRules.checkDigit(of: [1, 0, 0, 0, 3]) == 0)
        let project = { (code: String) in "organization:\n  name: みなと市\n  code: \(code)\n  population: 57000\n  fiscal_year: 2026\n" }
        #expect(await check([], project: project("\"142085\"")).diagnostics.isEmpty)
        #expect(await check([], project: project("\"142086\"")).diagnostics.with(.organizationCode).first?.message.ja.contains("5 のはず") == true)
        #expect(await check([], project: project("14208")).diagnostics.with(.organizationCode).count == 1)
        #expect(await check([], project: project("\"１４２０８５\"")).diagnostics.isEmpty)
    }

    /// `site.base_url` goes into the sitemap and the error page's links: a path or an http(s) URL,
    /// nothing else. A fiscal year is a four-digit year, not a typo of one.
    @Test func baseURLAndFiscalYearAreChecked() async {
        let project = { (base: String, year: String) in
            "organization:\n  name: みなと市\n  code: \"142085\"\n  population: 57000\n  fiscal_year: \(year)\nsite:\n  base_url: \(base)\n"
        }
        for base in ["/", "/daicho/", "https://intra.example.lg.jp/daicho/", "HTTP://x", "https://xn--r8jz45g.jp/台帳/"] {
            let checked = await check([], project: project(base, "2026"))
            #expect(checked.diagnostics.isEmpty, "\(base)")
            #expect(checked.project.site.baseURL == base)
        }
        // A host name outside ASCII (the sitemap would percent-encode it into no address) is refused.
        for base in ["\"javascript:alert(1)//\"", "daicho/", "\"/a b/\"", "\"/a\\\"><script>/\"", "data:text/html,x", "https://例え.jp/台帳/"] {
            let checked = await check([], project: project(base, "2026"))
            #expect(checked.diagnostics.map(\.code) == [.invalidBaseURL], "\(base): \(checked.diagnostics)")
            #expect(checked.diagnostics.first?.fieldPath == "site.base_url" && checked.project.site.baseURL == "/")
        }
        let typo = await check([], project: project("/", "20266"))
        #expect(typo.diagnostics.map(\.code) == [.outOfRange] && typo.diagnostics.first?.fieldPath == "organization.fiscal_year")
        #expect(typo.project.organization.fiscalYear == nil)
        #expect(await check([], project: project("/", "1990")).diagnostics.isEmpty)
    }

    @Test func missingProjectFileWarnsAndNamesNoOrganization() async {
        let checked = await check([])
        #expect(checked.diagnostics.map(\.code) == [.missingProjectFile])
        #expect(checked.project.organization.name == "（団体名未設定）")
    }

    @Test func policyValuesAreChecked() async {
        let project = """
            organization: {name: X, code: "142085", population: 1, fiscal_year: 2026}
            policy:
              period_years: 0
              om_low_ratio: 0.6
              consolidation: {headroom: 1.0, host: {cores: 64}}
              public_hide:
                - vendor.contact
                - hardware.servers[*].os
                - vendor.contacts
            """
        let checked = await check([], project: project)
        #expect(Set(checked.diagnostics.map(\.fieldPath)) == ["policy.period_years", "policy.om_low_ratio",
                                                             "policy.consolidation.headroom", "policy.public_hide[2]"])
        #expect(checked.project.policy.host.cores == Exact(64))
        #expect(checked.project.policy.publicHide == ["vendor.contact", "hardware.servers[*].os"])
        #expect(checked.diagnostics.with(.unknownFieldPath).first?.hint?.ja == "「vendor.contact」のことですか？")
    }

    /// Random lists, ties included: merging two sorted lists is sorting the two joined.
    @Test func mergedIsSortedOfBoth() {
        var random = SplitMix(seed: 3)
        func list() -> [Diagnostic] {
            (0..<Int.random(in: 0...30, using: &random)).map { _ in
                Diagnostic(Bool.random(using: &random) ? .error : .warning, .wrongType,
                           at: SourceLocation(file: "f\(Int.random(in: 0...3, using: &random))", line: Int.random(in: 1...4, using: &random),
                                              column: 1),
                           field: ["a", "b"].randomElement(using: &random)!,
                           LocalizedText(ja: "", en: ["x", "y"].randomElement(using: &random)!),
                           hint: Bool.random(using: &random) ? nil : LocalizedText(ja: "h", en: "h"))
            }
        }
        for _ in 0..<300 {
            let (first, second) = (list(), list())
            #expect(Diagnostic.merged(Diagnostic.sorted(first), Diagnostic.sorted(second)) == Diagnostic.sorted(first + second))
        }
    }

    @Test func diagnosticsAreSortedAndParallelEqualsSerial() async {
        var files: [(String, String)] = []
        for index in 0..<40 {
            files.append(("s\(index).yaml", minimalLedger(id: "s\(index)", extra: "usage:\n  form: bogus\n  users: -1")))
        }
        let checked = await check(files)
        #expect(checked.diagnostics == Diagnostic.sorted(checked.diagnostics))
        let serial = files.flatMap { name, yaml in
            LedgerParser().parse(Array(yaml.utf8), file: "inventory/\(name)", stem: String(name.dropLast(5))).diagnostics
        }
        #expect(checked.diagnostics.count == serial.count + 1)  // + the missing daicho.yaml warning
        #expect(Set(checked.diagnostics.dropFirst()) == Set(serial))
    }
}
