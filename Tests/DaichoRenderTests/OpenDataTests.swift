import Testing
@testable import DaichoCore
@testable import DaichoRender

/// A generated project of `count` ledgers, checked as a build checks it.
func checkedSynthetic(count: Int, seed: UInt64) async -> CheckedInventory {
    let synthetic = SyntheticInventory(count: count, seed: seed)
    let source = ProjectSource(
        projectFilePath: "daicho.yaml", projectFile: Array(synthetic.projectFile.utf8),
        ledgers: (0..<count).map { index in
            let ledger = synthetic.ledger(index)
            return LedgerSource(path: "inventory/\(ledger.name)", stem: String(ledger.name.dropLast(5)), bytes: Array(ledger.text.utf8))
        })
    return await Checker(workers: 2).check(source)
}

struct OpenDataTests {
    /// `systems.json` is written as text in parallel; it must be the bytes the JSON tree renders,
    /// in both profiles (the public one leaves fields out), with and without systems.
    @Test func fastSystemsJSONEqualsTheTree() async {
        let checked = await checkedSynthetic(count: 150, seed: 3)
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
    /// A build makes `analysis.json`'s members one at a time, never the whole tree: joined, they
    /// are the tree's bytes (internal profile), and the public profile differs only in the gaps it
    /// hides and, where costs are hidden, the maintenance list.
    @Test func analysisMembersJoinIntoTheDocument() async throws {
        let checked = await checkedSynthetic(count: 120, seed: 5)
        let analysis = Analyzer(policy: checked.project.policy)
            .analyze(checked.validLedgers, organization: checked.project.organization, excluded: [])
        func joined(_ profile: Visibility.Profile) -> [UInt8] {
            let visibility = Visibility(profile: profile, policy: checked.project.policy)
            let next = JSONValue.renderedParts(writers: SiteContext.publicAnalysisMembers(analysis, visibility: visibility))
            var bytes: [UInt8] = []
            while let part = next() { bytes += part }
            return bytes
        }
        #expect(joined(.internal) == analysis.json.renderedBytes())
        #expect(analysis.jsonMembers.map(\.key) == JSONValue.sortedKeys(analysis.jsonMembers.map(\.key)))

        // The public document, worked out from the whole tree by the rules of the public profile.
        let visibility = Visibility(profile: .public, policy: checked.project.policy)
        guard case .object(var root) = analysis.json, case .object(var gaps)? = root["gaps"],
              case .object(let bySystem)? = root["system_gaps"] else { Issue.record("analysis.json's shape"); return }
        let hidden = GapAnalysis.Code.allCases.filter { !visibility.shows($0) }
        #expect(!hidden.isEmpty)
        // Every code stays in `gaps` (the contract binds it to all 13), a withheld one without its
        // systems, and `gaps_withheld` names those.
        for code in hidden { gaps[code.rawValue] = .array([]) }
        root["gaps"] = .object(gaps)
        root["gaps_withheld"] = .array(hidden.map(\.rawValue).sorted().map(JSONValue.string))
        root["system_gaps"] = .object(bySystem.mapValues { value in
            guard case .array(let codes) = value else { return value }
            return .array(codes.filter { !hidden.map { JSONValue.string($0.rawValue) }.contains($0) })
        })
        if visibility.hides("costs"), case .object(var maintenance)? = root["maintenance"] {
            maintenance["systems"] = .array([])
            root["maintenance"] = .object(maintenance)
        }
        #expect(joined(.public) == JSONValue.object(root).renderedBytes())
        #expect(joined(.public) != joined(.internal))
    }

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
