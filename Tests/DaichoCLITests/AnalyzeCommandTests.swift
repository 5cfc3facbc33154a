import Foundation
import Testing

@Suite(.serialized)
struct AnalyzeCommandTests {
    @Test func jsonIsByteIdenticalAcrossRunsAndThreads() throws {
        let first = try CLI.run(["analyze", "--json"])
        let second = try CLI.run(["analyze", "--json"])
        let serial = try CLI.run(["analyze", "--json", "--jobs", "1"])
        let parallel = try CLI.run(["analyze", "--json", "--jobs", "2"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(serial.stdout == parallel.stdout)
        #expect(first.stdout == serial.stdout)
        try Snapshot.assert(first.stdout, named: "sample-analysis.json")
    }

    @Test func jsonFollowsTheContract() throws {
        let output = try CLI.run(["analyze", "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        for key in ["schema", "organization", "systems", "distributions", "maintenance", "consolidation", "terminals",
                    "gaps", "costs", "renewals", "disaster_table", "completeness"] {
            #expect(json[key] != nil, "missing \(key)")
        }
        #expect(json["systems"] as? Int == 50)
        let gaps = try #require(json["gaps"] as? [String: [String]])
        #expect(gaps.count == 13)
        // Keys are sorted in the text itself.
        let topKeys = output.stdout.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { String($0.dropFirst(3).prefix { $0 != "\"" }) }
        #expect(topKeys == topKeys.sorted())
    }

    @Test func terminalReportInJapanese() throws {
        let output = try CLI.run(["analyze"])
        #expect(output.status == 0)
        try Snapshot.assert(output.stdout, named: "sample-analysis.ja.txt")
    }

    @Test func errorsStopTheAnalysisUnlessForced() throws {
        let project = try CLI.copyFixture("hostile")
        defer { try? FileManager.default.removeItem(at: project) }
        let stopped = try CLI.run(["analyze"], in: project)
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("--force"))
        // The project file itself has an error: --force cannot leave it out.
        #expect(try CLI.run(["analyze", "--force"], in: project).status == 1)

        try "organization: {name: はざま町, code: \"142085\", population: 8000, fiscal_year: 2026}\n"
            .write(to: project.appendingPathComponent("daicho.yaml"), atomically: true, encoding: .utf8)
        let forced = try CLI.run(["analyze", "--json", "--force"], in: project)
        #expect(forced.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(forced.stdout.utf8)) as? [String: Any])
        let excluded = try #require(json["excluded"] as? [String])
        #expect(excluded.contains("inventory/sjis.yaml"))
        #expect(excluded.contains("inventory/terminal-b.yaml"))
        #expect(!excluded.contains("inventory/era.yaml"))
        // Every ledger file without an error is analysed (dup.yaml is fine; dup.yml is not).
        #expect(json["systems"] as? Int == 22 - excluded.count)
        #expect(forced.stderr.contains("エラーのある"))
    }
}
