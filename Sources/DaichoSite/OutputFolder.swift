import CLinux
import DaichoCore
import DaichoRender
import Foundation
import Synchronization

/// Writes a site into a fresh folder beside the output and swaps it in only when complete,
/// so a failed or interrupted build leaves the previous site untouched.
public final class OutputFolder: PageSink, @unchecked Sendable {
    public let output: String
    public let staging: String
    private let lock = NSLock()
    private var createdFolders: Set<String> = []
    /// The staging folder, open: files and folders are made relative to it (`openat`, `mkdirat`),
    /// so the kernel walks two or three names for each instead of the whole path to the output.
    private let root: Int32
    /// Where this build notes what the command must say after it (nil: nobody asks).
    private let notices: OutputNotices?

    /// - Parameters:
    ///   - keeping: folders the build must not delete with the old site: the project, the
    ///     templates, the current folder. An output that holds one of them is refused.
    ///   - notices: where to note files left behind and old sites that could not be deleted.
    public init(output: String, keeping: [String] = [], notices: OutputNotices? = nil) throws(WriteError) {
        let trimmed = Self.trimmed(output)
        guard Self.isReplaceable(trimmed) else {
            var isFolder: ObjCBool = false
            let folder = FileManager.default.fileExists(atPath: trimmed, isDirectory: &isFolder) && isFolder.boolValue
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: trimmed) else {
                // A folder it may not look into is not called "not a folder": the reason is said.
                if folder {
                    let listing = opendir(trimmed)
                    let reason = String(cString: strerror(errno))
                    guard let listing else { throw .cannotWrite(trimmed, reason) }
                    closedir(listing)
                }
                throw .notASite(trimmed, holding: nil)
            }
            throw .notASite(trimmed, holding: ByteOrder.sorted(names))
        }
        if let refusal = Self.refusal(output: trimmed, keeping: keeping) { throw refusal }
        self.output = trimmed
        self.notices = notices
        staging = Self.stagingPath(for: trimmed)
        Self.removeLeftovers(beside: trimmed, notices: notices)
        try? FileManager.default.removeItem(atPath: staging)
        try AtomicFile.makeFolder(staging)
        root = open(staging, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { throw .cannotWrite(staging, String(cString: strerror(errno))) }
    }

    deinit {
        close(root)
    }

    /// Writes the pages on the caller's lane: the renderer's lanes each write what they render,
    /// so files are made on every core without a writer of their own.
    public func write(_ pages: [RenderedPage]) async throws {
        for page in pages {
            guard Self.isSafe(page.path) else { throw WriteError.cannotWrite(page.path, "unsafe path") }
            try makeFolder(Self.folder(of: page.path))
            try writeFile(page.bytes, to: page.path)
        }
    }

    /// Appends each part to the file as it comes: the whole file is never in memory.
    public func write(path relative: String, parts next: () throws -> FilePart?) async throws -> Int {
        guard Self.isSafe(relative) else { throw WriteError.cannotWrite(relative, "unsafe path") }
        try makeFolder(Self.folder(of: relative))
        return try writeFile(parts: next, to: relative)
    }

    /// The folder a page of the site goes in, relative to the site ("" for the top).
    private static func folder(of relative: String) -> String {
        String(relative[..<(relative.lastIndex(of: "/") ?? relative.startIndex)])
    }

    /// Creates a page's folder once. It is marked as made only after it exists: writers on other
    /// lanes that find it unmarked make it too (mkdir of an existing folder is harmless), and
    /// none opens a file in a folder still being made.
    private func makeFolder(_ folder: String) throws(WriteError) {
        guard !folder.isEmpty, !lock.withLock({ createdFolders.contains(folder) }) else { return }
        // One mkdir(2) when the parent exists (the usual case: systems/<id>/); Foundation's
        // walk over every component was a tenth of the kernel time of a large build.
        if mkdirat(root, folder, 0o755) != 0, errno != EEXIST { try AtomicFile.makeFolder(staging + "/" + folder) }
        lock.withLock { _ = createdFolders.insert(folder) }
    }

