extension FollowUpReport {
    /// A link to a system of the inventory that the partner's ledger does not list back, as a
    /// question to the partner's department (`partnerFile` is its ledger).
    struct OneSidedLink {
        var partnerFile: String
        var question: SharedQuestion
    }

    /// The links that only one end lists. `check` has nothing to say about them (a system may
    /// describe a link its partner does not), but the partner's department is the one that knows
    /// whether the link exists, so it is asked, in its own words: it has no line of its own for
    /// the link, so the other ledger's line is named. One question per pair, at the first link.
    /// - Parameter ledgers: in file path order; of several with one id, the file named after the id
    ///   speaks for the system, else the first (as `check` settles duplicates).
    static func oneSidedLinks(in ledgers: [Ledger]) -> [OneSidedLink] {
        // Each id's ledger, by position, as the check keeps it (the ledgers are not copied into a table).
        var sharing: [String: [Int]] = [:]
        for (position, ledger) in ledgers.enumerated() { sharing[ledger.id, default: []].append(position) }
        let owner = sharing.mapValues { InventoryRules.keeper(among: $0, of: ledgers) }
        // Every link each system lists, once: looking through the partner's list for each link
        // was quadratic for a hub that thousands of systems link to.
        struct Pair: Hashable { var from: String, to: String }
        var listed: Set<Pair> = []
        for (position, ledger) in ledgers.enumerated() where owner[ledger.id] == position {
            for link in ledger.integrations { if case .system(let id) = link.target { listed.insert(Pair(from: ledger.id, to: id)) } }
        }
        var result: [OneSidedLink] = []
        for (position, ledger) in ledgers.enumerated() where owner[ledger.id] == position {
            var byPartner: [String: [Integration]] = [:]
            var partners: [String] = []
            for link in ledger.integrations {
                guard case .system(let id) = link.target, id != ledger.id, owner[id] != nil else { continue }
                guard !listed.contains(Pair(from: id, to: ledger.id)) else { continue }
                if byPartner[id] == nil { partners.append(id) }
                byPartner[id, default: []].append(link)
            }
            for id in partners {
                guard let partner = owner[id].map({ ledgers[$0] }), let links = byPartner[id], let first = links.first else { continue }
                let (message, hint) = said(links, by: ledger.id)
                let path = "integrations[\(first.index)].system"
                result.append(OneSidedLink(partnerFile: partner.file, question: SharedQuestion(
                    severity: .warning, reporter: ledger.id, reporterLocation: ledger.sourceMap.location(of: path),
                    own: nil, fieldPath: "integrations", message: message, hint: hint)))
            }
        }
        return result
    }

    /// The question, said to the partner: what `reporter` lists towards it, and what to add.
    private static func said(_ links: [Integration], by reporter: String) -> (LocalizedText, LocalizedText) {
        func described(_ link: Integration, _ language: Language) -> String {
            let data = link.data.map { language == .ja ? "（連携データ: \($0)）" : " (data: \($0))" } ?? ""
            switch (link.direction, language) {
            case (.send, .ja): return "このシステムへデータを送る連携" + data
            case (.receive, .ja): return "このシステムからデータを受け取る連携" + data
            case (.both, .ja): return "このシステムとの双方向の連携" + data
            case (.send, _): return "a link sending data to this system" + data
            case (.receive, _): return "a link receiving data from this system" + data
            case (.both, _): return "a two-way link with this system" + data
            }
        }
        // What this side would write: send and receive swap.
        let entries = links.map { link -> String in
            let mirrored: IntegrationDirection = switch link.direction {
            case .send: .receive
            case .receive: .send
            case .both: .both
            }
            return "system: \(reporter), direction: \(mirrored.token)"
        }
        var seen: Set<String> = []
        let unique = entries.filter { seen.insert($0).inserted }
        return (LocalizedText(
                    ja: links.map { described($0, .ja) }.joined(separator: "、") + "が記載されていますが、このシステムの台帳の連携（integrations）には \(reporter) がありません",
                    en: "it lists " + links.map { described($0, .en) }.joined(separator: ", ") + ", but this system's ledger lists no link with \(reporter) (integrations)"),
                LocalizedText(
                    ja: "連携の有無と内容をご確認ください。連携があれば integrations に「" + unique.joined(separator: "」と「")
                        + "」を加えてください（連携がなければ、その旨をご回答ください）",
                    en: "please check whether the link exists and what it carries; if it does, add '" + unique.joined(separator: "' and '")
                        + "' to integrations (if not, please say so in your answer)"))
    }
}
