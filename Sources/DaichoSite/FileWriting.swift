import DaichoCore
import DaichoRender
import Foundation

/// Why writing failed (exit status 2).
public enum WriteError: Error, Sendable, Equatable {
    case exists(String)
    case cannotWrite(String, String)
    /// The output folder holds something other than a site Daicho built: replacing it would lose it.
    /// The folder, and the names in it that are in the way (nil: it is not a folder).
    case notASite(String, holding: [String]?)
    /// The output folder holds the project, the templates or the current folder (`holds(output, folder)`).
    case holds(String, String)
    /// The output is the project, the templates or the current folder itself.
    case isKeptFolder(String)
    /// The file to write is one of the project's own: its settings, a ledger, a template.
    case projectFile(String)
    /// A rebuild failed after it had rewritten some files in place (the failure's message, in
    /// Japanese and English).
    case partlyUpdated(String, String)

    /// The system's reasons a clerk meets, in Japanese (others as the system gives them).
    public static func japanese(_ reason: String) -> String {
        let known: [(Int32, String)] = [
            (ENOSPC, "ディスクの空きがありません"), (EDQUOT, "使える容量の上限に達しました"), (EACCES, "書き込みの権限がありません"),
            (EPERM, "書き込みが許されていません"), (EROFS, "読み取り専用の場所です"), (ENOTDIR, "途中の名前がフォルダではなくファイルです"),
            (EISDIR, "ファイルの場所にフォルダがあります"), (EBUSY, "使用中のため置き換えられません"), (ENOENT, "途中のフォルダがありません"),
            (ENAMETOOLONG, "名前が長すぎます"), (EEXIST, "同じ名前のものが既にあります"),
        ]
        return known.first { String(cString: strerror($0.0)) == reason }?.1 ?? reason
    }

    /// What to do, where the path says more than the reason: a full build stages the site in a
    /// folder beside the output (`.site.building-<pid>`), so it needs to write in the output's
    /// parent, which is named (the staging folder itself is gone by the time this is read).
    static func hint(path: String, reason: String, language: Language) -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let staging = parts.firstIndex(where: { $0.hasPrefix(".") && $0.contains(".building-") }) else { return "" }
        let parent = parts[..<staging].joined(separator: "/")
        let parentShown = staging == 0 ? "." : parent.isEmpty ? "/" : parent
        if reason == String(cString: strerror(ENOSPC)) || reason == String(cString: strerror(EDQUOT)) {
            return language == .ja
                ? "。サイトは隣のフォルダで完成させてから置き換えるため、新しいサイト全体が入る空きが「\(parentShown)」に要ります（今のサイトは置き換えるまで残ります）"
                : ". The site is made whole in a folder beside the output before it replaces the old one, so \(parentShown) needs room for the whole new site (the old one stays until then)"
        }
        return language == .ja
            ? "。サイトは隣の作業用フォルダで作ってから置き換えるため、出力先の親フォルダ「\(parentShown)」に書き込めることが必要です"
            : ". The site is made in a folder beside the output and then swapped in, so the output's parent folder \(parentShown) must be writable"
    }

    /// What is in the way: hidden files (`.gitkeep`, `Thumbs.db`, `desktop.ini`) make a folder
    /// that looks empty one that is not.
    static func holding(_ names: [String]?, _ language: Language) -> String {
        guard let names else { return language == .ja ? "フォルダではありません。" : "it is not a folder; " }
        let shown = names.prefix(5).joined(separator: language == .ja ? "、" : ", ")
        if language == .ja { return "中に " + shown + (names.count > 5 ? "（ほか \(names.count - 5) 件）" : " ") + "があります。" }
        return "it holds " + shown + (names.count > 5 ? " and \(names.count - 5) more" : "") + "; "
    }

    public func message(_ language: Language) -> String {
        switch self {
        case .exists(let path):
            language == .ja ? "「\(path)」は既にあります。上書きはしません" : "\(path) already exists; not overwriting"
        case .cannotWrite(let path, let reason):
            language == .ja ? "「\(path)」に書き込めません（\(Self.japanese(reason))）" + Self.hint(path: path, reason: reason, language: language)
                            : "cannot write \(path) (\(reason))" + Self.hint(path: path, reason: reason, language: language)
        case .notASite(let path, let names):
            language == .ja
                ? "「\(path)」は Daicho が作ったサイトではないため、置き換えません（\(Self.holding(names, language))空のフォルダか、新しいフォルダを指定してください）"
                : "\(path) is not a site Daicho built; not replacing it (\(Self.holding(names, language))give an empty or new folder)"
        case .isKeptFolder(let path):
            language == .ja
                ? "出力先「\(path)」は、今いるフォルダかプロジェクト・テンプレートのフォルダそのものです（サイトを置き換えると一緒に消えます）。出力先には別のフォルダを指定してください（例: -o site）"
                : "the output \(path) is the current, project or templates folder itself, which replacing the site would delete; give another folder (e.g. -o site)"
        case .holds(let path, let folder):
            language == .ja
                ? "出力先「\(path)」の中に「\(folder)」があるため、置き換えません（置き換えると一緒に消えます）。出力先にはプロジェクトの外の別のフォルダを指定してください"
                : "the output \(path) holds \(folder), which replacing it would delete; give a folder outside the project"
        case .partlyUpdated(let ja, let en):
            language == .ja
                ? ja + "。サイトは一部のページだけが新しくなった状態です。原因を取り除いてもう一度 build を実行すると、サイト全体を作り直します"
                : en + ". The site is partly updated; remove the cause and run build again, which rebuilds the whole site"
        case .projectFile(let path):
            language == .ja
                ? "「\(path)」はプロジェクトの設定・台帳・テンプレートの場所のため、書き込みません。別の場所を指定してください"
                : "\(path) is where the project keeps its settings, ledgers or templates; not writing there: give another place"
        }
    }
}

