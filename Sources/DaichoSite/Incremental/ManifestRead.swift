/// The last build's manifest as a build reads it: the ledger rows at once (all a build that finds
/// nothing changed needs), the output rows and pieces (`BuildManifest.Outputs`, two thirds of the
/// file) only for a rebuild, on another thread once one is likely.
struct ManifestRead: Sendable {
    /// The manifest without its outputs and pieces until `whole()` (see `BuildManifest.loadRows`);
    /// the whole manifest when it came from `serve`'s memory.
    private(set) var rows: BuildManifest
    private var rest: BuildManifest.Outputs?
    private var reading: Task<BuildManifest?, Never>?

    init(rows: BuildManifest, rest: BuildManifest.Outputs?) {
        self.rows = rows
        self.rest = rest
    }

    /// The rows keyed as a build that sees the ledgers under `folder` does (`BuildManifest.rebased`);
    /// before the rest is read, which then starts from them.
    func rebased(to folder: String) -> ManifestRead {
        var read = self
        read.rows = rows.rebased(to: folder)
        return read
    }

    /// Starts reading the rest beside the caller's work (the ledgers being hashed), letting go of
    /// the file's bytes once read.
    mutating func readRestOnTheSide() {
        guard let rest, reading == nil else { return }
        let rows = self.rows
        reading = Task.detached { Self.whole(rows, rest) }
        self.rest = nil
    }

    /// The whole manifest; nil when its outputs cannot be read, though the file passed its
    /// checksum (written by another version of Daicho under the same format number, say).
    mutating func whole() async -> BuildManifest? {
        if let reading { return await reading.value }
        guard let rest else { return rows }
        self.rest = nil
        return Self.whole(rows, rest)
    }

    private static func whole(_ rows: BuildManifest, _ rest: BuildManifest.Outputs) -> BuildManifest? {
        var manifest = rows
        return rest.decode(into: &manifest) ? manifest : nil
    }
}
