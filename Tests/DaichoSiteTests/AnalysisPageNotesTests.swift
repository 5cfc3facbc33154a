import DaichoCore
import DaichoRender
import Foundation
import Testing

/// What the analysis pages and the dashboard say beside their figures.
struct AnalysisPageNotesTests {
    /// Charts drawing 150 items at most say so where there are more: 151 systems, each its own
    /// terminal group, all renewing in one year; 150 and the notes are not there.
    @Test(arguments: [150, 151]) func cappedChartsSaySo(systems: Int) async throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-capped-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.createDirectory(atPath: project + "/inventory", withIntermediateDirectories: true)
        for index in 0..<systems {
            try ("schema: 1\nid: s\(index)\nbasic: {name: システム\(index), department: 市民課, renewal: 2030-01-01}\n"
                + "hardware: {terminals: {dedicated: 1}}\n").write(toFile: project + "/inventory/s\(index).yaml", atomically: true, encoding: .utf8)
        }
        let site = try await buildSite(project)
        let capped = systems > 150
        #expect(site.text("analysis/terminals.html").contains("図は台数の多い順に 150 グループまで表示しています。すべて（151 グループ）は図の表をご覧ください。") == capped)
        #expect(site.text("analysis/renewals.html").contains("年度別の図は各年度 150 システムまで表示しています。") == capped)
    }

    /// With no server to place there is no host and no spare: the dashboard says so, as the
    /// consolidation page's total of 0 does, not 「ホスト 0台＋予備 1台」.
    @Test func nothingToConsolidate() async throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-none-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.createDirectory(atPath: project + "/inventory", withIntermediateDirectories: true)
        try "schema: 1\nid: a\nbasic: {name: A, department: 市民課}\n".write(toFile: project + "/inventory/a.yaml", atomically: true, encoding: .utf8)
        let dashboard = try await buildSite(project).text("index.html")
        #expect(dashboard.contains("集約の対象なし"), "\(dashboard)")
        #expect(!dashboard.contains("予備 1台"))
    }

    /// A cell that lists systems says 「該当なし」 when there are none, as an empty table does: no
    /// server at all (nothing assumed, nothing too large), a gap no system has, a fiscal year
    /// between two renewal years (FY2029 for a, FY2032 for b: 2030 and 2031 have none).
    @Test(arguments: [Language.ja, .en]) func emptyListCellsSaySo(language: Language) async throws {
        let project = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-empty-cells-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.createDirectory(atPath: project + "/inventory", withIntermediateDirectories: true)
        try "schema: 1\nid: a\nbasic: {name: A, department: 市民課, renewal: 2030-01-01}\n"
            .write(toFile: project + "/inventory/a.yaml", atomically: true, encoding: .utf8)
        try "schema: 1\nid: b\nbasic: {name: B, department: 市民課, renewal: 2032-06-01}\n"
            .write(toFile: project + "/inventory/b.yaml", atomically: true, encoding: .utf8)
        let site = try await buildSite(project, options: SiteOptions(language: language))
        let none = language == .ja ? "該当なし" : "None"
        let consolidation = site.text("analysis/consolidation.html")
        let (assumed, unplaceable) = language == .ja ? ("仕様が不明なため既定値で計算", "1台のホストに収まらない")
            : ("Specs missing, defaults assumed", "Larger than one host")
        #expect(consolidation.contains("<tr><td>\(assumed)</td><td>\(none)</td></tr>"), "\(consolidation)")
        #expect(consolidation.contains("<tr><td>\(unplaceable)</td><td>\(none)</td></tr>"))
        let gaps = site.text("analysis/gaps.html")
        #expect(!gaps.contains("<td></td>"), "\(gaps)")
        #expect(gaps.contains("<td>0</td><td>\(none)</td></tr>"))
        let renewals = site.text("analysis/renewals.html")
        let (fy2030, fy2031) = language == .ja ? ("2030年度", "2031年度") : ("FY2030", "FY2031")
        #expect(renewals.contains("<tr><td>\(fy2030)</td><td>0</td><td>\(none)</td></tr>"), "\(renewals)")
        #expect(renewals.contains("<tr><td>\(fy2031)</td><td>0</td><td>\(none)</td></tr>"))
        #expect(!renewals.contains("<td></td>"))
    }
}
