/// A row of a list page that a rebuild may copy from the page it wrote last time: the template
/// renderer asks for the old bytes of a row by its id, and records where each row went.
protocol ReusableRow {
    var reuseID: String { get }
}

/// A section's rows seen as ids: one cast per section, not one per row.
protocol ReusableRows {
    func reuseID(at index: Int) -> String
}

extension Array: ReusableRows where Element: ReusableRow {
    func reuseID(at index: Int) -> String { self[index].reuseID }
}

/// Row reuse for one render of one page: which rows can be copied from the page the last build
/// wrote (their keys match), and where this render puts each row. Used by one render at a time.
final class RowReuse: @unchecked Sendable {
    /// A row with a key: what it is made from, and its old bytes when they can be copied (inside
    /// `source`'s files, which it keeps).
    private struct Entry {
        var key: String
        var old: UnsafeRawBufferPointer?
    }

    let path: String
    /// Row id → its entry; a row without one is rendered, never copied nor recorded. One table,
    /// so that a row is looked up once: the systems list and the maintenance table have a row per
    /// system, and five lookups a row were a twentieth of a one-ledger rebuild.
    private let entries: [String: Entry]
    private let source: FragmentSource?
    private(set) var pieces: [String: Fragments.Piece] = [:]
    private var repeated: Set<String> = []

    init(path: String, source: FragmentSource?, keys: [String: String]) {
        self.path = path
        self.source = source
        let previous = source?.pieces(of: path)
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(keys.count)
        for (id, key) in keys where !key.isEmpty {
            entries[id] = Entry(key: key, old: previous?.bytes(id: id, key: key))
        }
        self.entries = entries
        pieces.reserveCapacity(keys.count)
    }

    /// True when the row is copied, not rendered: the page model may leave it empty.
    func reuses(_ id: String) -> Bool { entries[id]?.old != nil }

    /// Row `id` at the end of `output`: copied from the last page when its key matches, else made
    /// by `render`; its place recorded either way.
    func row(_ id: String, into output: inout [UInt8], render: (inout [UInt8]) -> Void) {
        let start = output.count
        guard let entry = entries[id] else {
            render(&output)
            return
        }
        if let old = entry.old { output.append(contentsOf: old) } else { render(&output) }
        record(id, key: entry.key, offset: start, length: output.count - start)
    }

    /// An id met twice on the page is not recorded: which of its rows to copy would be a guess.
    private func record(_ id: String, key: String, offset: Int, length: Int) {
        guard pieces.updateValue(Fragments.Piece(key: key, offset: offset, length: length), forKey: id) != nil
            || (!repeated.isEmpty && repeated.contains(id)) else { return }
        pieces[id] = nil
        repeated.insert(id)
    }
}
