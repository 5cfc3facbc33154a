extension FollowUpReport {
    /// A link to a system of the inventory that the partner's ledger does not list back, as a
    /// question to the partner's department (`partnerFile` is its ledger).
    struct OneSidedLink {
        var partnerFile: String
        var question: SharedQuestion
    }

    /// The links that only one end lists (`InventoryRules.oneSidedLinks`, which `check` warns of
    /// on the side that lists them): the partner's department is the one that knows whether the
    /// link exists, so it is asked, in its own words: it has no line of its own for the link, so
    /// the other ledger's line is named. One question per pair, at the first link.
    /// - Parameters:
    ///   - ledgers: in file path order.
    ///   - found: `InventoryRules.oneSidedLinks(in: ledgers)`, as the check found them (nil: looked for here).
    static func oneSidedLinks(in ledgers: [Ledger], found: [InventoryRules.OneSidedLink]? = nil) -> [OneSidedLink] {
        (found ?? InventoryRules.oneSidedLinks(in: ledgers)).map { found in
            let ledger = ledgers[found.ledger]
            let (message, hint) = said(found, by: ledger.id)
            let path = "integrations[\(found.links[0].index)].system"
            return OneSidedLink(partnerFile: ledgers[found.partner].file, question: SharedQuestion(
                severity: .warning, reporter: ledger.id, reporterLocation: ledger.sourceMap.location(of: path),
                own: nil, fieldPath: "integrations", message: message, hint: hint))
        }
    }

    /// The question, said to the partner: what `reporter` lists towards it, and what to add.
    private static func said(_ found: InventoryRules.OneSidedLink, by reporter: String) -> (LocalizedText, LocalizedText) {
        let links = found.links
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
        let unique = found.entriesToAdd(reporter: reporter)
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
