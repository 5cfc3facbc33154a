import CLinux
import DaichoCore
import DaichoRender
@testable import DaichoSite
import Foundation
import Synchronization
import Testing

struct OutputFolderTests {
    /// Paths of the site are relative and stay inside it: no empty component (a leading or doubled
    /// slash, a trailing one), no "." or "..". Checked by hand, then against the rule written
    /// plainly on random paths of those characters.
    @Test func onlyPathsInsideTheSiteAreSafe() {
        for path in ["index.html", "systems/juki/rfi.md", "a/...", "..a/b", "a/.b", "台帳/一覧.html"] {
            #expect(OutputFolder.isSafe(path), "\(path)")
        }
        for path in ["", "/etc/passwd", "..", "../x", "a/../b", "a/./b", ".", "a/.", "a//b", "a/", "/"] {
            #expect(!OutputFolder.isSafe(path), "\(path)")
        }
        var random = SplitMix(seed: 17)
        let alphabet = ["a", ".", "/", "é"]
        for _ in 0..<5_000 {
            let path = (0..<Int(random.next() % 7)).map { _ in alphabet[Int(random.next() % 4)] }.joined()
            let components = path.split(separator: "/", omittingEmptySubsequences: false)
            let rule = !path.isEmpty && !components.contains { $0.isEmpty || $0 == "." || $0 == ".." }
            #expect(OutputFolder.isSafe(path) == rule, "\(path)")
        }
    }