/// Small, atomic file writes: a file is either complete or not there.
public enum AtomicFile {
    /// Writes through a temporary file and a rename, replacing any previous file.
    /// - Parameter durable: flush the data to disk before the rename. Pages of a site skip it
    ///   (as a full build's staged files do): a crash can only cost a rebuild, and flushing a
    ///   50 MB export on every edit cost more than the rest of the rebuild.
    public static func write(_ bytes: [UInt8], to path: String, durable: Bool = true) throws(WriteError) {
        let stream = try Stream(replacing: path, durable: durable)
        do {
            try stream.append(bytes)
        } catch {
            stream.discard()
            throw error
        }
        try stream.commit()
    }

    /// Writes a file the user named (`docs --out`): as `write`, but through a symbolic link into
    /// the file it names (a rename would put a file in the link's place), and straight into a file
    /// that is not a regular one, a pipe or a device, which a rename would replace.
    public static func writeNamed(_ bytes: [UInt8], to path: String) throws(WriteError) {
        var status = stat()
        let target = OutputFolder.followingLink(path)
        guard stat(target, &status) == 0, (status.st_mode & S_IFMT) != S_IFREG else {
            return try write(bytes, to: target)
        }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .cannotWrite(path, String(cString: strerror(EISDIR))) }
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        let failure = writeAll(bytes, to: descriptor) ? nil : errno
        let closed = close(descriptor) == 0
        if let failure { throw .cannotWrite(path, String(cString: strerror(failure))) }
        if !closed { throw .cannotWrite(path, String(cString: strerror(errno))) }
    }

    /// Writes a file that must not exist yet; an existing file is left untouched.
    public static func create(_ bytes: [UInt8], at path: String) throws(WriteError) {
        let temporary = temporaryPath(for: path)
        try writeNew(bytes, to: temporary)
        defer { unlink(temporary) }
        // link(2) fails when the target exists, so two writers never overwrite each other.
        guard link(temporary, path) == 0 else {
            if errno == EEXIST { throw .exists(path) }
            throw .cannotWrite(path, String(cString: strerror(errno)))
        }
    }

    /// Makes the folder and any missing above it; a failure names the system's reason (Foundation's
    /// said "NSCocoaErrorDomain error 512" for a file in the way).
    public static func makeFolder(_ path: String) throws(WriteError) {
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else { throw .cannotWrite(path, String(cString: strerror(ENOTDIR))) }
            return
        }
        let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if parent != path, !parent.isEmpty, parent != "/" { try makeFolder(parent) }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .cannotWrite(path, String(cString: strerror(errno))) }
    }

    /// A file written a part at a time into a temporary file beside it, flushed to disk and
    /// renamed over the path on `commit`: a large file that must survive a crash whole, never
    /// whole in memory.
    final class Stream {
        let path: String
        private let temporary: String
        private let durable: Bool
        private var descriptor: Int32

        /// - Parameter durable: flush the data to disk before the rename (see `write(_:to:durable:)`).
        init(replacing path: String, durable: Bool = true) throws(WriteError) {
            self.path = path
            self.durable = durable
            temporary = AtomicFile.temporaryPath(for: path)
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
            guard descriptor >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        }

        func append(_ bytes: [UInt8]) throws(WriteError) {
            guard writeAll(bytes, to: descriptor) else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        }

        func append(_ bytes: UnsafeRawBufferPointer) throws(WriteError) {
            guard writeAll(bytes, to: descriptor) else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        }

        func append(_ part: FilePart) throws(WriteError) {
            switch part {
            case .made(let bytes): try append(bytes)
            case .kept(let bytes): try append(bytes)
            }
        }

        /// Renames the file over `path`; on failure the temporary file is removed and `path` is as it was.
        func commit() throws(WriteError) {
            func fail() -> WriteError {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                return .cannotWrite(path, reason)
            }
            guard !durable || fsync(descriptor) == 0 || errno == EINVAL else {
                let error = fail()
                close(descriptor)
                descriptor = -1
                throw error
            }
            let closed = close(descriptor)
            descriptor = -1
            guard closed == 0, rename(temporary, path) == 0 else { throw fail() }
        }

        /// Removes the temporary file; the file at `path` stays as it was.
        func discard() {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
            unlink(temporary)
        }
    }

    /// Writes every byte (write(2) may take fewer at a time); false on an error, with `errno` set.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }

    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }

    fileprivate static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return folder + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    }

    private static func writeNew(_ bytes: [UInt8], to path: String) throws(WriteError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(path, String(cString: strerror(errno))) }
        guard writeAll(bytes, to: descriptor) else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            unlink(path)
            throw .cannotWrite(path, reason)
        }
        guard fsync(descriptor) == 0 || errno == EINVAL, close(descriptor) == 0 else {
            unlink(path)
            throw .cannotWrite(path, String(cString: strerror(errno)))
        }
    }
}
