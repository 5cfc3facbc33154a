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

    /// Values at the edge of what the schema allows (twelve digits with six decimals, in the policy
    /// and in a ledger) once made the exact arithmetic of the consolidation chart overflow and the
    /// build stop with a crash. They are analysed and built now.
    @Test func extremeValuesAreAnalysedAndBuiltWithoutStopping() throws {
        let project = try CLI.copySample()
        defer { try? FileManager.default.removeItem(at: project) }
        let settings = project.appendingPathComponent("daicho.yaml")
        let policy = """
        policy:
          consolidation:
            host: {cores: 999999999999, memory_gb: 999999999999.999999, storage_gb: 999999999999.999997}
            vcpu_per_core: 999999999999.999999
            headroom: 0.000001
            default_server: {cores: 3, memory_gb: 0.000001, storage_gb: 999999999999.999993}

        """
        let text = try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(of: "policy:\n", with: policy)
        try text.write(to: settings, atomically: true, encoding: .utf8)
        let ledger = project.appendingPathComponent("inventory/bosai-joho.yaml")
        let edited = try String(contentsOf: ledger, encoding: .utf8)
            .replacingOccurrences(of: "memory_gb: 32\n", with: "memory_gb: 999999999999.999999\n")
            .replacingOccurrences(of: "storage_gb: 1000\n", with: "storage_gb: 0.000001\n")
        try edited.write(to: ledger, atomically: true, encoding: .utf8)

        let analysis = try CLI.run(["analyze", project.path, "--json", "--no-cache"])
        #expect(analysis.status == 0, "\(analysis.stderr.prefix(400))")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(analysis.stdout.utf8)) as? [String: Any])
        let plan = try #require(json["consolidation"] as? [String: Any])
        #expect((plan["hosts_used"] as? Int ?? 0) >= 1)
        let site = project.appendingPathComponent("out")
        let build = try CLI.run(["build", project.path, "-o", site.path, "-q", "--no-cache"])
        #expect(build.status == 0, "\(build.stderr.prefix(400))")
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("analysis/consolidation.html").path))

        // A cost line of the largest price times the largest quantity, in thousands of yen (about
        // 10^28 yen, past a 64-bit integer): the totals are given, so the lines only disagree with
        // them (a warning), and the line's amount is shown exactly (9,999,999,999,999,000 円 ×
        // 999,999,999,999.999999), past a 64-bit integer, instead of stopping the build.
        let lines = project.appendingPathComponent("inventory/groupware.yaml")
        let huge = try String(contentsOf: lines, encoding: .utf8)
            .replacingOccurrences(of: "unit_price: 9000\n", with: "unit_price: 9999999999999\n")
            .replacingOccurrences(of: "quantity: 620\n", with: "quantity: 999999999999.999999\n")
            .replacingOccurrences(of: "unit: yen\n", with: "unit: thousand_yen\n")
        try huge.write(to: lines, atomically: true, encoding: .utf8)
        let rebuilt = try CLI.run(["build", project.path, "-o", site.path, "--no-cache"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr.prefix(400))")
        let page = try String(contentsOf: site.appendingPathComponent("systems/groupware/index.html"), encoding: .utf8)
        #expect(page.contains("9,999,999,999,998,999,990,000,000,000.001円"))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("systems/groupware/index.html").path))
    }
}