    /// Replaces the output with the staged site. The two are exchanged in one step where the file
    /// system can (renameat2), so that a build killed at any moment leaves the old site or the
    /// new one at the output's path, never neither; elsewhere the old site is moved aside first.
    /// Then the old site is removed.
    /// - Parameters:
    ///   - exchanging: false to take the two-step way (for the tests of it).
    ///   - removingOld: given, the old site is moved to a name of its own beside the output
    ///     (`.<site>.building-<pid>.old-<n>`) and handed to it to remove, while the caller goes
    ///     on (`serve`: after a template edit the new pages are shown while the old ones, tens of
    ///     thousands of files, are deleted; a leftover of a process that ended meanwhile is
    ///     removed by the next build, as any staging folder is). Nil: removed before returning.
    public func commit(exchanging: Bool = true, removingOld: (@Sendable (String) -> Void)? = nil) throws(WriteError) {
        let fileManager = FileManager.default
        let old = staging + ".old"
        var isDirectory: ObjCBool = false
        let hadOutput = fileManager.fileExists(atPath: output, isDirectory: &isDirectory)
        if hadOutput {
            // Carried over whether or not anyone asks what was left behind.
            let lost = Self.carryOver(old: output, new: staging)
            notices?.noteLeftBehind(lost)
        }
        // After the exchange the staging path holds the old site (a leftover of a build killed
        // now is removed by the next one, as any staging folder is).
        if hadOutput, exchanging, daicho_exchange(staging, output) == 0 {
            remove(staging, removingOld)
            return
        }
        if hadOutput {
            guard rename(output, old) == 0 else { throw .cannotWrite(output, String(cString: strerror(errno))) }
        }
        guard rename(staging, output) == 0 else {
            let reason = String(cString: strerror(errno))
            if hadOutput { _ = rename(old, output) }
            throw .cannotWrite(output, reason)
        }
        if hadOutput { remove(old, removingOld) }
    }

    /// Removes the old site at `path` now, or moves it aside for `later` to remove.
    private func remove(_ path: String, _ later: (@Sendable (String) -> Void)?) {
        if let later, let aside = Self.setAside(path, of: output) {
            later(aside)
            return
        }
        Self.removeNow(path, notices: notices)
    }

    /// What Daicho writes at the top of a site, whatever the options.
    static let ownTopLevel: Set<String> = ["index.html", "404.html", "sitemap.xml", "systems", "departments", "vendors", "analysis",
                                          "data", "assets", "guidelines", "search"]

