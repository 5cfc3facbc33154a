import Foundation
import Synchronization
import Testing
@testable import DaichoCore

struct LedgerCacheTests {
    /// Every field of every group survives the binary form: the dump of a ledger read back equals the dump
    /// of the ledger parsed, for synthetic ledgers (all 18 groups) and the sample inventory.
    @Test func parseResultsRoundTrip() throws {
        var results = (0..<60).map { index in
            let ledger = SyntheticInventory(count: 60, seed: 7).ledger(index)
            return LedgerParser().parse(Array(ledger.text.utf8), file: "inventory/\(ledger.name)", stem: String(ledger.name.dropLast(5)))
        }
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../inventory").standardized
        for name in try FileManager.default.contentsOfDirectory(atPath: sample.path).sorted() where name.hasSuffix(".yaml") {
            let bytes = try [UInt8](Data(contentsOf: sample.appendingPathComponent(name)))
            results.append(LedgerParser().parse(bytes, file: "inventory/\(name)", stem: String(name.dropLast(5))))
        }
        results.append(parseLedger("schema: 1\nid: [\n"))  // no ledger, one diagnostic
        #expect(results.count > 100)
        for result in results {
            let bytes = BinaryWriter.encode(result)
            let back = try BinaryReader.decode(LedgerParser.Result.self, from: bytes[...])
            #expect(String(reflecting: back) == String(reflecting: result))
        }
    }

    /// Property: truncated or corrupted bytes throw (or decode to something), never trap.
    @Test func damagedBytesNeverCrash() throws {
        let ledger = SyntheticInventory(count: 3, seed: 1).ledger(0)
        let bytes = BinaryWriter.encode(LedgerParser().parse(Array(ledger.text.utf8), file: "a.yaml", stem: "a"))
        var random = SplitMix(seed: 99)
        for _ in 0..<300 {
            var damaged = Array(bytes.prefix(Int(random.next() % UInt64(bytes.count))))
            if !damaged.isEmpty, random.next() % 2 == 0 {
                damaged[Int(random.next() % UInt64(damaged.count))] = UInt8(random.next() % 256)
            }
            _ = try? BinaryReader.decode(LedgerParser.Result.self, from: damaged[...])
        }
    }

