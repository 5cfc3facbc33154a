import DaichoCore
import DaichoRender
import DaichoSite
import Foundation
import Testing

enum Paths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func fixture(_ name: String) -> String { root.appendingPathComponent("Tests/Fixtures/\(name)").path }
    static var templates: String { root.appendingPathComponent("templates").path }
}

/// Replaces `old`, which the file must hold, with `new` (a ledger or setting edited for a test).
func replace(_ old: String, with new: String, in file: String) throws {
    let text = try String(contentsOfFile: file, encoding: .utf8)
    #expect(text.contains(old))
    try text.replacingOccurrences(of: old, with: new).write(toFile: file, atomically: true, encoding: .utf8)
}

/// Builds a project into memory with the repository's templates.
func buildSite(_ project: String, options: SiteOptions = SiteOptions(), force: Bool = false,
               templates: String = Paths.templates) async throws -> [String: [UInt8]] {
    let site = MemorySite()
    let outcome = try await SiteBuilder(options: options, templatesOverride: templates, force: force).build(project: project, into: site)
    guard case .built = outcome else {
        Issue.record("build stopped")
        return [:]
    }
    return await site.pages
}

extension Dictionary where Key == String, Value == [UInt8] {
    func text(_ path: String) -> String { self[path].map { String(decoding: $0, as: UTF8.self) } ?? "" }
    var htmlPaths: [String] { keys.filter { $0.hasSuffix(".html") }.sorted() }
}

/// Golden files under `Tests/DaichoSiteTests/Snapshots`; `RECORD_SNAPSHOTS=1` writes them anew.
func assertSnapshot(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = Paths.root.appendingPathComponent("Tests/DaichoSiteTests/Snapshots/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("no snapshot \(name): run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for index in 0..<max(a.count, b.count) {
        let old = index < a.count ? String(a[index]) : "", new = index < b.count ? String(b[index]) : ""
        if old != new { diff.append(["line \(index + 1):", "- \(old)", "+ \(new)"].joined(separator: "\n")) }
        if diff.count == 8 { break }
    }
    Issue.record("snapshot \(name) differs:\n\(diff.joined(separator: "\n"))", sourceLocation: sourceLocation)
}

/// The id of a process that has ended (and been reaped): what the folder of a killed build or
/// `serve` is named after.
func endedProcessID() throws -> pid_t {
    let ended = Process()
    ended.executableURL = URL(fileURLWithPath: "/bin/true")
    try ended.run()
    ended.waitUntilExit()
    return ended.processIdentifier
}