    /// Makes `destination` a copy of `source` of hard links (a folder's files each linked, a
    /// symbolic link linked as itself, never followed); false, with what was made removed, when
    /// any part cannot be (another file system, a device file, no permission).
    static func linkTree(_ source: String, _ destination: String) -> Bool {
        var status = stat()
        guard lstat(source, &status) == 0 else { return false }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            guard mkdir(destination, status.st_mode & 0o7777) == 0 else { return false }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: source) else {
                rmdir(destination)
                return false
            }
            for name in names where !linkTree(source + "/" + name, destination + "/" + name) {
                try? FileManager.default.removeItem(atPath: destination)
                return false
            }
            return true
        }
        guard (status.st_mode & S_IFMT) == S_IFREG || (status.st_mode & S_IFMT) == S_IFLNK else { return false }
        return linkat(AT_FDCWD, source, AT_FDCWD, destination, 0) == 0
    }

    /// Files someone put into the site (`.htaccess`, `robots.txt`, a folder of reports, a logo in
    /// `assets/`), which the new site, made whole, does not have: an incremental build keeps them,
    /// so their loss at the next full build would come as a surprise. Those at the top level (no
    /// name there is Daicho's but `ownTopLevel`) are carried into the new site before it is
    /// swapped in, as hard links, so the old site stays whole should the swap fail. Those in
    /// `assets/` may as well be assets a template folder no longer has: they are left behind and
    /// named. Only these two short listings are compared (where such files go).
    /// - Returns: the files left behind, relative to the site.
    static func carryOver(old: String, new: String) -> [String] {
        let fileManager = FileManager.default
        var lost: [String] = []
        for folder in ["", "assets"] {
            let oldNames = (try? fileManager.contentsOfDirectory(atPath: old + (folder.isEmpty ? "" : "/" + folder))) ?? []
            let newNames = Set((try? fileManager.contentsOfDirectory(atPath: new + (folder.isEmpty ? "" : "/" + folder))) ?? [])
            // In `assets/`, what the build writes besides the templates' assets: the search index,
            // which a build of the system pages alone (`--only systems`) leaves out.
            let own = folder.isEmpty ? ownTopLevel : TemplateLoader.generatedAssets
            for name in oldNames.sorted() where !newNames.contains(name) && !own.contains(name) {
                // A file a killed rebuild was writing (`AtomicFile`'s `.<name>.<pid>.<n>.tmp`) is no one's.
                if name.hasPrefix("."), name.hasSuffix(".tmp") { continue }
                if folder.isEmpty, linkTree(old + "/" + name, new + "/" + name) { continue }
                lost.append(folder.isEmpty ? name : folder + "/" + name)
            }
        }
        return lost
    }

    /// Removes a folder before returning, noting it in `notices` when some of it stays (a
    /// read-only folder in it): left without a word, one would pile up beside the site at every build.
    static func removeNow(_ path: String, notices: OutputNotices? = nil) {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            if FileManager.default.fileExists(atPath: path) { notices?.noteUndeleted(path) }
        }
    }

    /// `.<site>.building-<pid>` beside `output`: where this process stages a build of it.
    static func stagingPath(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        let parent = url.deletingLastPathComponent().path
        return ProjectLoader.join(parent == "/" ? "/" : parent, ".\(url.lastPathComponent).building-\(getpid())")
    }

    /// Moves `path` (an old site of `output`) to `.<site>.building-<pid>.old-<n>`, the name
    /// `removeLeftovers` clears should this process end before it is removed; the new name, or nil
    /// when it could not be moved.
    static func setAside(_ path: String, of output: String) -> String? {
        let aside = stagingPath(for: output) + ".old-\(UInt32.random(in: 0...UInt32.max))"
        return rename(path, aside) == 0 ? aside : nil
    }

    /// Removes a folder in a task of its own, the caller going on (`serve`'s old sites).
    @Sendable static func removeOnTheSide(_ path: String) {
        _ = Task.detached(priority: .background) { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Removes a folder in a process of its own, which goes on after this one ends: `build`'s old
    /// site at national scale is tens of thousands of files, seconds to delete on a journaled
    /// disk that the user need not wait for (7.5 s after a 9 s build at 10,000 systems). Should
    /// that process be stopped first, the folder is a leftover the next build removes. Removed
    /// here when no process can be started.
    @Sendable static func removeInOtherProcess(_ path: String) {
        let arguments = ["rm", "-rf", "--", path].map { $0.withCString { strdup($0) } }
        defer { arguments.forEach { free($0) } }
        let started = arguments.allSatisfy { $0 != nil } && daicho_spawn_detached("/bin/rm", arguments + [nil]) == 0
        if !started { try? FileManager.default.removeItem(atPath: path) }
    }

    /// Removes the staging folders of builds that were killed before they could (a whole site
    /// each, gigabytes at national scale): `.<site>.building-<pid>`, its `.old` and the old sites
    /// set aside to be removed on the side (`.old-<n>`), for a process that no longer runs. A
    /// process still running keeps its own.
    static func removeLeftovers(beside output: String, notices: OutputNotices? = nil) {
        let url = URL(fileURLWithPath: trimmed(output))
        removeLeftovers(in: url.deletingLastPathComponent().path, of: url.lastPathComponent, notices: notices)
    }

    /// `removeLeftovers(beside:)` for the site `name` in the folder `parent`.
    private static func removeLeftovers(in parent: String, of name: String, notices: OutputNotices?) {
        let prefix = ".\(name).building-"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        // A manifest or journal being written when its build was killed, before its rename:
        // `..<name>.daicho-manifest.<pid>.<n>.tmp` (see `AtomicFile`).
        for kind in ["daicho-manifest", "daicho-journal"] {
            let temporary = "..\(name).\(kind)."
            for entry in entries where entry.hasPrefix(temporary) && entry.hasSuffix(".tmp") {
                let number = entry.dropFirst(temporary.count).prefix { $0.isASCII && $0.isNumber }
                if hasEnded(number) { unlink(ProjectLoader.join(parent, entry)) }
            }
        }
        for entry in entries where entry.hasPrefix(prefix) {
            // The process id, then nothing, ".old" or ".old-<n>" (see `commit`).
            let rest = entry.dropFirst(prefix.count)
            let number = rest.prefix { $0.isASCII && $0.isNumber }
            let suffix = rest.dropFirst(number.count)
            guard suffix.isEmpty || suffix == ".old" || suffix.hasPrefix(".old-"), hasEnded(number) else { continue }
            // An old site set aside may still be being deleted by the process `build` handed it
            // to: a build that follows at once (a ledger edited after a template edit) does not
            // wait for it.
            let path = ProjectLoader.join(parent, entry)
            // One set aside more than ten minutes ago is no longer being deleted: its process
            // failed (or was stopped), and this one tries, and says so if it cannot.
            if suffix.hasPrefix(".old-"), !isStale(path) {
                removeInOtherProcess(path)
            } else {
                removeNow(path, notices: notices)
            }
        }
    }

    /// Whether the folder was set aside (renamed, which sets its change time) over ten minutes ago.
    static func isStale(_ path: String) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return false }
        return time(nil) - status.st_ctim.tv_sec > 600
    }

    /// Whether `number` is the id of another process that no longer runs: what a folder named
    /// after the process that made it may be removed for.
    static func hasEnded(_ number: Substring) -> Bool {
        guard let pid = pid_t(number), pid > 0, pid != getpid() else { return false }
        return !isRunning(pid)
    }

    /// Whether a process with this id runs. A zombie (killed, not yet reaped by its parent, as
    /// under `timeout -s KILL`) does not: it will never finish its build.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 || errno != ESRCH else { return false }
        // /proc/<pid>/stat: "pid (name) S …", the state after the last ")" (a name may hold one).
        guard let stat = FileManager.default.contents(atPath: "/proc/\(pid)/stat"),
              let close = stat.lastIndex(of: UInt8(ascii: ")")), close + 2 < stat.endIndex else { return true }
        return stat[close + 2] != UInt8(ascii: "Z")
    }

    /// Removes the staged files after a failure; the output was never touched.
    public func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }

    /// The output may be replaced only when it is missing, empty, or a site Daicho built:
    /// `-o` pointing at a project or a documents folder must never delete it.
    static func isReplaceable(_ path: String) -> Bool {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path, isDirectory: &isDirectory) else { return true }
        guard isDirectory.boolValue, let entries = try? fileManager.contentsOfDirectory(atPath: path) else { return false }
        if entries.isEmpty { return true }
        // The manifest a build left beside the folder says Daicho made it, even with the front page
        // deleted by hand (which otherwise kept every full build, `--no-incremental` too, from it).
        let looksBuilt = (entries.contains("index.html") || FileManager.default.fileExists(atPath: BuildManifest.path(for: path)))
            && entries.contains("assets") && entries.contains("systems")
        return looksBuilt && !entries.contains("daicho.yaml") && !entries.contains("inventory")
    }

    /// Why `output` may not take a site, if it may not: it is, or holds, one of `keeping` (the
    /// project, the templates, the current folder), compared by real paths. Asked by full builds
    /// and rebuilds alike, so whether `-o .` is taken does not depend on which comes next.
    static func refusal(output: String, keeping: [String]) -> WriteError? {
        guard let held = firstHeld(keeping, in: output) else { return nil }
        return held == realPath(output) ? .isKeptFolder(output) : .holds(output, held)
    }

    /// The first of `folders` that is `output` or lies inside it, compared by their real paths
    /// (and named by its real path: "." says nothing in a message).
    static func firstHeld(_ folders: [String], in output: String) -> String? {
        guard let site = realPath(output) else { return nil }
        return folders.lazy.compactMap(realPath).first { inner in inner == site || inner.hasPrefix(site == "/" ? "/" : site + "/") }
    }

    /// Whether writing `file` would overwrite one of the project's own files: `daicho.yaml`,
    /// anything under `inventory/` or in the templates folder, compared by real paths (a link
    /// to a ledger is a ledger). For `docs --out`, which writes a single file.
    public static func isProjectFile(_ file: String, project: String, templates: String) -> Bool {
        // The real path of the nearest part that exists, then the names still to be made.
        var existing = URL(fileURLWithPath: file).standardized, rest: [String] = []
        var resolved = realPath(existing.path)
        while resolved == nil, existing.pathComponents.count > 1 {
            rest.insert(existing.lastPathComponent, at: 0)
            existing.deleteLastPathComponent()
            resolved = realPath(existing.path)
        }
        guard let base = resolved else { return false }
        let target = rest.reduce(base) { ProjectLoader.join($0, $1) }
        func inside(_ folder: String?) -> Bool {
            guard let folder else { return false }
            return target == folder || target.hasPrefix(folder == "/" ? "/" : folder + "/")
        }
        let root = realPath(project)
        return target == root.map { ProjectLoader.join($0, "daicho.yaml") } || inside(root.map { ProjectLoader.join($0, "inventory") })
            || inside(realPath(templates))
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The output without a final `/` or `/.` (`site/.` and `site/` are `site`: a folder cannot be
    /// renamed by its `.`, and the staging folder is named after the last component).
    static func trimmed(_ output: String) -> String {
        var trimmed = output
        while trimmed.count > 1, trimmed.hasSuffix("/") || trimmed.hasSuffix("/.") {
            trimmed = String(trimmed.dropLast(trimmed.hasSuffix("/") ? 1 : 2))
        }
        return trimmed
    }

    /// The folder an output given as a symbolic link names: the site is built beside it and swapped
    /// in there (replacing the link with a folder of its own would leave the published folder
    /// stale without a word). Any other path is returned as it is. (`docs --out` follows a link
    /// to a file the same way.)
    /// A link to a folder not made yet names where the site goes, as a missing folder does.
    public static func followingLink(_ output: String) -> String {
        var path = trimmed(output)
        // Links to links are followed to the last; a loop ends on its own name (reported as unwritable).
        for _ in 0..<40 {
            var status = stat()
            guard lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK else { return path }
            if let target = realPath(path) { return target }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(path, &buffer, buffer.count - 1)
            guard count > 0 else { return path }
            let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            path = target.hasPrefix("/") ? target : URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(target).path
        }
        return path
    }

    static func isSafe(_ path: String) -> Bool {
        // A scan of the bytes: it runs for every file of a site, and splitting the path into an
        // array of components was a hundredth of a full build. (The split also dropped empty
        // components, so "a//b" and "a/" passed; they no longer do.)
        var length = 0, onlyDots = true
        func componentIsSafe() -> Bool { length > 0 && !(onlyDots && length <= 2) }
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                guard componentIsSafe() else { return false }
                length = 0
                onlyDots = true
            } else {
                length += 1
                if byte != UInt8(ascii: ".") { onlyDots = false }
            }
        }
        return componentIsSafe()
    }

    /// Writes a page of the site (a path relative to the staging folder) with a plain write: the
    /// whole folder is swapped in at the end, so files need no rename of their own.
    private func writeFile(_ bytes: [UInt8], to relative: String) throws(WriteError) {
        let descriptor = openat(root, relative, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(staging + "/" + relative, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        guard AtomicFile.writeAll(bytes, to: descriptor) else { throw .cannotWrite(staging + "/" + relative, String(cString: strerror(errno))) }
    }

    /// The same, a part at a time as they are made, so a large export is never whole in memory.
    /// Returns the number of bytes written; on failure the file may be partial (the staging folder
    /// is then discarded).
    private func writeFile(parts next: () throws -> FilePart?, to relative: String) throws -> Int {
        let descriptor = openat(root, relative, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw WriteError.cannotWrite(staging + "/" + relative, String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var total = 0
        while let part = try next() {
            guard part.withBytes({ AtomicFile.writeAll($0, to: descriptor) }) else {
                throw WriteError.cannotWrite(staging + "/" + relative, String(cString: strerror(errno)))
            }
            total += part.count
        }
        return total
    }
}

/// Keeps a site in memory: for `serve` and for tests.
public actor MemorySite: PageSink {
    public private(set) var pages: [String: [UInt8]] = [:]

    public init() {}

    public func write(_ pages: [RenderedPage]) async throws {
        for page in pages { self.pages[page.path] = page.bytes }
    }

    public func page(_ path: String) -> [UInt8]? { pages[path] }
}
