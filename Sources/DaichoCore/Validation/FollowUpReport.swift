/// The follow-up questions (照会事項) for each department: per system, what is wrong
/// and what is missing, in words a department clerk can act on.
public struct FollowUpReport: Sendable {
    public struct Document: Sendable, Hashable {
        /// A file name without folders: `市民課.md`.
        public var fileName: String
        public var markdown: String
    }

    struct SystemEntry {
        var id: String
        var name: String
        var file: String
        var completeness: Completeness?
        var problems: [Diagnostic]
        /// The department and name were read from the file's lines: the ledger could not be read.
        var sketched = false
        /// Problems across ledgers reported on another system's ledger that concern this one too
        /// (a link's direction, a terminal group's count), and links only another system lists.
        var shared: [SharedQuestion] = []
    }

    /// A problem another system's ledger holds, asked of this system's department in its own words.
    struct SharedQuestion {
        var severity: Severity
        /// The id of the system whose ledger holds it.
        var reporter: String
        var reporterLocation: SourceLocation
        /// This system's own line for it; nil where it has none (a link that only the other
        /// ledger lists), and the other ledger's line is named instead.
        var own: SourceLocation?
        var fieldPath: String
        var message: LocalizedText
        var hint: LocalizedText?
        /// The other systems whose ledgers hold the same question, asked in one item with this one.
        var alike: [String] = []

        /// What makes two questions one item: the same words at the same line of this ledger.
        struct Key: Hashable {
            var own: SourceLocation
            var fieldPath: String
            var message: LocalizedText
            var hint: LocalizedText?
        }

        var key: Key? { own.map { Key(own: $0, fieldPath: fieldPath, message: message, hint: hint) } }

        /// The questions with those alike but for whose ledger holds them (a department spelt
        /// otherwise in several ledgers) as one, naming each of those ledgers; in first order.
        static func merged(_ questions: [SharedQuestion]) -> [SharedQuestion] {
            guard questions.count > 1 else { return questions }
            var result: [SharedQuestion] = []
            var found: [Key: Int] = [:]
            for question in questions {
                guard let key = question.key else {
                    result.append(question)
                    continue
                }
                if let index = found[key] {
                    result[index].alike.append(question.reporter)
                } else {
                    found[key] = result.count
                    result.append(question)
                }
            }
            return result
        }
    }

    public static let unknownDepartment = "（所管課不明）"

    var departments: [(name: String, systems: [SystemEntry])]
    /// Each system as another department's clerk knows it: 「戸籍情報システム（市民課）」.
    var reporters: [String: String]
    var language: Language
    var organization: String

