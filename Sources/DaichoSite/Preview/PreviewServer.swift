import DaichoCore
import DaichoRender
import FlyingFox
import Foundation
import Synchronization

/// `daicho serve`: builds into a preview folder with the same incremental rebuild as
/// `daicho build` (see `PreviewFolder`), serves it on 127.0.0.1, rebuilds when the project
/// changes, and tells open pages to reload. A ledger error shows its diagnostics in the browser.
public final class PreviewServer: Sendable {
    /// What the browser is told: the version of the site, or the diagnostics that stopped it.
    actor State {
        var problem: String?
        var version = 0

        func built() {
            problem = nil
            version += 1
        }

        /// The inputs are back to those of the pages on disk (an error was undone): true when
        /// the browser was showing the error.
        func recovered() -> Bool {
            guard problem != nil else { return false }
            problem = nil
            version += 1
            return true
        }

        func fail(_ html: String) {
            problem = html
            version += 1
        }
    }

    public enum Event: Sendable {
        case listening(port: UInt16)
        case rebuilt(pages: Int, seconds: Double)
        /// The errors were undone: the inputs are those of the pages already built.
        case recovered
        case failed(String)
    }

    public static let versionPath = "/__daicho/version"

    let project: String
    let builder: SiteBuilder
    let language: Language
    let port: UInt16
    let folder: PreviewFolder
    let watch: ProjectWatch
    let state = State()

    /// - Parameter messages: the language of the terminal's lines and the problem pages (`options`
    ///   gives the pages', which may follow `site.lang`).
    public init(project: String, port: UInt16, options: SiteOptions, messages: Language? = nil, templatesOverride: String?,
                workers: Int? = nil, cache: LedgerCacheStore? = nil) {
        var options = options
        options.liveReloadURL = Self.versionPath
        self.project = project
        self.port = port
        self.language = messages ?? options.language
        var builder = SiteBuilder(options: options, templatesOverride: templatesOverride, workers: workers, cache: cache)
        builder.memory = BuildMemory(limit: options.oneAtATimeAbove)
        builder.removesOldSiteOnTheSide = true
        builder.patchesInPlace = false
        self.builder = builder
        folder = PreviewFolder(cache: cache)
        watch = ProjectWatch(project: project, templates: templatesOverride)
    }

    /// Another program listens on the port.
    public struct PortTaken: Error, Sendable {
        public let port: UInt16
        public init(port: UInt16) { self.port = port }
    }

