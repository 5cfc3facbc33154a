/// The size of the GFM tables in a ledger's Markdown, found before the Markdown library sees it:
/// the library gives every row as many cells as the header has, so a 29 KB text of a 5,000-column
/// header and 3,000 one-cell rows became 15 million cells (150 MB pages, minutes of work).
public enum MarkdownTables {
    /// The most cells the tables of one Markdown field may make: far above any table a ledger
    /// needs (40 rows of 10 columns are 410 with the header) and small enough to render at once.
    public static let maxCells = 5_000

    /// The cells the tables in `text` would make: for each table, its columns (those of its
    /// delimiter row, `| --- | :-: |`) times its rows (the header and every line up to a blank one).
    /// An upper bound: a line the library would not take as a table row is counted all the same.
    public static func cells(in text: String) -> Int {
        var total = 0
        var previousBlank = true
        var columns = 0  // of the table being read, 0 outside one
        for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if columns > 0 {
                if blank {
                    columns = 0
                } else {
                    total += columns
                }
            } else if !previousBlank, let count = delimiterColumns(line) {
                columns = count
                total += 2 * count  // the header and the delimiter row
            }
            previousBlank = blank
            if total > maxCells { return total }
        }
        return total
    }

    /// The columns of a delimiter row (pipes, dashes, colons and spaces, with a dash in each
    /// cell), or nil for any other line.
    static func delimiterColumns(_ line: Substring.UTF8View) -> Int? {
        var bytes = line[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 || last == 0x0D { bytes = bytes.dropLast() }
        guard bytes.contains(UInt8(ascii: "-")),
              bytes.allSatisfy({ $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ":") || $0 == 0x20 || $0 == 0x09 })
        else { return nil }
        if bytes.first == UInt8(ascii: "|") { bytes = bytes.dropFirst() }
        if bytes.last == UInt8(ascii: "|") { bytes = bytes.dropLast() }
        let cells = bytes.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
        // A line of dashes alone is a thematic break or a heading's underline, not a table.
        guard line.contains(UInt8(ascii: "|")), cells.allSatisfy({ $0.contains(UInt8(ascii: "-")) }) else { return nil }
        return cells.count
    }
}
