import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Runs `daicho serve` on a loopback port, as a user would, and talks to it over HTTP.
@Suite(.serialized)
struct ServeCommandTests {
    func get(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Polls until `condition` holds or about 10 seconds pass.
    func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<50 {
            if await condition() { return true }
            try? await Task.sleep(nanoseconds: 200_000_000)
        }
        return false
    }

    @Test func servesRebuildsOnChangeAndShowsErrorsInTheBrowser() async throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let port = 18_000 + Int(getpid() % 1000)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", project.path, "--port", "\(port)", "--templates", CLI.shippedTemplates]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)"

        #expect(await eventually { (try? await get(base + "/__daicho/version"))?.1 == "1" })
        let (status, home) = try await get(base + "/")
        #expect(status == 200)
        #expect(home.contains("さくら町"))
        #expect(home.contains("<meta name=\"daicho-live-reload\" content=\"/__daicho/version\">"))
        #expect(try await get(base + "/missing.html").0 == 404)
        // The error page, sent at any depth, links from the preview's top (the fixture's base_url
        // is https://intra.example.lg.jp/daicho/, which the preview is not under).
        let (missing, notFound) = try await get(base + "/systems/nothing/deep.html")
        #expect(missing == 404 && notFound.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"))
        // Only the preview's own files: a path that climbs out of it is not found.
        #expect(try await get(base + "/%2e%2e/daicho.yaml").0 == 404)
        #expect(try await get(base + "/systems/zeimu/../../../daicho.yaml").1.contains("organization") == false)
        // The pages are files in the project's cache folder, with the manifest of `daicho build`.
        let preview = project.appendingPathComponent(".daicho-cache/preview")
        #expect(FileManager.default.fileExists(atPath: preview.appendingPathComponent("systems/zeimu/index.html").path))
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(".daicho-cache/.preview.daicho-manifest").path))
        let untouched = preview.appendingPathComponent("systems/kominkan/rfi.md").path
        let before = try FileManager.default.attributesOfItem(atPath: untouched)[.modificationDate] as? Date

        let ledger = project.appendingPathComponent("inventory/zeimu.yaml")
        let original = try String(contentsOf: ledger, encoding: .utf8)
        try original.replacingOccurrences(of: "name: 税務システム", with: "name: 税務総合システム")
            .write(to: ledger, atomically: true, encoding: .utf8)
        #expect(await eventually { (try? await get(base + "/systems/zeimu/index.html"))?.1.contains("税務総合システム") == true })
        // The rebuild is incremental: a page the edit does not touch keeps its file.
        #expect(try FileManager.default.attributesOfItem(atPath: untouched)[.modificationDate] as? Date == before)

        try (original + "usage: {form: bad}\n").write(to: ledger, atomically: true, encoding: .utf8)
        #expect(await eventually { (try? await get(base + "/index.html"))?.1.contains("台帳にエラーがあります") == true })
        #expect(try await get(base + "/index.html").1.contains("zeimu.yaml"))
        // The server is still up and recovers when the ledger is fixed.
        try original.write(to: ledger, atomically: true, encoding: .utf8)
        #expect(await eventually { (try? await get(base + "/index.html"))?.1.contains("主要指標") == true })
        // The preview folder removed by hand is built again without a save (it was 404s until one);
        // so is its front page alone (a rebuild would trust the manifest and find nothing to do).
        // Moved away in one step, then deleted: removed file by file, the folder raced the server,
        // which starts building again as soon as the front page is gone (a busy disk made the
        // removal fail on a file the server had already set aside).
        let gone = project.appendingPathComponent("removed-preview")
        try FileManager.default.moveItem(at: preview, to: gone)
        try FileManager.default.removeItem(at: gone)
        #expect(await eventually { (try? await get(base + "/systems/zeimu/index.html"))?.0 == 200 })
        #expect(try await get(base + "/index.html").1.contains("主要指標"))
        try FileManager.default.removeItem(at: preview.appendingPathComponent("index.html"))
        #expect(await eventually { (try? await get(base + "/index.html"))?.1.contains("主要指標") == true })
    }

    /// A mistyped project or templates folder stops `serve` at once, as it stops `build`; an error
    /// inside a template is shown in the browser under its own place, nothing put before it.
    @Test func aMistypedFolderStopsServeAndATemplateErrorIsShownWhereItIs() async throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        let port = 20_000 + Int(getpid() % 1000)
        let missingProject = try CLI.run(["serve", project.path + "/nothing", "--port", "\(port)", "--templates", templates])
        #expect(missingProject.status == 2 && missingProject.stderr.hasPrefix("daicho: "), "\(missingProject.stderr)")
        let missingTemplates = try CLI.run(["serve", project.path, "--port", "\(port)", "--templates", project.path + "/nothing"])
        // A folder that does not exist is said to be missing; one without templates, to hold none.
        #expect(missingTemplates.status == 2 && missingTemplates.stderr.contains("--templates の「\(project.path)/nothing」というフォルダはありません"),
                "\(missingTemplates.stderr)")
        let emptyTemplates = try CLI.run(["build", project.path, "--templates", project.path + "/inventory"])
        #expect(emptyTemplates.status == 2 && emptyTemplates.stderr.contains("--templates の「\(project.path)/inventory」にテンプレートがありません"),
                "\(emptyTemplates.stderr)")
        // `build` says the same; without --templates, it names the project's templates folder.
        let buildMissing = try CLI.run(["build", project.path, "--templates", project.path + "/nothing"])
        #expect(buildMissing.status == 2 && buildMissing.stderr.contains("--templates の「\(project.path)/nothing」"), "\(buildMissing.stderr)")

        // Old pages a `serve` that ended had not finished removing are cleared when one starts.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let leftover = project.appendingPathComponent(".daicho-cache/.preview.building-\(ended.processIdentifier).old-7/systems").path
        try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: true)
        let mine = project.appendingPathComponent("my-templates")
        try FileManager.default.copyItem(atPath: templates, toPath: mine.path)
        let footer = mine.appendingPathComponent("layouts/footer.mustache")
        let text = try String(contentsOf: footer, encoding: .utf8)
        try (text + "{{#page.broken}}\n").write(to: footer, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", project.path, "--port", "\(port)", "--templates", mine.path]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        #expect(await eventually { (try? await get("http://127.0.0.1:\(port)/"))?.1.contains("サイトを作れません") == true })
        #expect(await eventually { !FileManager.default.fileExists(atPath: leftover) })
        let page = try await get("http://127.0.0.1:\(port)/").1
        #expect(page.contains("footer.mustache:"), "\(page)")
        #expect(!page.contains(project.path + ":1:1:"), "\(page)")
        // Fixed, then changed again: two full builds, the second over the first. The old pages are
        // removed on the side, and nothing is left beside the preview once they are.
        try text.write(to: footer, atomically: true, encoding: .utf8)
        #expect(await eventually { (try? await get("http://127.0.0.1:\(port)/"))?.1.contains("主要指標") == true })
        try (text + "<!-- 変更 -->\n").write(to: footer, atomically: true, encoding: .utf8)
        #expect(await eventually { (try? await get("http://127.0.0.1:\(port)/"))?.1.contains("<!-- 変更 -->") == true })
        let cache = project.appendingPathComponent(".daicho-cache").path
        #expect(await eventually { (try? FileManager.default.contentsOfDirectory(atPath: cache))?.allSatisfy { !$0.contains(".building-") } == true })
        #expect(FileManager.default.fileExists(atPath: cache + "/preview/index.html"))
    }

    /// Ctrl+C during the first build stops it within a moment and leaves no preview and no staging
    /// folder. (That the signal is taken while a release build keeps every core busy, which it
    /// was not on the shared queue, shows with 2,000 ledgers and the release program: 6.8–9.5 s
    /// before, 0.15–0.5 s after; this test's program is the debug one, which does not starve it.)
    @Test func ctrlCDuringTheFirstBuildStopsItAtOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-stop-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let project = folder.appendingPathComponent("p").path
        #expect(try CLI.run(["generate", "600", "3", project]).status == 0)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", project, "--port", "\(21_000 + Int(getpid() % 1000))",
                             "--templates", CLI.shippedTemplates]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let cache = project + "/.daicho-cache"
        // Once pages are being written.
        #expect(await eventually {
            ((try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []).contains { $0.hasPrefix(".preview.building-") }
        })
        let stopped = ContinuousClock.now
        process.interrupt()
        process.waitUntilExit()
        #expect(ContinuousClock.now - stopped < .seconds(3))
        let left = (try? FileManager.default.contentsOfDirectory(atPath: cache)) ?? []
        #expect(!left.contains { $0.contains(".building-") } && !left.contains("preview"), "\(left)")
    }

    /// A second `serve` of the same project writes to a folder of its own, removed at Ctrl+C.
    @Test func aSecondServeOfTheProjectUsesATemporaryFolderAndRemovesItOnCtrlC() async throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        var processes: [Process] = []
        defer { for process in processes where process.isRunning { process.terminate(); process.waitUntilExit() } }
        let port = 19_000 + Int(getpid() % 1000)
        let output = Pipe(), errors = Pipe()
        for offset in 0..<2 {
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["serve", project.path, "--port", "\(port + offset)", "--templates", templates]
            process.standardError = offset == 1 ? errors : FileHandle.nullDevice
            process.standardOutput = offset == 1 ? output : FileHandle.nullDevice
            try process.run()
            processes.append(process)
            #expect(await eventually { (try? await get("http://127.0.0.1:\(port + offset)/"))?.1.contains("さくら町") == true })
        }
        let temporary = { (try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()))?
            .filter { $0.hasPrefix("daicho-preview-\(processes[1].processIdentifier)-") } ?? [] }
        #expect(temporary().count == 1, "the second serve builds in a temporary folder")
        #expect(try await get("http://127.0.0.1:\(port + 1)/systems/zeimu/").0 == 200)
        // A folder's address without its slash is sent to the address with it (relative links).
        let (page, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port + 1)/systems/zeimu")!)
        #expect(response.url?.absoluteString.hasSuffix("/systems/zeimu/") == true)
        #expect(String(decoding: page, as: UTF8.self).contains("税務システム"))
        // A third on a port the first one holds says so plainly and exits with 2.
        let taken = try CLI.run(["serve", project.path, "--port", "\(port)", "--templates", templates])
        #expect(taken.status == 2)
        #expect(taken.stderr.contains("ポート \(port) で開始できません（ほかのプログラムが使っています）"), "\(taken.stderr)")
        #expect(!taken.stderr.contains("作成しました"), "found before building: \(taken.stderr)")
        // The one line: nothing about a temporary folder for a preview that never starts.
        #expect(!taken.stderr.contains("一時フォルダ"), "\(taken.stderr)")
        processes[1].interrupt()
        processes[1].waitUntilExit()
        #expect(temporary().isEmpty, "Ctrl+C removes the temporary folder")
        // The server library's own log (a line per request, "critical" at Ctrl+C) is not shown.
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!printed.contains("FlyingFox"), "\(printed.prefix(300))")
        #expect(FileManager.default.fileExists(atPath: project.appendingPathComponent(".daicho-cache/preview/index.html").path))
        // The second one said where its pages went, and why.
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.contains("プレビューは一時フォルダ") && said.contains("別の serve が表示中"), "\(said.prefix(300))")
    }
}
