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
        process.arguments = ["serve", project.path, "--port", "\(port)", "--templates", CLI.packageRoot.appendingPathComponent("templates").path]
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

        let ledger = project.appendingPathComponent("inventory/zeimu.yaml")
        let original = try String(contentsOf: ledger, encoding: .utf8)
        try original.replacingOccurrences(of: "name: 税務システム", with: "name: 税務総合システム")
            .write(to: ledger, atomically: true, encoding: .utf8)
        #expect(await eventually { (try? await get(base + "/systems/zeimu/index.html"))?.1.contains("税務総合システム") == true })

        try (original + "usage: {form: bad}\n").write(to: ledger, atomically: true, encoding: .utf8)
        #expect(await eventually { (try? await get(base + "/index.html"))?.1.contains("台帳にエラーがあります") == true })
        #expect(try await get(base + "/index.html").1.contains("zeimu.yaml"))
        // The server is still up and recovers when the ledger is fixed.
        try original.write(to: ledger, atomically: true, encoding: .utf8)
        #expect(await eventually { (try? await get(base + "/index.html"))?.1.contains("主要指標") == true })
    }
}
