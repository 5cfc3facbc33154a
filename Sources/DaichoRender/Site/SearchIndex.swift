import DaichoCore

/// The search index the search page loads as a script (file:// forbids fetching data files):
/// one document per system, and character-bigram posting lists, delta-encoded in base 36.
extension SiteContext {
    func searchIndexScript() -> String {
        var docs: [JSONValue] = []
        var postings: [String: [Int]] = [:]
        for (index, ledger) in ledgers.enumerated() {
            let vendors = [ledger.vendor?.developer, ledger.vendor?.maintainer].compactMap { $0 }
                .filter { _ in !visibility.hides("vendor.developer") }
            let vendor = Array(Set(vendors)).sorted().joined(separator: " ")
            let business = visibility.hides("basic.business") ? "" : ledger.basic.business.joined(separator: " ")
            docs.append(.array([.string(systemPath(ledger.id)), .string(ledger.basic.name), .string(ledger.basic.department),
                                .string(vendor), .string(business), .string(ledger.id)]))
            let haystack = [ledger.basic.name, ledger.basic.department, vendor, business, ledger.id].joined(separator: " ")
                .nfkcTrimmed.lowercased()
            var seen: Set<String> = []
            let scalars = Array(haystack.unicodeScalars)
            for position in scalars.indices.dropLast() {
                let pair = scalars[position...position + 1]
                guard !pair.contains(where: { $0.properties.isWhitespace }) else { continue }
                var gram = ""
                gram.unicodeScalars.append(contentsOf: pair)
                if seen.insert(gram).inserted { postings[gram, default: []].append(index) }
            }
        }
        let grams = postings.mapValues { list -> JSONValue in
            var previous = 0
            let encoded = list.map { value -> String in
                defer { previous = value }
                return String(value - previous, radix: 36)
            }
            return .string(encoded.joined(separator: ","))
        }
        let index = JSONValue.object(["version": .int(1), "docs": .array(docs), "grams": .object(grams)])
        return "window.DAICHO_SEARCH = " + index.rendered().trimmingCharactersInWhitespace + ";\n"
    }
}
