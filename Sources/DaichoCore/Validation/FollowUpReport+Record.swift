extension FollowUpReport {
    /// The line that starts the record of the files a run wrote, at the end of `index.md`.
    static let recordStart = "<!-- daicho:follow-up-files"

    /// The record of the department files written with `index.md`: each file's name with the FNV
    /// hash of its bytes, in an HTML comment (Markdown viewers do not show it). The next run into
    /// the same folder reads it to tell which files of departments that are gone it wrote, and
    /// whether they were changed since: only those it wrote and nobody changed are removed.
    func record(of documents: [Document]) -> [String] {
        [
            "",
            Self.recordStart,
            t("このフォルダに daicho check --follow-up が書き出したファイルと、その内容の記録です。"
                + "次に書き出すとき、所管課がなくなったファイルは、書き出した後に変更されていなければ削除します。",
              "The files daicho check --follow-up wrote into this folder, with a record of their content. "
                + "The next run removes those of departments that are gone, unless they were changed since."),
        ] + documents.map { FNV.hex(FNV.hash64($0.markdown.utf8)) + " " + $0.fileName } + ["-->"]
    }

    /// The prefixes of record lines naming a file an earlier run wrote and a later one kept,
    /// because it was changed or because its content was never recorded: listed without a hash,
    /// it is never removed, and each run warns of it again, for the same reason.
    static let keptMark = "kept ", unrecordedMark = "unrecorded "

    /// `index` (this run's `index.md`) with the files kept added to its record.
    public static func recording(changed: [String], unrecorded: [String] = [], in index: String) -> String {
        guard !(changed.isEmpty && unrecorded.isEmpty), let end = index.range(of: "\n-->", options: .backwards) else { return index }
        let lines = changed.map { "\n" + keptMark + $0 } + unrecorded.map { "\n" + unrecordedMark + $0 }
        return String(index[..<end.lowerBound]) + lines.joined() + String(index[end.lowerBound...])
    }

    /// A department file as an earlier run's `index.md` records it.
    public enum WrittenFile: Sendable, Equatable {
        /// Written with these bytes (their FNV hash).
        case hash(UInt64)
        /// Kept by a run after it was changed: never removed.
        case kept
        /// Linked from an index written before the record was kept: whether it was changed cannot be told.
        case unrecorded
    }

    /// What an earlier run's `index.md` says it wrote: each department file with the hash of the
    /// bytes written, kept as a run left it, or unrecorded for a file an index without a record
    /// links to (one written before the record was kept: whether it was changed cannot be told). Empty for a file that is not
    /// such an index. Only plain names of Markdown files in the folder are returned.
    public static func writtenFiles(inIndex text: String) -> [String: WrittenFile] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let first = lines.first, first.hasPrefix("# 照会事項一覧 — ") || first.hasPrefix("# Follow-up questions — ") else { return [:] }
        var result: [String: WrittenFile] = [:]
        if let start = lines.firstIndex(where: { $0 == recordStart }) {
            for line in lines[(start + 1)...] {
                if line == "-->" { break }
                if let (mark, state) = [(keptMark, WrittenFile.kept), (unrecordedMark, .unrecorded)].first(where: { line.hasPrefix($0.0) }) {
                    let name = String(line.dropFirst(mark.count))
                    if isPlainName(name) { result[name] = state }
                    continue
                }
                guard line.count > 17, line.dropFirst(16).first == " ", let hash = UInt64(line.prefix(16), radix: 16) else { continue }
                let name = String(line.dropFirst(17))
                if isPlainName(name) { result[name] = .hash(hash) }
            }
            return result
        }
        // Written before the record: the files its table links to, `| [市民課](<市民課.md>) | …`.
        for line in lines where line.hasPrefix("| [") {
            guard let open = line.range(of: "](<"), let close = line[open.upperBound...].range(of: ">)") else { continue }
            let name = String(line[open.upperBound..<close.lowerBound])
                .replacing("%20", with: " ").replacing("%3E", with: ">").replacing("%3C", with: "<")
            if isPlainName(name) { result[name] = .unrecorded }
        }
        return result
    }

    /// A department file's name as this tool makes them: a Markdown file right in the folder.
    static func isPlainName(_ name: String) -> Bool {
        name.hasSuffix(".md") && name != "index.md" && !name.hasPrefix(".") && !name.contains("/") && !name.contains("\0")
    }
}
