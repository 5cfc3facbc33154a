import ArgumentParser
import DaichoCore
import DaichoRender
import DaichoSite
import Foundation

/// How a failure reaches the user: its message on standard error, and the exit status the README
/// promises (1 for problems in what the user wrote — ledgers, templates; 2 for usage and files).
enum Failure {
    static func report(_ error: Error, _ language: Language) -> ExitCode {
        switch error {
        case let error as LoadError:
            Terminal.error("daicho: " + error.message(language))
            return ExitCode(2)
        case let error as WriteError:
            Terminal.error("daicho: " + error.message(language))
            return ExitCode(2)
        case TemplateLoadError.template(let error):
            return templateProblems(error, language)
        case let error as TemplateLoadError:
            Terminal.error(error.message(language))
            return ExitCode(error.isMissingFolder ? 2 : 1)
        case let error as TemplateError:
            return templateProblems(error, language)
        case let error as ExitCode:
            return error
        default:
            Terminal.error("daicho: \(error)")
            return ExitCode(2)
        }
    }

    /// Template problems, found as the templates load or as pages render: each as a diagnostic
    /// (in colour on a terminal), then their count.
    private static func templateProblems(_ error: TemplateError, _ language: Language) -> ExitCode {
        let formatter = DiagnosticFormatter(language: language, color: Terminal.useColor(STDERR_FILENO))
        for diagnostic in error.diagnostics { Terminal.error(formatter.format(diagnostic)) }
        if error.all.count > 1 { Terminal.error(TemplateLoadError.summary(error.all.count, language)) }
        return ExitCode(1)
    }
}
