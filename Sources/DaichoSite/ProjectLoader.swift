import DaichoCore
import Foundation

/// Reads a project folder from disk: `daicho.yaml` and the ledgers under `inventory/`.
public struct ProjectLoader: Sendable {
    public init() {}

    /// - Parameter root: the project folder as the user typed it; diagnostics show paths under it.
    public func load(_ root: String) throws(LoadError) -> ProjectSource {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw fileManager.fileExists(atPath: root) ? .fileInsteadOfFolder(root, inventory: false) : .notAFolder(root)
        }
        // One spelling of the folder however it was given (`.`, `./city/`, `/home/me/city`): the
        // parsed-ledger cache and the build manifest know each ledger by its path, and another
        // spelling made every ledger look new (a rebuild as long as a full build).
        let base = Self.canonical(root)
        let projectFile = Self.join(base, "daicho.yaml")
        let inventory = Self.join(base, "inventory")
        guard fileManager.fileExists(atPath: inventory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw fileManager.fileExists(atPath: inventory) ? .fileInsteadOfFolder(inventory, inventory: true) : .noInventory(inventory)
        }
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: inventory)
        } catch {
            throw .unreadable(inventory)
        }
        var ledgers: [LedgerSource] = []
        ledgers.reserveCapacity(names.count)
        // `join(inventory, name)` with the folder's part made once (100,000 names are listed on one core).
        let folder = Self.join(inventory, "")
        var diagnostics: [Diagnostic] = []
        // Sorted once: at national scale, 100,000 names.
        let sortedNames = names.sorted()
        for name in sortedNames where !Self.isLedgerFile(name) && !name.hasPrefix(".") {
            // Notepad saves `台帳.yaml` as `台帳.yaml.txt` unless told otherwise: not read, so say so.
            let lower = name.lowercased()
            if lower.hasSuffix(".yaml.txt") || lower.hasSuffix(".yml.txt") {
                let intended = String(name.dropLast(4))
                diagnostics.append(Diagnostic(.warning, .ignoredFile, at: SourceLocation(file: Self.join(inventory, name)), field: "",
                    LocalizedText(ja: "「\(name)」は台帳として読みません（名前の最後が .txt です）", en: "'\(name)' is not read as a ledger (its name ends in .txt)"),
                    hint: LocalizedText(ja: "台帳なら名前を「\(intended)」にしてください（メモ帳では「ファイルの種類」を「すべてのファイル」にして保存します）",
                                        en: "if it is a ledger, rename it '\(intended)' (in Notepad, save with 'All files' as the type)")))
                continue
            }
            // Ledgers in a folder of their own are not read: say so, rather than check nothing.
            let folder = Self.join(inventory, name)
            guard fileManager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
                  let inside = try? fileManager.contentsOfDirectory(atPath: folder) else { continue }
            let ledgers = inside.filter(Self.isLedgerFile).count
            guard ledgers > 0 else { continue }
            diagnostics.append(Diagnostic(.warning, .ignoredFolder, at: SourceLocation(file: folder + "/"), field: "",
                LocalizedText(ja: "フォルダ「\(name)」の中の台帳 \(ledgers) 件は読みません", en: "the \(ledgers) ledgers in the folder '\(name)' are not read"),
                hint: LocalizedText(ja: "台帳は inventory/ の直下に置いてください（分けたいときはファイル名の先頭をそろえます）",
                                    en: "put ledgers directly in inventory/ (use a common file-name prefix to group them)")))
        }
        for name in sortedNames where Self.isLedgerFile(name) {
            let path = folder + name
            let stem = LedgerSource.stem(of: name)
            // Read when parsed: an unreadable file is reported then, with the others.
            ledgers.append(LedgerSource(path: path, key: "inventory/" + name, stem: stem, load: { FileBytes.read(path, atMost: Self.readLimit) },
                                        stamp: { FileStamp(path: path)?.settled.map { BinaryWriter.encode($0) } },
                                        whyUnreadable: Self.unreadableReason))
        }
        if ledgers.isEmpty {
            // A check of nothing passes, and a build of nothing replaces the site with an empty one.
            diagnostics.append(Diagnostic(.warning, .noLedgers, at: SourceLocation(file: folder), field: "",
                LocalizedText(ja: "inventory/ に台帳（*.yaml）がありません", en: "inventory/ holds no ledger (*.yaml)"),
                hint: LocalizedText(ja: "`daicho new ID` で台帳のひな形を作れます", en: "`daicho new ID` writes a ledger to fill in")))
        }
        // Only a missing file means the defaults. One that is there but cannot be read (a folder,
        // a link to a share not mounted, no permission) stops the command: built with defaults,
        // the public edition would publish what its `policy.public_hide` keeps back.
        let projectBytes = FileBytes.read(projectFile, atMost: Self.readLimit)
        if projectBytes == nil, let reason = Self.presentButUnreadable(projectFile) { throw .unreadableProjectFile(projectFile, reason) }
        return ProjectSource(projectFilePath: projectFile, projectFile: projectBytes, ledgers: ledgers, diagnostics: diagnostics,
                             readAhead: { FileBytes.readAhead($0) })
    }

    /// One byte past what the YAML reader takes: enough to tell a file too large, without
    /// reading all of one of gigabytes.
    static let readLimit = YAMLReader.Limits().maxBytes + 1

    /// Why a file that exists (as a name in its folder, be it a broken link) cannot be read, or nil
    /// when there is no such name.
    static func presentButUnreadable(_ path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        if stat(path, &status) != 0 { return String(cString: strerror(errno)) }
        if (status.st_mode & S_IFMT) == S_IFDIR { return String(cString: strerror(EISDIR)) }
        // A pipe or a device: never opened (a pipe would wait for a writer).
        if (status.st_mode & S_IFMT) != S_IFREG { return Self.notARegularFile }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        close(descriptor)
        return String(cString: strerror(EIO))
    }

    static let notARegularFile = "not a regular file"

    /// Why a ledger file cannot be read, in words a clerk can act on.
    @Sendable static func unreadableReason(_ path: String) -> LocalizedText? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        // A name in another encoding (Shift_JIS from an old file server) comes back with U+FFFD
        // in it, and no file has that name.
        if name.unicodeScalars.contains("\u{FFFD}") {
            return LocalizedText(ja: "ファイル名の文字コードが UTF-8 ではありません。名前を付け直してください",
                                 en: "the file name is not UTF-8; rename the file")
        }
        var status = stat()
        if lstat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFLNK, stat(path, &status) != 0 {
            return errno == ELOOP ? LocalizedText(ja: "リンクが循環しています", en: "the link loops")
                : LocalizedText(ja: "リンクの指す先がありません", en: "the link points nowhere")
        }
        guard let reason = presentButUnreadable(path) else { return nil }
        let known: [(String, String)] = [
            (String(cString: strerror(EISDIR)), "フォルダです"), (notARegularFile, "普通のファイルではありません"),
            (String(cString: strerror(EACCES)), "読み取りの権限がありません"), (String(cString: strerror(EIO)), "読み込みの途中で失敗しました"),
        ]
        return LocalizedText(ja: known.first { $0.0 == reason }?.1 ?? reason, en: reason)
    }

    /// `*.yaml` and `*.yml` in any case (`JUKI.YAML` is read, and its id then checked against its
    /// name, rather than left out unseen), not hidden, not `_`-prefixed (drafts the user parks),
    /// and not `~`-prefixed (`~$juki.yaml`, the lock file an editor keeps beside an open file).
    public static func isLedgerFile(_ name: String) -> Bool {
        // Bytes compared (see `LedgerSource.extensionLength`): this runs twice for every name
        // listed, and made a lowercased copy of each name each time.
        switch name.utf8.first {
        case nil, UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"): return false
        default: return LedgerSource.extensionLength(name[...]) > 0
        }
    }

    /// The folder relative to the current one when it is there or below it (as diagnostics show
    /// it), else absolute; `.` and `..` resolved, links left as they are.
    static func canonical(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        if absolute == current { return "." }
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// Joins paths the way a user reads them: `./inventory` becomes `inventory`.
    public static func join(_ base: String, _ name: String) -> String {
        if base == "." || base.isEmpty { return name }
        return base.hasSuffix("/") ? base + name : base + "/" + name
    }
}

