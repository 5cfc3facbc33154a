import DaichoCore
import DaichoRender

/// The changes to one file's pieces, with the pieces that only moved given as shifts.
///
/// An edit that changes the length of one system's row (a name, a cost with another number of
/// digits) moves every piece after it: row by row, half the pieces of each export changed, the
/// journal outgrew its limit and the whole manifest was written again (4.6 MB at 10,000 systems,
/// a seventh of such a rebuild). Here those pieces are one shift each run: a piece whose old
/// offset is at least a shift's `from` (and below the next shift's) moves by its `delta`.
struct PieceChanges: Sendable, Equatable, BinaryRecord {
    /// Pieces new, changed in their key or length, or moved other than their neighbours; and
    /// the pieces removed.
    var rows = TableChanges<Fragments.Piece>()
    /// Sorted by `from`; before the first, pieces stay where they were.
    var shifts: [Shift] = []

    struct Shift: Sendable, Equatable, BinaryRecord {
        var from: Int
        var delta: Int

        init(from: Int, delta: Int) {
            self.from = from
            self.delta = delta
        }

        func write(to writer: inout BinaryWriter) {
            writer.put(from)
            writer.put(delta)
        }

        init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
            from = try reader.get()
            delta = try reader.get()
        }
    }

    init() {}

    init(from old: [String: Fragments.Piece], to new: [String: Fragments.Piece]) {
        var moved: [(from: Int, delta: Int)] = []
        moved.reserveCapacity(new.count)
        var changed: [String: Fragments.Piece] = [:]
        var anyMoved = false
        for (id, piece) in new {
            guard let before = old[id], before.key == piece.key, before.length == piece.length else {
                changed[id] = piece
                continue
            }
            moved.append((before.offset, piece.offset - before.offset))
            if piece.offset != before.offset { anyMoved = true }
        }
        // Usually nothing moved (an edit that keeps each row's length): no shift, and no sort.
        if anyMoved { shifts = Self.shifts(&moved) }
        rows = TableChanges(from: old, to: new, changed: changed)
    }

    /// Runs of one delta in the old order; a piece that moved unlike its neighbours starts a run
    /// of its own, so every piece not among the changed rows is given its own delta.
    private static func shifts(_ moved: inout [(from: Int, delta: Int)]) -> [Shift] {
        moved.sort { $0.from < $1.from }
        var shifts: [Shift] = [], current = 0
        for piece in moved where piece.delta != current {
            shifts.append(Shift(from: piece.from, delta: piece.delta))
            current = piece.delta
        }
        return shifts
    }

    var isEmpty: Bool { rows.isEmpty && shifts.isEmpty }

    func apply(to table: inout [String: Fragments.Piece]) {
        for key in rows.removed { table[key] = nil }
        if !shifts.isEmpty {
            var index = table.values.startIndex
            while index != table.values.endIndex {
                let offset = table.values[index].offset
                // The last shift that starts at or before the offset.
                var low = 0, high = shifts.count
                while low < high {
                    let middle = (low + high) / 2
                    if shifts[middle].from <= offset { low = middle + 1 } else { high = middle }
                }
                if low > 0 { table.values[index].offset += shifts[low - 1].delta }
                table.values.formIndex(after: &index)
            }
        }
        // Rows are written over what the shifts did: their offsets are the new ones.
        for (key, value) in rows.rows { table[key] = value }
    }

    func write(to writer: inout BinaryWriter) {
        writer.put(rows)
        writer.put(shifts)
    }

    init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        rows = try reader.get()
        shifts = try reader.get()
    }
}
