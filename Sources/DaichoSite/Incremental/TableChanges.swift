import DaichoCore

/// The rows of one table that were added or changed, and the keys that were removed.
struct TableChanges<Value: BinaryRecord & Equatable & Sendable>: Sendable, Equatable, BinaryRecord {
    var rows: [String: Value] = [:]
    var removed: Set<String> = []

    init() {}

    /// Compared row by row: the cost of a look-up per row, against encoding and writing them all.
    init(from old: [String: Value], to new: [String: Value]) {
        for (key, value) in new where old[key] != value { rows[key] = value }
        // Keys went only if `new` has fewer than `old` plus the rows it added (at most `rows`):
        // the usual rebuild removes nothing and skips going over `old` again.
        if old.count + rows.count > new.count {
            for key in old.keys where new[key] == nil { removed.insert(key) }
        }
    }

    /// The rows `changed` (worked out by the caller), and the keys of `old` that `new` lacks.
    init(from old: [String: Value], to new: [String: Value], changed: [String: Value]) {
        rows = changed
        if old.count + rows.count > new.count {
            for key in old.keys where new[key] == nil { removed.insert(key) }
        }
    }

    var isEmpty: Bool { rows.isEmpty && removed.isEmpty }

    func apply(to table: inout [String: Value]) {
        for key in removed { table[key] = nil }
        for (key, value) in rows { table[key] = value }
    }

    func write(to writer: inout BinaryWriter) {
        writer.put(rows)
        writer.put(ByteOrder.sorted(removed))
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        rows = try reader.get()
        removed = Set(try reader.get([String].self))
    }
}
