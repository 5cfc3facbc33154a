import ArgumentParser
import DaichoCore

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
