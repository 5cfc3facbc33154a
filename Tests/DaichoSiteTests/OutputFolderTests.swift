import DaichoRender
@testable import DaichoSite
import Foundation
import Testing

struct OutputFolderTests {
    /// The files written do not depend on how many writers share a batch (`--jobs`), and a batch
    /// is spread over several of them when it is large enough.
    @Test func writersShareABatchWithTheSameResult() async throws {
        let pages = (0..<40).map { RenderedPage(path: "systems/s\($0)/index.html", text: "<p>\($0)</p>\n") }
            + [RenderedPage(path: "index.html", text: "top\n")]
        var trees: [[String: String]] = []
        for lanes in [1, 3] {
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-lanes-\(lanes)-\(UUID())").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            let folder = try OutputFolder(output: output, lanes: lanes)
            #expect(folder.lanes == lanes)
            try await folder.write(pages)
            try folder.commit()
            var tree: [String: String] = [:]
            for page in pages {
                tree[page.path] = try String(contentsOfFile: output + "/" + page.path, encoding: .utf8)
            }
            trees.append(tree)
        }
        #expect(trees[0] == trees[1])
        #expect(trees[0]["systems/s39/index.html"] == "<p>39</p>\n")
        let unset = try OutputFolder(output: NSTemporaryDirectory() + "daicho-lanes-none-\(UUID())")
        defer { unset.discard() }
        #expect(unset.lanes == ProcessInfo.processInfo.activeProcessorCount)
    }
}
