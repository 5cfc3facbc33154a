import DaichoCore
import Testing

/// `Digest64` is what a build compares files by: the same bytes must give the same value however
/// they arrive (the exports are hashed a part at a time as they stream out), and different bytes
/// should not.
struct Digest64Tests {
    func bytes(_ count: Int, _ random: inout SplitMix) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    }

    @Test func partsGiveTheValueOfTheWhole() {
        var random = SplitMix(seed: 3)
        for _ in 0..<500 {
            let data = bytes(Int(random.next() % 300), &random)
            var digest = Digest64()
            var start = 0
            // Cuts anywhere, empty parts included, across the 32-byte blocks.
            while start < data.count {
                let end = min(data.count, start + Int(random.next() % 40))
                digest.combine(data[start..<end])
                start = end
            }
            #expect(digest.value == Digest64.hash(data), "\(data.count) bytes")
        }
    }

    @Test func differentBytesDiffer() {
        var random = SplitMix(seed: 5)
        var seen: [UInt64: [UInt8]] = [:]
        for length in 0..<200 {
            for _ in 0..<50 {
                let data = bytes(length, &random)
                let value = Digest64.hash(data)
                if let other = seen[value], other != data { Issue.record("collision at \(length) bytes") }
                seen[value] = data
            }
        }
        // Trailing zero bytes, and a flipped bit in every place of a block and of the tail.
        let zeros = (0..<70).map { Digest64.hash([UInt8](repeating: 0, count: $0)) }
        #expect(Set(zeros).count == zeros.count)
        // Every bit flipped, over one 32-byte stretch and a tail, and over several.
        for length in [45, 130] {
            let base = bytes(length, &random)
            var flipped: Set<UInt64> = [Digest64.hash(base)]
            for index in base.indices {
                for bit in 0..<8 {
                    var changed = base
                    changed[index] ^= 1 << bit
                    flipped.insert(Digest64.hash(changed))
                }
            }
            #expect(flipped.count == 1 + length * 8, "\(length) bytes")
        }
    }
}
