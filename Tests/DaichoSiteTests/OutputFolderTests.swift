import DaichoCore
import DaichoRender
@testable import DaichoSite
import Foundation
import Testing

struct OutputFolderTests {
    /// Paths of the site are relative and stay inside it: no empty component (a leading or doubled
    /// slash, a trailing one), no "." or "..". Checked by hand, then against the rule written
    /// plainly on random paths of those characters.
    @Test func onlyPathsInsideTheSiteAreSafe() {
        for path in ["index.html", "systems/juki/rfi.md", "a/...", "..a/b", "a/.b", "台帳/一覧.html"] {
            #expect(OutputFolder.isSafe(path), "\(path)")
        }
        for path in ["", "/etc/passwd", "..", "../x", "a/../b", "a/./b", ".", "a/.", "a//b", "a/", "/"] {
            #expect(!OutputFolder.isSafe(path), "\(path)")
        }
        var random = SplitMix(seed: 17)
        let alphabet = ["a", ".", "/", "é"]
        for _ in 0..<5_000 {
            let path = (0..<Int(random.next() % 7)).map { _ in alphabet[Int(random.next() % 4)] }.joined()
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            let rule = !path.isEmpty && !components.contains { $0.isEmpty || $0 == "." || $0 == ".." }
            #expect(OutputFolder.isSafe(path) == rule, "\(path)")
        }
    }

    /// The files written do not depend on how many lanes write at once: lanes write into folders
    /// another lane may be making at the same moment (each system's folder, and `systems/`).
    @Test func lanesWritingAtOnceGiveTheSameFiles() async throws {
        let pages = (0..<40).flatMap { index in
            ["index.html", "rfi.md", "rfi.html"].map { RenderedPage(path: "systems/s\(index)/\($0)", text: "<p>\(index) \($0)</p>\n") }
        } + [RenderedPage(path: "index.html", text: "top\n")]
        var trees: [[String: String]] = []
        for lanes in [1, 4] {
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-lanes-\(lanes)-\(UUID())").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            let folder = try OutputFolder(output: output)
            // Page by page round the lanes, so one system's files are written by several lanes.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in 0..<lanes {
                    let share = pages.indices.filter { $0 % lanes == lane }.map { pages[$0] }
                    group.addTask { for page in share { try await folder.write([page]) } }
                }
                try await group.waitForAll()
            }
            try folder.commit()
            var tree: [String: String] = [:]
            for page in pages {
                tree[page.path] = try String(contentsOfFile: output + "/" + page.path, encoding: .utf8)
            }
            trees.append(tree)
        }
        #expect(trees[0] == trees[1])
        #expect(trees[1]["systems/s39/rfi.md"] == "<p>39 rfi.md</p>\n")
        #expect(trees[1].count == pages.count)
    }
}