/// Why a project folder could not be read at all (exit status 2).
public enum LoadError: Error, Sendable, Equatable {
    case notAFolder(String)
    case noInventory(String)
    /// The project folder, or `inventory/` in it, is a file.
    case fileInsteadOfFolder(String, inventory: Bool)
    case unreadable(String)
    case unreadableProjectFile(String, String)

    /// The system's reasons a clerk meets most, in Japanese.
    private static func japanese(_ reason: String) -> String {
        switch reason {
        case String(cString: strerror(ENOENT)): "リンク先が見つかりません"
        case String(cString: strerror(EACCES)): "読み取りの権限がありません"
        case String(cString: strerror(EISDIR)): "ファイルではなくフォルダです"
        case ProjectLoader.notARegularFile: "通常のファイルではありません"
        default: reason
        }
    }

    public func message(_ language: Language) -> String {
        switch self {
        case .notAFolder(let path):
            language == .ja ? "フォルダ「\(path)」がありません" : "no such folder: \(path)"
        case .fileInsteadOfFolder(let path, inventory: false):
            language == .ja ? "「\(path)」はフォルダではありません（プロジェクトのフォルダを指定してください）"
                            : "\(path) is not a folder (give the project folder)"
        case .fileInsteadOfFolder(let path, inventory: true):
            language == .ja ? "「\(path)」はフォルダではありません（台帳を入れるフォルダ inventory/ にしてください）"
                            : "\(path) is not a folder (inventory/ holds the ledgers)"
        case .noInventory(let path):
            language == .ja
                ? "台帳フォルダ「\(path)」がありません（プロジェクトのフォルダを指定してください）"
                : "no inventory folder at \(path) (give the project folder)"
        case .unreadable(let path):
            language == .ja ? "「\(path)」を読めません" : "cannot read \(path)"
        case .unreadableProjectFile(let path, let reason):
            language == .ja
                ? "「\(path)」を読めません（\(Self.japanese(reason))）。設定なしでは作りません: 公開版で隠す項目などが失われます。ファイルの場所と読み取り権限を確かめてください"
                : "cannot read \(path) (\(reason)); not going on without it, which would drop settings such as what the public edition hides. Check where it points and its permissions"
        }
    }
}
