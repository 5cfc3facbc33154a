extension InventoryRules {
    /// The links a system lists to a partner of the inventory whose ledger lists no link back.
    public struct OneSidedLink: Sendable {
        /// The ledger that lists the links, and the partner's, by position in the ledgers.
        public var ledger: Int
        public var partner: Int
        /// In the order the ledger lists them; never empty.
        public var links: [Integration]

        /// What the partner's ledger would list to describe the links from its side (send and
        /// receive swap), each once: `system: zeimu, direction: receive`.
        public func entriesToAdd(reporter: String) -> [String] {
            var seen: Set<String> = []
            return links.map { link in
                let mirrored: IntegrationDirection = switch link.direction {
                case .send: .receive
                case .receive: .send
                case .both: .both
                }
                return "system: \(reporter), direction: \(mirrored.token)"
            }.filter { seen.insert($0).inserted }
        }
    }

    /// The links that only one end lists, for `check` (a warning on the side that lists them) and
    /// the follow-up (a question to the other side), which ask here so that they agree. Links to
    /// the system itself, to no ledger or to a file that gave no ledger are left out: those have
    /// their own diagnostics. Of several ledgers with one id, the one that keeps it (`keeper`)
    /// speaks for the system, as the check settles duplicates.
    /// - Parameter ledgers: in file path order.
    /// - Returns: in ledger order, each ledger's partners in the order it first lists them.
    public static func oneSidedLinks(in ledgers: [Ledger]) -> [OneSidedLink] {
        // Each id's ledger, the first with it unless several share it: one hash a ledger, and the
        // keeper worked out (file names compared) only for the ids that are shared.
        var keepers = [String: Int](minimumCapacity: ledgers.count)
        var sharing: [String: [Int]] = [:]
        for (position, ledger) in ledgers.enumerated() {
            if let earlier = keepers.updateValue(position, forKey: ledger.id) {
                keepers[ledger.id] = earlier
                sharing[ledger.id, default: [earlier]].append(position)
            }
        }
        for (id, positions) in sharing { keepers[id] = keeper(among: positions, of: ledgers) }
        // Each kept ledger's partners by position, found once; the pairs listed as numbers, not
        // id strings (hashing these for every link is what this rule costs at 100,000 systems).
        let count = ledgers.count
        var partners = [[(position: Int, link: Integration)]](repeating: [], count: count)
        var listed = Set<Int>()
        for (position, ledger) in ledgers.enumerated() where keepers[ledger.id] == position {
            for link in ledger.integrations {
                guard case .system(let id) = link.target, let partner = keepers[id], partner != position else { continue }
                partners[position].append((partner, link))
                listed.insert(position * count + partner)
            }
        }
        var result: [OneSidedLink] = []
        for position in partners.indices where !partners[position].isEmpty {
            var byPartner: [Int: Int] = [:]
            var found: [OneSidedLink] = []
            for (partner, link) in partners[position] where !listed.contains(partner * count + position) {
                if let index = byPartner[partner] {
                    found[index].links.append(link)
                } else {
                    byPartner[partner] = found.count
                    found.append(OneSidedLink(ledger: position, partner: partner, links: [link]))
                }
            }
            result += found
        }
        return result
    }

    /// A warning on each link to a partner of the inventory whose ledger does not list it back,
    /// at the first such link to that partner. ledger-v1 lets one side describe a link the other
    /// does not, so it is no error; but a mistyped partner id reads the same way, and the two
    /// ledgers disagree on what the inventory's integration map shows.
    /// - Parameter found: `oneSidedLinks(in: ledgers)`, when the caller has it.
    static func checkOneSidedLinks(_ ledgers: [Ledger], found: [OneSidedLink]? = nil) -> [Diagnostic] {
        (found ?? oneSidedLinks(in: ledgers)).map { found in
            let ledger = ledgers[found.ledger], partner = ledgers[found.partner]
            let path = "integrations[\(found.links[0].index)].system"
            let entries = found.entriesToAdd(reporter: ledger.id)
            return Diagnostic(.warning, .oneSidedIntegration, at: ledger.sourceMap.location(of: path), field: path,
                LocalizedText(ja: "連携先「\(partner.id)」の台帳（\(partner.file)）には、このシステムとの連携が書かれていません",
                              en: "the partner '\(partner.id)' lists no link with this system (\(partner.file))"),
                hint: LocalizedText(
                    ja: "連携先のIDが正しいか確認してください。正しければ、\(partner.file) の integrations に「" + entries.joined(separator: "」と「")
                        + "」を加えると、両方の台帳の記載がそろいます（一方の台帳だけに書かれた連携も誤りではありません）",
                    en: "check the partner's id; if it is right, adding '" + entries.joined(separator: "' and '") + "' to integrations in \(partner.file)"
                        + " makes the two ledgers agree (a link listed on one side only is not an error)"))
        }
    }
}
