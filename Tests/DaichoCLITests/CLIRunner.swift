import Foundation
import Testing

/// Runs the built `daicho` executable, as a user would from a shell.
enum CLI {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var executable: URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["DAICHO_BIN"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".build/debug/daicho")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL? = nil, language: String = "ja_JP.UTF-8",
                    program: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = program ?? executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = language
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// The templates the package ships, as `--templates` takes them.
    static var shippedTemplates: String { packageRoot.appendingPathComponent("templates").path }

    /// A fresh copy of a fixture project in a temporary folder.
    static func copyFixture(_ name: String) throws -> URL {
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("daicho-test-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("Tests/Fixtures/\(name)"), to: target)
        return target
    }

    /// A fresh copy of a fixture with its own copy of the shipped templates, for tests that edit them.
    static func copyFixtureWithTemplates(_ name: String) throws -> (project: URL, templates: URL) {
        let project = try copyFixture(name)
        let templates = project.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("templates"), to: templates)
        return (project, templates)
    }

    /// A fresh copy of the sample project (daicho.yaml and inventory/).
    static func copySample() throws -> URL {
        let target = FileManager.default.temporaryDirectory
            .appendingPathComponent("daicho-sample-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for item in ["daicho.yaml", "inventory"] {
            try FileManager.default.copyItem(at: packageRoot.appendingPathComponent(item),
                                             to: target.appendingPathComponent(item))
        }
        return target
    }
}

/// Golden files under `Tests/DaichoCLITests/Snapshots`; `RECORD_SNAPSHOTS=1` writes them anew.
enum Snapshot {
    static func assert(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = CLI.packageRoot.appendingPathComponent("Tests/DaichoCLITests/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no snapshot \(name): run with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
            var diff: [String] = []
            for index in 0..<max(a.count, b.count) {
                let old = index < a.count ? String(a[index]) : "", new = index < b.count ? String(b[index]) : ""
                guard old != new else { continue }
                diff.append(["line \(index + 1):", "- \(old)", "+ \(new)"].joined(separator: "\n"))
                if diff.count == 10 { break }
            }
            Issue.record("snapshot \(name) differs:\n\(diff.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }
}
