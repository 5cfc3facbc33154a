import DaichoCore
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
