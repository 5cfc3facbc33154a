import ArgumentParser
import DaichoCore
import DaichoRender
import DaichoSite
import Foundation
import Synchronization

struct ServeCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "serve",
            abstract: L("サイトをこのPCだけで確認できるように表示し、台帳やテンプレートを保存すると作り直します。",
                        "Serves the site on this computer only and rebuilds when ledgers or templates change."))
    }

    @OptionGroup var options: ProjectOptions

    @OptionGroup var cacheOptions: CacheOptions

    @Option(help: ArgumentHelp(L("ポート番号", "Port")))
    var port: UInt16 = 8000

    @Option(help: ArgumentHelp(L("internal（庁内版、既定）または public（公開版）", "internal (default) or public")))
    var profile: Visibility.Profile = .internal

    @Option(help: ArgumentHelp(L("テンプレートのフォルダ（既定: PROJECT/templates）", "Templates folder (default: PROJECT/templates)"),
                               valueName: "DIR"))
    var templates: String?

    func run() async throws {
        let language = options.language
        // A mistyped project or templates folder stops here, as it stops `build`: there is nothing
        // to wait for. (Errors inside them, in a ledger or a template, are shown in the browser
        // while serving, and go away when fixed.)
        do {
            _ = try ProjectLoader().load(options.project)
            _ = try TemplateLoader().load(project: options.project, override: templates)
        } catch TemplateLoadError.template {
        } catch {
            throw Failure.report(error, language)
        }
        // Before anything else is said: a line about a temporary folder for a preview that
        // never starts only misled.
        if port != 0, PreviewServer.isTaken(port: port) { throw portUnavailable(PreviewServer.PortTaken(port: port)) }
        let server = PreviewServer(project: options.project, port: port,
                                   options: SiteOptions(language: options.lang, profile: profile), messages: language, templatesOverride: templates,
                                   cache: cacheOptions.store(project: options.project))
        // Said, not done silently: the next start builds everything again, and a second `serve`
        // of the project otherwise looks just like the first.
        if let reason = server.temporaryFolderReason {
            Terminal.error(L("プレビューは一時フォルダ \(server.output) に作り、終了時に削除します（\(reason.ja)）",
                             "the preview goes to a temporary folder, \(server.output), removed at the end (\(reason.en))"))
        }
        let serving = Task {
            try await server.run { event in
                switch event {
                case .listening(let port):
                    Terminal.error(L("http://127.0.0.1:\(port)/ で表示しています（終了は Ctrl+C）",
                                     "serving at http://127.0.0.1:\(port)/ (Ctrl+C to stop)"))
                case .rebuilt(let pages, let seconds):
                    Terminal.error(L("作成しました: \(pages) ファイル（\(String(format: "%.1f", seconds)) 秒）",
                                     "built \(pages) files in \(String(format: "%.1f", seconds)) s"))
                case .recovered:
                    Terminal.error(L("エラーがなくなりました（前回作成したページを表示します）", "the errors are gone (showing the pages built before)"))
                case .failed(let message):
                    Terminal.error(L("作成できません: ", "cannot build: ") + message)
                }
            }
        }
        // Ctrl+C (or a stop from the system) ends serving the ordinary way, so that a temporary
        // preview folder is removed rather than left behind; a build under way stops at its next
        // page and is thrown away. A second Ctrl+C ends the program at once, for whoever cannot wait.
        // The signals are taken on a queue of their own: on the shared queue, a build that kept
        // every core busy left the handler waiting until it ended. A second signal counts only a
        // second or more after the first (`timeout` and a terminal's process group can deliver
        // one Ctrl+C twice); it ends the program without removing a temporary preview folder,
        // which the next `serve` clears (`PreviewFolder`).
        let signals = DispatchQueue(label: "daicho.signals", qos: .userInteractive)
        let firstStop = Mutex<ContinuousClock.Instant?>(nil)
        let stops = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: signals)
            source.setEventHandler {
                let now = ContinuousClock.now
                let first = firstStop.withLock { first in
                    defer { if first == nil { first = now } }
                    return first
                }
                guard let first else {
                    if number == SIGINT {
                        Terminal.error(L("終了しています（すぐに終えるには、もう一度 Ctrl+C）", "stopping (Ctrl+C again to quit at once)"))
                    }
                    serving.cancel()
                    return
                }
                if now - first >= .seconds(1) { _exit(130) }
            }
            source.resume()
            return source
        }
        defer { stops.forEach { $0.cancel() } }
        do {
            try await serving.value
        } catch {
            if serving.isCancelled { return }
            throw portUnavailable(error)
        }
    }

    /// Says why the port cannot be listened on, and gives the exit code to end with.
    private func portUnavailable(_ error: any Error) -> ExitCode {
        // The server library says why in its own words; the usual reason is put plainly.
        let detail = "\(error)"
        let inUse = error is PreviewServer.PortTaken || detail.contains("errno: \(EADDRINUSE)")
        Terminal.error(L("daicho: ポート \(port) で開始できません（\(inUse ? "ほかのプログラムが使っています" : detail)）。--port で別の番号を指定してください",
                         "daicho: cannot listen on port \(port) (\(inUse ? "another program uses it" : detail)); choose another with --port"))
        return ExitCode(2)
    }
}
