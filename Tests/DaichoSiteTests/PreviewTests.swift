import DaichoCore
@testable import DaichoSite
import DaichoRender
@testable import FlyingFox
import Foundation
import Testing

/// What `serve` watches and where it writes.
struct PreviewTests {
    /// The page shown instead of the site names the ledgers only when they are what failed.
    @Test func theProblemPageBlamesTheLedgersOnlyForTheirErrors() {
        let server = PreviewServer(project: "/nonexistent", port: 0, options: SiteOptions(), templatesOverride: nil)
        func error(in file: String) -> Diagnostic {
            Diagnostic(.error, .unreadable, at: SourceLocation(file: file), field: "", LocalizedText(ja: "x", en: "x"))
        }
        #expect(server.problemPage([error(in: "inventory/zeimu.yaml")]).contains("<h1>台帳にエラーがあります</h1>"))
        #expect(server.problemPage([error(in: "inventory/zeimu.yaml"), error(in: "daicho.yaml")])
            .contains("<h1>サイトを作れません（エラーがあります）</h1>"))
        #expect(server.problemPage([error(in: "inventory/zeimu.yaml")], inLedgers: false).contains("<h1>サイトを作れません"))
    }

    /// Each problem as the terminal gives it, laid out to wrap: the place, 「エラー」, the line the
    /// file has there with a caret under the column (a wide character takes two), and the hint.
    @Test func theProblemPageShowsTheLineAndWrapsTheHint() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-problem-\(UUID().uuidString).yaml").path
        try Data("id: koseki\n  form: 専用鯖 <b>\n".utf8).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let server = PreviewServer(project: "/nonexistent", port: 0, options: SiteOptions(), templatesOverride: nil)
        let hint = String(repeating: "onpremise（自庁設置）、", count: 8)
        let diagnostic = Diagnostic(.error, .unreadable, at: SourceLocation(file: file, line: 2, column: 9), field: "servers[0].form",
                                    LocalizedText(ja: "「専用鯖」は使えない値です", en: "x"), hint: LocalizedText(ja: hint, en: "x"))
        let page = server.problemPage([diagnostic], lines: SourceLines(bytes: PreviewServer.plainFile))
        #expect(page.contains("<p class=\"where\"><code>\(file):2:9</code> <strong>エラー</strong> <code>[servers[0].form]</code></p>"), "\(page)")
        #expect(page.contains("<p class=\"message\">「専用鯖」は使えない値です</p>"))
        // Eight columns before `専`: the caret is under it.
        #expect(page.contains("<pre class=\"source\">  form: 専用鯖 &lt;b&gt;\n        ^</pre>"), "\(page)")
        #expect(page.contains("<p class=\"hint\">ヒント: \(hint)</p>"))
        #expect(!page.contains("error:") && !page.contains("<pre>"))
        // A file that cannot be read leaves the item without a line.
        let gone = Diagnostic(.warning, .unreadable, at: SourceLocation(file: file + ".gone", line: 1, column: 1), field: "",
                              LocalizedText(ja: "注意", en: "x"))
        #expect(server.problemPage([gone]).contains("<strong>警告</strong></p>\n<p class=\"message\">注意</p>\n</li>"))
        // Without lines (a template's problems), nothing is read.
        #expect(!server.problemPage([diagnostic]).contains("<pre"))
    }

    /// The page quotes lines from regular files of a ledger's size alone: a FIFO is not opened
    /// (it would block the rebuilds), an oversized file not read.
    @Test func theProblemPageReadsOnlyPlainFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-plain-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(mkfifo(folder + "/fifo.yaml", 0o600) == 0)
        #expect(PreviewServer.plainFile(folder + "/fifo.yaml") == nil)
        try Data(count: YAMLReader.Limits().maxBytes + 1).write(to: URL(fileURLWithPath: folder + "/large.yaml"))
        #expect(PreviewServer.plainFile(folder + "/large.yaml") == nil)
        try Data("id: a\n".utf8).write(to: URL(fileURLWithPath: folder + "/a.yaml"))
        #expect(PreviewServer.plainFile(folder + "/a.yaml") == Array("id: a\n".utf8))
        #expect(PreviewServer.plainFile(folder) == nil)
    }

    /// A large file is sent from disk a piece at a time, a small one read whole: either way the
    /// body is the file's bytes.
    @Test func largeFilesAreSentAsTheyAreRead() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var random = SplitMix(seed: 3)
        let large = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }, small = Array("[1]\n".utf8)
        try Data(large).write(to: URL(fileURLWithPath: root + "/data/systems.json"))
        try Data(small).write(to: URL(fileURLWithPath: root + "/data/small.json"))
        let handler = PreviewServer.Handler(state: PreviewServer.State(), root: root, streamedAbove: 100_000)
        func get(_ path: String) async throws -> HTTPResponse {
            try await handler.handleRequest(HTTPRequest(method: .GET, version: .http11, path: path, query: [], headers: [:], body: Data()))
        }
        let streamed = try await get("/data/systems.json")
        #expect(streamed.statusCode == .ok && streamed.headers[.contentType] == "application/json; charset=utf-8")
        #expect(try await streamed.bodyData == Data(large))
        if case .httpBody(let body) = streamed.payload {
            // From the file: its length is known without the bytes being in the response.
            #expect(body.count == large.count)
        }
        #expect(try await get("/data/small.json").bodyData == Data(small))
        #expect(try await get("/data/none.json").statusCode == .notFound)
    }

    /// A local server answers its own names only (a rebinding page names another), GET and HEAD
    /// only, HEAD without a body, and refuses a control character in the path (`%00` cut the
    /// name where the file was opened, after the type was taken from what followed).
    @Test func requestsAreAnsweredOnlyAsALocalServerShould() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-serve-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/systems/a", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("<p>page</p>".utf8).write(to: URL(fileURLWithPath: root + "/index.html"))
        try Data("# draft <img src=x>".utf8).write(to: URL(fileURLWithPath: root + "/systems/a/rfi.md"))
        let handler = PreviewServer.Handler(state: PreviewServer.State(), root: root)
        func send(_ path: String, method: HTTPMethod = .GET, host: String? = "127.0.0.1:8080") async throws -> HTTPResponse {
            let headers: [HTTPHeader: String] = host.map { [.host: $0] } ?? [:]
            return try await handler.handleRequest(HTTPRequest(method: method, version: .http11, path: path, query: [], headers: headers, body: Data()))
        }
        for host in ["127.0.0.1:8080", "localhost:8391", "LOCALHOST", "[::1]:8080"] {
            #expect(try await send("/index.html", host: host).statusCode == .ok, "\(host)")
        }
        for host in ["evil.example.com", "evil.example.com:8080", "127.0.0.1.evil.example", "[::2]:80", "localhost.evil:80"] {
            #expect(try await send("/index.html", host: host).statusCode == .forbidden, "\(host)")
        }
        #expect(try await send("/systems/a/rfi.md\u{0}.html").statusCode == .badRequest)
        #expect(try await send("/index.html\u{0}.css").statusCode == .badRequest)
        #expect(try await send("/index.html", method: .POST).statusCode == .methodNotAllowed)
        let head = try await send("/index.html", method: .HEAD)
        #expect(head.statusCode == .ok && head.headers[.contentType] == "text/html; charset=utf-8")
        #expect(try await head.bodyData.isEmpty)
        // With the length of the page a GET gives ("<p>page</p>" is 11 bytes), as it goes out on the wire.
        #expect(head.headers[.contentLength] == "11")
        #expect(String(decoding: HTTPEncoder.encodeResponseHeader(head), as: UTF8.self).contains("Content-Length: 11\r\n"))
        #expect(PreviewServer.Handler.contentType("logo.PNG") == "image/png" && PreviewServer.Handler.contentType("a.CSS") == "text/css; charset=utf-8")
        // A page carries the version it was read at, for the reload script (named by the port).
        #expect(try await send("/index.html").headers[HTTPHeader("Set-Cookie")] == "daicho-version-8080=0; Path=/; SameSite=Strict")
        #expect(try await send("/index.html", host: "localhost").headers[HTTPHeader("Set-Cookie")] == "daicho-version-80=0; Path=/; SameSite=Strict")
        #expect(try await send("/systems/a/rfi.md").headers[HTTPHeader("Set-Cookie")] == nil)
    }

    /// Temporary previews (with their manifests) of `serve`s that ended without removing them
    /// are cleared; a running one's are kept, and so is anything else.
    @Test func temporaryPreviewsOfEndedServesAreCleared() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-tmp-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let gone = try endedProcessID(), running = getppid()
        let names = ["daicho-preview-\(gone)-A", ".daicho-preview-\(gone)-A.daicho-manifest", "daicho-preview-\(running)-B",
                     "daicho-preview-x", "other-\(gone)"]
        for name in names {
            try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: true)
        }
        PreviewFolder.removeLeftovers(in: folder)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == ["daicho-preview-\(running)-B", "daicho-preview-x", "other-\(gone)"])
    }

    @Test func theWatchSeesEverySaveAndNothingElse() throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let templates = project + "/my-templates"
        try FileManager.default.createDirectory(atPath: templates + "/layouts", withIntermediateDirectories: true)
        try "<p>a</p>".write(toFile: templates + "/layouts/page.html", atomically: false, encoding: .utf8)
        let watch = ProjectWatch(project: project, templates: templates)
        var seen = watch.signature()
        #expect(watch.signature() == seen, "looking twice at the same files")
        // Reading a file is not a change.
        _ = FileManager.default.contents(atPath: project + "/inventory/juki.yaml")
        #expect(watch.signature() == seen)

        func expectChange(_ what: Comment, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
            let now = watch.signature()
            #expect(now != seen, what, sourceLocation: sourceLocation)
            seen = now
        }
        // The same number of bytes, saved in place: only the file's times tell (after a clock
        // tick of the file system, which may be 10 ms).
        usleep(20_000)
        let ledger = project + "/inventory/juki.yaml"
        let text = try String(contentsOfFile: ledger, encoding: .utf8)
        try text.replacingOccurrences(of: "住民", with: "市民").write(toFile: ledger, atomically: false, encoding: .utf8)
        expectChange("a ledger saved in place")
        try "schema: 1\n".write(toFile: project + "/inventory/new.yaml", atomically: true, encoding: .utf8)
        expectChange("a ledger added")
        try FileManager.default.removeItem(atPath: project + "/inventory/new.yaml")
        expectChange("a ledger removed")
        usleep(20_000)
        try "<p>b</p>".write(toFile: templates + "/layouts/page.html", atomically: false, encoding: .utf8)
        expectChange("a template in a subfolder of the --templates folder")
        try "organization: {name: x}\n".write(toFile: project + "/daicho.yaml", atomically: true, encoding: .utf8)
        expectChange("daicho.yaml")
        // A link back up the templates folder is looked at, not walked round.
        try FileManager.default.createSymbolicLink(atPath: templates + "/layouts/loop", withDestinationPath: templates)
        expectChange("a link added")
        // daicho.yaml, inventory/ and its 4 ledgers, the templates folder, layouts/, page.html, the link.
        #expect(watch.look().entries == 10)
        // Files a build writes into the project are not inputs.
        try FileManager.default.createDirectory(atPath: project + "/.daicho-cache", withIntermediateDirectories: true)
        try "x".write(toFile: project + "/.daicho-cache/ledgers-00.bin", atomically: true, encoding: .utf8)
        #expect(watch.signature() == seen)
    }

    /// `serve` compiles the templates once and again only after a file of their folder changed;
    /// the pages always follow the templates on disk.
    @Test func serveCompilesTheTemplatesAgainOnlyWhenTheyChange() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let templates = project + "/my-templates", output = project + "/site"
        try FileManager.default.copyItem(atPath: Paths.templates, toPath: templates)
        let memory = BuildMemory()
        var builder = SiteBuilder(options: SiteOptions(), templatesOverride: templates)
        builder.memory = memory
        func home() throws -> String { try String(contentsOfFile: output + "/index.html", encoding: .utf8) }
        _ = try await builder.build(project: project, output: output)
        #expect(memory.templatesLoaded == 1)
        // A ledger edit: the site is rebuilt with the templates kept.
        let ledger = project + "/inventory/juki.yaml"
        let text = try String(contentsOfFile: ledger, encoding: .utf8)
        try text.replacingOccurrences(of: "住民", with: "市民").write(toFile: ledger, atomically: true, encoding: .utf8)
        guard case .built = try await builder.build(project: project, output: output) else {
            Issue.record("the ledger edit was not built")
            return
        }
        #expect(memory.templatesLoaded == 1, "nothing in the templates' folder changed")
        // A template saved in place (same length: only its times tell): compiled again, and the pages show it.
        usleep(20_000)
        let footer = templates + "/layouts/footer.mustache"
        let original = try String(contentsOfFile: footer, encoding: .utf8)
        try original.replacingOccurrences(of: "</footer>", with: "<!--x--></footer>").write(toFile: footer, atomically: false, encoding: .utf8)
        _ = try await builder.build(project: project, output: output)
        #expect(memory.templatesLoaded == 2)
        #expect(try home().contains("<!--x--></footer>"))
        // An asset added to the folder counts as well.
        try "body {}".write(toFile: templates + "/assets/extra.css", atomically: true, encoding: .utf8)
        _ = try await builder.build(project: project, output: output)
        #expect(memory.templatesLoaded == 3)
        #expect(FileManager.default.fileExists(atPath: output + "/assets/extra.css"))
        // Without serve's memory every build reads them (nothing kept to compare with).
        var plain = builder
        plain.memory = nil
        try original.write(toFile: footer, atomically: false, encoding: .utf8)
        _ = try await plain.build(project: project, output: output)
        #expect(try !home().contains("<!--x-->"))
        #expect(memory.templatesLoaded == 3)
    }

    @Test func oneServePerProjectTakesTheCacheFolderAndTheOthersATemporaryOne() throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let cache = LedgerCacheStore(project: project)
        let first = PreviewFolder(cache: cache)
        #expect(first.path == project + "/.daicho-cache/preview")
        #expect(!first.isTemporary)
        #expect(FileManager.default.fileExists(atPath: project + "/.daicho-cache/CACHEDIR.TAG"))
        let second = PreviewFolder(cache: cache)
        #expect(second.isTemporary, "the cache's folder is taken")
        #expect(second.path != first.path)
        try FileManager.default.createDirectory(atPath: second.path, withIntermediateDirectories: true)
        second.release()
        #expect(!FileManager.default.fileExists(atPath: second.path), "a temporary folder goes when serving ends")
        first.release()
        #expect(FileManager.default.fileExists(atPath: project + "/.daicho-cache"))
        // A cache folder made without its files (deleted while serving, then made again by the
        // preview's build) gets them with the next shard written.
        try FileManager.default.removeItem(atPath: project + "/.daicho-cache")
        try FileManager.default.createDirectory(atPath: project + "/.daicho-cache/preview", withIntermediateDirectories: true)
        cache.write(shard: 0, [1, 2, 3])
        #expect(FileManager.default.contents(atPath: project + "/.daicho-cache/.gitignore") == Data("*\n".utf8))
        #expect(FileManager.default.fileExists(atPath: project + "/.daicho-cache/CACHEDIR.TAG"))
        let again = PreviewFolder(cache: cache)
        #expect(!again.isTemporary, "the folder is free again once released")
        again.release()
        #expect(PreviewFolder(cache: nil).isTemporary, "--no-cache keeps the project untouched")
    }
}
