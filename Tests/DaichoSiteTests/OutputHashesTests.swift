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

    @Test func manifestKeepsEveryTableThroughItsFileForm() async throws {
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
        // Stamps of real files, in a folder of their own.
        let files = folder + "-files"
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: files) }
        try AtomicFile.write(Array("id: juki\n".utf8), to: files + "/juki.yaml")
        try AtomicFile.write(Array("{}".utf8), to: files + "/systems.json")
        let stamp = try #require(FileStamp(path: files + "/juki.yaml")), export = try #require(FileStamp(path: files + "/systems.json"))
        let manifest = BuildManifest(
            fingerprint: "f",
            ledgers: ["inventory/juki.yaml": .init(hash: "ab", id: "juki", partners: ["zei"], valid: true, department: "市民課",
                                                   vendors: ["株式会社かもめ", "有限会社つばめ"]),
                      "inventory/broken.yaml": .init(hash: "cd", id: nil, partners: [], valid: false)],
            outputs: outputs,
            fragments: Fragments(files: [Fragments.systemsJSON: ["juki": .init(key: "ab", offset: 12, length: 345)]],
                                 pageKeys: ["assets/search-index.js": "k"],
                                 contributions: ["juki": .init(key: "ab", names: 1, search: UInt64.max, links: 1 << 40)]),
            stamps: ["inventory/juki.yaml": stamp], exportStamps: [Fragments.systemsJSON: export])
        try await manifest.save(for: output)
        let loaded = try #require(BuildManifest.load(for: output))
        #expect(loaded.fingerprint == "f")
        #expect(loaded.outputs == outputs)
        #expect(loaded.outputs["systems/juki/rfi.md"] == UInt64.max)
        #expect(loaded.ledgers == manifest.ledgers && loaded.fragments == manifest.fragments)
        #expect(loaded.stamps == manifest.stamps && loaded.exportStamps == manifest.exportStamps)
        // Only the manifest and its journal are left in the folder: the temporary files were renamed over them.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [".site.daicho-journal", ".site.daicho-manifest"])
        // A manifest cut short, or with bytes after its last table, is not read at all; nor is one
        // whose bytes still read as a manifest but are not the ones written (a department's name
        // changed in place, as damage on the disk could): its checksum no longer matches.
        let bytes = try #require(FileManager.default.contents(atPath: BuildManifest.path(for: output)))
        let name = Data("市民課".utf8), other = Data("市役課".utf8)
        let place = try #require(bytes.range(of: name))
        var changed = bytes
        changed.replaceSubrange(place, with: other)
        #expect(changed.count == bytes.count)
        for broken in [bytes.dropLast(3), bytes + [0], changed] {
            try AtomicFile.write([UInt8](broken), to: BuildManifest.path(for: output))
            #expect(BuildManifest.load(for: output) == nil)
        }
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
