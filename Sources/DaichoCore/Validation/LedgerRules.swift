/// Rules about one ledger on its own, beyond the shape of its values.
public enum LedgerRules {
    /// Ids are safe as file and URL names: lower-case letters, digits and hyphens.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, id.utf8.count <= 64 else { return false }
        let allowed = { (byte: UInt8) in (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        return allowed(first) && id.utf8.allSatisfy { allowed($0) || $0 == 0x2D }
    }

    /// - Parameter map: where the fields are in the file (the whole tree, while it is read).
    static func check(_ ledger: Ledger.Fields, map: SourceMap, schemaVersion: Int?, stem: String,
                      idGiven: Bool) -> [Diagnostic] {
        var result: [Diagnostic] = []
        if let version = schemaVersion, version != LedgerSchema.version {
            result.append(Diagnostic(.error, .schemaVersion, at: map.location(of: "schema"), field: "schema",
                LocalizedText(ja: "様式の版 \(version) には対応していません", en: "schema version \(version) is not supported"),
                hint: LocalizedText(ja: "schema: 1 と書いてください", en: "write schema: 1")))
        }
        if idGiven {
            if !isValidID(ledger.id) {
                result.append(Diagnostic(.error, .invalidId, at: map.location(of: "id"), field: "id",
                    LocalizedText(ja: "ID「\(ledger.id)」に使えない文字があります", en: "invalid id '\(ledger.id)'"),
                    hint: LocalizedText(ja: "英小文字・数字・ハイフンで64文字まで、先頭は英小文字か数字にしてください（例: jumin-kiroku）",
                                        en: "use up to 64 lower-case letters, digits and hyphens, not starting with a hyphen (e.g. jumin-kiroku)")))
            } else if ledger.id != stem {
                result.append(Diagnostic(.error, .idFileMismatch, at: map.location(of: "id"), field: "id",
                    LocalizedText(ja: "ID「\(ledger.id)」がファイル名「\(stem)」と違います",
                                  en: "id '\(ledger.id)' differs from the file name '\(stem)'"),
                    // Offer the id only when the file name would make a valid one (`ZEIMU.YAML` would not).
                    hint: isValidID(stem)
                        ? LocalizedText(ja: "ファイル名を \(ledger.id).yaml にするか、id を \(stem) にしてください",
                                        en: "rename the file to \(ledger.id).yaml or set id to \(stem)")
                        : LocalizedText(ja: "ファイル名を \(ledger.id).yaml にしてください", en: "rename the file to \(ledger.id).yaml")))
            }
        }
        if let personal = ledger.personalData, personal.mynumber == true, personal.present == false {
            result.append(Diagnostic(.error, .mynumberWithoutPersonalData,
                at: map.location(of: "personal_data.mynumber"), field: "personal_data.mynumber",
                LocalizedText(ja: "特定個人情報を含むのに、個人情報の有無が「無」になっています",
                              en: "mynumber is true but present is false"),
                hint: LocalizedText(ja: "個人番号を含むなら、個人情報の有無（present）を「はい」にしてください",
                                    en: "data with My Numbers is personal data: set present: true")))
        }
        // The disaster table has one row per task per system: a task listed again is counted once,
        // at its most urgent listing (`DisasterRow.urgency`), so one of the lines is not used.
        var tasks: Set<String> = []
        for (index, item) in (ledger.usage?.disasterTasks ?? []).enumerated() where !tasks.insert(item.task).inserted {
            let path = "usage.disaster_tasks[\(index)].task"
            result.append(Diagnostic(.warning, .duplicateDisasterTask, at: map.location(of: path), field: path,
                LocalizedText(ja: "業務「\(item.task)」が重ねて記載されています", en: "the task '\(item.task)' is listed again"),
                hint: LocalizedText(ja: "1つにまとめてください（集計では、災害対策業務の記載を優先し、次に目標時期の早い記載を使います）",
                                    en: "keep one listing (the analysis uses a disaster task's listing first, then the earliest target)")))
        }
        return result
    }
}
