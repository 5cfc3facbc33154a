import DaichoCore
import Foundation

/// The language of help and messages: `--lang` on the command line, else `LANG`, else Japanese.
enum CLILanguage {
    static var current: Language {
        let arguments = CommandLine.arguments
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count, let language = Language(rawValue: arguments[index + 1]) {
                return language
            }
            if argument.hasPrefix("--lang="), let language = Language(rawValue: String(argument.dropFirst(7))) {
                return language
            }
        }
        return Language(localeIdentifier: Environment.value("LANG"))
    }
}

/// A help or message text in the current language.
func L(_ ja: String, _ en: String) -> String {
    CLILanguage.current == .ja ? ja : en
}

/// The argument parser's usage errors in Japanese (it writes them in English only), line by line;
/// a line of another form is left as it is.
enum UsageMessage {
    static func japanese(_ message: String) -> String {
        // `daicho bogus`: the word in a command's place is taken for an extra argument.
        let isTopLevel = message.contains("Usage: daicho <subcommand>")
        return message.split(separator: "\n", omittingEmptySubsequences: false).map { line(String($0), isTopLevel: isTopLevel) }
            .joined(separator: "\n")
    }

    private static func line(_ text: String, isTopLevel: Bool) -> String {
        let patterns: [(Regex<(Substring, Substring)>, (Substring) -> String)] = [
            (/^Error: Unknown option '(.+)'$/, { "エラー: 「\($0)」というオプションはありません" }),
            (/^Error: Missing expected argument '(.+)'$/, { "エラー: 「\($0)」を指定してください" }),
            (/^Error: Missing value for '(.+)'$/, { "エラー: 「\($0)」の値がありません" }),
            (/^Error: Unexpected argument '(.+)'$/, { "エラー: 余分な引数「\($0)」があります" }),
            (/^Error: (\d+) unexpected arguments: .*$/, { "エラー: 余分な引数が \($0) 個あります" }),
            (/^  See '(.+)' for more information\.$/, { "  詳しくは「\($0)」をご覧ください。" }),
        ]
        if isTopLevel, let match = text.wholeMatch(of: /^Error: Unexpected argument '(.+)'$/) {
            return "エラー: 「\(match.1)」というコマンドはありません（使えるコマンド: check, analyze, build, serve, docs, new）"
        }
        for (pattern, make) in patterns {
            if let match = text.wholeMatch(of: pattern) { return make(match.1) }
        }
        if let match = text.wholeMatch(of: /^Error: The value '(.*)' is invalid for '([^']+)'(?:\. Please provide one of (.+)\.)?$/) {
            let allowed = match.3.map { "（使える値: " + $0.replacing(/'([^']*)'/) { $0.1 }.replacing(" and ", with: ", ").replacing(" or ", with: ", ") + "）" }
            // A count has no list of values to name: its range is said instead.
            let range = match.2.hasPrefix("--jobs") ? "（\(JobCount.allowed.lowerBound) から \(JobCount.allowed.upperBound) までの整数）" : nil
            return "エラー: 「\(match.2)」に「\(match.1)」は使えません" + (allowed ?? range ?? "")
        }
        if let match = text.wholeMatch(of: /^Error: Unknown option '(.+)'\. Did you mean '(.+)'\?$/) {
            guard isNear(String(match.1), String(match.2)) else {
                return "エラー: 「\(match.1)」というオプションはありません（使えるオプションは --help で表示します）"
            }
            return "エラー: 「\(match.1)」というオプションはありません。「\(match.2)」のことですか？"
        }
        if text.hasPrefix("Usage: ") { return "使い方: " + text.dropFirst(7) }
        if text.hasPrefix("Help: ") { return "説明: " + text.dropFirst(6) }
        return text
    }

    /// The parser's English message, with the range a count takes where it names none, and
    /// without a "did you mean" too far from what was typed.
    static func english(_ message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            if let match = line.wholeMatch(of: /^Error: Unknown option '(.+)'\. Did you mean '(.+)'\?$/), !isNear(String(match.1), String(match.2)) {
                return "Error: Unknown option '\(match.1)' (--help lists the options)"
            }
            guard line.wholeMatch(of: /^Error: The value '.*' is invalid for '--jobs[^']*'$/) != nil else { return String(line) }
            return line + " (an integer from \(JobCount.allowed.lowerBound) to \(JobCount.allowed.upperBound))"
        }.joined(separator: "\n")
    }

    /// Whether the parser's suggestion is a typo's distance from the option typed (`--bogus` got
    /// `--jobs`), by the rule the ledgers' suggestions follow.
    static func isNear(_ typed: String, _ suggested: String) -> Bool {
        func bare(_ option: String) -> String { String(option.drop { $0 == "-" }) }
        return Suggestion.nearest(to: bare(typed), among: [bare(suggested)]) != nil
    }
}

/// The argument parser's help in Japanese: it writes its headings, the built-in `--help` and
/// `--version` and the notes on defaults and allowed values in English whatever the options say.
enum HelpMessage {
    static func japanese(_ message: String) -> String {
        var text = message
        for (english, japanese) in phrases { text = text.replacing(english, with: japanese) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            for (heading, japanese) in headings where line.hasPrefix(heading) { return japanese + line.dropFirst(heading.count) }
            return aligned(String(line))
        }.joined(separator: "\n")
    }

    /// The parser pads an option to its description's column by characters; a terminal shows
    /// `<課名>` four columns wide, so the padding after a wide character is narrowed to match
    /// (the descriptions of `--department <課名>` started two columns right of the others).
    static func aligned(_ line: String) -> String {
        guard let match = line.wholeMatch(of: /(  \S(?:\S| (?! ))*)(  +)(\S.*)/) else { return line }
        let label = match.1, extra = TextTable.width(String(label)) - label.count
        guard extra > 0, match.2.count - extra >= 2 else { return line }
        return label + String(repeating: " ", count: match.2.count - extra) + match.3
    }

    private static let headings = [("OVERVIEW:", "概要:"), ("USAGE:", "使い方:"), ("ARGUMENTS:", "引数:"),
                                   ("OPTIONS:", "オプション:"), ("SUBCOMMANDS:", "サブコマンド:")]
    private static let phrases = [
        ("Show help information.", "この説明を表示します。"),
        ("Show the version.", "バージョンを表示します。"),
        ("(default: ", "(既定: "), ("; default: ", "、既定: "), ("(values: ", "(値: "), ("(values:\n", "(値:\n"),
        ("See 'daicho help <subcommand>' for detailed help.", "サブコマンドの説明は「daicho help <subcommand>」で表示します。"),
    ]
}
