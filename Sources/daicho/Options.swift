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
          help: ArgumentHelp(L("変わっていない台帳の読み込み結果を PROJECT/.daicho-cache から使います（既定）",
                               "Reuse parse results of unchanged ledgers from PROJECT/.daicho-cache (default)")))
    var cache = true

    func store(project: String) -> LedgerCacheStore? {
        cache ? LedgerCacheStore(project: project) : nil
    }
}
