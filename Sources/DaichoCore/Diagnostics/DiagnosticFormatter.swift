import Foundation

/// Prints diagnostics like a compiler, or as JSON for tools.
public struct DiagnosticFormatter: Sendable {
    public var language: Language
    public var color: Bool

    public init(language: Language, color: Bool) {
        self.language = language
        self.color = color
    }

    /// `path:line:col: error: [field.path] message`, the source line with a caret, then the hint.
    public func format(_ diagnostic: Diagnostic, sourceLine: String? = nil) -> String {
        let location = diagnostic.location
        let severity = diagnostic.severity.rawValue
        let paint = { (code: String, text: String) in color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
        let head = paint("1", Self.visible("\(location.file):\(location.line):\(location.column):"))
        let label = paint(diagnostic.severity == .error ? "1;31" : "1;35", "\(severity):")
        let field = diagnostic.fieldPath.isEmpty ? "" : "[\(Self.visible(diagnostic.fieldPath))] "
        var lines = ["\(head) \(label) \(field)\(Self.visible(diagnostic.message.text(language)))"]
        if let sourceLine, !sourceLine.isEmpty {
            let shown = Self.visible(sourceLine)
            lines.append("    " + shown)
            lines.append("    " + String(repeating: " ", count: Self.caretOffset(in: sourceLine, column: location.column)) + paint("1;32", "^"))
        }
        if let hint = diagnostic.hint {
            lines.append("    " + paint("36", language == .ja ? "ヒント: " : "hint: ") + Self.visible(hint.text(language)))
        }
        return lines.joined(separator: "\n")
    }

    /// How many columns of a terminal the line takes before `column` (wide characters take two),
    /// where the caret under it goes.
    public static func caretOffset(in sourceLine: String, column: Int) -> Int {
        TextTable.width(visible(String(sourceLine.prefix(max(0, column - 1)))))
    }

    /// `text` with the characters a terminal would act on written out as `\u{1B}`: escape
    /// sequences (clearing the screen, retitling the window), line breaks that would split a
    /// `path:line:col:` line, other controls, and the bidirectional overrides that reorder what
    /// follows, and the zero-width characters that make two keys look alike. A ledger's values are
    /// quoted in messages; none of them may rewrite the report.
    public static func visible(_ text: String) -> String {
        // Line breaks too: they would split a `path:line:col:` line.
        func acts(_ scalar: Unicode.Scalar) -> Bool { scalar.isControlInText || scalar.isInvisibleFormat || scalar == "\n" || scalar == "\r" }
        guard text.unicodeScalars.contains(where: acts) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if acts(scalar) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The closing line: how many files, errors and warnings.
    public func summary(files: Int, errors: Int, warnings: Int) -> String {
        language == .ja
            ? "\(files) ファイルを検査しました: エラー \(errors) 件、警告 \(warnings) 件"
            : "checked \(files) file\(files == 1 ? "" : "s"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    struct JSONDiagnostic: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var code: String
        var field: String
        var message: String
        var hint: String?
    }

    struct JSONReport: Encodable {
        struct Summary: Encodable {
            var files: Int
            var errors: Int
            var warnings: Int
        }
        var diagnostics: [JSONDiagnostic]
        var summary: Summary
    }

    /// `{"diagnostics": [...], "summary": {...}}` with sorted keys.
    public func json(_ diagnostics: [Diagnostic], files: Int) -> String {
        let report = JSONReport(diagnostics: diagnostics.map(jsonDiagnostic), summary: summary(diagnostics, files: files))
        guard let data = try? Self.encoder.encode(report) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// `json(_:files:)` and its final newline, handed to `write` a part at a time: the report made
    /// whole was several copies of itself at once (the encoder's tree, its bytes, the text), 600 MB
    /// for 290,000 warnings. Each batch of diagnostics is encoded as an array of its own and
    /// indented one level deeper, as the report's member; a short report is made whole.
    /// - Throws: the encoder's error, should it fail part way: the report is then cut short, and
    ///   the caller must say so rather than leave a partial report looking whole.
    public func writeJSON(_ diagnostics: [Diagnostic], files: Int, batch: Int = 2_000, to write: ([UInt8]) -> Void) throws {
        guard diagnostics.count > batch, batch > 0 else {
            write(Array((json(diagnostics, files: files) + "\n").utf8))
            return
        }
        write(Array("{\n  \"diagnostics\" : [\n".utf8))
        var start = diagnostics.startIndex
        while start < diagnostics.endIndex {
            let end = min(start + batch, diagnostics.endIndex)
            let data = try Self.encoder.encode(diagnostics[start..<end].map(jsonDiagnostic))
            // "[\n  {…}\n]": the elements' lines, without the brackets, two more spaces in.
            var part: [UInt8] = start == diagnostics.startIndex ? [] : Array(",\n".utf8)
            Self.indent(Array(data.dropFirst(2).dropLast(2)), into: &part)
            write(part)
            start = end
        }
        var tail = Array("\n  ],\n  \"summary\" : ".utf8)
        // "{\n  …\n}": the first line stays where it is, after the key.
        let bytes = Array(try Self.encoder.encode(summary(diagnostics, files: files)))
        let firstBreak = bytes.firstIndex(of: 0x0A) ?? bytes.count
        tail += bytes[..<firstBreak]
        if firstBreak < bytes.count {
            tail.append(0x0A)
            Self.indent(Array(bytes[(firstBreak + 1)...]), into: &tail)
        }
        tail += Array("\n}\n".utf8)
        write(tail)
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Lines of `bytes` with two spaces before each (a string value holds no raw line break).
    private static func indent(_ bytes: [UInt8], into output: inout [UInt8]) {
        output += [0x20, 0x20]
        for byte in bytes {
            output.append(byte)
            if byte == 0x0A { output += [0x20, 0x20] }
        }
    }

    private func jsonDiagnostic(_ diagnostic: Diagnostic) -> JSONDiagnostic {
        JSONDiagnostic(file: diagnostic.location.file, line: diagnostic.location.line, column: diagnostic.location.column,
                       severity: diagnostic.severity.rawValue, code: diagnostic.code.rawValue, field: diagnostic.fieldPath,
                       message: diagnostic.message.text(language), hint: diagnostic.hint?.text(language))
    }

    private func summary(_ diagnostics: [Diagnostic], files: Int) -> JSONReport.Summary {
        JSONReport.Summary(files: files, errors: diagnostics.errorCount, warnings: diagnostics.warningCount)
    }
}

extension Character {
    /// East Asian wide characters take two terminal columns.
    public var isWide: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
