import DaichoCore
import Foundation

/// The search index the search page loads as a script (file:// forbids fetching data files):
/// one document per system, and character-bigram posting lists, delta-encoded in base 36.
extension SiteContext {
    /// Written as bytes in the layout `JSONValue` renders (sorted keys, two-space indent). Bigrams
    /// are two scalars packed in one integer: their numeric order is the UTF-8 order the keys sort
    /// in, and the per-system work (normalising, splitting) runs on all cores.
    func searchIndexScript() -> [UInt8] {
        let ledgers = self.ledgers
        let (showsDeveloper, showsMaintainer) = (!visibility.hides("vendor.developer"), !visibility.hides("vendor.maintainer"))
        let hidesBusiness = visibility.hides("basic.business")
        let chunkSize = 256, windowChunks = 32
        let chunkCount = (ledgers.count + chunkSize - 1) / chunkSize
        var postings: [UInt64: [Int32]] = [:]
        var output = Array("window.DAICHO_SEARCH = {\n  \"docs\": ".utf8)
        output += ledgers.isEmpty ? Array("[]".utf8) : Array("[\n".utf8)
        var document: Int32 = 0
        // A window of chunks at a time: the bigrams of 100,000 documents held at once were
        // a tenth of a national build's memory.
        for windowStart in stride(from: 0, to: chunkCount, by: windowChunks) {
            let count = min(windowChunks, chunkCount - windowStart)
            let chunks = Concurrently.map(count) { offset -> (docs: [UInt8], grams: [[UInt64]]) in
                let chunk = windowStart + offset
                var docs: [UInt8] = []
                var grams: [[UInt64]] = []
                for index in chunk * chunkSize..<min((chunk + 1) * chunkSize, ledgers.count) {
                    let ledger = ledgers[index]
                    let vendors = [showsDeveloper ? ledger.developer : nil, showsMaintainer ? ledger.maintainer : nil].compactMap { $0 }
                    let vendor = Array(Set(vendors)).sorted().joined(separator: " ")
                    let business = hidesBusiness ? "" : ledger.business.joined(separator: " ")
                    JSONValue.pad(4, into: &docs)
                    JSONValue.array([.string(systemPath(ledger.id)), .string(ledger.name), .string(ledger.department),
                                     .string(vendor), .string(business), .string(ledger.id)]).write(into: &docs, indent: 4)
                    docs += index == ledgers.count - 1 ? [0x0A] : [0x2C, 0x0A]
                    let haystack = [ledger.name, ledger.department, vendor, business, ledger.id].joined(separator: " ")
                        .nfkcTrimmed.lowercased()
                    let scalars = Array(haystack.unicodeScalars)
                    var packed: [UInt64] = []
                    packed.reserveCapacity(scalars.count)
                    for position in scalars.indices.dropLast() {
                        let a = scalars[position], b = scalars[position + 1]
                        guard !a.properties.isWhitespace, !b.properties.isWhitespace else { continue }
                        packed.append(UInt64(a.value) << 32 | UInt64(b.value))
                    }
                    grams.append(Array(Set(packed)))
                }
                return (docs, grams)
            }
            for chunk in chunks {
                output += chunk.docs
                for grams in chunk.grams {
                    for gram in grams { postings[gram, default: []].append(document) }
                    document += 1
                }
            }
        }
        if !ledgers.isEmpty { output += Array("  ]".utf8) }
        output += Array(",\n  \"grams\": ".utf8)
        if postings.isEmpty {
            output += Array("{}".utf8)
        } else {
            output += Array("{\n".utf8)
            let keys = postings.keys.sorted()
            for (position, key) in keys.enumerated() {
                var gram = ""
                for value in [UInt32(key >> 32), UInt32(key & 0xFFFF_FFFF)] {
                    if let scalar = Unicode.Scalar(value) { gram.unicodeScalars.append(scalar) }
                }
                var previous: Int32 = 0
                let encoded = (postings[key] ?? []).map { value -> String in
                    defer { previous = value }
                    return String(value - previous, radix: 36)
                }.joined(separator: ",")
                JSONValue.pad(4, into: &output)
                JSONValue.escape(gram, into: &output)
                output += [0x3A, 0x20]
                JSONValue.escape(encoded, into: &output)
                output += position == keys.count - 1 ? [0x0A] : [0x2C, 0x0A]
            }
            output += Array("  }".utf8)
        }
        output += Array(",\n  \"version\": 1\n};\n".utf8)
        return output
    }
}
