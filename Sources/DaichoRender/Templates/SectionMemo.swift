import Synchronization

/// The bytes of sections over shared lists, kept from page to page: the navigation is the same
/// list on every page of a section, and walking its items (eight pushes, some thirty lookups)
/// was a third of the layout's cost on each of the forty thousand pages of a 10,000-system site.
///
/// A section's bytes depend on its items and on what its body finds outside them (`page.root`,
/// say). The items are the same when the list is the same object, which the memo holds, so its
/// identity cannot pass to another list. The names found outside are kept with their values,
/// and a page reuses the bytes only when each of them finds the same value again, compared byte
/// for byte; a body that finds anything else outside its items (a view model, markup, a name
/// found nowhere) is not kept.
final class SectionMemo: Sendable {
    struct Key: Hashable {
        var op: Int
        var escaping: Int32
        var list: ObjectIdentifier
    }

    /// A value found outside the items.
    enum Dependency: Equatable {
        case text([UInt8])
        case number(Int)
        case flag(Bool)

        init?(_ value: TemplateValue) {
            switch value {
            case .text(let text): self = .text(Array(text.utf8))
            case .number(let number): self = .number(number)
            case .flag(let flag): self = .flag(flag)
            default: return nil
            }
        }
    }

    struct Entry: Sendable {
        /// Held so that its identity is not reused while the entry exists.
        var list: any AnyObject & Sendable
        /// Name (an index into the program's names) → the value it found, in the order first asked.
        var dependencies: [(name: Int, value: Dependency)]
        var bytes: [UInt8]
    }

    /// Entries kept at most: lists are few (one per section of the site); a memo of a long-lived
    /// `serve` starts afresh when full rather than holding the lists of old builds.
    static let capacity = 256

    private let entries = Mutex<[Key: Entry]>([:])

    func entry(_ key: Key) -> Entry? {
        entries.withLock { $0[key] }
    }

    func store(_ key: Key, _ entry: Entry) {
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[key] = entry
        }
    }
}
