import Foundation
import Testing
@testable import DaichoCore

/// The places a parsed ledger keeps for rules across ledgers are noted by the decoder as it reads;
/// they must be exactly those the tree walk `SourceMap.retainingCrossFileLocations` finds.
struct KeptPlacesTests {
    /// The decoder's places and the walk's, for one file (nil when it is not a mapping of YAML).
    func both(_ bytes: [UInt8]) -> (noted: [SourceMap.Place], walked: [SourceMap.Place])? {
        guard let node = YAMLReader().read(bytes, file: "f.yaml").root else { return nil }
        var decoder = SchemaDecoder(file: "f.yaml")
        guard decoder.decodeRoot(node, spec: LedgerSchema.root, slots: LedgerSchema.slots, keepingPlaces: true) != nil
        else { return nil }
        return (decoder.keptPlaces(), SourceMap(file: "f.yaml", tree: node).retainingCrossFileLocations().places)
    }

    func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let (noted, walked) = both(Array(text.utf8)) else {
            Issue.record("not read: \(text)", sourceLocation: sourceLocation)
            return
        }
        #expect(noted == walked, sourceLocation: sourceLocation)
    }

    @Test func handWrittenShapes() {
        // Root, id, hardware, terminals, dedicated, department and group; two integrations, the
        // second without direction.
        let full = """
            schema: 1
            id: a
            basic:
              department: 課
            hardware:
              terminals: {dedicated: 3, group: g}
            integrations:
              - {direction: send, system: b}
              - system: c
            """
        expectSame(full)
        let places = both(Array(full.utf8))?.noted ?? []
        // 7 fixed places, then (item, system, direction) for the first and (item, system) for the second.
        #expect(places.map(\.key.kind) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 7, 8])
        #expect(places.map(\.key.index) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1])
        #expect(places.map(\.line) == [1, 2, 6, 6, 6, 4, 6, 8, 8, 8, 9, 9])  // a key's place is its value's
        #expect(places.last?.column == 13)  // `c` after `  - system: `

        expectSame("schema: 1\nhardware: none\nintegrations: b\n")            // wrong kinds: only the keys' places
        expectSame("schema: 1\nhardware:\n  terminals:\nintegrations:\n  -\n  - ~\n  - {system: ~}\n")  // nulls
        expectSame("schema: 1\nid:\nhardware: {servers: []}\nintegrations: []\n")
        expectSame("schema: 1\nintegrations:\n  - {system: a, direction: both, bogus: 1}\n  - [x]\n  - text\n")
        expectSame("schema: 1\nbogus: {id: x}\nbasic: {name: x}\n")            // keys elsewhere do not count
    }

    @Test func sampleAndGeneratedLedgers() throws {
        let root = PlainYAMLParserTests.root
        var compared = 0
        for folder in ["inventory", "Tests/Fixtures/small/inventory", "Tests/Fixtures/hostile/inventory"] {
            let directory = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() {
                guard let (noted, walked) = both(try [UInt8](Data(contentsOf: directory.appendingPathComponent(name))))
                else { continue }
                compared += 1
                #expect(noted == walked, "\(folder)/\(name)")
            }
        }
        let inventory = SyntheticInventory(count: 300, seed: 5)
        for index in 0..<300 {
            let (name, text) = inventory.ledger(index)
            guard let (noted, walked) = both(Array(text.utf8)) else { continue }
            compared += 1
            #expect(noted == walked, "\(name)")
        }
        #expect(compared > 340)
    }

    /// Lines removed, emptied or re-indented at random in sample ledgers: whatever shape remains,
    /// both ways find the same places.
    @Test func mutatedLedgers() throws {
        let directory = PlainYAMLParserTests.root.appendingPathComponent("inventory")
        let sources = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map {
            try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8)
        }
        var random = SplitMix(seed: 24)
        var compared = 0, withIntegrations = 0
        for round in 0..<3000 {
            var lines = sources[round % sources.count].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0..<lines.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: lines.remove(at: at)
                case 1: lines[at] = String(lines[at].prefix { $0 != ":" }) + ":"
                case 2: lines[at] = "  " + lines[at]
                default: lines[at] = String(lines[at].drop { $0 == " " })
                }
            }
            guard let (noted, walked) = both(Array(lines.joined(separator: "\n").utf8)) else { continue }
            compared += 1
            if walked.contains(where: { $0.key.kind >= 5 }) { withIntegrations += 1 }
            #expect(noted == walked, "round \(round)")
        }
        #expect(compared > 800 && withIntegrations > 300, "\(compared) compared, \(withIntegrations) with integrations")
    }
}
