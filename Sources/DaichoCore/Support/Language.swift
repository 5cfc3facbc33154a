/// The language a person reads: Japanese by default, English on request.
public enum Language: String, Sendable, CaseIterable {
    case ja, en

    /// Reads a `LANG`-style value (`ja_JP.UTF-8`, `en_US.UTF-8`); anything else is Japanese.
    public init(localeIdentifier: String?) {
        if let id = localeIdentifier?.lowercased(), id.hasPrefix("en") {
            self = .en
        } else {
            self = .ja
        }
    }
}

/// A text in both languages the product speaks.
public struct LocalizedText: Sendable, Hashable {
    public var ja: String
    public var en: String

    public init(ja: String, en: String) {
        self.ja = ja
        self.en = en
    }

    public func text(_ language: Language) -> String {
        language == .ja ? ja : en
    }
}

extension LocalizedText: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(ja)
        writer.put(en)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        ja = try reader.get()
        en = try reader.get()
    }
}
