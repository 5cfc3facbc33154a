@testable import DaichoSite
import Foundation
import Testing

/// What `serve` watches and where it writes.
struct PreviewTests {
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
        let again = PreviewFolder(cache: cache)
        #expect(!again.isTemporary, "the folder is free again once released")
        again.release()
        #expect(PreviewFolder(cache: nil).isTemporary, "--no-cache keeps the project untouched")
    }
}
