import DaichoCore
import DaichoRender
import FlyingFox
import Foundation

/// `daicho serve`: builds into memory, serves on 127.0.0.1, rebuilds when the project changes,
/// and tells open pages to reload. A ledger error shows its diagnostics in the browser.
public final class PreviewServer: Sendable {
    /// What the browser sees: the latest site, or the diagnostics that stopped it.
    actor State {
        var pages: [String: [UInt8]] = [:]
        var problem: String?
        var version = 0
        /// What the pages were built from, so the next rebuild renders only what changed.
        var built: SiteBuilder.MemoryState?

        func replace(with built: SiteBuilder.MemoryState) {
            self.built = built
            pages = built.pages
            problem = nil
            version += 1
        }

        func fail(_ html: String) {
            problem = html
            built = nil
            version += 1
        }
    }

    public enum Event: Sendable {
        case listening(port: UInt16)
        case rebuilt(pages: Int, seconds: Double)
        case failed(String)
    }

    public static let versionPath = "/__daicho/version"

    let project: String
    let builder: SiteBuilder
    let language: Language
    let port: UInt16
    let state = State()

    public init(project: String, port: UInt16, options: SiteOptions, templatesOverride: String?, workers: Int? = nil,
                cache: LedgerCacheStore? = nil) {
        var options = options
        options.liveReloadURL = Self.versionPath
        self.project = project
        self.port = port
        self.language = options.language
        builder = SiteBuilder(options: options, templatesOverride: templatesOverride, workers: workers, cache: cache)
    }

    /// Serves until the task is cancelled.
    public func run(events: @escaping @Sendable (Event) -> Void) async throws {
        await rebuild(events: events)
        let server = HTTPServer(address: try sockaddr_in.inet(ip4: "127.0.0.1", port: port), handler: Handler(state: state))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening()
                if case .ip4(_, let port)? = await server.listeningAddress { events(.listening(port: port)) }
                var fingerprint = self.fingerprint()
                while !Task.isCancelled {
                    try await Task.sleep(nanoseconds: 400_000_000)
                    let current = self.fingerprint()
                    if current != fingerprint {
                        fingerprint = current
                        await self.rebuild(events: events)
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    func rebuild(events: @Sendable (Event) -> Void) async {
        let started = Date()
        do {
            let (outcome, built) = try await builder.build(project: project, over: await state.built)
            switch outcome {
            case .built:
                guard let built else { return }
                await state.replace(with: built)
                events(.rebuilt(pages: built.pages.count, seconds: Date().timeIntervalSince(started)))
            case .unchanged:
                break
            case .stopped(let checked):
                let errors = checked.diagnostics.filter { $0.severity == .error }
                await state.fail(problemPage(errors))
                events(.failed(language == .ja ? "エラー \(errors.count) 件（ブラウザに表示中）" : "\(errors.count) errors (shown in the browser)"))
            }
        } catch let error as TemplateError {
            await state.fail(problemPage([error.diagnostic]))
            events(.failed(error.diagnostic.message.text(language)))
        } catch {
            let message = (error as? LoadError)?.message(language) ?? (error as? TemplateLoadError)?.message(language) ?? "\(error)"
            await state.fail(problemPage([Diagnostic(.error, .unreadable, at: SourceLocation(file: project), field: "",
                                                     LocalizedText(ja: message, en: message))]))
            events(.failed(message))
        }
    }

    /// A page listing the diagnostics, which reloads itself once they are fixed.
    func problemPage(_ diagnostics: [Diagnostic]) -> String {
        let formatter = DiagnosticFormatter(language: language, color: false)
        let items = diagnostics.map { "<li><pre>\(HTML.escape(formatter.format($0)))</pre></li>" }.joined(separator: "\n")
        let title = language == .ja ? "台帳にエラーがあります" : "The inventory has errors"
        let note = language == .ja ? "修正して保存すると、このページは自動で更新されます。" : "Fix and save; this page reloads by itself."
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(title)</title>
            <meta name="daicho-live-reload" content="\(Self.versionPath)">
            <link rel="stylesheet" href="/assets/style.css"></head>
            <body><main id="main"><h1>\(title)</h1><p>\(note)</p><ol class="diagnostics">\(items)</ol></main>
            <script src="/assets/site.js"></script></body></html>
            """
    }

    /// Paths, sizes and modification times of everything a build reads.
    func fingerprint() -> [String: String] {
        var result: [String: String] = [:]
        let fileManager = FileManager.default
        for folder in ["inventory", "templates"] {
            let root = ProjectLoader.join(project, folder)
            guard let walker = fileManager.enumerator(atPath: root) else { continue }
            while let name = walker.nextObject() as? String {
                let path = ProjectLoader.join(root, name)
                if let attributes = try? fileManager.attributesOfItem(atPath: path) {
                    result[path] = "\(attributes[.modificationDate] ?? "")|\(attributes[.size] ?? "")"
                }
            }
        }
        let projectFile = ProjectLoader.join(project, "daicho.yaml")
        if let attributes = try? fileManager.attributesOfItem(atPath: projectFile) {
            result[projectFile] = "\(attributes[.modificationDate] ?? "")|\(attributes[.size] ?? "")"
        }
        return result
    }

    struct Handler: HTTPHandler {
        let state: State

        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            if request.path == PreviewServer.versionPath {
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain; charset=utf-8", .init("Cache-Control"): "no-store"],
                                    body: Data("\(await state.version)".utf8))
            }
            var path = String((request.path.removingPercentEncoding ?? request.path).drop { $0 == "/" })
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            if path.hasSuffix(".html"), let problem = await state.problem {
                return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: Data(problem.utf8))
            }
            let pages = await state.pages
            if let bytes = pages[path] ?? pages[path + "/index.html"] {
                return HTTPResponse(statusCode: .ok, headers: [.contentType: Self.contentType(path), .init("Cache-Control"): "no-store"],
                                    body: Data(bytes))
            }
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                                body: Data(pages["404.html"] ?? Array("Not found".utf8)))
        }

        static func contentType(_ path: String) -> String {
            switch path.split(separator: ".").last.map(String.init) ?? "" {
            case "html": "text/html; charset=utf-8"
            case "css": "text/css; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            case "json": "application/json; charset=utf-8"
            case "csv": "text/csv; charset=utf-8"
            case "xml": "application/xml; charset=utf-8"
            case "svg": "image/svg+xml"
            case "md": "text/markdown; charset=utf-8"
            default: "application/octet-stream"
            }
        }
    }
}
