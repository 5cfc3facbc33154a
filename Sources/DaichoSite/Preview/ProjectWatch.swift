import DaichoCore
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// What `serve` polls to notice a save: one number from the name, size, times and inode of every
/// file a build reads (`daicho.yaml`, the inventory, the templates). Foundation's attributes of
/// each file, gathered into a table of strings every 0.4 s, kept a core busy at 10,000 ledgers
/// while nothing changed; stat(2) into a running hash costs a tenth of that.
struct ProjectWatch: Sendable {
    let roots: [String]

    init(project: String, templates: String?) {
        self.init(roots: [ProjectLoader.join(project, "daicho.yaml"), ProjectLoader.join(project, "inventory"),
                          templates ?? ProjectLoader.join(project, "templates")])
    }

    init(roots: [String]) {
        self.roots = roots
    }

    func signature() -> UInt64 { look().signature }

    /// The signature, with the number of entries looked at.
    func look() -> (signature: UInt64, entries: Int) {
        var digest = Digest64()
        var entries = 0
        for root in roots {
            var status = stat()
            guard stat(root, &status) == 0 else {
                digest.combine(Array("missing \(root)\n".utf8))
                continue
            }
            Self.add(status, into: &digest)
            entries += 1
            if (status.st_mode & S_IFMT) == S_IFDIR { Self.walk(root, depth: 0, into: &digest, entries: &entries) }
        }
        return (digest.value, entries)
    }

    /// A folder's entries in the order the file system lists them: that order changes only when
    /// the folder does, and a rebuild the watch starts needlessly finds nothing changed.
    private static func walk(_ folder: String, depth: Int, into digest: inout Digest64, entries: inout Int) {
        guard depth < 32, let directory = opendir(folder) else { return }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            var child: String?
            withUnsafeMutablePointer(to: &entry.pointee.d_name) { tuple in
                tuple.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { name in
                    let length = strlen(name)
                    if name[0] == 0x2E && (length == 1 || (length == 2 && name[1] == 0x2E)) { return }
                    // The name with its NUL, so that one name cannot run into the next.
                    digest.combine(UnsafeRawBufferPointer(start: name, count: length + 1))
                    // A linked file counts by what it links to; only real folders are entered,
                    // so that a link back up the tree cannot make the walk go round.
                    var status = stat(), own = stat()
                    guard fstatat(descriptor, name, &status, 0) == 0 else { return }
                    add(status, into: &digest)
                    entries += 1
                    let isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                        || (entry.pointee.d_type == UInt8(DT_UNKNOWN) && fstatat(descriptor, name, &own, AT_SYMLINK_NOFOLLOW) == 0
                            && (own.st_mode & S_IFMT) == S_IFDIR)
                    if isFolder { child = String(cString: name) }
                }
            }
            if let child { walk(folder + "/" + child, depth: depth + 1, into: &digest, entries: &entries) }
        }
    }

    private static func add(_ status: stat, into digest: inout Digest64) {
        let stamp = FileStamp(status)
        withUnsafeBytes(of: (stamp.size, stamp.inode, stamp.modified, stamp.changed)) { digest.combine($0) }
    }
}
