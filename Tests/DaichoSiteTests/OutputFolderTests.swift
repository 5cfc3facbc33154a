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

    /// A build killed before it could remove its staging folder leaves it behind; the next build
    /// into the same output removes it, and its `.old`, when that process is gone. A folder of a
    /// build still running, and a folder of another site, are left alone.
    @Test func stagingFoldersOfKilledBuildsAreRemoved() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-staging-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let gone = ended.processIdentifier, running = getppid()
        let names = [".site.building-\(gone)", ".site.building-\(gone).old", ".site.building-\(running)", ".other.building-\(gone)",
                     ".site.building-x"]
        for name in names {
            try FileManager.default.createDirectory(atPath: parent + "/" + name + "/systems", withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: parent + "/" + name + "/index.html"))
        }
        let folder = try OutputFolder(output: parent + "/site")
        folder.discard()
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: parent))
        #expect(left == [".site.building-\(running)", ".other.building-\(gone)", ".site.building-x"])
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