    /// - Parameter source: the files checked, to read the department and name of a ledger that
    ///   could not be read at all (a YAML slip on any line) from its own lines: its questions then
    ///   reach its department rather than 「（所管課不明）」.
    public init(checked: CheckedInventory, language: Language, source: ProjectSource? = nil) {
        self.language = language
        self.organization = checked.project.organization.name
        var byFile: [String: [Diagnostic]] = [:]
        // A link listed on one side only is asked of the other side (below), the department that
        // knows whether it exists; the side that lists it has nothing to answer.
        for diagnostic in checked.diagnostics where diagnostic.code != .oneSidedIntegration {
            byFile[diagnostic.location.file, default: []].append(diagnostic)
        }
        var ledgerByFile: [String: Ledger] = [:]
        for ledger in checked.ledgers { ledgerByFile[ledger.file] = ledger }
        let sources = Dictionary((source?.ledgers ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [(department: String, entry: SystemEntry)] = []
        for file in checked.files {
            let ledger = ledgerByFile[file]
            let sketch = ledger == nil ? sources[file].map { Self.basicLines(in: $0.bytes) } : nil
            let department = (ledger.map(\.department) ?? sketch?.department).flatMap { $0.isEmpty ? nil : $0 } ?? Self.unknownDepartment
            // The loader's stem (`a.v2.yaml` is `a.v2`, not `a`: two such files are two systems).
            let stem = sources[file]?.stem ?? LedgerSource.stem(of: file)
            entries.append((department, SystemEntry(
                id: ledger?.id ?? stem, name: ledger?.name ?? sketch?.name ?? "", file: file,
                completeness: ledger?.completeness, problems: byFile[file] ?? [],
                sketched: sketch?.department != nil || sketch?.name != nil)))
        }
        // A problem across ledgers goes to the other system's department too, in the words the
        // rule has for that system's side, at its own line, naming the system whose ledger holds
        // it with its department (an id means nothing to a clerk of another department).
        var entryByFile: [String: Int] = [:]
        for (index, item) in entries.enumerated() where entryByFile[item.entry.file] == nil { entryByFile[item.entry.file] = index }
        // Named only where a shared problem names them: both ends of each.
        var named: [String: String] = [:]
        func name(_ index: Int) {
            let item = entries[index]
            if named[item.entry.id] == nil { named[item.entry.id] = Self.described(item.entry, department: item.department, language) }
        }
        for (index, item) in entries.enumerated() {
            for problem in item.entry.problems {
                for counterpart in problem.counterparts {
                    guard let other = entryByFile[counterpart.location.file], other != index else { continue }
                    entries[other].entry.shared.append(SharedQuestion(
                        severity: problem.severity, reporter: item.entry.id, reporterLocation: problem.location,
                        own: counterpart.location, fieldPath: counterpart.fieldPath, message: counterpart.message, hint: counterpart.hint))
                    name(index)
                    name(other)
                }
            }
        }
        // A link that only one side lists: the other side is asked whether it exists.
        for link in Self.oneSidedLinks(in: checked.ledgers, found: checked.oneSidedLinks) {
            guard let reporter = entryByFile[link.question.reporterLocation.file], let other = entryByFile[link.partnerFile] else { continue }
            entries[other].entry.shared.append(link.question)
            name(reporter)
            name(other)
        }
        reporters = named
        var grouped: [String: [SystemEntry]] = [:]
        for var item in entries {
            item.entry.shared = SharedQuestion.merged(item.entry.shared)
            grouped[item.department, default: []].append(item.entry)
        }
        departments = grouped.keys.sorted().map { name in
            (name, grouped[name, default: []].sorted { ($0.id, $0.file) < ($1.id, $1.file) })
        }
    }

    public var departmentCount: Int { departments.count }

    /// One Markdown document per department, plus `index.md` listing them all.
    public func documents() -> [Document] {
        var result: [Document] = []
        var index = [
            t("# 照会事項一覧 — \(organization)", "# Follow-up questions — \(organization)"), "",
            t("| 所管課 | システム数 | エラー | 警告 | 記入率 |", "| Department | Systems | Errors | Warnings | Completeness |"),
            "|---|---:|---:|---:|---:|",
        ]
        // Names kept apart as a file system compares them, without case (the PCs that open the
        // folder may): `a/b` and `a\b` both become `a_b.md`, and the second would replace the first.
        var taken: Set<String> = ["index.md"]
        for department in departments {
            var fileName = Self.fileName(for: department.name)
            if !taken.insert(fileName.lowercased()).inserted {
                fileName = String(fileName.dropLast(3)) + "-" + FNV.hex(FNV.hash32(department.name.utf8)) + ".md"
                taken.insert(fileName.lowercased())
            }
            // With the problems of other departments' ledgers that ask this one too (its page lists them).
            let problems = department.systems.flatMap(\.problems), shared = department.systems.flatMap(\.shared)
            let errors = problems.errorCount + shared.count { $0.severity == .error }
            let warnings = problems.warningCount + shared.count { $0.severity == .warning }
            index.append("| [\(MarkdownText.escape(department.name))](\(Self.linkTarget(fileName))) | \(department.systems.count) | "
                + "\(errors) | \(warnings) | \(percent(department.systems.compactMap(\.completeness))) |")
            result.append(Document(fileName: fileName, markdown: document(for: department)))
        }
        index += record(of: result)
        result.append(Document(fileName: "index.md", markdown: index.joined(separator: "\n") + "\n"))
        return result
    }

    private func document(for department: (name: String, systems: [SystemEntry])) -> String {
        var lines: [String] = [
            t("# 照会事項 — \(department.name)", "# Follow-up questions — \(department.name)"), "",
            t("\(organization)の情報システム台帳について、次の点をご確認ください。"
                + "「要修正」は誤りがあり、修正が必要な点です。「確認」と「未記入」は分かる範囲でご記入ください。",
              "Please review the following points of the information system ledger of \(organization). "
                + "'Must fix' items are errors to correct; please fill in the others as far as you can."),
            "",
            t("記入率（課全体）: ", "Completeness (department): ") + percent(department.systems.compactMap(\.completeness)),
            "",
        ]
        for system in department.systems {
            let title = system.name.isEmpty ? system.id : "\(system.name)（\(system.id)）"
            lines.append("## " + MarkdownText.escape(title))
            lines.append("")
            lines.append(t("- ファイル: `\(system.file)`", "- File: `\(system.file)`"))
            if system.sketched {
                lines.append(t("- 台帳を読み込めないため、所管課と名称はファイルの記載から読み取りました。",
                               "- The ledger cannot be read: its department and name were taken from the file's lines."))
            }
            if let completeness = system.completeness {
                lines.append(t("- 記入率: \(completeness.ratio.percentString)%（\(completeness.filled)/\(completeness.total) 項目）",
                               "- Completeness: \(completeness.ratio.percentString)% (\(completeness.filled)/\(completeness.total) fields)"))
            }
            let errors = system.problems.filter { $0.severity == .error }
            let warnings = system.problems.filter { $0.severity == .warning && $0.code != .missingRecommended }
            // A field with a wrong value is listed where it is to be fixed, not also as not filled
            // in (the clerk did fill it in; completeness still counts it as unanswered).
            let named = Set(system.problems.filter { $0.code != .missingRecommended }.map { LedgerSchema.plainPath($0.fieldPath) })
            let missing = (system.completeness?.missing ?? []).filter { !named.contains($0) }
            if errors.isEmpty && warnings.isEmpty && missing.isEmpty && system.shared.isEmpty {
                lines.append(t("- 確認事項はありません。", "- Nothing to follow up."))
            }
            let sharedErrors = system.shared.filter { $0.severity == .error }
            let sharedWarnings = system.shared.filter { $0.severity == .warning }
            if !errors.isEmpty || !sharedErrors.isEmpty {
                lines += ["", t("### 要修正", "### Must fix"), ""]
                lines += errors.map(item) + sharedErrors.map(sharedItem)
            }
            if !warnings.isEmpty || !sharedWarnings.isEmpty {
                lines += ["", t("### 確認", "### Please check"), ""]
                lines += warnings.map(item) + sharedWarnings.map(sharedItem)
            }
            if !missing.isEmpty {
                lines += ["", t("### 未記入の項目", "### Not filled in"), ""]
                // With what to write (the choices, the form), as `check` says it: a department that
                // has never seen YAML cannot tell from the label alone.
                lines += missing.map { path in
                    let label = LedgerSchema.qualifiedLabel(at: path)?.text(language) ?? path
                    let hint = LedgerSchema.field(at: path).map { t("：", ": ") + MarkdownText.escape($0.fillInHint(at: path).text(language)) } ?? ""
                    return "- \(MarkdownText.escape(label))（`\(path)`）\(hint)"
                }
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    private func item(_ diagnostic: Diagnostic) -> String {
        item(line: diagnostic.location.line, path: diagnostic.fieldPath, diagnostic.message, hint: diagnostic.hint,
             others: diagnostic.related.compactMap { reporters[$0] })
    }

    /// One question at a line of the system's own ledger, naming the other systems it concerns.
    private func item(line: Int, path: String, _ message: LocalizedText, hint: LocalizedText?, others: [String]) -> String {
        let label = LedgerSchema.qualifiedLabel(at: path)?.text(language)
        var text = t("- \(line)行目", "- line \(line)")
        if !path.isEmpty {
            text += label.map { t("「\($0)」（`\(path)`）", " '\($0)' (`\(path)`)") } ?? " (`\(path)`)"
        }
        text += t("：", ": ") + MarkdownText.escape(message.text(language))
        if !others.isEmpty {
            // The first few by name: a spelling hundreds of ledgers share would list them all in every item.
            let shown = others.prefix(Self.othersShown), more = others.count - shown.count
            let listed = (ja: shown.joined(separator: "、") + (more > 0 ? " ほか \(more) 件" : ""),
                          en: shown.joined(separator: ", ") + (more > 0 ? " and \(more) more" : ""))
            text += MarkdownText.escape(t("（相手: \(listed.ja)。先方にも照会しています）", " (with \(listed.en), who are asked too)"))
        }
        if let hint {
            text += t(" — ", " — ") + MarkdownText.escape(hint.text(language))
        }
        return text
    }

    /// How many other systems an item names; the rest are counted.
    static let othersShown = 10

    /// A problem another system's ledger holds that concerns this one too: at this system's own
    /// line where it has one, as its own problems are; else at the other ledger's line, named.
    private func sharedItem(_ question: SharedQuestion) -> String {
        let reporter = reporters[question.reporter] ?? question.reporter
        guard let own = question.own else {
            let place = question.reporterLocation
            return t("- \(MarkdownText.escape(reporter))の台帳（`\(place.file)` \(place.line)行目）：",
                     "- The ledger of \(MarkdownText.escape(reporter)) (`\(place.file)` line \(place.line)): ")
                + MarkdownText.escape(question.message.text(language))
                + (question.hint.map { " — " + MarkdownText.escape($0.text(language)) } ?? "")
        }
        return item(line: own.line, path: question.fieldPath, question.message, hint: question.hint,
                    others: [reporter] + question.alike.map { reporters[$0] ?? $0 })
    }

    /// 「戸籍情報システム（koseki、市民課）」.
    private static func described(_ entry: SystemEntry, department: String, _ language: Language) -> String {
        let name = entry.name.isEmpty ? entry.id : entry.name
        return language == .ja ? "「\(name)」（\(entry.id)、\(department)）" : "'\(name)' (\(entry.id), \(department))"
    }

    /// `basic.department` and `basic.name` as written in a file that cannot be read as YAML: the
    /// indented `department:` and `name:` lines under a top-level `basic:` line, without quotes or
    /// a trailing comment. Nil for what is not found.
    ///
    /// A file in Shift_JIS or EUC-JP is read in the encoding `check`'s `encoding` error names
    /// (`TextDecoding.legacyEncoding`, which both ask), for these two lines only: it is the usual
    /// way a department's ledger becomes unreadable (Excel's "テキスト", an old Notepad, a file
    /// from an old Unix system), and its questions belong to its department. Any other encoding
    /// gives nothing, not a name of replacement characters.
    static func basicLines(in bytes: [UInt8]) -> (department: String?, name: String?) {
        // No more than the reader takes of a ledger.
        let head = bytes.prefix(YAMLReader.Limits().maxBytes)
        guard let text = String(validating: head, as: UTF8.self) ?? TextDecoding.legacyText(head) else { return (nil, nil) }
        var inBasic = false
        var found: [String: String] = [:]
        for raw in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            guard let first = line.first, first != "#" else { continue }
            if first != " " && first != "\t" {
                if inBasic { break }
                inBasic = String(line).trimmingCharactersInWhitespace == "basic:"
                continue
            }
            guard inBasic else { continue }
            let content = line.drop { $0 == " " || $0 == "\t" }
            for key in ["department", "name"] where found[key] == nil && content.hasPrefix(key + ":") {
                var value = String(String(content.dropFirst(key.count + 1)).trimmingCharactersInWhitespace)
                if let comment = value.range(of: " #") { value = String(String(value[..<comment.lowerBound]).trimmingCharactersInWhitespace) }
                if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                    value = String(value.dropFirst().dropLast())
                }
                if !value.isEmpty { found[key] = value.groupingName }
            }
        }
        return (found["department"], found["name"])
    }

    private func percent(_ items: [Completeness]) -> String {
        let filled = items.reduce(0) { $0 + $1.filled }, total = items.reduce(0) { $0 + $1.total }
        return total == 0 ? "—" : Exact(Int128(filled), Int128(total)).percentString + "%"
    }

    func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }

    /// A safe file name for a department: no folders, no control or reserved characters, and
    /// short enough for any file system (a name is at most 255 bytes, and the file is written
    /// through a temporary one with a longer name). A long name is cut, with a hash of the whole
    /// so that two departments whose names begin alike keep a file each.
    public static func fileName(for department: String) -> String {
        let reserved: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var name = String(department.map { reserved.contains($0) || $0.isNewline || ($0.asciiValue ?? 32) < 32 ? "_" : $0 })
        while name.hasPrefix(".") { name = "_" + name.dropFirst() }
        if name.isEmpty || name == "index" { name = "_" + name }
        // Names Windows keeps for devices (`CON`, `com1`, also before a dot): such a file can be
        // neither made nor opened on the PCs and shares the reports go to.
        let device = name.split(separator: ".", maxSplits: 1).first.map { $0.uppercased().trimmingCharacters(in: .whitespaces) } ?? ""
        if Self.windowsDevices.contains(device) { name = "_" + name }
        let limit = 120
        guard name.utf8.count > limit else { return name + ".md" }
        var cut = ""
        for character in name {
            guard cut.utf8.count + character.utf8.count <= limit - 9 else { break }
            cut.append(character)
        }
        return cut + "-" + FNV.hex(FNV.hash32(department.utf8)) + ".md"
    }

    static let windowsDevices: Set<String> = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    static func linkTarget(_ fileName: String) -> String {
        "<" + fileName.replacing(" ", with: "%20").replacing(">", with: "%3E").replacing("<", with: "%3C") + ">"
    }
}
