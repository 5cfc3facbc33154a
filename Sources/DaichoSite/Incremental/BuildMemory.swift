import DaichoCore
import Synchronization

/// What `serve` keeps from one build to the next: the manifest it saved and the ledgers' parse
/// results. A one-ledger rebuild of 10,000 systems then decodes neither the manifest (about 30 ms
/// of CPU, on the lane beside the folder and the templates) nor the other 9,999 ledgers (see
/// `ParseMemory`).
///
/// The kept manifest is used only while the manifest and journal files are the ones this process
/// wrote (the same stamps): a rebuild removes the journal before its first change, so a rebuild
/// that failed half-way, or another process writing the folder, leaves a manifest that is not used.
public final class BuildMemory: Sendable {
    struct KeptManifest: Sendable {
        var output: String
        var manifest: BuildManifest
        var files: [FileStamp?]
    }

    public let parses: ParseMemory
    private let kept = Mutex<KeptManifest?>(nil)

    public init(limit: Int = 20_000) {
        parses = ParseMemory(limit: limit)
    }

    /// The manifest this process saved for `output`, while its files are as they were written.
    func manifest(for output: String) -> BuildManifest? {
        guard let kept = kept.withLock({ $0 }), kept.output == output, kept.files == Self.stamps(output),
              !kept.files.contains(nil) else { return nil }
        return kept.manifest
    }

    /// Keeps `manifest`, just saved for `output` with `journal`.
    func keep(_ manifest: BuildManifest, journal: ManifestJournal, for output: String) {
        var manifest = manifest
        manifest.journal = journal
        let files = Self.stamps(output)
        kept.withLock { $0 = KeptManifest(output: output, manifest: manifest, files: files) }
    }

    private static func stamps(_ output: String) -> [FileStamp?] {
        [FileStamp(path: BuildManifest.path(for: output)), FileStamp(path: ManifestJournal.path(for: output))]
    }
}
