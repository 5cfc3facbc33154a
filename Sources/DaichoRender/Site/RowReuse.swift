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
    let path: String
    /// Row id → what the row is made from; a row without a key is rendered, never copied.
    private let keys: [String: String]
    /// The old bytes of the rows whose keys match, by id (inside `source`'s files, which it keeps).
    private let rows: [String: UnsafeRawBufferPointer]
    private let source: FragmentSource?
    private(set) var pieces: [String: Fragments.Piece] = [:]
    private var repeated: Set<String> = []

    init(path: String, source: FragmentSource?, keys: [String: String]) {
        self.path = path
        self.keys = keys
        self.source = source
        var rows: [String: UnsafeRawBufferPointer] = [:]
        if let source {
            for (id, key) in keys { rows[id] = source.piece(path, id: id, key: key) }
        }
        self.rows = rows
    }

    /// True when the row is copied, not rendered: the page model may leave it empty.
    func reuses(_ id: String) -> Bool { rows[id] != nil }

    /// Row `id` at the end of `output`: copied from the last page when its key matches, else made
    /// by `render`; its place recorded either way.
    func row(_ id: String, into output: inout [UInt8], render: (inout [UInt8]) -> Void) {
        let start = output.count
        if let old = rows[id] { output.append(contentsOf: old) } else { render(&output) }
        record(id, offset: start, length: output.count - start)
    }

    /// An id met twice on the page is not recorded: which of its rows to copy would be a guess.
    private func record(_ id: String, offset: Int, length: Int) {
        guard let key = keys[id], !key.isEmpty, !repeated.contains(id) else { return }
        if pieces[id] != nil {
            pieces[id] = nil
            repeated.insert(id)
            return
        }
        pieces[id] = Fragments.Piece(key: key, offset: offset, length: length)
    }
}
