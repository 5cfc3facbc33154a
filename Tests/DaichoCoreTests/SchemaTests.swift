import Testing
@testable import DaichoCore

struct SchemaTests {
    @Test func everyEnumMatchesItsSpec() {
        func same<E: LedgerEnum>(_ type: E.Type) -> Bool { E.allCases.map(\.rawValue) == E.spec.tokens }
        #expect(same(SystemCategory.self) && same(Development.self) && same(ManagementStructure.self))
        #expect(same(UsageForm.self) && same(Dependency.self) && same(DisasterKind.self) && same(DisasterTarget.self))
        #expect(same(HardwareLocation.self) && same(Customization.self) && same(BackupFrequency.self))
        #expect(same(NetworkSegment.self) && same(IntegrationDirection.self) && same(IntegrationMethod.self))
        #expect(same(IntegrationTiming.self) && same(AntivirusStatus.self) && same(DefinitionUpdates.self))
        #expect(same(Authentication.self) && same(ContractKind.self) && same(CostUnit.self) && same(CostLineKind.self))
    }

    @Test func completenessCountsThe38Fields() {
        let fields = LedgerSchema.completenessFields
        #expect(fields.count == 38)
        #expect(fields.prefix(4) == ["schema", "id", "basic.name", "basic.department"])
        #expect(fields.contains("hardware.terminals.dedicated") && fields.contains("vendor.contract.sla"))
        #expect(!fields.contains { $0.hasPrefix("integrations") || $0.hasPrefix("issues") })
    }

    @Test func eighteenGroupsInSurveyOrder() {
        #expect(LedgerSchema.groups.map(\.key) == [
            "basic", "costs", "management", "usage", "hardware", "software", "operation", "network", "integrations",
            "personal_data", "antivirus", "security", "vendor", "bcp", "bcp_operator", "bcp_others", "issues", "notes",
        ])
    }

    @Test func fieldLookupIgnoresIndexes() {
        #expect(LedgerSchema.field(at: "hardware.servers[1].memory_gb")?.label.ja == "メモリ(GB)")
        #expect(LedgerSchema.field(at: "hardware.servers.os") != nil)
        #expect(LedgerSchema.field(at: "vendor.nothing") == nil)
    }
}

struct LedgerTemplateTests {
    let text = LedgerTemplate.render(id: "jumin-kiroku", department: "市民課", name: "住民記録\"システム\"")

    @Test func passesCheckWithOnlyMissingRecommendedWarnings() throws {
        let result = parseLedger(text, stem: "jumin-kiroku")
        #expect(result.diagnostics.allSatisfy { $0.code == .missingRecommended })
        #expect(result.diagnostics.count == 34)
        let ledger = try #require(result.ledger)
        #expect(ledger.basic.name == "住民記録\"システム\"")
        #expect(ledger.basic.department == "市民課")
    }

    @Test func namesEveryFieldOfTheFormat() {
        let keys = Set(text.split(separator: "\n").compactMap { line -> String? in
            let body = line.drop { $0 == " " || $0 == "#" || $0 == "-" }
            guard let colon = body.firstIndex(of: ":") else { return nil }
            return String(body[..<colon])
        })
        for (path, spec) in LedgerSchema.allFields {
            #expect(keys.contains(spec.key), "\(path) is missing from the template")
        }
    }

    @Test func eachSectionIsCommentedInJapanese() {
        #expect(text.contains("# 1 基本情報"))
        #expect(text.contains("# 18 その他"))
        #expect(text.contains("form:"))
        #expect(text.contains("dedicated_server 専用サーバ"))
    }

    @Test func quotingSurvivesHostileNames() throws {
        let hostile = "<script>\"\\\n\u{7}: #x"
        let result = parseLedger(LedgerTemplate.render(id: "x", department: hostile, name: hostile), stem: "x")
        #expect(result.ledger?.basic.name == hostile)
    }
}
