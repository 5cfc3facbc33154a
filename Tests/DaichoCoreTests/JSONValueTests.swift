@testable import DaichoCore
import Testing

/// Object keys print in the order of their UTF-8 bytes (analysis-v1: sorted keys).
struct JSONValueTests {
    @Test func keysInByteOrder() {
        #expect(ByteOrder.precedes("a", "b"))
        #expect(!ByteOrder.precedes("b", "a"))
        #expect(!ByteOrder.precedes("a", "a"))
        // A prefix comes first; the empty key before any other.
        #expect(ByteOrder.precedes("ab", "abc") && !ByteOrder.precedes("abc", "ab"))
        #expect(ByteOrder.precedes("", "a") && !ByteOrder.precedes("", ""))
        // "Z" (0x5A) before "a" (0x61); "あ" starts with 0xE3, after every ASCII key.
        #expect(ByteOrder.precedes("Z", "a"))
        #expect(ByteOrder.precedes("z", "あ") && !ByteOrder.precedes("あ", "z"))
        let object = JSONValue.object(["b": .int(2), "あ": .int(3), "a": .int(1), "B": .int(0)])
        #expect(object.rendered() == "{\n  \"B\": 0,\n  \"a\": 1,\n  \"b\": 2,\n  \"あ\": 3\n}\n")
    }

    /// Property: the same order as comparing the UTF-8 views byte by byte, on random keys.
    @Test func sameOrderAsTheUTF8Views() {
        var random = SplitMix(seed: 42)
        let alphabet = Array("aAzZ0-_.あい台帳🙂é")
        func key() -> String { String((0..<Int(random.next() % 6)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }) }
        for _ in 0..<2_000 {
            let (a, b) = (key(), key())
            #expect(ByteOrder.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) \(b)")
        }
    }

    /// Property: for text in NFC (Japanese names, precomposed accents) the byte order is the order
    /// of `String`'s `<`, so sorting department and vendor names by bytes changes nothing.
    @Test func byteOrderIsTheStringOrderForNFCText() {
        var random = SplitMix(seed: 9)
        let alphabet = Array("aZ0-_ 課市民台帳情報ガヴ（）é🙂")
        for _ in 0..<300 {
            var names: Set<String> = []
            for _ in 0..<Int(random.next() % 30) {
                names.insert(String((0..<Int(random.next() % 6)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }))
            }
            #expect(ByteOrder.sorted(names) == names.sorted())
        }
    }

