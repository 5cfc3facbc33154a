/// One copy of each diagnostic text for the diagnostics of many files.
///
/// The same rule gives the same words in every ledger ("推奨項目「サーバ」が未記入です" and its
/// hint), yet each diagnostic was made, or read back from the cache, with its own copies: five
/// strings of about a hundred bytes each. An inventory converted from spreadsheets can have a
/// few dozen warnings per ledger, and at national scale those copies were gigabytes. Swift
/// strings share their storage when copied, so handing out the first copy of each text keeps
/// one. (Texts of up to 15 bytes are held inside the value and need no sharing.)
public struct SharedTexts {
    private var texts: Set<String> = []

    public init() {}

    /// The first copy of `text` handed to this table.
    public mutating func shared(_ text: String) -> String {
        guard text.utf8.count > 15 else { return text }
        return texts.insert(text).memberAfterInsert
    }

    public mutating func share(_ text: LocalizedText) -> LocalizedText {
        LocalizedText(ja: shared(text.ja), en: shared(text.en))
    }

    /// `diagnostic` with its texts (file, field path, message, hint) shared.
    public mutating func share(_ diagnostic: Diagnostic) -> Diagnostic {
        var shared = diagnostic
        shared.location.file = self.shared(diagnostic.location.file)
        shared.fieldPath = self.shared(diagnostic.fieldPath)
        shared.message = share(diagnostic.message)
        shared.hint = diagnostic.hint.map { share($0) }
        return shared
    }

    public mutating func share(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { share($0) }
    }
}
