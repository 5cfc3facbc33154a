import DaichoCore
import DaichoRender

/// Every file a build wrote, by path, with the `Digest64` of its bytes where one is kept (see
/// `unrecorded`): the files of each system's folder under the system's id, every other page
/// under its path.
///
/// Nine in ten files of a site are in a system's folder (`systems/<id>/index.html` and the
/// procurement drafts). Kept by id with short file names, a 10,000-system site has 10,000 keys
/// instead of 73,000 paths: reading, comparing and writing the manifest cost a third as much,
/// and at 100,000 systems the table holds 40 MB less.
struct OutputHashes: Sendable, Equatable {
    struct File: Sendable, Equatable, BinaryRecord {
        var name: String
        var hash: UInt64

        init(name: String, hash: UInt64) {
            self.name = name
            self.hash = hash
        }

        func write(to writer: inout BinaryWriter) {
            writer.put(name)
            writer.put(hash)
        }

        init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
            name = try reader.get()
            hash = try reader.get()
        }
    }

    /// What an ordinary page is recorded with: its bytes are not hashed. Hashing every page of a
    /// full build (700 MB at 10,000 systems) was a fiftieth of its time, for the few dozen pages
    /// a rebuild renders again; those are compared with their files instead (`InPlaceSink`). The
    /// exports and the files with pieces keep their hash (after a patch, a value derived from the
    /// patch: see `InPlacePatch.identity(after:)`): a rebuild trusts their bytes by it
    /// (`SiteBuilder.reusableFiles`).
    static let unrecorded: UInt64 = 0

    /// The value recorded for a rendered page: its hash for a file with pieces, else `unrecorded`.
    static func recorded(_ page: RenderedPage) -> UInt64 {
        Fragments.files.contains(page.path) ? Digest64.hash(page.bytes) : unrecorded
    }

    /// Pages outside the systems' folders: lists, aggregates, exports, department and vendor pages.
    private(set) var pages: [String: UInt64] = [:]
    /// System id → the files of its folder, in the order they were first recorded.
    private(set) var systems: [String: [File]] = [:]

    init() {}

    /// The tables as the manifest keeps them (a system without files is left out).
    init(pages: [String: UInt64], systems: [String: [File]]) {
        self.pages = pages
        self.systems = systems.filter { !$0.value.isEmpty }
    }

    /// The tables with a journal's changes made (a system left without files is left out, as
    /// `init(pages:systems:)` does, without going over the others).
    mutating func apply(pages changedPages: TableChanges<UInt64>, systems changedSystems: TableChanges<[File]>) {
        changedPages.apply(to: &pages)
        changedSystems.apply(to: &systems)
        for (id, files) in changedSystems.rows where files.isEmpty { systems[id] = nil }
    }

    static func path(system id: String, file name: String) -> String { "systems/" + id + "/" + name }

    subscript(path: String) -> UInt64? {
        get {
            guard let (id, name) = Self.split(path) else { return pages[path] }
            return systems[id]?.first { $0.name == name }?.hash
        }
        set {
            guard let (id, name) = Self.split(path) else {
                pages[path] = newValue
                return
            }
            var files = systems.removeValue(forKey: id) ?? []
            let index = files.firstIndex { $0.name == name }
            switch (index, newValue) {
            case (let index?, let hash?): files[index].hash = hash
            case (let index?, nil): files.remove(at: index)
            case (nil, let hash?): files.append(File(name: name, hash: hash))
            case (nil, nil): break
            }
            if !files.isEmpty { systems[id] = files }
        }
    }

    /// Every path with its hash, in no particular order.
    func forEach(_ body: (String, UInt64) -> Void) {
        for (path, hash) in pages { body(path, hash) }
        for (id, files) in systems {
            for file in files { body(Self.path(system: id, file: file.name), file.hash) }
        }
    }

    /// `systems/<id>/<name>` → (id, name); nil for any other path (`systems/index.html` included).
    static func split(_ path: String) -> (id: String, name: String)? {
        guard let id = SiteBuilder.systemID(of: path) else { return nil }
        return (String(id), String(path[path.index(after: id.endIndex)...]))
    }
}