    /// A build killed before it could remove its staging folder leaves it behind; the next build
    /// into the same output removes it, and its `.old`, when that process is gone. A folder of a
    /// build still running, and a folder of another site, are left alone.
    @Test func stagingFoldersOfKilledBuildsAreRemoved() async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-staging-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let gone = try endedProcessID(), running = getppid()
        let names = [".site.building-\(gone)", ".site.building-\(gone).old", ".site.building-\(gone).old-123", ".site.building-\(running)",
                     ".site.building-\(running).old-9", ".other.building-\(gone)", ".site.building-x", ".site.building-\(gone).new"]
        for name in names {
            try FileManager.default.createDirectory(atPath: parent + "/" + name + "/systems", withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: parent + "/" + name + "/index.html"))
        }
        let folder = try OutputFolder(output: parent + "/site")
        folder.discard()
        // An old site set aside goes in a process of its own (see `removeLeftovers`).
        let left: Set<String> = [".site.building-\(running)", ".site.building-\(running).old-9", ".other.building-\(gone)", ".site.building-x",
                                 ".site.building-\(gone).new"]
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: parent)).subtracting([".site.building-\(gone).old-123"]) == left)
        #expect(await eventually { (try? Set(FileManager.default.contentsOfDirectory(atPath: parent))) == left })
    }

    /// An old site that cannot be deleted (a file in it made immutable, which stops even root) is
    /// named for the command to report, and a leftover set aside long ago is tried again here and
    /// named too, rather than handed on unseen.
    @Test func oldSitesThatCannotBeDeletedAreNamed() async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-undeleted-\(UUID().uuidString)").path
        let gone = try endedProcessID()
        let leftover = parent + "/.site.building-\(gone).old-5"
        try FileManager.default.createDirectory(atPath: leftover, withIntermediateDirectories: true)
        let locked = leftover + "/index.html"
        try Data("x".utf8).write(to: URL(fileURLWithPath: locked))
        defer {
            _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: ["-i", locked]).waitUntilExit()
            try? FileManager.default.removeItem(atPath: parent)
        }
        let chattr = try Process.run(URL(fileURLWithPath: "/usr/bin/chattr"), arguments: ["+i", locked])
        chattr.waitUntilExit()
        // Where the file system has no immutable flag (tmpfs), there is nothing to show.
        guard chattr.terminationStatus == 0, (try? FileManager.default.removeItem(atPath: locked)) == nil else { return }
        let notices = OutputNotices(), other = OutputNotices()
        // Just set aside: another process may still be deleting it (one set aside over ten
        // minutes ago is removed here, as below).
        #expect(!OutputFolder.isStale(leftover))
        OutputFolder.removeNow(leftover, notices: notices)
        #expect(notices.undeleted == [leftover])
        // Each build's own: another build's notices hold nothing of it.
        #expect(other.undeleted.isEmpty)
    }

    /// A full build replaces the whole output: one that holds the project (or the templates, or
    /// the current folder) is refused, however the paths are spelt, and nothing is touched.
    @Test func anOutputHoldingTheProjectIsRefused() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-holds-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let site = parent + "/pub"
        for folder in ["assets", "systems", "genpon/inventory"] {
            try FileManager.default.createDirectory(atPath: site + "/" + folder, withIntermediateDirectories: true)
        }
        try Data("x".utf8).write(to: URL(fileURLWithPath: site + "/index.html"))
        #expect(OutputFolder.firstHeld([parent + "/other", site + "/genpon"], in: site) == site + "/genpon")
        #expect(OutputFolder.firstHeld([site + "/./genpon/../genpon/"], in: parent + "/./pub/") != nil)
        #expect(OutputFolder.firstHeld([site], in: site) == site)
        #expect(OutputFolder.firstHeld([parent, parent + "/pubs"], in: site) == nil)
        #expect(throws: WriteError.self) { try OutputFolder(output: site, keeping: [site + "/genpon"]) }
        #expect(FileManager.default.fileExists(atPath: site + "/genpon/inventory"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["pub"])
        let folder = try OutputFolder(output: site, keeping: [parent + "/elsewhere"])
        folder.discard()
    }

    /// Why a folder cannot be made, in the system's words put into Japanese (Foundation's said
    /// "NSCocoaErrorDomain error 512" for a file in the way), and the staging folder's hint.
    @Test func writeFailuresSayWhyInJapanese() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-why-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: URL(fileURLWithPath: parent + "/afile"))
        #expect(throws: WriteError.cannotWrite(parent + "/afile", String(cString: strerror(ENOTDIR)))) {
            try AtomicFile.makeFolder(parent + "/afile/sub/deeper")
        }
        try AtomicFile.makeFolder(parent + "/a/b/c")
        try AtomicFile.makeFolder(parent + "/a/b/c")
        #expect(FileManager.default.fileExists(atPath: parent + "/a/b/c"))
        let inTheWay = WriteError.cannotWrite(parent + "/afile", String(cString: strerror(ENOTDIR))).message(.ja)
        #expect(inTheWay == "「\(parent)/afile」に書き込めません（途中の名前がフォルダではなくファイルです）")
        let staging = WriteError.cannotWrite("/var/www/.html.building-12", String(cString: strerror(EACCES))).message(.ja)
        #expect(staging == "「/var/www/.html.building-12」に書き込めません（書き込みの権限がありません）。サイトは隣の作業用フォルダで作ってから"
                + "置き換えるため、出力先の親フォルダ「/var/www」に書き込めることが必要です")
        #expect(WriteError.cannotWrite("x", "odd").message(.ja) == "「x」に書き込めません（odd）")
        // A full disk, met deep in the staging folder: the folder named is the output's parent
        // (the staging folder is removed by then), and the room asked for is the new site's.
        let full = WriteError.cannotWrite("/mnt/small/.site.building-7/systems/a/index.html", String(cString: strerror(ENOSPC)))
        #expect(full.message(.ja).hasSuffix("新しいサイト全体が入る空きが「/mnt/small」に要ります（今のサイトは置き換えるまで残ります）"))
        #expect(full.message(.en).contains("so /mnt/small needs room for the whole new site"))
        #expect(WriteError.cannotWrite(".site.building-7/x", String(cString: strerror(EROFS))).message(.en).hasSuffix("parent folder . must be writable"))
    }

    /// A finished site replaces the old one in one step (renameat2's exchange), so no moment has
    /// neither at the output's path; the two-step way, for file systems without it, gives the
    /// same result. Either way the old site and the staging folder are gone afterwards.
    @Test(arguments: [true, false]) func theNewSiteReplacesTheOld(exchanging: Bool) async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-swap-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        // A site Daicho built (index.html, assets/, systems/): only such a folder is replaced.
        try FileManager.default.createDirectory(atPath: parent + "/site/systems", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: parent + "/site/assets", withIntermediateDirectories: true)
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: parent + "/site/index.html"))
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: parent + "/site/systems/gone.html"))
        let folder = try OutputFolder(output: parent + "/site")
        try await folder.write([RenderedPage(path: "index.html", text: "new\n")])
        try folder.commit(exchanging: exchanging)
        #expect(FileManager.default.contents(atPath: parent + "/site/index.html") == Data("new\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: parent + "/site/systems/gone.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["site"])
    }

    /// Given a remover, the old site is moved aside under a name of its own and handed over, and
    /// the commit returns with the new site in place (either way of swapping).
    @Test(arguments: [true, false]) func theOldSiteCanBeRemovedOnTheSide(exchanging: Bool) async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-swap-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        for folder in ["systems", "assets"] {
            try FileManager.default.createDirectory(atPath: parent + "/site/" + folder, withIntermediateDirectories: true)
        }
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: parent + "/site/index.html"))
        let folder = try OutputFolder(output: parent + "/site")
        try await folder.write([RenderedPage(path: "index.html", text: "new\n")])
        let handed = Mutex<[String]>([])
        try folder.commit(exchanging: exchanging) { old in handed.withLock { $0.append(old) } }
        let old = try #require(handed.withLock { $0 }.first)
        #expect(handed.withLock { $0.count } == 1)
        #expect(old.hasPrefix(parent + "/.site.building-\(getpid()).old-"))
        #expect(FileManager.default.contents(atPath: old + "/index.html") == Data("old\n".utf8))
        #expect(FileManager.default.contents(atPath: parent + "/site/index.html") == Data("new\n".utf8))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: parent)) == ["site", URL(fileURLWithPath: old).lastPathComponent])
    }

    /// The exchange itself: two folders trade places; a path that is not there is refused and
    /// nothing moves.
    @Test func twoFoldersAreExchangedInOneStep() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-swap-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        for name in ["a", "b"] {
            try FileManager.default.createDirectory(atPath: parent + "/" + name, withIntermediateDirectories: true)
            try Data(name.utf8).write(to: URL(fileURLWithPath: parent + "/\(name)/mark"))
        }
        #expect(daicho_exchange(parent + "/a", parent + "/b") == 0)
        #expect(FileManager.default.contents(atPath: parent + "/a/mark") == Data("b".utf8))
        #expect(FileManager.default.contents(atPath: parent + "/b/mark") == Data("a".utf8))
        #expect(daicho_exchange(parent + "/a", parent + "/none") == -1 && errno == ENOENT)
        #expect(FileManager.default.contents(atPath: parent + "/a/mark") == Data("b".utf8))
    }

    /// An output given as a symbolic link is the folder it names: the build is swapped in there,
    /// and the link stays a link.
    @Test func anOutputLinkIsFollowed() async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-link-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try FileManager.default.createDirectory(atPath: parent + "/www/real", withIntermediateDirectories: true)
        #expect(symlink(parent + "/www/real", parent + "/pub") == 0)
        let target = OutputFolder.followingLink(parent + "/pub/")
        #expect(target.hasSuffix("/www/real"))
        let folder = try OutputFolder(output: target)
        try await folder.write([RenderedPage(path: "index.html", text: "top\n")])
        try folder.commit()
        #expect(FileManager.default.contents(atPath: parent + "/www/real/index.html") == Data("top\n".utf8))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: parent + "/pub") == parent + "/www/real")
        #expect(OutputFolder.followingLink(parent + "/www/real") == parent + "/www/real")
        #expect(OutputFolder.followingLink(parent + "/none") == parent + "/none")
        #expect(OutputFolder.followingLink("site/.") == "site")
        #expect(OutputFolder.followingLink("site/./") == "site")
        #expect(OutputFolder.followingLink("/") == "/")
        // A link to a folder not made yet, relative to the link's folder, through a second link:
        // the site is made there.
        #expect(symlink("www/new", parent + "/later") == 0 && symlink(parent + "/later", parent + "/chain") == 0)
        let made = OutputFolder.followingLink(parent + "/chain")
        #expect(made.hasSuffix("/www/new"), "\(made)")
        let fresh = try OutputFolder(output: made)
        try await fresh.write([RenderedPage(path: "index.html", text: "new\n")])
        try fresh.commit()
        #expect(FileManager.default.contents(atPath: parent + "/later/index.html") == Data("new\n".utf8))
        // A loop ends on a name of the loop.
        #expect(symlink(parent + "/loop", parent + "/loop") == 0)
        #expect(OutputFolder.followingLink(parent + "/loop") == parent + "/loop")
    }

    /// A killed process its parent has not reaped yet (a zombie) runs no build. The shell starts
    /// `true` in the background, prints its id and becomes `sleep`, which never reaps it.
    @Test func aZombieIsNotRunning() throws {
        let shell = Process(), output = Pipe()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "true & echo $!; exec sleep 5"]
        shell.standardOutput = output
        try shell.run()
        defer { shell.terminate() }
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) { line += output.fileHandleForReading.availableData }
        let zombie = try #require(pid_t(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        var state: UInt8 = 0
        for _ in 0..<100 {
            let stat = FileManager.default.contents(atPath: "/proc/\(zombie)/stat") ?? Data()
            if let close = stat.lastIndex(of: UInt8(ascii: ")")), close + 2 < stat.endIndex { state = stat[close + 2] }
            if state == UInt8(ascii: "Z") { break }
            usleep(10_000)
        }
        #expect(state == UInt8(ascii: "Z"))
        #expect(kill(zombie, 0) == 0, "a zombie still answers kill(pid, 0)")
        #expect(!OutputFolder.isRunning(zombie))
        #expect(OutputFolder.isRunning(shell.processIdentifier))
        #expect(OutputFolder.isRunning(getpid()))
    }

    /// The files written do not depend on how many lanes write at once: lanes write into folders
    /// another lane may be making at the same moment (each system's folder, and `systems/`).
    @Test func lanesWritingAtOnceGiveTheSameFiles() async throws {
        let pages = (0..<40).flatMap { index in
            ["index.html", "rfi.md", "rfi.html"].map { RenderedPage(path: "systems/s\(index)/\($0)", text: "<p>\(index) \($0)</p>\n") }
        } + [RenderedPage(path: "index.html", text: "top\n")]
        var trees: [[String: String]] = []
        for lanes in [1, 4] {
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-lanes-\(lanes)-\(UUID())").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            let folder = try OutputFolder(output: output)
            // Page by page round the lanes, so one system's files are written by several lanes.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for lane in 0..<lanes {
                    let share = pages.indices.filter { $0 % lanes == lane }.map { pages[$0] }
                    group.addTask { for page in share { try await folder.write([page]) } }
                }
                try await group.waitForAll()
            }
            try folder.commit()
            var tree: [String: String] = [:]
            for page in pages {
                tree[page.path] = try String(contentsOfFile: output + "/" + page.path, encoding: .utf8)
            }
            trees.append(tree)
        }
        #expect(trees[0] == trees[1])
        #expect(trees[1]["systems/s39/rfi.md"] == "<p>39 rfi.md</p>\n")
        #expect(trees[1].count == pages.count)
    }

    /// The folder is deleted by a process of its own, with nothing left of it.
    @Test func aFolderIsRemovedInAnotherProcess() async throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("daicho-rm-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let old = parent + "/.site.building-1.old-2"
        try FileManager.default.createDirectory(atPath: old + "/systems/a b", withIntermediateDirectories: true)
        for index in 0..<200 { try Data("old\n".utf8).write(to: URL(fileURLWithPath: old + "/systems/a b/\(index).html")) }
        // A name that starts like an option is a path all the same.
        let dashed = parent + "/-rf"
        try FileManager.default.createDirectory(atPath: dashed, withIntermediateDirectories: true)
        OutputFolder.removeInOtherProcess(old)
        OutputFolder.removeInOtherProcess(dashed)
        #expect(await eventually { (try? FileManager.default.contentsOfDirectory(atPath: parent)) == [] })
    }

    /// A full build that writes more files than the threshold hands the site it replaced to
    /// another process and returns with the new one in place; the old one goes, with the file
    /// only it had (in `assets/`: one at the top would be carried into the new site).
    @Test func aLargeOldSiteIsRemovedInAnotherProcess() async throws {
        let project = try copyFixture("small")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let output = project + "/site"
        var builder = SiteBuilder(options: SiteOptions(), templatesOverride: Paths.templates)
        builder.removesOldSiteInOtherProcessAbove = 0
        guard case .built = try await builder.build(project: project, output: output, incremental: false) else {
            Issue.record("the first build did not build")
            return
        }
        try Data("stray\n".utf8).write(to: URL(fileURLWithPath: output + "/assets/stray.css"))
        guard case .built = try await builder.build(project: project, output: output, incremental: false) else {
            Issue.record("the second build did not build")
            return
        }
        #expect(FileManager.default.fileExists(atPath: output + "/index.html"))
        #expect(!FileManager.default.fileExists(atPath: output + "/assets/stray.css"))
        #expect(await eventually {
            ((try? FileManager.default.contentsOfDirectory(atPath: project)) ?? []).allSatisfy { !$0.contains(".building-") }
        })
    }

    /// Polls until `condition` holds or about 10 seconds pass.
    func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<50 {
            if await condition() { return true }
            try? await Task.sleep(nanoseconds: 200_000_000)
        }
        return false
    }
}