    /// Whether 127.0.0.1:`port` is held by another program: a socket bound there and closed
    /// again, as the server will bind it.
    public static func isTaken(port: UInt16) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var yes: Int32 = 1
        _ = setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return bound != 0 && errno == EADDRINUSE
    }

    /// The folder the pages are written to (in the project's cache folder, or a temporary one).
    public var output: String { folder.path }

    /// Why the pages go to a temporary folder removed at the end, or nil when they go to the
    /// project's cache folder (see `PreviewFolder`).
    public var temporaryFolderReason: LocalizedText? {
        switch folder.temporaryBecause {
        case nil: nil
        case .noCache?: LocalizedText(ja: "--no-cache のため", en: "--no-cache")
        case .cannotWrite?: LocalizedText(ja: "プロジェクトのキャッシュ用フォルダに書き込めないため", en: "the project's cache folder cannot be written")
        case .anotherServe?: LocalizedText(ja: "同じプロジェクトを別の serve が表示中のため", en: "another serve shows the same project")
        }
    }

    /// Serves until the task is cancelled; a temporary preview folder is removed then.
    public func run(events: @escaping @Sendable (Event) -> Void) async throws {
        defer { folder.release() }
        // Found before the first build, which at national scale takes a minute to be thrown away.
        if port != 0, Self.isTaken(port: port) { throw PortTaken(port: port) }
        // Old pages a `serve` that ended (Ctrl+C) had not finished removing on the side: a whole
        // site each, which only a full build would otherwise clear.
        let preview = folder.path
        _ = Task.detached(priority: .background) { OutputFolder.removeLeftovers(beside: preview) }
        // Taken before each build: a save while it runs is seen at the next look.
        let first = watch.signature()
        await rebuild(events: events)
        // Stopped during the first build: nothing to serve.
        try Task.checkCancellation()
        // FlyingFox's own log (a line per request in English, and a "critical" line at every Ctrl+C)
        // is left out: the events above say what staff need, in their language, and a server that
        // cannot start throws from `run`.
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), logger: .disabled,
                                handler: Handler(state: state, root: folder.path))
        Self.raiseOpenFileLimit()
        let listened = Flag()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                // Once it has listened, a failure to take a connection (every file descriptor in
                // use: a thousand idle connections under the usual limit of 1,024) does not end
                // the preview: the listening socket is made again a moment later.
                while true {
                    do {
                        try await server.run()
                        return
                    } catch where listened.isSet && !Task.isCancelled {
                        try await Task.sleep(for: .seconds(1))
                    }
                }
            }
            group.addTask {
                try await server.waitUntilListening()
                listened.set()
                if case .ip4(_, let port)? = await server.listeningAddress { events(.listening(port: port)) }
                let clock = ContinuousClock()
                var signature = first
                var pause = Duration.milliseconds(400)
                // Set when a missing site could not be built again, so that it is not tried at
                // every look.
                var missingSiteRebuilt = false
                while !Task.isCancelled {
                    try await Task.sleep(for: pause)
                    let started = clock.now
                    let current = self.watch.signature()
                    // Looking costs at most a twentieth of the time: at national scale a look
                    // over every ledger takes tens of milliseconds.
                    pause = max(.milliseconds(400), (clock.now - started) * 20)
                    // The preview folder removed by hand (its front page gone while the last build
                    // went well): built again, not served as 404s until the next save.
                    let siteMissing = await self.state.problem == nil && FileStamp(path: self.folder.path + "/index.html") == nil
                    if current != signature || (siteMissing && !missingSiteRebuilt) {
                        signature = current
                        // Whole, when pages are gone: a rebuild trusts the manifest and would find
                        // nothing to do if only some files (the front page) were removed. What is
                        // left of the folder is set aside first (without its front page it no longer
                        // looks like a site, which a build refuses to replace) and removed on the side.
                        if siteMissing { self.setAsidePreview() }
                        await self.rebuild(events: events, whole: siteMissing)
                        // Not tried again until the site is back, unless this build made it.
                        missingSiteRebuilt = siteMissing && FileStamp(path: self.folder.path + "/index.html") == nil
                    } else if !siteMissing {
                        missingSiteRebuilt = false
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// The soft limit of open files raised to the hard one (up to 65,536): each connection holds a
    /// descriptor, and 1,024, the usual soft limit, is soon reached by a page opening many.
    static func raiseOpenFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        let wanted = min(limit.rlim_max, 65_536)
        guard limit.rlim_cur < wanted else { return }
        limit.rlim_cur = wanted
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }

    /// Set once, read from other tasks.
    final class Flag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }

    /// Moves what is left of the preview folder aside, named as the old sites a full build sets
    /// aside (`OutputFolder.commit`), and removes it on the side.
    func setAsidePreview() {
        guard let aside = OutputFolder.setAside(folder.path, of: folder.path) else { return }
        OutputFolder.removeOnTheSide(aside)
    }

    func rebuild(events: @Sendable (Event) -> Void, whole: Bool = false) async {
        let started = Date()
        defer { StageTimer.report("build, all stages", .seconds(Date().timeIntervalSince(started))) }
        do {
            switch try await builder.build(project: project, output: folder.path, incremental: !whole) {
            case .built(_, _, let summary):
                await state.built()
                events(.rebuilt(pages: summary.pages, seconds: Date().timeIntervalSince(started)))
            case .unchanged:
                if await state.recovered() { events(.recovered) }
            case .stopped(let checked):
                let errors = checked.diagnostics.filter { $0.severity == .error }
                await state.fail(problemPage(errors, lines: SourceLines(bytes: Self.plainFile)))
                // The first error's line too: whoever has no browser open still learns where to look.
                let first = errors.first.map { DiagnosticFormatter(language: language, color: false).format($0) }?
                    .split(separator: "\n").first.map { "\n  " + $0 } ?? ""
                events(.failed((language == .ja ? "エラー \(errors.count) 件（ブラウザに表示中）" : "\(errors.count) errors (shown in the browser)") + first))
            }
        } catch is CancellationError {
            // Serving ends (Ctrl+C): the build was thrown away, nothing to show.
            return
        } catch let error as TemplateError {
            await failed(error, events: events)
        } catch TemplateLoadError.template(let error) {
            await failed(error, events: events)
        } catch {
            let message = (error as? LoadError)?.message(language) ?? (error as? TemplateLoadError)?.message(language)
                ?? (error as? WriteError)?.message(language) ?? "\(error)"
            // The message names its own file where it has one: no place of the project's is put before it.
            await state.fail(problemPage(messages: [message], inLedgers: false))
            events(.failed(message))
        }
    }

    /// Template problems: every one on the page, the first and their count on the terminal.
    private func failed(_ error: TemplateError, events: @Sendable (Event) -> Void) async {
        await state.fail(problemPage(error.diagnostics, inLedgers: false))
        let count = error.all.count
        events(.failed(error.diagnostic.message.text(language) + (count > 1 ? "（" + TemplateLoadError.summary(count, language) + "）" : "")))
    }

    /// A page listing the diagnostics, which reloads itself once they are fixed.
    /// - Parameter inLedgers: false for a template, `daicho.yaml` or file problem, which the
    ///   title must not blame on the ledgers.
    /// - Parameter lines: the files' lines, for the line each diagnostic points at; none without
    ///   (a template's problems name the template, not a file to read).
    func problemPage(_ diagnostics: [Diagnostic], inLedgers: Bool = true, lines: SourceLines? = nil) -> String {
        var lines = lines
        let items = diagnostics.map { problemItem($0, sourceLine: lines?.line($0.location)) }
        return problemPage(items: items, inLedgers: inLedgers && diagnostics.allSatisfy({ $0.location.file.contains("inventory/") }))
    }

    /// The same page for messages already written out.
    func problemPage(messages: [String], inLedgers: Bool) -> String {
        problemPage(items: messages.map { "<li><p class=\"message\">\(HTML.escape($0))</p></li>" }, inLedgers: inLedgers)
    }

    /// The bytes of a ledger or `daicho.yaml` as the check read them, for the lines the page
    /// quotes: a regular file no larger than a ledger may be (a FIFO would block the rebuilds, a
    /// link to `/dev/zero` fill the memory); nil for anything else.
    static func plainFile(_ path: String) -> [UInt8]? {
        let limit = YAMLReader.Limits().maxBytes
        guard let bytes = FileBytes.read(path, atMost: limit + 1), bytes.count <= limit else { return nil }
        return bytes
    }

    /// One diagnostic as the terminal gives it, laid out for a browser: the place, 「エラー」 or
    /// 「警告」 in the page's language, the message and hint as text that wraps, and the line
    /// with a caret under the column (a `<pre>`, so the caret stays under it).
    func problemItem(_ diagnostic: Diagnostic, sourceLine: String?) -> String {
        let visible = DiagnosticFormatter.visible, location = diagnostic.location
        let severity = switch (diagnostic.severity, language) {
        case (.error, .ja): "エラー"
        case (.error, .en): "error"
        case (_, .ja): "警告"
        case (_, .en): "warning"
        }
        var item = "<li class=\"\(diagnostic.severity.rawValue)\"><p class=\"where\"><code>\(HTML.escape(visible("\(location.file):\(location.line):\(location.column)")))</code> "
            + "<strong>\(severity)</strong>"
            + (diagnostic.fieldPath.isEmpty ? "" : " <code>[\(HTML.escape(visible(diagnostic.fieldPath)))]</code>") + "</p>\n"
            + "<p class=\"message\">\(HTML.escape(visible(diagnostic.message.text(language))))</p>\n"
        if let sourceLine, !sourceLine.isEmpty {
            let caret = String(repeating: " ", count: DiagnosticFormatter.caretOffset(in: sourceLine, column: location.column)) + "^"
            item += "<pre class=\"source\">\(HTML.escape(visible(sourceLine)))\n\(caret)</pre>\n"
        }
        if let hint = diagnostic.hint {
            item += "<p class=\"hint\">\(language == .ja ? "ヒント: " : "hint: ")\(HTML.escape(visible(hint.text(language))))</p>\n"
        }
        return item + "</li>"
    }

    private func problemPage(items: [String], inLedgers: Bool) -> String {
        let items = items.joined(separator: "\n")
        let title = inLedgers
            ? (language == .ja ? "台帳にエラーがあります" : "The inventory has errors")
            : (language == .ja ? "サイトを作れません（エラーがあります）" : "The site cannot be built (errors)")
        let note = language == .ja ? "修正して保存すると、このページは自動で更新されます。" : "Fix and save; this page reloads by itself."
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(title)</title>
            <meta name="daicho-live-reload" content="\(Self.versionPath)">
            <link rel="stylesheet" href="/assets/style.css">
            <style>.diagnostics p { overflow-wrap: anywhere; } .diagnostics .message { white-space: pre-wrap; } .diagnostics pre { overflow-x: auto; } .diagnostics .error strong { color: #b00020; }</style></head>
            <body><main id="main"><h1>\(title)</h1><p>\(note)</p><ol class="diagnostics">\(items)</ol></main>
            <script src="/assets/site.js"></script></body></html>
            """
    }

    struct Handler: HTTPHandler {
        let state: State
        let root: String
        /// Files larger than this are sent from the file a piece at a time, not read whole first:
        /// `systems.json` is 43 MB at 10,000 systems and 430 MB at 100,000, and each request for it
        /// held all of it (twice, as bytes and as the body).
        var streamedAbove = 1 << 20

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            // A page of any web site the user opens can have its name point at 127.0.0.1 (DNS
            // rebinding) and read the internal edition through the browser: only requests sent
            // to this PC by its own names are answered.
            if let host = request.headers[.host], !Self.isLocal(host: host) {
                return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                                    body: Data("このプレビューは 127.0.0.1 または localhost の名前でだけ表示します。\nThis preview answers to 127.0.0.1 and localhost only.\n".utf8))
            }
            guard request.method == .GET || request.method == .HEAD else {
                return HTTPResponse(statusCode: .methodNotAllowed, headers: [.init("Allow"): "GET, HEAD"], body: Data())
            }
            let response = try await respond(to: request)
            // A HEAD is answered with the headers alone: a body after them would be read as the
            // next response on the connection. Its length is the one a GET would have (a
            // download tool asks for it first); FlyingFox keeps a length the headers give.
            guard request.method == .HEAD else { return response }
            var headers = response.headers
            if case .httpBody(let body) = response.payload, let count = body.count { headers[.contentLength] = String(count) }
            return HTTPResponse(statusCode: response.statusCode, headers: headers, body: Data())
        }

        /// The cookie carrying the version, named after the port (cookies are kept per host, not
        /// per port, and two previews may run side by side); `site.js` reads the same name.
        static func versionCookie(host: String?) -> String {
            var port = "80"
            if let host, let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") {
                let digits = host[host.index(after: colon)...]
                if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) { port = String(digits) }
            }
            return "daicho-version-" + port
        }

        /// Whether a `Host` header names this PC: 127.0.0.1, localhost or [::1], with any port.
        static func isLocal(host: String) -> Bool {
            var name = Substring(host.lowercased())
            if name.hasPrefix("[") {
                guard let close = name.firstIndex(of: "]") else { return false }
                name = name[name.index(after: name.startIndex)..<close]
                return name == "::1"
            }
            if let colon = name.lastIndex(of: ":") { name = name[..<colon] }
            return name == "127.0.0.1" || name == "localhost"
        }

        private func respond(to request: HTTPRequest) async throws -> HTTPResponse {
            if request.path == PreviewServer.versionPath {
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; charset=utf-8", .init("Cache-Control"): "no-store"],
                                    body: Data("\(await state.version)".utf8))
            }
            // The target as sent: `path` drops a folder's final slash, which tells a folder's
            // address from its page's.
            var path = String(request.target.path(percentEncoded: false).drop { $0 == "/" })
            // `%00` would end the name where the file is opened, after the type was taken from
            // what follows it (`rfi.md%00.html` served a draft as HTML): no control characters.
            guard !path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                return HTTPResponse(statusCode: .badRequest, headers: [.contentType: "text/plain; charset=utf-8"], body: Data())
            }
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            if path.hasSuffix(".html"), let problem = await state.problem {
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: Data(problem.utf8))
            }
            // Only files inside the preview folder: no "..", no absolute path, no empty component.
            if OutputFolder.isSafe(path) {
                var headers: HTTPHeaders = [.contentType: Self.contentType(path), .init("Cache-Control"): "no-store"]
                if path.hasSuffix(".html") {
                    // The site's version as this page is read, for the reload script to start
                    // from: had it taken its first look as the start, a rebuild ending between
                    // this answer and that look would leave the page stale.
                    headers[.init("Set-Cookie")] = "\(Self.versionCookie(host: request.headers[.host]))=\(await state.version); Path=/; SameSite=Strict"
                }
                // Regular files only: a folder's name is not a page.
                if let stamp = FileStamp(path: root + "/" + path), stamp.size > streamedAbove,
                   let body = try? HTTPBodySequence(file: URL(fileURLWithPath: root + "/" + path), suggestedBufferSize: 1 << 16) {
                    return HTTPResponse(statusCode: .ok, headers: headers, body: body)
                }
                if let bytes = FileBytes.read(root + "/" + path) {
                    return HTTPResponse(statusCode: .ok, headers: headers, body: Data(bytes))
                }
                // A folder's address without its slash: the page's relative links need the slash.
                if FileStamp(path: root + "/" + path + "/index.html") != nil {
                    // Absolute where the Host is known: Foundation's URLSession on Linux loses
                    // the final slash of a relative one, and asks again for ever.
                    let host = request.headers[.host].map { "http://" + $0 } ?? ""
                    return HTTPResponse(statusCode: .movedPermanently, headers: [.location: host + "/" + path + "/"], body: Data())
                }
            }
            // The site's own 404 page; without a site (its folder removed by hand), a line saying so.
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                                body: Data(FileBytes.read(root + "/404.html") ?? Array(Self.noSite.utf8)))
        }

        static let noSite = """
            <!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>ページがありません</title></head>
            <body><p>ページがありません。プレビューのフォルダが消えていれば、作り直しています（しばらくして再読み込みしてください）。</p>
            <p lang="en">Not found. If the preview folder was removed, it is being built again (reload in a moment).</p></body></html>
            """

        static func contentType(_ path: String) -> String {
            switch path.split(separator: ".").last.map({ $0.lowercased() }) ?? "" {
            case "html": "text/html; charset=utf-8"
            case "css": "text/css; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            case "json": "application/json; charset=utf-8"
            case "csv": "text/csv; charset=utf-8"
            case "xml": "application/xml; charset=utf-8"
            case "svg": "image/svg+xml"
            case "md": "text/markdown; charset=utf-8"
            case "txt": "text/plain; charset=utf-8"
            case "png": "image/png"
            case "jpg", "jpeg": "image/jpeg"
            case "gif": "image/gif"
            case "webp": "image/webp"
            case "ico": "image/vnd.microsoft.icon"
            case "woff2": "font/woff2"
            case "pdf": "application/pdf"
            default: "application/octet-stream"
            }
        }
    }
}
