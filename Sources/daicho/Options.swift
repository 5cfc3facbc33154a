import ArgumentParser
import DaichoCore
import DaichoSite

extension Language: ExpressibleByArgument {}

/// Options every subcommand shares: the project folder and the language.
struct ProjectOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(L("プロジェクトのフォルダ（daicho.yaml と inventory/ を含む）。省略時は現在のフォルダ",
                                   "The project folder (holding daicho.yaml and inventory/); default: the current folder")))
    var project: String = "."

    @Option(help: ArgumentHelp(L("表示言語: ja（日本語）または en（英語）", "Display language: ja (Japanese) or en (English)")))
    var lang: Language?

    var language: Language { lang ?? CLILanguage.current }
}

/// The parsed-ledger cache switch, for the commands that read the whole inventory.
struct CacheOptions: ParsableArguments {
    @Flag(name: .customLong("cache"), inversion: .prefixedNo,
          help: ArgumentHelp(L("変わっていない台帳の読み込み結果を PROJECT/.daicho-cache から使います",
                               "Reuse parse results of unchanged ledgers from PROJECT/.daicho-cache")))
    var cache = true

    func store(project: String) -> LedgerCacheStore? {
        cache ? LedgerCacheStore(project: project) : nil
    }
}

/// The draft date the procurement documents print (`--date`), checked: one with a typo would be
/// printed on every RFI, RFP and SLA. Any form a ledger may use is accepted, and printed as given.
func checkedDraftDate(_ date: String?, language: Language) throws -> String? {
    guard let date else { return nil }
    // A date past its era's end (平成31年5月1日) is the day it names, as in a ledger, where it is a warning.
    let outcome = DateParser.parse(date)
    let read: LedgerDate? = switch outcome {
    case .date(let parsed), .outsideEra(let parsed, era: _): parsed
    default: nil
    }
    guard let parsed = read, parsed.day != nil else {
        Terminal.error(L("daicho: --date「\(date)」は日付として読めません（例: 2026-12-01、令和8年12月1日）",
                         "daicho: --date '\(date)' is not a date (e.g. 2026-12-01)"))
        throw ExitCode(2)
    }
    // One spelling of the day however it was typed (`R8.12.1`, 令和8年12月1日): the English pages
    // print it as given, and a rebuild on another spelling of the same day wrote every page again.
    return parsed.description
}

/// `--jobs N`: how many files or pages to work on at once, from 1 to 1,024. The word after
/// `--jobs` is its value whatever it looks like: `--jobs -1` is a wrong count, not a missing one
/// (and `--jobs=-1` and `--jobs 0` are refused the same way rather than quietly taken for 1).
struct JobCount: ExpressibleByArgument, Sendable {
    static let allowed = 1...1_024
    var value: Int

    init?(argument: String) {
        guard let value = Int(argument), Self.allowed.contains(value) else { return nil }
        self.value = value
    }
}
