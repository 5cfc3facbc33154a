import DaichoCore
import Synchronization

/// What `serve` keeps from one build to the next: the manifest it saved, the ledgers' parse
/// results and the compiled templates. A one-ledger rebuild of 10,000 systems then decodes neither
/// the manifest (about 30 ms of CPU, on the lane beside the folder and the templates) nor the other
/// 9,999 ledgers (see `ParseMemory`), and reads and compiles no template.
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

    struct KeptTemplates: Sendable {
        var folder: String
        /// `ProjectWatch`'s signature of the folder (names, sizes, times and inodes of its files).
        var signature: UInt64
        var loaded: TemplateLoader.Loaded
    }

    public let parses: ParseMemory
    private let kept = Mutex<KeptManifest?>(nil)
    private let keptTemplates = Mutex<KeptTemplates?>(nil)
    /// How many times the templates were read and compiled (for the tests).
    private let templateLoads = Atomic<Int>(0)

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

    /// The project's templates, read and compiled again only when a file of their folder changed
    /// since the last build (about 4 ms of a 0.2 s one-ledger rebuild in `serve` with the shipped
    /// templates; more with a municipality's own).
    /// The folder's signature is taken before its files are read: a template saved meanwhile gives
    /// another signature next time, so it is read again then.
    func templates(project: String, override: String?) throws(TemplateLoadError) -> TemplateLoader.Loaded {
        guard let folder = TemplateLoader.locate(project: project, override: override) else {
            throw TemplateLoader.notFound(project: project, override: override)
        }
        let signature = ProjectWatch(roots: [folder]).signature()
        if let kept = keptTemplates.withLock({ $0 }), kept.folder == folder, kept.signature == signature { return kept.loaded }
        let loaded = try TemplateLoader().load(from: folder)
        templateLoads.add(1, ordering: .relaxed)
        keptTemplates.withLock { $0 = KeptTemplates(folder: folder, signature: signature, loaded: loaded) }
        return loaded
    }

    var templatesLoaded: Int { templateLoads.load(ordering: .relaxed) }

    private static func stamps(_ output: String) -> [FileStamp?] {
        [FileStamp(path: BuildManifest.path(for: output)), FileStamp(path: ManifestJournal.path(for: output))]
    }
}
