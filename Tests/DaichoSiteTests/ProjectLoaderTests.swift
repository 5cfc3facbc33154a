@testable import DaichoSite
import Foundation
import Testing

/// Which files of `inventory/` are ledgers, and how they are named.
struct ProjectLoaderTests {
    /// `.yaml` and `.yml` in any case are read (an upper-case name is then checked, not left out
    /// unseen); drafts (`_`), hidden files and editors' lock files (`~$`) are not.
    @Test func ledgerFilesByName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-loader-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/inventory", withIntermediateDirectories: true)
        for name in ["JUKI.YAML", "zei.Yml", "a.yaml", "~$a.yaml", "_draft.yaml", ".a.yaml.swp", ".hidden.yaml", "notes.txt"] {
            try Data("schema: 1\n".utf8).write(to: URL(fileURLWithPath: folder + "/inventory/" + name))
        }
        let source = try ProjectLoader().load(folder)
        #expect(source.ledgers.map(\.stem) == ["JUKI", "a", "zei"])
        #expect(source.ledgers.map(\.key) == ["inventory/JUKI.YAML", "inventory/a.yaml", "inventory/zei.Yml"])
    }
}
