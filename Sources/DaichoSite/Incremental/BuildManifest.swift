import DaichoCore
import DaichoRender
import Foundation

/// What the last build read and wrote, kept beside the site (`.site.daicho-manifest`),
/// so the next build re-renders only what its changes touch.
struct BuildManifest: Codable, Sendable {
    struct Ledger: Codable, Sendable, Equatable {
        var hash: String
        var id: String?
        /// Systems this ledger links to: their pages show it.
        var partners: [String]
        /// Built without errors (with `--force`, ledgers with errors have no pages).
        var valid: Bool
        /// The department and vendor pages that list it (valid ledgers only).
        var department: String? = nil
        var vendors: [String] = []
    }

    static let version = 3

    var version = BuildManifest.version
    /// Hash of everything that touches every page: templates, assets, daicho.yaml, options, Daicho itself.
    var fingerprint: String
    /// Ledger file → what it was.
    var ledgers: [String: Ledger]
    /// Output path → hash of its bytes.
    var outputs: [String: String]

    /// The file form: rows in path order, in the binary coding (a 10,000-system site has 73,000
    /// outputs; as JSON the manifest took a tenth of a second to read and half a second to write).
    private struct Stored: Codable {
        struct LedgerRow: Codable {
            var file: String
            var ledger: Ledger
        }

        struct OutputRow: Codable {
            var path: String
            var hash: String
        }

        var version: Int
        var fingerprint: String
        var ledgers: [LedgerRow]
        var outputs: [OutputRow]
    }

    static let magic = Array("DAICHO-BUILD-MANIFEST\n".utf8)

    static func path(for output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).daicho-manifest").path
    }

    static func load(for output: String) -> BuildManifest? {
        guard let data = FileManager.default.contents(atPath: path(for: output)) else { return nil }
        let bytes = [UInt8](data)
        guard bytes.starts(with: magic),
              let stored = try? BinaryCoding.decode(Stored.self, from: bytes[magic.count...]), stored.version == version
        else { return nil }
        var ledgers: [String: Ledger] = [:], outputs: [String: String] = [:]
        ledgers.reserveCapacity(stored.ledgers.count)
        outputs.reserveCapacity(stored.outputs.count)
        for row in stored.ledgers { ledgers[row.file] = row.ledger }
        for row in stored.outputs { outputs[row.path] = row.hash }
        return BuildManifest(fingerprint: stored.fingerprint, ledgers: ledgers, outputs: outputs)
    }

    func save(for output: String) throws(WriteError) {
        let stored = Stored(
            version: version, fingerprint: fingerprint,
            ledgers: ledgers.sorted { $0.key < $1.key }.map { Stored.LedgerRow(file: $0.key, ledger: $0.value) },
            outputs: outputs.sorted { $0.key < $1.key }.map { Stored.OutputRow(path: $0.key, hash: $0.value) })
        guard let bytes = try? BinaryCoding.encode(stored) else { throw .cannotWrite(Self.path(for: output), "encoding") }
        try AtomicFile.write(Self.magic + bytes, to: Self.path(for: output))
    }

    static func remove(for output: String) {
        try? FileManager.default.removeItem(atPath: path(for: output))
    }
}

/// FNV-1a, 64 bits: enough to tell whether a file changed between two builds.
enum ContentHash {
    static func of(_ bytes: [UInt8]) -> String { FNV.hex(FNV.hash64(bytes)) }

    static func of(_ page: RenderedPage) -> String {
        var hasher = FNV.Hasher64()
        for part in page.parts { hasher.combine(part) }
        return FNV.hex(hasher.value)
    }

    static func of(_ parts: [String]) -> String {
        of(Array(parts.joined(separator: "\u{1F}").utf8))
    }
}

/// Which systems' pages a change touches: the changed ledgers' systems (before and after),
/// the systems they link to or linked to, the systems that link to them (their pages show the
/// changed system's name), and systems whose validity changed.
enum IncrementalPlan {
    /// The department and vendor pages a change touches: those of the changed ledgers, before and
    /// after. Nil (all of them) when a department or vendor appears or disappears, since page
    /// addresses are assigned over the sorted names.
    static func groups(old: [String: BuildManifest.Ledger], new: [String: BuildManifest.Ledger]) -> GroupSelection? {
        func names(_ entries: [String: BuildManifest.Ledger]) -> (Set<String>, Set<String>) {
            var departments: Set<String> = [], vendors: Set<String> = []
            for entry in entries.values {
                if let department = entry.department { departments.insert(department) }
                vendors.formUnion(entry.vendors)
            }
            return (departments, vendors)
        }
        let (oldDepartments, oldVendors) = names(old), (newDepartments, newVendors) = names(new)
        guard oldDepartments == newDepartments, oldVendors == newVendors else { return nil }
        var selection = GroupSelection(departments: [], vendors: [])
        for file in Set(old.keys).union(new.keys) where old[file] != new[file] {
            for entry in [old[file], new[file]].compactMap({ $0 }) {
                if let department = entry.department { selection.departments.insert(department) }
                selection.vendors.formUnion(entry.vendors)
            }
        }
        return selection
    }

    static func affected(old: [String: BuildManifest.Ledger], new: [String: BuildManifest.Ledger]) -> Set<String> {
        var changed: Set<String> = []
        var affected: Set<String> = []
        for file in Set(old.keys).union(new.keys) where old[file] != new[file] {
            for entry in [old[file], new[file]].compactMap({ $0 }) {
                if let id = entry.id { changed.insert(id) }
                affected.formUnion(entry.partners)
            }
        }
        affected.formUnion(changed)
        for entry in Array(old.values) + Array(new.values) where !changed.isDisjoint(with: entry.partners) {
            if let id = entry.id { affected.insert(id) }
        }
        return affected
    }
}
