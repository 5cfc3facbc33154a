import DaichoRender
@testable import DaichoSite
import Foundation
import Testing

/// The patch a rebuild writes into a file whose new bytes have the old length.
struct InPlacePatchTests {
    /// A block of 4,096 bytes of `byte`.
    func block(_ byte: UInt8) -> [UInt8] { [UInt8](repeating: byte, count: InPlacePatch.block) }

    func patch(_ old: [UInt8], _ new: [UInt8], at offset: Int = 0, limit: Int = 1 << 20) -> InPlacePatch? {
        old.withUnsafeBytes { old in
            new.withUnsafeBytes { new in
                var patch = InPlacePatch(old: old, limit: limit)
                return patch.add(new, at: offset) ? patch : nil
            }
        }
    }

    @Test func equalBytesMakeNoRuns() throws {
        let bytes = block(1) + block(2) + [3, 4, 5]
        let patch = try #require(self.patch(bytes, bytes))
        #expect(patch.runs.isEmpty && patch.size == 0)
    }

    /// Blocks 1 and 2 of four differ (one byte each) and the last, short block too: two runs, the
    /// first of two whole blocks (8,192 bytes), the second the 3 bytes of the short block.
    @Test func differingBlocksAreWrittenWholeAndJoined() throws {
        let old = block(0) + block(0) + block(0) + block(0) + [7, 7, 7]
        var new = old
        new[InPlacePatch.block + 5] = 1
        new[2 * InPlacePatch.block] = 2
        new[4 * InPlacePatch.block + 2] = 9
        let patch = try #require(self.patch(old, new))
        #expect(patch.runs.map(\.offset) == [InPlacePatch.block, 4 * InPlacePatch.block])
        #expect(patch.runs.map(\.bytes.count) == [2 * InPlacePatch.block, 3])
        #expect(patch.runs[0].bytes == Array(new[InPlacePatch.block..<(3 * InPlacePatch.block)]))
        #expect(patch.runs[1].bytes == [7, 7, 9])
        #expect(patch.size == 2 * InPlacePatch.block + 3)
    }

    /// New bytes at an offset are compared with the old ones there; a part that would run past
    /// the old end, or a patch past its limit, is refused.
    @Test func partsAreComparedWhereTheyGo() throws {
        let old: [UInt8] = Array("abcdefgh".utf8)
        let patch = try #require(self.patch(old, Array("dXf".utf8), at: 3))
        #expect(patch.runs.count == 1 && patch.runs[0].offset == 3 && patch.runs[0].bytes == Array("dXf".utf8))
        #expect(self.patch(old, Array("gh".utf8), at: 6)?.runs.isEmpty == true)
        #expect(self.patch(old, Array("ghi".utf8), at: 6) == nil)
        #expect(self.patch(old, Array("a".utf8), at: 9) == nil)
        #expect(self.patch(block(0), block(1), limit: InPlacePatch.block - 1) == nil)
        #expect(self.patch(block(0), block(1), limit: InPlacePatch.block) != nil)
    }

    /// Bytes that are the old file's own memory at their own place are not compared at all.
    @Test func bytesCopiedFromTheirOwnPlaceAreTheSame() {
        let old = (0..<(2 * InPlacePatch.block)).map { UInt8($0 % 251) }
        old.withUnsafeBytes { old in
            var patch = InPlacePatch(old: old)
            let own = patch.add(UnsafeRawBufferPointer(rebasing: old[InPlacePatch.block...]), at: InPlacePatch.block)
            #expect(own && patch.runs.isEmpty)
            // The same memory one byte further on is compared, and differs.
            let shifted = patch.add(UnsafeRawBufferPointer(rebasing: old[1..<9]), at: 0)
            #expect(shifted)
            #expect(patch.runs.count == 1 && patch.runs[0].offset == 0)
        }
    }