    /// Property: sorting by the first eight bytes as a number, then by `keyOrder`, is the UTF-8
    /// order, also for keys that share eight bytes or more, are shorter than eight, or hold NUL.
    @Test func sortedKeysAreInUTF8Order() {
        var random = SplitMix(seed: 7)
        let alphabet = Array("aAz0-\u{0}\u{1}あ台🙂é")
        for _ in 0..<300 {
            var fields: [String: JSONValue] = [:]
            for _ in 0..<Int(random.next() % 40) {
                let prefix = ["", "s0-", "systems/", "longprefix12"][Int(random.next() % 4)]
                let tail = String((0..<Int(random.next() % 10)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
                fields[prefix + tail] = .null
            }
            let expected = fields.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            #expect(JSONValue.sortedKeys(fields) == expected)
        }
    }

    /// Property: tables whose keys all share a long prefix (the manifest's ledger paths) or none,
    /// with keys that end inside it or hold NUL, come out in UTF-8 order with their values.
    @Test func tablesSortInUTF8OrderPastASharedPrefix() {
        var random = SplitMix(seed: 19)
        let alphabet = Array("a0-\u{0}あ🙂")
        for round in 0..<300 {
            let shared = ["", "/srv/city/inventory/", "s"][round % 3]
            var rows: [String: Int] = [:]
            for value in 0..<Int(random.next() % 30) {
                let cut = Int(random.next() % UInt64(shared.count + 1))
                let tail = String((0..<Int(random.next() % 12)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
                rows[String(shared.prefix(random.next() % 5 == 0 ? cut : shared.count)) + tail] = value
            }
            let sorted = ByteOrder.sorted(rows)
            #expect(sorted.map(\.key) == rows.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            #expect(sorted.allSatisfy { rows[$0.key] == $0.value })
        }
    }

    /// Property: objects given as dotted paths, written one after another with one `JSONPathKeys`
    /// (as the systems export writes them), are the nested objects' bytes, on random path sets
    /// that share parents at every depth and keep some keys across objects and drop others, in
    /// random orders met once or again.
    @Test func dottedPathsWriteTheNestedObject() {
        var random = SplitMix(seed: 11)
        let words = ["basic", "costs", "annual", "initial", "name", "unit", "b", "b_c", "z9", "é"]
        let keys = JSONPathKeys()
        for round in 0..<300 {
            var tree: [String: JSONValue] = [:]
            var entries: [(path: String, value: JSONValue)] = []
            for _ in 0..<Int(random.next() % 12) {
                let path = (0..<1 + Int(random.next() % 3)).map { _ in words[Int(random.next() % UInt64(words.count))] }
                // No path may be another's parent, or a leaf twice.
                let dotted = path.joined(separator: ".")
                guard !entries.contains(where: { $0.path == dotted || $0.path.hasPrefix(dotted + ".") || dotted.hasPrefix($0.path + ".") })
                else { continue }
                let value: JSONValue = random.next() % 2 == 0 ? .int(Int(random.next() % 100)) : .string("値\(round)")
                entries.append((dotted, value))
                func insert(_ rest: ArraySlice<String>, into object: inout [String: JSONValue]) {
                    guard let head = rest.first else { return }
                    if rest.count == 1 { object[head] = value; return }
                    var inner: [String: JSONValue] = [:]
                    if case .object(let existing)? = object[head] { inner = existing }
                    insert(rest.dropFirst(), into: &inner)
                    object[head] = .object(inner)
                }
                insert(path[...], into: &tree)
            }
            var nested: [UInt8] = []
            JSONValue.object(tree).write(into: &nested, indent: 4)
            // Each order twice: the second time the cached order is used.
            let shuffled = entries.shuffled(using: &random)
            for again in [shuffled, shuffled, entries] {
                var written: [UInt8] = []
                JSONValue.writeObject(again, indent: 4, into: &written, keys: keys)
                #expect(written == nested, "round \(round): \(again.map(\.path))")
            }
        }
    }

    /// Property: writing a document's top-level members on all cores gives the bytes of the plain
    /// one-pass writer, on random trees with large and small lists and objects at every depth,
    /// short one-line lists, empty containers and escaped strings.
    @Test func parallelRenderingIsThePlainWriting() {
        var random = SplitMix(seed: 2026)
        var parallel = 0
        func value(_ depth: Int) -> JSONValue {
            let kind = depth > 3 ? random.next() % 4 : random.next() % 7
            switch kind {
            case 0: return .null
            case 1: return .int(Int(random.next() % 1000))
            case 2: return .string(["a", "台帳\n", "\"<&>\"", "\u{2028}", ""][Int(random.next() % 5)])
            case 3: return .bool(random.next() % 2 == 0)
            case 4: return .array((0..<count()).map { _ in value(depth + 1) })
            case 5: return .array((0..<Int(random.next() % 13)).map { _ in .int(Int(random.next() % 9)) })
            default:
                var fields: [String: JSONValue] = [:]
                for index in 0..<count() { fields["k\(index)-\(random.next() % 100)"] = value(depth + 1) }
                return .object(fields)
            }
        }
        // Mostly small, now and then large (64 members and more).
        func count() -> Int { random.next() % 4 == 0 ? 64 + Int(random.next() % 100) : Int(random.next() % 4) }
        for round in 0..<150 {
            let document: JSONValue = round % 3 == 0 ? value(1) : .object(["a": value(1), "b": value(1), "c": value(2)])
            var plain: [UInt8] = []
            document.write(into: &plain, indent: 0)
            plain.append(0x0A)
            #expect(document.renderedBytes() == plain)
            if case .object(let fields) = document, fields.count > 1 { parallel += 1 }
        }
        // Not vacuous: most documents are written in parallel (an object of more than one member).
        #expect(parallel >= 100, "\(parallel)")
    }

    /// Digits written straight into the buffer spell the number as `String` does, at the edges too.
    @Test func integersAndIndentationAsTheStringsWouldBe() {
        var random = SplitMix(seed: 7)
        let values = [0, 1, -1, 9, 10, -10, 99, 100, 1_000_000, Int.max, Int.min, Int.max - 1, Int.min + 1]
            + (0..<500).map { _ in Int(bitPattern: UInt(random.next())) >> (Int(random.next() % 63)) }
        for value in values {
            var bytes: [UInt8] = [0x41]
            JSONValue.appendInteger(value, into: &bytes)
            #expect(bytes == [0x41] + Array(String(value).utf8), "\(value)")
        }
        for spaces in [0, 1, 2, 63, 64, 65, 200] {
            var bytes: [UInt8] = [0x41]
            JSONValue.pad(spaces, into: &bytes)
            #expect(bytes == [0x41] + [UInt8](repeating: 0x20, count: spaces))
        }
    }
}
