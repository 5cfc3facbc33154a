import ArgumentParser
import DaichoCore
import DaichoRender
import DaichoSite
import Foundation

extension Visibility.Profile: ExpressibleByArgument {}

struct BuildCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "build",
            abstract: L("静的サイトを作ります（完成してから出力フォルダを置き換えます）。",
                        "Builds the static site (the output folder is replaced only when the build is complete)."))
    }

    @OptionGroup var options: ProjectOptions

    @OptionGroup var cacheOptions: CacheOptions

    @Option(name: .shortAndLong, help: ArgumentHelp(L("出力フォルダ（既定: PROJECT/site）", "Output folder (default: PROJECT/site)"), valueName: "DIR"))
    var output: String?

    @Option(help: ArgumentHelp(L("internal（庁内版、既定）または public（公開版）", "internal (default) or public")))
    var profile: Visibility.Profile = .internal

    @Flag(help: ArgumentHelp(L("エラーのある台帳を除いて作ります", "Leave out ledgers with errors and go on")))
    var force = false

    @Flag(help: ArgumentHelp(L("作成日時をページに入れます（既定では入れず、同じ入力から同じ出力になります）",
                               "Print the build time on pages (off by default so builds are byte-identical)")))
    var timestamp = false

    @Option(help: ArgumentHelp(L("調達文書の作成日（例: 2026-12-01）", "Draft date for procurement documents (e.g. 2026-12-01)")))
    var date: String?

    @Option(help: ArgumentHelp(L("テンプレートのフォルダ（既定: PROJECT/templates）", "Templates folder (default: PROJECT/templates)"),
                               valueName: "DIR"))
    var templates: String?

    @Flag(name: .customLong("incremental"), inversion: .prefixedNo,
          help: ArgumentHelp(L("前回から変わったページだけを書き直します", "Rewrite only the pages that changed since the last build")))
    var incremental = true

    @Option(parsing: .unconditional,
            help: ArgumentHelp(L("並列に処理する数（既定: CPUコア数）。1 から 1024 まで", "Parallel workers (default: one per core); 1 to 1024"), valueName: "N"))
    var jobs: JobCount?

    @Flag(name: .shortAndLong, help: ArgumentHelp(L("進行状況を表示しません", "No progress display")))
    var quiet = false

    enum Only: String, ExpressibleByArgument, CaseIterable {
        case systems
    }

    @Option(help: ArgumentHelp(L("systems: システムのページと一覧だけを作ります（分析・文書・データを省く）",
                                 "systems: only the system pages and their lists (no analysis, documents or data)")))
    var only: Only?

    func run() async throws {
        let language = options.language
        if self.output?.isEmpty == true {
            Terminal.error(L("daicho: -o の出力先が空です（例: -o site）", "daicho: -o names no folder (e.g. -o site)"))
            throw ExitCode(2)
        }
        let output = self.output ?? ProjectLoader.join(options.project, "site")
        let started = Date()
        var siteOptions = SiteOptions(language: options.lang, profile: profile,
                                      timestamp: timestamp ? Self.now() : nil, draftDate: try checkedDraftDate(date, language: language))
        siteOptions.systemsOnly = only == .systems
        var builder = SiteBuilder(options: siteOptions, templatesOverride: templates, force: force, workers: jobs?.value,
                                  cache: cacheOptions.store(project: options.project))
        builder.keepsStateUntilExit = true
        // About 700 systems' worth of pages: a smaller old site goes in well under a second.
        builder.removesOldSiteInOtherProcessAbove = 5_000
        let notices = OutputNotices()
        builder.notices = notices
        let progress = ProgressLine(enabled: !quiet && Terminal.isTTY(STDERR_FILENO), language: language)
        let interrupt = Self.sayWhenInterrupted(output: output, progressShown: progress.enabled)
        // Ctrl+C is the default again once the build is over.
        defer {
            interrupt.cancel()
            signal(SIGINT, SIG_DFL)
        }
        let outcome: SiteBuilder.Outcome
        do {
            outcome = try await builder.build(project: options.project, output: output, incremental: incremental) { progress.show($0) }
        } catch {
            progress.clear()
            throw Failure.report(error, language)
        }
        progress.clear()
        let leftBehind = notices.leftBehind
        if !leftBehind.isEmpty {
            let names = leftBehind.prefix(5).joined(separator: "、") + (leftBehind.count > 5 ? L(" ほか \(leftBehind.count - 5) 件", " and \(leftBehind.count - 5) more") : "")
            Terminal.error(L("daicho: 警告: \(output) にあった Daicho の作らないファイル（\(names)）は、作り直したサイトにはありません。"
                                + "サイト全体を作り直すたびに消えるため、元のファイルを別の場所に保管し、必要なら公開のたびに置き直してください"
                                + (leftBehind.contains { $0.hasPrefix("assets/") } ? "（assets/ のファイルは templates/assets/ に置けば毎回コピーされます）" : ""),
                             "daicho: warning: files Daicho does not make that were in \(output) (\(names)) are not in the rebuilt site. "
                                + "A full rebuild drops them every time: keep the originals elsewhere and put them back after publishing if needed"
                                + (leftBehind.contains { $0.hasPrefix("assets/") } ? " (files in templates/assets/ are copied into assets/ on every build)" : "")))
        }
        for path in notices.undeleted {
            Terminal.error(L("daicho: 警告: 古いサイト「\(path)」を削除できませんでした（書き込みを禁止されたフォルダかファイルがあります）。手で削除してください",
                             "daicho: warning: could not delete the old site \(path) (a folder or file in it is write-protected); delete it by hand"))
        }
        KeptUntilExit.keep(outcome)
        StageTimer.report("build, all stages", .seconds(Date().timeIntervalSince(started)))
        switch outcome {
        case .unchanged(let warnings):
            // The warnings are counted, not shown: the build checked nothing, `check` lists them.
            let check = "daicho check" + (options.project == "." ? "" : " " + options.project)
            let counted = warnings == 0 ? ("", "")
                : ("警告 \(warnings) 件は \(check) で表示します。", "; \(check) lists " + (warnings == 1 ? "the warning" : "the \(warnings) warnings"))
            if !quiet { Terminal.error(L("\(output) は最新です（台帳・テンプレート・設定に変更はありません。\(counted.0)手で消したページは --no-incremental で作り直せます）",
                                           "\(output) is up to date (no ledger, template or setting changed\(counted.1); --no-incremental restores pages deleted by hand)")) }
        case .stopped(let checked):
            try reportErrors(checked, force: force, language: language)
        case .built(let checked, _, let summary):
            if force { try reportErrors(checked, force: true, language: language) }
            let warnings = checked.warningCount
            let seconds = Date().timeIntervalSince(started)
            if !quiet {
                Terminal.error(Self.summary(output: output, pages: summary.pages, removed: summary.removed,
                                            publicEdition: profile == .public, seconds: seconds, warnings: warnings))
            }
        }
    }

    /// What a build did, in one line: the files written and removed (or that no page changed),
    /// the edition when it is the public one (the same folder takes either), time and warnings.
    static func summary(output: String, pages: Int, removed: Int, publicEdition: Bool, seconds: Double, warnings: Int) -> String {
        let details = L("（\(String(format: "%.1f", seconds)) 秒、警告 \(warnings) 件）",
                        " in \(String(format: "%.1f", seconds)) s (\(warnings) warnings)")
        let (editionJa, editionEn) = publicEdition ? ("公開版の", " of the public edition") : ("", "")
        if pages == 0 && removed == 0 {
            return L("\(output) の\(editionJa)ページは内容が変わらないため、書き直していません", "no page\(editionEn) in \(output) changed; nothing rewritten") + details
        }
        let written = L("\(output) に\(editionJa) \(pages) ファイルを", "wrote \(pages) files\(editionEn) to \(output)")
        return written + (removed > 0 ? L("書き出し、\(removed) ファイルを削除しました", "; removed \(removed) files") : L("書き出しました", "")) + details
    }

    /// Ctrl+C ends the build as before (exit status 130), saying what comes of it: a full build
    /// stopped before its swap leaves the old site and a staging folder, one stopped after it the
    /// new site without its manifest, and a rebuild stopped part way has taken its manifest away;
    /// in each case the next build tidies up and, without a manifest, makes the whole site. On a
    /// queue of its own, so a build keeping every core busy does not delay it.
    static func sayWhenInterrupted(output: String, progressShown: Bool) -> any DispatchSourceSignal {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "daicho.interrupt", qos: .userInteractive))
        source.setEventHandler {
            Terminal.error((progressShown ? "\n" : "") + L("daicho: 中断しました。次の build が作りかけのものを片付け、必要ならサイト全体を作り直します",
                                                            "daicho: interrupted; the next build clears what was left half-made and, if need be, makes the whole site again"))
            _exit(130)
        }
        source.resume()
        return source
    }

    static func now() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date())
    }
}

/// A one-line progress display on a terminal: stage and page counts, redrawn in place.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    private let language: Language
    private let lock = NSLock()
    private var shown = false

    init(enabled: Bool, language: Language) {
        self.enabled = enabled
        self.language = language
    }

    func show(_ stage: SiteBuilder.Stage) {
        guard enabled else { return }
        let text: String
        switch stage {
        case .checked(let files):
            text = language == .ja ? "検査完了: \(files) ファイル" : "checked \(files) files"
        case .rendering(let done, let total):
            text = language == .ja ? "ページ作成中: \(done)/\(total)" : "rendering: \(done)/\(total)"
        }
        lock.withLock {
            Terminal.write(pieces: [Array(("\r\u{1B}[2K" + text).utf8)], to: STDERR_FILENO)
            shown = true
        }
    }

    func clear() {
        lock.withLock {
            if shown { Terminal.write(pieces: [Array("\r\u{1B}[2K".utf8)], to: STDERR_FILENO) }
            shown = false
        }
    }
}
