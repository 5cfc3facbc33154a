import DaichoCore

/// The draft date the procurement documents print (`--date`).
enum DraftDate {
    /// `令和8年（2026年）12月1日` for a date read to the day (`--date` is checked to be one); the text as given otherwise.
    static func japanese(_ raw: String?) -> String? {
        guard let raw else { return nil }
        if case .date(let date) = DateParser.parse(raw), date.day != nil { return date.japanese }
        return raw
    }
}