    /// Integers of every width and sign round-trip through zigzag varints (worked by hand: -1 is one
    /// byte 0x01, 300 is 0xD8 0x04); a narrow integer that does not fit, a bad Bool, an overlong
    /// count and trailing bytes throw.
    @Test func primitivesRoundTripOrThrow() throws {
        #expect(BinaryWriter.encode(-1) == [0x01])
        #expect(BinaryWriter.encode(300) == [0xD8, 0x04])
        for value in [0, 1, -1, 63, -64, 64, 300, -300, Int.max, Int.min] {
            #expect(try BinaryReader.decode(Int.self, from: BinaryWriter.encode(value)[...]) == value)
        }
        for value in [Int128(0), -1, Int128(Int64.max) * 3, -Int128(Int64.max) * 5, Int128.max, Int128.min] {
            #expect(try BinaryReader.decode(Int128.self, from: BinaryWriter.encode(value)[...]) == value)
        }
        #expect(try BinaryReader.decode(UInt8.self, from: BinaryWriter.encode(UInt8(255))[...]) == 255)
        #expect(try BinaryReader.decode(Int32.self, from: BinaryWriter.encode(Int32(-7))[...]) == -7)
        #expect(try BinaryReader.decode(String?.self, from: BinaryWriter.encode(String?.none)[...]) == nil)
        #expect(try BinaryReader.decode([String].self, from: BinaryWriter.encode(["台帳", ""])[...]) == ["台帳", ""])
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(UInt8.self, from: BinaryWriter.encode(256)[...]) }
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(Bool.self, from: [2]) }
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode([Bool].self, from: [5, 1]) }
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(Bool.self, from: [1, 0]) }
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(Int.self, from: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) }
    }

    /// A ledger enum travels as its place among its cases (one byte), not as its token; a place
    /// past the last case is damage.
    @Test func enumsTravelAsTheirPlace() throws {
        #expect(BinaryWriter.encode(SystemCategory.resident) == [0])
        #expect(BinaryWriter.encode(SystemCategory.infrastructure) == [3])
        #expect(BinaryWriter.encode(Development.packageCustom) == [1])
        for category in SystemCategory.allCases {
            #expect(try BinaryReader.decode(SystemCategory.self, from: BinaryWriter.encode(category)[...]) == category)
        }
        for kind in CostLineKind.allCases {
            #expect(try BinaryReader.decode(CostLineKind?.self, from: BinaryWriter.encode(Optional(kind))[...]) == kind)
        }
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(SystemCategory.self, from: [4]) }
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(SystemCategory.self, from: [0x80]) }
    }

    /// A stored string whose bytes are not UTF-8 throws rather than coming back repaired: a lone
    /// 0xFF (repaired to three bytes, so the length differs) and a cut-off four-byte sequence
    /// F0 9F 98 (repaired to U+FFFD, EF BF BD: the same length, other bytes). A slice that does
    /// not start at zero reads the same.
    @Test func stringsThatAreNotUTF8Throw() throws {
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(String.self, from: [1, 0xFF]) }
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(String.self, from: [3, 0xF0, 0x9F, 0x98]) }
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(String.self, from: [4, 0x61, 0xF0, 0x9F, 0x98]) }
        #expect(try BinaryReader.decode(String.self, from: [3, 0xEF, 0xBF, 0xBD]) == "\u{FFFD}")
        #expect(try BinaryReader.decode(String.self, from: [0]) == "")
        let shifted = [0x99] + BinaryWriter.encode("情報政策課 ok")
        #expect(try BinaryReader.decode(String.self, from: shifted[1...]) == "情報政策課 ok")
    }

    /// Whether an extra value was quoted survives the cache; a shard of the layout before it was
    /// kept (version 4, the same stamp and a valid checksum) is not read.
    @Test func quotedExtraSurvivesAndOldShardsAreIgnored() throws {
        let result = parseLedger(minimalLedger(extra: "extra: {a: \"true\", b: true}"))
        let back = try BinaryReader.decode(LedgerParser.Result.self, from: BinaryWriter.encode(result)[...])
        #expect(back.ledger?.extra.map(\.plain) == [false, true])
        let blob = BinaryWriter.encode(result)
        let current = LedgerCache.Shard.serialized([("inventory/sample.yaml", .init(hash: 42, blob: blob[...]))], stamp: "daicho A")
        #expect(LedgerCache.Shard(bytes: current, stamp: "daicho A").valid)
        var old = BinaryWriter()
        old.bytes = Array("DAICHO-LEDGER-CACHE-4\n".utf8) + current.dropLast(8).dropFirst(LedgerCache.magic.count)
        old.seal()
        let shard = LedgerCache.Shard(bytes: old.bytes, stamp: "daicho A")
        #expect(!shard.valid && shard.entries.isEmpty)
    }

    @Test func aShardFromAnotherProgramIsIgnored() throws {
        let result = parseLedger(minimalLedger())
        let blob = BinaryWriter.encode(result)
        let bytes = LedgerCache.Shard.serialized([("inventory/sample.yaml", .init(hash: 42, blob: blob[...]))], stamp: "daicho A")
        let same = LedgerCache.Shard(bytes: bytes, stamp: "daicho A")
        #expect(same.valid && same.result(for: "inventory/sample.yaml", hash: 42) != nil)
        #expect(same.result(for: "inventory/sample.yaml", hash: 43) == nil)  // the file changed
        let other = LedgerCache.Shard(bytes: bytes, stamp: "daicho B")
        #expect(!other.valid && other.entries.isEmpty)
        let damaged = LedgerCache.Shard(bytes: Array(bytes.dropLast(5)), stamp: "daicho A")
        #expect(!damaged.valid && damaged.entries.isEmpty)
        // Bytes that still read as a shard but are not the ones written ("sample" became "simple"
        // in place) fail the checksum: the shard is ignored, not taken for another file's result.
        let place = try #require(bytes.firstRange(of: Array("sample".utf8)))
        var changed = bytes
        changed.replaceSubrange(place, with: Array("simple".utf8))
        let altered = LedgerCache.Shard(bytes: changed, stamp: "daicho A")
        #expect(!altered.valid && altered.entries.isEmpty)
    }

    /// A check with a cache gives the same ledgers and diagnostics as one without; a second check
    /// takes every file from the cache and writes nothing; an edit rewrites only its own shard.
    @Test func checkingWithTheCacheChangesNothing() async throws {
        let synthetic = SyntheticInventory(count: 40, seed: 5)
        var ledgers = (0..<40).map { synthetic.ledger($0) }
        func source() -> ProjectSource {
            ProjectSource(projectFilePath: "daicho.yaml", projectFile: Array(synthetic.projectFile.utf8),
                          ledgers: ledgers.map { LedgerSource(path: "inventory/\($0.name)", stem: String($0.name.dropLast(5)),
                                                              bytes: Array($0.text.utf8)) })
        }
        let store = MemoryShards()
        let cache = LedgerCache(stamp: "t", read: store.read, write: store.write)
        let plain = await Checker(workers: 2).check(source())
        let first = await Checker(workers: 2, cache: cache).check(source())
        let shardsWritten = Set(ledgers.map { LedgerCache.shard(of: "inventory/\($0.name)") })
        #expect(store.writes == shardsWritten.count)
        let second = await Checker(workers: 2, cache: cache).check(source())
        #expect(store.writes == shardsWritten.count)
        for checked in [first, second] {
            #expect(String(reflecting: checked.ledgers) == String(reflecting: plain.ledgers))
            #expect(checked.diagnostics == plain.diagnostics)
            #expect(checked.contentHashes == plain.contentHashes)
        }
        ledgers[7].text = ledgers[7].text.replacing("schema: 1", with: "schema: 1\nnotes: 変更")
        let edited = await Checker(workers: 2, cache: cache).check(source())
        #expect(store.writes == shardsWritten.count + 1)
        #expect(String(reflecting: edited.ledgers) == String(reflecting: await Checker(workers: 1).check(source()).ledgers))
    }

    /// Read back from the cache, the ledgers of one shard share the texts they repeat (`StringPool`):
    /// two ledgers in one shard with the same system name hold one string.
    @Test func ledgersReadFromOneShardShareTheirTexts() async throws {
        let synthetic = SyntheticInventory(count: 300, seed: 5)
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: Array(synthetic.projectFile.utf8),
                                   ledgers: (0..<300).map { index in
            let ledger = synthetic.ledger(index)
            return LedgerSource(path: "inventory/\(ledger.name)", stem: String(ledger.name.dropLast(5)), bytes: Array(ledger.text.utf8))
        })
        let store = MemoryShards()
        let cache = LedgerCache(stamp: "t", read: store.read, write: store.write)
        _ = await Checker(workers: 2, cache: cache).check(source)
        let second = await Checker(workers: 2, cache: cache).check(source)
        var places: [[String]: [UnsafeRawPointer?]] = [:]
        for ledger in second.ledgers where ledger.basic.name.utf8.count >= StringPool.smallest {
            let storage = ledger.basic.name.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
            places[[ledger.basic.name, "\(LedgerCache.shard(of: ledger.file))"], default: []].append(storage)
        }
        let repeated = places.values.filter { $0.count > 1 }
        #expect(repeated.count > 5)
        for storages in repeated { #expect(Set(storages).count == 1) }
    }

    /// A file whose stamp is the one its entry was made with is taken from the cache unread; a
    /// file with another stamp, or none (changed a moment ago), is read and hashed; an entry that
    /// no longer reads back is parsed from the file after all, under the hash of its bytes.
    @Test func aFileWithItsEntrysStampIsNotRead() async throws {
        let synthetic = SyntheticInventory(count: 12, seed: 9)
        let texts = (0..<12).map { Array(synthetic.ledger($0).text.utf8) }
        let names = (0..<12).map { "inventory/\(synthetic.ledger($0).name)" }
        let reads = Mutex<[String: Int]>([:])
        func source(_ bytes: @escaping @Sendable (Int) -> [UInt8], stamp: @escaping @Sendable (Int) -> [UInt8]?) -> ProjectSource {
            ProjectSource(projectFilePath: "daicho.yaml", projectFile: Array(synthetic.projectFile.utf8), ledgers: names.indices.map { index in
                LedgerSource(path: names[index], stem: String(names[index].dropFirst(10).dropLast(5)), load: {
                    reads.withLock { $0[names[index], default: 0] += 1 }
                    return bytes(index)
                }, stamp: { stamp(index) })
            })
        }
        let store = MemoryShards()
        let cache = LedgerCache(stamp: "t", read: store.read, write: store.write)
        let plain = await Checker(workers: 2).check(source({ texts[$0] }, stamp: { _ in nil }))
        // First run: everything read, entries made with stamp 1.
        _ = await Checker(workers: 2, cache: cache).check(source({ texts[$0] }, stamp: { _ in [1] }))
        #expect(reads.withLock { $0.count } == 12)
        reads.withLock { $0 = [:] }
        // Same stamps: nothing read, even though the bytes now differ (the stamp vouches for them).
        let trusted = await Checker(workers: 2, cache: cache).check(source({ _ in Array("garbage".utf8) }, stamp: { _ in [1] }))
        #expect(reads.withLock { $0.isEmpty })
        #expect(String(reflecting: trusted.ledgers) == String(reflecting: plain.ledgers))
        #expect(trusted.contentHashes == plain.contentHashes)
        // File 3 has another stamp and file 5 none: those two are read; the edit to file 3 shows.
        var edited = texts
        edited[3] = Array(String(decoding: texts[3], as: UTF8.self).replacing("schema: 1", with: "schema: 1\nnotes: 変更").utf8)
        let changed = await Checker(workers: 2, cache: cache).check(source({ [edited] in edited[$0] }, stamp: { $0 == 3 ? [2] : $0 == 5 ? nil : [1] }))
        #expect(reads.withLock { $0 } == [names[3]: 1, names[5]: 1])
        let expected = await Checker(workers: 1).check(source({ [edited] in edited[$0] }, stamp: { _ in nil }))
        #expect(String(reflecting: changed.ledgers) == String(reflecting: expected.ledgers))
        #expect(changed.contentHashes == expected.contentHashes)
        // File 5 kept its entry's stamp, file 3 took its new one: both are trusted next time.
        reads.withLock { $0 = [:] }
        _ = await Checker(workers: 2, cache: cache).check(source({ [edited] in edited[$0] }, stamp: { $0 == 3 ? [2] : [1] }))
        #expect(reads.withLock { $0.isEmpty })
    }

    /// The cache knows a file by its path inside the project: a check run from the folder above
    /// (`city/inventory/…`) and one run inside it (`inventory/…`) share its entries, unread, and
    /// each names the files its own way, as a check without the cache does. The entries are then
    /// stored under the new names, and a third check finds nothing to write.
    @Test func aCheckFromAnotherFolderTakesTheCacheAndNamesTheFilesItsWay() async throws {
        let synthetic = SyntheticInventory(count: 12, seed: 9)
        // One file with a diagnostic, to see it named.
        let texts = (0..<12).map { Array(synthetic.ledger($0).text.replacing("schema: 1", with: $0 == 4 ? "schema: 1\nbogus: 1" : "schema: 1").utf8) }
        let names = (0..<12).map { "inventory/\(synthetic.ledger($0).name)" }
        let reads = Mutex(0)
        func source(in folder: String, cached: Bool = true) -> ProjectSource {
            ProjectSource(projectFilePath: folder + "daicho.yaml", projectFile: Array(synthetic.projectFile.utf8), ledgers: names.indices.map { index in
                LedgerSource(path: folder + names[index], key: cached ? names[index] : nil, stem: String(names[index].dropFirst(10).dropLast(5)), load: {
                    reads.withLock { $0 += 1 }
                    return texts[index]
                }, stamp: { [1] })
            })
        }
        let store = MemoryShards()
        let cache = LedgerCache(stamp: "t", read: store.read, write: store.write)
        _ = await Checker(workers: 2, cache: cache).check(source(in: "city/"))
        #expect(reads.withLock { $0 } == 12)
        let written = store.writes
        let inside = await Checker(workers: 2, cache: cache).check(source(in: ""))
        #expect(reads.withLock { $0 } == 12)
        #expect(store.writes > written)
        let plain = await Checker(workers: 1).check(source(in: "", cached: false))
        #expect(plain.diagnostics.contains { $0.location.file.hasPrefix("inventory/") })
        #expect(inside.ledgers.map(\.file).sorted() == names.sorted())
        #expect(String(reflecting: inside.ledgers) == String(reflecting: plain.ledgers))
        #expect(inside.diagnostics == plain.diagnostics)
        #expect(inside.contentHashes == plain.contentHashes)
        let (rewritten, read) = (store.writes, reads.withLock { $0 })
        let again = await Checker(workers: 2, cache: cache).check(source(in: ""))
        #expect(store.writes == rewritten && reads.withLock { $0 } == read)
        #expect(again.diagnostics == plain.diagnostics)
    }

    /// With the memory `serve` keeps, a check takes each file with the same path and content hash
    /// from the last check's results: unchanged files are neither read nor looked up in the cache
    /// (no shard is read or written), and the result is the one a check without memory gives.
    @Test(arguments: [(false, 1), (false, 2), (true, 2)])
    func theLastChecksResultsAreTakenFromMemory(withCache: Bool, workers: Int) async throws {
        let synthetic = SyntheticInventory(count: 40, seed: 7)
        var texts = (0..<40).map { Array(synthetic.ledger($0).text.utf8) }
        let names = (0..<40).map { "inventory/\(synthetic.ledger($0).name)" }
        let reads = Mutex<[String: Int]>([:])
        func source(_ texts: [[UInt8]], hashed: Bool = true) -> ProjectSource {
            ProjectSource(projectFilePath: "daicho.yaml", projectFile: Array(synthetic.projectFile.utf8), ledgers: names.indices.map { index in
                var source = LedgerSource(path: names[index], stem: String(names[index].dropFirst(10).dropLast(5)), load: {
                    reads.withLock { $0[names[index], default: 0] += 1 }
                    return texts[index]
                })
                if hashed { source.hash = Digest64.hash(texts[index]) }
                return source
            })
        }
        func expectSame(_ checked: CheckedInventory, _ texts: [[UInt8]]) async {
            let plain = await Checker(workers: 1).check(source(texts))
            #expect(String(reflecting: checked.ledgers) == String(reflecting: plain.ledgers))
            #expect(checked.diagnostics == plain.diagnostics && checked.contentHashes == plain.contentHashes)
        }
        let store = MemoryShards()
        let cache = withCache ? LedgerCache(stamp: "t", read: store.read, write: store.write) : nil
        let memory = ParseMemory()
        let first = await Checker(workers: workers, cache: cache, memory: memory).check(source(texts))
        #expect(reads.withLock { $0.count } == 40)
        await expectSame(first, texts)

        reads.withLock { $0 = [:] }
        let (shardReads, shardWrites) = (store.reads, store.writes)
        let second = await Checker(workers: workers, cache: cache, memory: memory).check(source(texts))
        #expect(reads.withLock { $0.isEmpty })
        #expect(store.reads == shardReads && store.writes == shardWrites)
        await expectSame(second, texts)

        // An edit: that file alone is read (with the cache, its shard gives the others).
        texts[3] = Array(String(decoding: texts[3], as: UTF8.self).replacing("schema: 1", with: "schema: 1\nnotes: 変更").utf8)
        reads.withLock { $0 = [:] }
        let edited = await Checker(workers: workers, cache: cache, memory: memory).check(source(texts))
        #expect(reads.withLock { $0 } == [names[3]: 1])
        await expectSame(edited, texts)

        // A file the caller did not hash is never taken from memory.
        reads.withLock { $0 = [:] }
        _ = await Checker(workers: workers, cache: nil, memory: memory).check(source(texts, hashed: false))
        #expect(reads.withLock { $0.count } == 40)

        // Above its limit the memory keeps nothing.
        let small = ParseMemory(limit: 39)
        _ = await Checker(workers: workers, memory: small).check(source(texts))
        reads.withLock { $0 = [:] }
        _ = await Checker(workers: workers, memory: small).check(source(texts))
        #expect(reads.withLock { $0.count } == 40)
    }

    /// A stamp taken by the caller replaces the source's own, and nothing else changes.
    @Test func aStampedSourceKeepsItsBytesAndHash() {
        var source = LedgerSource(path: "inventory/a.yaml", stem: "a", load: { [1, 2, 3] }, stamp: { [9] })
        source.hash = 42
        let stamped = source.stamped([7])
        #expect(stamped.stamp() == [7] && stamped.read() == [1, 2, 3] && stamped.hash == 42 && stamped.path == source.path)
        #expect(source.stamped(nil).stamp() == nil)
    }

    /// An entry its stamp vouches for but whose result no longer reads back: the file is read and
    /// parsed after all, and its hash is that of the bytes read, not the entry's.
    @Test func aStampedEntryThatDoesNotReadBackIsParsedFromTheFile() async throws {
        let text = Array(minimalLedger().utf8)
        let path = "inventory/sample.yaml"
        let store = MemoryShards()
        store.write(LedgerCache.shard(of: path),
                    LedgerCache.Shard.serialized([(path, .init(hash: 42, stamp: [1], blob: [0xFF, 0xFF][...]))], stamp: "t"))
        let source = ProjectSource(projectFilePath: "daicho.yaml", projectFile: nil, ledgers: [
            LedgerSource(path: path, stem: "sample", load: { text }, stamp: { [1] }),
        ])
        let checked = await Checker(workers: 1, cache: LedgerCache(stamp: "t", read: store.read, write: store.write)).check(source)
        #expect(checked.ledgers.count == 1)
        #expect(checked.contentHashes[path] == Digest64.text(Digest64.hash(text)))
    }
}

/// Cache shards in memory, counting writes.
final class MemoryShards: @unchecked Sendable {
    private let lock = NSLock()
    private var shards: [Int: [UInt8]] = [:]
    private(set) var writes = 0
    private(set) var reads = 0

    var read: @Sendable (Int) -> [UInt8]? { { index in self.lock.withLock { self.reads += 1; return self.shards[index] } } }
    var write: @Sendable (Int, [UInt8]) -> Void {
        { index, bytes in self.lock.withLock { self.shards[index] = bytes; self.writes += 1 } }
    }
}
