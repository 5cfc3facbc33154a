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
