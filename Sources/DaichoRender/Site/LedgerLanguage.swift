import DaichoCore

/// Text from the ledgers is Japanese whatever the page's language: on a page in another language
/// the elements that hold it say so (`lang="ja"`), for screen readers, line breaking and the
/// choice of glyphs. A Japanese page adds nothing: its elements are Japanese already, and its
/// bytes stay as they were.
extension Language {
    /// Whether this page's elements holding ledger text are marked `lang="ja"`.
    var marksLedgerText: Bool { self != .ja }

    /// ` lang="ja"` for an element holding ledger text on a page in another language, else nothing.
    var ledgerLangAttribute: String { marksLedgerText ? " lang=\"ja\"" : "" }

    /// Inline HTML made from ledger text, in a `<span lang="ja">` on a page in another language.
    func ledgerInline(_ html: String) -> String {
        marksLedgerText ? "<span lang=\"ja\">" + html + "</span>" : html
    }

    /// Block HTML made from a ledger's Markdown, in a `<div lang="ja">` on a page in another language.
    func ledgerBlock(_ html: String) -> String {
        marksLedgerText ? "<div lang=\"ja\">" + html + "</div>" : html
    }
}