    /// What the manifest records after a patch: the old value when nothing differs, else a value
    /// made from the old one and the runs (so two different patches of one file differ).
    @Test func identityFollowsTheOldValueAndTheRuns() throws {
        let old = Array("id,cost\na,100\nb,200\n".utf8)
        let same = try #require(patch(old, old)), one = try #require(patch(old, Array("id,cost\na,100\nb,201\n".utf8)))
        let other = try #require(patch(old, Array("id,cost\na,101\nb,200\n".utf8)))
        #expect(same.identity(after: 42) == 42)
        #expect(one.identity(after: 42) != 42 && one.identity(after: 42) == one.identity(after: 42))
        #expect(one.identity(after: 42) != other.identity(after: 42))
        #expect(one.identity(after: 42) != one.identity(after: 43))
    }

    /// The runs go into the file where they belong, and only into the file that was read: one
    /// replaced or changed since is left alone.
    @Test func applyingWritesTheRunsIntoTheSameFileOnly() throws {
        let folder = NSTemporaryDirectory() + "daicho-patch-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/export.csv"
        let old = Array("id,cost\na,100\nb,200\n".utf8), new = Array("id,cost\na,100\nb,201\n".utf8)
        try Data(old).write(to: URL(fileURLWithPath: path))
        let stamp = try #require(FileStamp(path: path))
        let patch = try #require(self.patch(old, new))
        #expect(try patch.apply(to: path, expecting: stamp))
        #expect(FileManager.default.contents(atPath: path) == Data(new))
        #expect(FileStamp(path: path)?.inode == stamp.inode)
        // The file has changed since `stamp`: nothing is written.
        try Data(old).write(to: URL(fileURLWithPath: path))
        #expect(try patch.apply(to: path, expecting: stamp) == false)
        #expect(FileManager.default.contents(atPath: path) == Data(old))
        #expect(try patch.apply(to: folder + "/missing.csv", expecting: stamp) == false)
        // Nor through a symbolic link, even to the very file.
        let link = folder + "/link.csv"
        #expect(symlink(path, link) == 0)
        #expect(try patch.apply(to: link, expecting: try #require(FileStamp(path: path))) == false)
        #expect(FileManager.default.contents(atPath: path) == Data(old))
        // Nor into a file with a second name (a backup made with hard links would change too).
        let backup = folder + "/backup.csv"
        #expect(Glibc.link(path, backup) == 0)
        #expect(try patch.apply(to: path, expecting: try #require(FileStamp(path: path))) == false)
        #expect(FileManager.default.contents(atPath: backup) == Data(old))
        #expect(unlink(backup) == 0)
        #expect(try patch.apply(to: path, expecting: try #require(FileStamp(path: path))))
    }

    /// A rebuild whose manifest cannot be invalidated first (its journal in a folder that may not
    /// be changed) writes nothing and says the site is unchanged; once the first file is written,
    /// it says the site changed.
    @Test func aSinkThatCannotInvalidateTheManifestWritesNothing() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-sink-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("old".utf8).write(to: URL(fileURLWithPath: root + "/index.html"))
        let refusing = InPlaceSink(root: root, previous: OutputHashes()) { () throws(WriteError) in
            throw WriteError.cannotWrite(root + "/.journal", "Operation not permitted")
        }
        await #expect(throws: WriteError.self) { try await refusing.write([RenderedPage(path: "index.html", text: "new")]) }
        #expect(throws: WriteError.self) { try refusing.remove(["index.html"]) }
        #expect(!refusing.hasChanged)
        #expect(FileManager.default.contents(atPath: root + "/index.html") == Data("old".utf8))
        let accepting = InPlaceSink(root: root, previous: OutputHashes())
        #expect(!accepting.hasChanged)
        try await accepting.write([RenderedPage(path: "index.html", text: "new")])
        #expect(accepting.hasChanged)
        #expect(FileManager.default.contents(atPath: root + "/index.html") == Data("new".utf8))
    }
}
