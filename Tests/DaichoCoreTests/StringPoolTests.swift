import Testing
@testable import DaichoCore

struct StringPoolTests {
    /// A text read twice through one pool is one string (the second shares the first's storage);
    /// texts of 15 bytes or fewer are not pooled (they live inside the value); bytes that are not
    /// UTF-8 throw with a pool too, and are not taken into it.
    @Test func repeatsShareOneString() throws {
        let pool = StringPool()
        let long = "総務部情報政策課 (17+ bytes)"
        let bytes = BinaryWriter.encode([long, long, "short", "short"])
        let texts = try BinaryReader.decode([String].self, from: bytes[...], pool: pool)
        #expect(texts == [long, long, "short", "short"])
        #expect(storage(texts[0]) != nil && storage(texts[0]) == storage(texts[1]))
        // Two reads without a pool are two strings.
        let apart = try BinaryReader.decode([String].self, from: bytes[...])
        #expect(storage(apart[0]) != storage(apart[1]))
        // 16 bytes (the smallest pooled length): 0x10, then the bytes with the last one bad.
        // (The second read cannot tell: a repaired text taken in would not match the stored bytes.)
        let bad: [UInt8] = [16] + Array("0123456789abcde".utf8) + [0xFF]
        let held = pool.count
        #expect(held == 1)
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(String.self, from: bad[...], pool: pool) }
        #expect(throws: BinaryReader.Malformed.self) { try BinaryReader.decode(String.self, from: bad[...], pool: pool) }
        #expect(pool.count == held)
    }

    /// Property: for random texts (many repeats, many lengths around the 16-byte line, Japanese
    /// and ASCII, texts that differ in one byte), a decode through a pool gives the same texts as
    /// one without, over many pool sizes, including one full after three texts and one that grows
    /// its table several times.
    @Test func pooledDecodeEqualsPlainDecode() throws {
        var random = SplitMix(seed: 26)
        let alphabet = Array("aé部課情報政策01 ")
        for round in 0..<40 {
            var texts: [String] = []
            var seen: [String] = []
            for _ in 0..<Int(random.next() % 3000) {
                if !seen.isEmpty, random.next() % 3 == 0 {
                    texts.append(seen[Int(random.next() % UInt64(seen.count))])
                    continue
                }
                let length = Int(random.next() % 24)
                let text = String((0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
                seen.append(text)
                texts.append(text)
            }
            let bytes = BinaryWriter.encode(texts)
            let pool = StringPool(limit: round % 4 == 0 ? 3 : 1 << 16)
            #expect(try BinaryReader.decode([String].self, from: bytes[...], pool: pool) == texts)
            #expect(try BinaryReader.decode([String].self, from: bytes[...], pool: pool) == texts)
        }
    }

    /// The pool's own bookkeeping, which a comparison of decoded texts cannot see (a pool that lost
    /// its texts as its table grew, or took texts past its limit, still decodes right): every text
    /// of the first `limit` is shared by its repeat after the table has grown several times, and
    /// none after the limit; texts whose hashes collide (one hash for all) are told apart by their
    /// bytes, each found again as itself.
    @Test func sharingSurvivesGrowthAndStopsAtTheLimit() throws {
        for limit in [0, 1, 511, 512, 513, 2000, 1 << 16] {
            let pool = StringPool(limit: limit)
            let texts = (0..<3000).map { "a text long enough \($0)" }
            let bytes = BinaryWriter.encode(texts + texts)
            let read = try BinaryReader.decode([String].self, from: bytes[...], pool: pool)
            #expect(read == texts + texts)
            let shared = (0..<texts.count).filter { storage(read[$0]) == storage(read[$0 + texts.count]) }
            let sharedAreTheFirst = shared.elementsEqual(0..<min(limit, texts.count))
            #expect(sharedAreTheFirst, "limit \(limit): \(shared.count) shared, from \(shared.first ?? -1)")
        }
        let pool = StringPool()
        let texts = (0..<2000).map { "colliding text number \($0)" }
        func find(_ text: String) -> String? {
            Array(text.utf8).withUnsafeBufferPointer { pool.text($0, hash: 7) }
        }
        for text in texts {
            #expect(find(text) == nil)
            pool.insert(text, hash: 7)
        }
        for text in texts {
            let found = find(text)
            #expect(found == text && found.map(storage) == storage(text))
        }
    }

    /// Ledgers read back from one shard share the department text they repeat, and read the same
    /// as without the pool.
    @Test func ledgersFromTheCacheShareRepeatedTexts() throws {
        let inventory = SyntheticInventory(count: 40, seed: 3)
        let pool = StringPool()
        var departments: [String] = []
        for index in 0..<40 {
            let ledger = inventory.ledger(index)
            let result = LedgerParser().parse(Array(ledger.text.utf8), file: "inventory/\(ledger.name)", stem: String(ledger.name.dropLast(5)))
            let bytes = BinaryWriter.encode(result)
            let pooled = try BinaryReader.decode(LedgerParser.Result.self, from: bytes[...], pool: pool)
            #expect(String(reflecting: pooled) == String(reflecting: result))
            if let department = pooled.ledger?.basic.department, department.utf8.count >= StringPool.smallest {
                departments.append(department)
            }
        }
        let repeated = Dictionary(grouping: departments, by: { $0 }).values.filter { $0.count > 1 }
        #expect(!repeated.isEmpty)
        for group in repeated { #expect(Set(group.map(storage)).count == 1) }
    }

    /// The address of a string's UTF-8 storage (nil for one kept inside the value).
    private func storage(_ text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }
}
