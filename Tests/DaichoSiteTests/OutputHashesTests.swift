import DaichoCore
import DaichoRender
@testable import DaichoSite
import Foundation
import Testing

/// The table of output hashes keeps system folders by id; seen through paths it must behave
/// exactly like a dictionary of paths, and survive the manifest's file form.
struct OutputHashesTests {
    @Test func splitsOnlyFilesDirectlyInASystemsFolder() {
        #expect(OutputHashes.split("systems/juki/index.html")! == ("juki", "index.html"))
        #expect(OutputHashes.split("systems/juki/rfp.md")! == ("juki", "rfp.md"))
        #expect(OutputHashes.split("systems/index.html") == nil)
        #expect(OutputHashes.split("systems/juki/deeper/file.html") == nil)
        #expect(OutputHashes.split("systems//index.html") == nil)
        #expect(OutputHashes.split("departments/d-1/index.html") == nil)
    }

    /// Property: after any sequence of sets and removals, every path reads back what a plain
    /// dictionary holds, and `forEach` lists exactly the dictionary.
    @Test func behavesLikeADictionaryOfPaths() {
        var random = SplitMix(seed: 6)
        let names = ["index.html", "rfi.md", "rfi.html", "sla.html"]
        let paths = (0..<12).flatMap { id in names.map { "systems/s\(id)/\($0)" } }
            + ["index.html", "systems/index.html", "data/systems.json", "departments/d/index.html"]
        for _ in 0..<200 {
            var table = OutputHashes(), reference: [String: UInt64] = [:]
            for _ in 0..<60 {
                let path = paths[Int(random.next() % UInt64(paths.count))]
                let hash: UInt64? = random.next() % 4 == 0 ? nil : random.next()
                table[path] = hash
                reference[path] = hash
            }
            for path in paths { #expect(table[path] == reference[path]) }
            var listed: [String: UInt64] = [:]
            table.forEach { listed[$0] = $1 }
            #expect(listed == reference)
        }
    }

    @Test func manifestKeepsOutputsThroughItsFileForm() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-manifest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/site"
        var outputs = OutputHashes()
        outputs["systems/juki/index.html"] = 1
        outputs["systems/juki/rfi.md"] = UInt64.max
        outputs["systems/zei/index.html"] = 3
        outputs["systems/index.html"] = 4
        outputs["data/systems.json"] = 5
        let manifest = BuildManifest(fingerprint: "f", ledgers: ["inventory/juki.yaml": .init(hash: "ab", id: "juki", partners: ["zei"], valid: true)],
                                     outputs: outputs, fragments: Fragments(pageKeys: ["assets/search-index.js": "k"]))
        try manifest.save(for: output)
        let loaded = try #require(BuildManifest.load(for: output))
        #expect(loaded.outputs == outputs)
        #expect(loaded.outputs["systems/juki/rfi.md"] == UInt64.max)
        #expect(loaded.ledgers == manifest.ledgers && loaded.fragments == manifest.fragments)
        // Only the manifest is left in the folder: the temporary file was renamed over it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [".site.daicho-manifest"])
    }

    @Test func aDiscardedStreamLeavesTheOldFileAndNoTemporary() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-stream-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/file"
        try AtomicFile.write(Array("old".utf8), to: path)
        let stream = try AtomicFile.Stream(replacing: path)
        try stream.append(Array("new".utf8))
        stream.discard()
        #expect(FileBytes.read(path) == Array("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["file"])
        let second = try AtomicFile.Stream(replacing: path)
        try second.append(Array("ne".utf8))
        try second.append(Array("w".utf8))
        try second.commit()
        #expect(FileBytes.read(path) == Array("new".utf8))
    }
}
