/// The blank ledger `daicho new` writes: every field of the 18 groups, with Japanese comments
/// naming each field, whether it is required (R) or recommended (r), and its allowed values.
public enum LedgerTemplate {
    public static func render(id: String, department: String, name: String) -> String {
        var lines = [
            "# 情報システム台帳（様式 第\(LedgerSchema.version)版）",
            "# R = 必須、r = 推奨。分からない項目は空欄のままで構いません（daicho check が照会事項として一覧にします）。",
            "# 選択肢は英字の値か日本語の名称のどちらでも書けます。日付は 2019-04-01、令和7年4月1日、R7.4.1 などで書けます。",
            "",
        ]
        var section = 0
        for field in LedgerSchema.root.children {
            if case .group = field.kind, field.key != "extra" {
                section += 1
                lines += ["", "# \(section) \(field.label.ja)"]
            } else if case .list = field.kind {
                section += 1
                lines += ["", "# \(section) \(field.label.ja)"]
            } else if field.key == "notes" {
                section += 1
                lines += ["", "# \(section) \(field.label.ja)"]
            } else if field.key == "extra" {
                lines += ["", "# 追加項目（団体独自の項目を「項目名: 値」で）"]
            }
            emit(field, indent: "", into: &lines, values: ["schema": "1", "id": quoted(id),
                                                            "basic.name": quoted(name),
                                                            "basic.department": quoted(department),
                                                            "costs.unit": "yen"], path: field.key)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func emit(_ field: FieldSpec, indent: String, into lines: inout [String],
                             values: [String: String], path: String) {
        let head = indent + field.key + ":" + (values[path].map { " " + $0 } ?? "")
        lines.append(pad(head) + "# " + describe(field))
        switch field.kind {
        case .group(let children):
            for child in children {
                emit(child, indent: indent + "  ", into: &lines, values: values, path: path + "." + child.key)
            }
        case .list(.group(let children)), .list(.markdownOrGroup(let children)):
            for (index, child) in children.enumerated() {
                let bullet = index == 0 ? "- " : "  "
                lines.append(pad("#" + indent + " " + bullet + child.key + ":") + "# " + describe(child))
            }
        case .scalarMap:
            lines.append("#" + indent + " 独自の項目名: 値")
        default:
            break
        }
    }

    private static func describe(_ field: FieldSpec) -> String {
        var text = (field.requirement == .optional ? "" : field.requirement.rawValue + " ") + field.label.ja
        switch field.kind {
        case .enumeration(let values), .list(.enumeration(let values)):
            let list = values.cases.map { "\($0.token) \($0.label.ja)" }.joined(separator: " | ")
            if case .list = field.kind { text += "（複数可。\(values.listExample) のように）" }
            text += ": " + list
        case .bool: text += "（はい／いいえ）"
        case .date: text += "（日付）"
        case .yen: text += "（金額）"
        case .integer, .number: text += "（数値）"
        case .markdown: text += "（Markdown可）"
        case .list(.text): text += "（リスト）"
        case .list(.group), .list(.markdownOrGroup): text += "（リスト。例を参考に「- 」で追加）"
        default: break
        }
        if let note = field.note { text += " ※" + note }
        return text
    }

    private static func pad(_ text: String) -> String {
        let width = text.reduce(0) { $0 + ($1.isWide ? 2 : 1) }
        return text + String(repeating: " ", count: max(1, 34 - width))
    }

    /// A YAML double-quoted scalar, safe for any text.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
