import Foundation
import Synchronization
import Testing

@Suite(.serialized)
struct DocsCommandTests {
    @Test func oneDocumentIsTheSameAsTheBuildWrites() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates, "--date", "2026-12-01"], in: project).status == 0)
        for kind in ["rfi", "rfp", "sla"] {
            let markdown = try CLI.run(["docs", "juki", "--kind", kind, "--templates", templates, "--date", "2026-12-01"], in: project)
            #expect(markdown.status == 0)
            let built = try String(contentsOf: project.appendingPathComponent("site/systems/juki/\(kind).md"), encoding: .utf8)
            #expect(markdown.stdout == built)
        }
        let out = project.appendingPathComponent("sla.html")
        let html = try CLI.run(["docs", "juki", "--kind", "sla", "--format", "html", "--out", out.path, "--templates", templates,
                                "--date", "2026-12-01"], in: project)
        #expect(html.status == 0)
        #expect(try Data(contentsOf: out) == (try Data(contentsOf: project.appendingPathComponent("site/systems/juki/sla.html"))))
    }

    /// `--out` never overwrites the project's own files: a ledger (also through a link), the
    /// settings, a template; each is refused with exit 2 and left as it was.
    @Test func outNeverOverwritesTheProject() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = project.appendingPathComponent("own-templates")
        try FileManager.default.copyItem(at: CLI.packageRoot.appendingPathComponent("templates"), to: templates)
        try FileManager.default.createSymbolicLink(atPath: project.appendingPathComponent("link.yaml").path,
                                                   withDestinationPath: "inventory/juki.yaml")
        for out in ["inventory/juki.yaml", "./inventory/new.md", "daicho.yaml", "own-templates/procurement/rfi.md", "link.yaml"] {
            let path = project.appendingPathComponent(out).path
            let before = try? Data(contentsOf: URL(fileURLWithPath: path))
            let run = try CLI.run(["docs", "juki", "--kind", "rfi", "--out", out, "--templates", templates.path], in: project)
            #expect(run.status == 2, "\(out)")
            #expect(run.stderr.contains("書き込みません"), "\(out): \(run.stderr)")
            #expect((try? Data(contentsOf: URL(fileURLWithPath: path))) == before, "\(out) changed")
        }
        // Beside the project's files is fine.
        #expect(try CLI.run(["docs", "juki", "--kind", "rfi", "--out", "juki-rfi.md", "--templates", templates.path], in: project).status == 0)
    }

    /// `--out` through a symbolic link writes the file it names, leaving the link; a file that is
    /// not a regular one (here a pipe) is written into, not replaced.
    @Test func outFollowsALinkAndWritesIntoAPipe() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        let target = project.appendingPathComponent("drafts/sla.md")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: target)
        let link = project.appendingPathComponent("sla-link.md")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "drafts/sla.md")
        let linked = try CLI.run(["docs", "juki", "--kind", "sla", "--out", link.path, "--templates", templates], in: project)
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "drafts/sla.md")
        #expect(try String(contentsOf: target, encoding: .utf8).contains("サービスレベル"))
        let pipe = project.appendingPathComponent("sla.fifo")
        #expect(mkfifo(pipe.path, 0o644) == 0)
        // Read on a thread of its own: the command runs on one of the few the tests share.
        let read = Mutex(Data())
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            if let handle = FileHandle(forReadingAtPath: pipe.path) { read.withLock { $0 = handle.readDataToEndOfFile() } }
            done.signal()
        }
        let piped = try CLI.run(["docs", "juki", "--kind", "sla", "--out", pipe.path, "--templates", templates], in: project)
        #expect(piped.status == 0, "\(piped.stderr)")
        // Had the command not written, the reader would wait for ever: a writer that opens and
        // closes ends it (and fails harmlessly when the reader is done).
        let release = open(pipe.path, O_WRONLY | O_NONBLOCK)
        if release >= 0 { close(release) }
        done.wait()
        #expect(String(decoding: read.withLock { $0 }, as: UTF8.self) == (try String(contentsOf: target, encoding: .utf8)))
        var status = stat()
        #expect(lstat(pipe.path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO)
    }

    /// A system whose own ledger has errors gets no draft: an error in what was written (1), not
    /// a usage error (2), and the message says so rather than that the ledger is missing.
    @Test func aSystemWithErrorsIsAnErrorInTheLedger() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let zeimu = project.appendingPathComponent("inventory/zeimu.yaml")
        try String(contentsOf: zeimu, encoding: .utf8).replacing("category: resident", with: "category: xxx")
            .write(to: zeimu, atomically: true, encoding: .utf8)
        let templates = CLI.shippedTemplates
        let run = try CLI.run(["docs", "zeimu", "--kind", "rfi", "--force", "--templates", templates], in: project)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.contains("ID「zeimu」の台帳にエラーがあるため"), "\(run.stderr)")
        #expect(try CLI.run(["docs", "juki", "--kind", "rfi", "--force", "--templates", templates], in: project).status == 0)
        let missing = try CLI.run(["docs", "nope", "--kind", "rfi", "--force", "--templates", templates], in: project)
        #expect(missing.status == 2 && missing.stderr.contains("ID「nope」の台帳がありません"))
    }

    @Test func unknownSystemIsAUsageError() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let output = try CLI.run(["docs", "nope", "--kind", "rfi", "--templates", CLI.shippedTemplates],
                                 in: project)
        #expect(output.status == 2)
        #expect(output.stderr.contains("nope"))
    }

    /// A draft date that is no date (a typo) stops `build` and `docs` before anything is written,
    /// rather than being printed on every draft; an era date is accepted.
    @Test func aDraftDateMustBeADate() throws {
        let project = try CLI.copyFixture("small")
        defer { try? FileManager.default.removeItem(at: project) }
        let templates = CLI.shippedTemplates
        for date in ["2026-13-45", "2026-02-30", "2026-12", "あした"] {
            let build = try CLI.run(["build", ".", "-q", "--templates", templates, "--date", date], in: project)
            #expect(build.status == 2 && build.stderr.contains("--date「\(date)」は日付として読めません"), "\(date): \(build.stderr)")
            let docs = try CLI.run(["docs", "juki", "--kind", "rfi", "--templates", templates, "--date", date], in: project)
            #expect(docs.status == 2 && docs.stdout.isEmpty, "\(date)")
        }
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent("site").path))
        let era = try CLI.run(["docs", "juki", "--kind", "rfi", "--format", "html", "--templates", templates, "--date", "令和8年12月1日"], in: project)
        // Printed in the drafts' era form, the Western year beside it.
        #expect(era.status == 0 && era.stdout.contains("令和8年（2026年）12月1日"))
        // A day past its era's end is that day, as in a ledger (平成31年5月1日 is 令和元年5月1日).
        let pastEra = try CLI.run(["docs", "juki", "--kind", "rfi", "--templates", templates, "--date", "平成31年5月1日"], in: project)
        #expect(pastEra.status == 0 && pastEra.stdout.contains("令和元年（2019年）5月1日"), "\(pastEra.stderr)")
        // The same day spelt another way is the same build: nothing is written again.
        #expect(try CLI.run(["build", ".", "-q", "--templates", templates, "--date", "2026-12-01"], in: project).status == 0)
        let again = try CLI.run(["build", ".", "--templates", templates, "--date", "R8.12.1"], in: project)
        #expect(again.status == 0 && again.stderr.contains("は最新です"), "\(again.stderr)")
    }
}
