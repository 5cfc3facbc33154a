import Testing
@testable import DaichoCore
@testable import DaichoRender

struct OpenDataTests {
    /// `systems.json` is written as text in parallel; it must be the bytes the JSON tree renders,
    /// in both profiles (the public one leaves fields out), with and without systems.
    @Test func fastSystemsJSONEqualsTheTree() async {
        let synthetic = SyntheticInventory(count: 150, seed: 3)
        let source = ProjectSource(
            projectFilePath: "daicho.yaml", projectFile: Array(synthetic.projectFile.utf8),
            ledgers: (0..<150).map { index in
                let ledger = synthetic.ledger(index)
                return LedgerSource(path: "inventory/\(ledger.name)", stem: String(ledger.name.dropLast(5)), bytes: Array(ledger.text.utf8))
            })
        let checked = await Checker(workers: 2).check(source)
        let ledgers = checked.validLedgers
        #expect(ledgers.count > 100)
        for profile in [Visibility.Profile.internal, .public] {
            for subset in [ledgers, []] {
                let analysis = Analyzer(policy: checked.project.policy).analyze(subset, organization: checked.project.organization, excluded: [])
                let context = SiteContext(project: checked.project, ledgers: subset, analysis: analysis,
                                          options: SiteOptions(profile: profile))
                let tree = JSONValue.object([
                    "schema": .int(1), "organization": .string(checked.project.organization.name),
                    "profile": .string(profile.rawValue), "systems": .array(subset.sortedByID.map(context.ledgerJSON)),
                ]).rendered()
                #expect(context.systemsJSON() == tree, "profile \(profile), \(subset.count) systems")
            }
        }
    }
}

/// `analysis.json` streams a member at a time; the parts must join into the rendered document.
struct JSONPartsTests {
    @Test func partsJoinIntoTheRenderedDocument() {
        let values: [JSONValue] = [
            .object(["b": .array([.int(1), .string("<x>")]), "a": .object(["z": .null, "y": .bool(true)]), "c": .string("台帳")]),
            .object(["only": .int(7)]), .object([:]), .array([]), .string("x"),
        ]
        for value in values {
            var joined: [UInt8] = []
            let next = value.renderedParts()
            while let part = next() { joined += part }
            #expect(joined == value.renderedBytes(), "\(value)")
            #expect(String(decoding: joined, as: UTF8.self) == value.rendered())
        }
    }
}
