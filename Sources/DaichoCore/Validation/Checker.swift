import Foundation

/// Runs every check of ledger-v1 over a project: each file in parallel, then the cross-file rules.
public struct Checker: Sendable {
    public var parser: LedgerParser
    /// How many files to parse at once; nil means one per core. The result does not depend on it.
    public var workers: Int?
    /// Parse results of earlier runs, read and updated shard by shard.
    public var cache: LedgerCache?
    /// The last check's results, held between checks by `serve`.
    public var memory: ParseMemory?
    /// Whether to hash every file read for `CheckedInventory.contentHashes`, which only a build's
    /// change tracking reads (hashing and listing them was a fiftieth of a cold `analyze`).
    public var hashesContent: Bool
    /// Whether warnings are kept in `CheckedInventory.diagnostics`, or only counted: `build` and
    /// `analyze` show errors alone, and the warnings of an inventory converted from spreadsheets
    /// (a few dozen a ledger) were the largest thing a national build held besides the ledgers.
    /// The cache keeps them either way.
    public var keepsWarnings: Bool

    public init(parser: LedgerParser = LedgerParser(), workers: Int? = nil, cache: LedgerCache? = nil, memory: ParseMemory? = nil,
                hashesContent: Bool = true, keepsWarnings: Bool = true) {
        self.parser = parser
        self.workers = workers
        self.cache = cache
        self.memory = memory
        self.hashesContent = hashesContent
        self.keepsWarnings = keepsWarnings
    }

    public func check(_ source: ProjectSource) async -> CheckedInventory {
        let (project, projectDiagnostics) = ProjectParser(reader: parser.reader)
            .parse(source.projectFile, file: source.projectFilePath)
        let sources = source.ledgers.sorted { $0.path < $1.path }
        var parsed = await parseAll(sources, readAhead: source.readAhead, remembered: memory?.take(for: sources))
        memory?.keep(paths: sources.map(\.path), parsed: parsed)
        var ledgers: [Ledger] = []
        ledgers.reserveCapacity(parsed.count)
        for item in parsed { if let ledger = item.result.ledger { ledgers.append(ledger) } }
        // The rules across ledgers on one core, and on the other the files' own diagnostics gathered
        // and sorted (and their hashes listed): each is a tenth of a second at 100,000 ledgers, and
        // nothing else runs then.
        let hashesContent = self.hashesContent, keepsWarnings = self.keepsWarnings
        // (The files' own warnings were let go chunk by chunk, see `settled`; the folder's and
        // `daicho.yaml`'s here.)
        // The spelling and one-sided link rules run on this side: gathering the files' own
        // diagnostics is light, and the rules by id were the longer side alone.
        let ((own, hashes, leftOut, oneSided), (across, acrossLeftOut)) = Concurrently.both({ [parsed, ledgers, first = Self.kept(
            source.diagnostics + projectDiagnostics, warnings: keepsWarnings)] in
            let (found, oneSided) = InventoryRules.alongsideFinding(ledgers)
            let alongside = Self.kept(found, warnings: keepsWarnings)
            var diagnostics = first.kept + alongside.kept
            var hashes: [String: String] = [:]
            var leftOut = first.leftOut + alongside.leftOut
            hashes.reserveCapacity(hashesContent ? parsed.count : 0)
            for (source, item) in zip(sources, parsed) {
                diagnostics += item.result.diagnostics
                leftOut += item.warningsLeftOut
                if hashesContent { hashes[source.path] = item.hash.map(Digest64.text) ?? "" }
            }
            return (Diagnostic.sorted(diagnostics), hashes, leftOut, keepsWarnings ? oneSided : nil)
        }, { [ledgers] in
            var texts = SharedTexts()
            let (kept, leftOut) = Self.kept(InventoryRules.references(ledgers, fileStems: { sources.map(\.stem) }), warnings: keepsWarnings)
            return (Diagnostic.sorted(texts.share(kept)), leftOut)
        })
        parsed = []
        var checked = CheckedInventory(project: project, ledgers: ledgers, diagnostics: Diagnostic.merged(own, across),
                                       files: sources.map(\.path), contentHashes: hashes)
        checked.warningsLeftOut = leftOut + acrossLeftOut
        checked.oneSidedLinks = oneSided
        checked.folder = source.folder
        return checked
    }

    struct Parsed: Sendable {
        var result: LedgerParser.Result
        /// Nil for an unreadable file.
        var hash: UInt64?
        /// Warnings taken out of `result` (`keepsWarnings`).
        var warningsLeftOut = 0
    }

    /// `diagnostics` without their warnings unless `warnings`, with how many were taken out.
    static func kept(_ diagnostics: [Diagnostic], warnings: Bool) -> (kept: [Diagnostic], leftOut: Int) {
        guard !warnings else { return (diagnostics, 0) }
        let kept = diagnostics.filter { $0.severity != .warning }
        return (kept, diagnostics.count - kept.count)
    }

    /// Reads and parses one file; the hash of the bytes read lets a build tell changed files apart
    /// without reading them a second time.
    static func parse(_ source: LedgerSource, with parser: LedgerParser, hashing: Bool = true) -> Parsed {
        guard let bytes = source.read() else { return Parsed(result: unreadable(source), hash: nil) }
        return Parsed(result: parser.parse(bytes, file: source.path, stem: source.stem),
                      hash: source.hash ?? (hashing ? Digest64.hash(bytes) : nil))
    }

    static func unreadable(_ source: LedgerSource) -> LedgerParser.Result {
        let reason = source.whyUnreadable?(source.path)
        return LedgerParser.Result(ledger: nil, diagnostics: [Diagnostic(.error, .unreadable, at: SourceLocation(file: source.path),
            field: "", LocalizedText(ja: "ファイルを読めません" + (reason.map { "（\($0.ja)）" } ?? ""),
                                     en: "cannot read the file" + (reason.map { " (\($0.en))" } ?? "")),
            hint: LocalizedText(ja: "台帳は inventory/ の直下に置く、読み取りのできる普通のファイルです。リンクなら指す先を確かめてください",
                                en: "a ledger is a readable plain file directly in inventory/; for a link, check what it points to"))])
    }

    /// Parses the files of one cache shard, taking unchanged ones from it, and writes the shard
    /// again when anything in it changed. A file whose stamp is the one its entry was made with is
    /// not read at all (reading and hashing every ledger to find it was a fifth of a cached
    /// `analyze` at 100,000 systems); the others are read, asked for ahead first.
    static func parse(shard index: Int, _ sources: [LedgerSource], with parser: LedgerParser, cache: LedgerCache,
                      readAhead: (@Sendable ([String]) -> Void)?) -> [Parsed] {
        let stored = cache.loadShard(index)
        var changed = !stored.valid || stored.entries.count != sources.count
        // Stamped before reading: a file changed while it is read has another stamp next time.
        let stamps = sources.map { source -> [UInt8] in source.hash == nil ? source.stamp() ?? [] : [] }
        let trusted = zip(sources, stamps).map { source, stamp -> UInt64? in
            guard !stamp.isEmpty, let entry = stored.entries[source.key], entry.stamp == stamp else { return nil }
            return entry.hash
        }
        readAhead?(zip(sources, trusted).compactMap { $0.hash == nil && $1 == nil ? $0.path : nil })
        var entries: [(path: String, entry: LedgerCache.Entry)] = []
        entries.reserveCapacity(sources.count)
        let pool = StringPool()
        let parsed = sources.indices.map { position -> Parsed in
            let source = sources[position]
            var stamp = stamps[position]
            var bytes: [UInt8]?
            if source.hash == nil && trusted[position] == nil { bytes = source.read() }
            guard let hash = source.hash ?? trusted[position] ?? bytes.map({ Digest64.hash($0) }) else {
                changed = true
                return Parsed(result: unreadable(source), hash: nil)
            }
            if let hit = stored.result(for: source.key, hash: hash, pool: pool) {
                // A file read for want of a stamp keeps the one its entry has: a stamp is only ever
                // trusted when it equals the file's stamp now, so an old one does no harm.
                if stamp.isEmpty { stamp = stored.entries[source.key]?.stamp ?? [] }
                if stamp != stored.entries[source.key]?.stamp { changed = true }
                // Stored by a run from another folder (`daicho check city` from above it): the
                // result names the file as that run did, and is stored again as this one does.
                guard hit.result.names(source.path) else {
                    changed = true
                    let result = hit.result.moved(to: source.path)
                    entries.append((source.key, LedgerCache.Entry(hash: hash, stamp: stamp, blob: BinaryWriter.encode(result)[...])))
                    return Parsed(result: result, hash: hash)
                }
                entries.append((source.key, LedgerCache.Entry(hash: hash, stamp: stamp, blob: hit.blob)))
                return Parsed(result: hit.result, hash: hash)
            }
            changed = true
            // Trusted by its stamp, but the entry does not read back: the file is read after all,
            // and its hash is taken from the bytes.
            let read = bytes ?? source.read()
            guard let read else { return Parsed(result: unreadable(source), hash: nil) }
            let actual = bytes == nil && source.hash == nil ? Digest64.hash(read) : hash
            let result = parser.parse(read, file: source.path, stem: source.stem)
            entries.append((source.key, LedgerCache.Entry(hash: actual, stamp: stamp, blob: BinaryWriter.encode(result)[...])))
            return Parsed(result: result, hash: actual)
        }
        if changed { cache.write(index, LedgerCache.Shard.serialized(entries, stamp: cache.stamp)) }
        return parsed
    }

    /// The results with their diagnostics' texts shared (`SharedTexts`) and, unless
    /// `keepsWarnings`, their warnings counted and let go, a chunk at a time: as each chunk is
    /// done, not once all are, when every copy would be held at once.
    static func settled(_ results: [Parsed], keepsWarnings: Bool) -> [Parsed] {
        guard results.contains(where: { !$0.result.diagnostics.isEmpty }) else { return results }
        var texts = SharedTexts()
        return results.map { item in
            var item = item
            let (kept, leftOut) = kept(item.result.diagnostics, warnings: keepsWarnings)
            item.result.diagnostics = texts.share(kept)
            item.warningsLeftOut += leftOut
            return item
        }
    }

    /// Parses in parallel, in chunks (or cache shards); results keep the input order.
    /// - Parameter remembered: results kept from the last check, by place (see `ParseMemory`): a
    ///   chunk (or shard) whose files all have one is not read at all.
    private func parseAll(_ sources: [LedgerSource], readAhead: (@Sendable ([String]) -> Void)?,
                          remembered: [Parsed?]? = nil) async -> [Parsed] {
        let workers = max(1, self.workers ?? ProcessInfo.processInfo.activeProcessorCount)
        let parser = self.parser, keepsWarnings = self.keepsWarnings
        // What `serve` remembers is matched by hash.
        let hashing = hashesContent || memory != nil
        let remembered = remembered?.count == sources.count ? remembered : nil
        var chunks: [[Int]] = []
        if cache != nil {
            var byShard = [[Int]](repeating: [], count: LedgerCache.shardCount)
            for (index, source) in sources.enumerated() { byShard[LedgerCache.shard(of: source.key)].append(index) }
            chunks = byShard
        } else {
            guard sources.count > 8, workers > 1 else {
                readAhead?(sources.indices.compactMap { remembered?[$0] == nil ? sources[$0].path : nil })
                return Self.settled(sources.indices.map { remembered?[$0] ?? Self.parse(sources[$0], with: parser, hashing: hashing) },
                                    keepsWarnings: keepsWarnings)
            }
            // Small chunks taken in order, so the files are read about in the order they are asked for ahead.
            let size = min(64, (sources.count + workers * 4 - 1) / (workers * 4))
            chunks = stride(from: 0, to: sources.count, by: size).map { Array($0..<min($0 + size, sources.count)) }
        }
        // Without a cache every file is read, and asked for ahead here; with one, each shard asks
        // for those its entries' stamps do not vouch for.
        if cache == nil { readAhead?(chunks.flatMap { $0.compactMap { remembered?[$0] == nil ? sources[$0].path : nil } }) }
        var results = [Parsed](repeating: Parsed(result: LedgerParser.Result(ledger: nil, diagnostics: []), hash: nil),
                               count: sources.count)
        await withTaskGroup(of: [(Int, Parsed)].self) { group in
            var next = 0
            // At most `workers` chunks at a time: with a cache, each holds a shard in memory.
            func add() {
                guard next < chunks.count else { return }
                let indexes = chunks[next], shard = next
                next += 1
                let chunk = indexes.map { sources[$0] }
                let cache = self.cache
                let known = indexes.map { remembered?[$0] }
                group.addTask {
                    guard !chunk.isEmpty else { return [] }
                    // A shard is read whole or not at all: it is written back with every entry.
                    if let cache, known.contains(where: { $0 == nil }) {
                        return Array(zip(indexes, Self.settled(Self.parse(shard: shard, chunk, with: parser, cache: cache, readAhead: readAhead), keepsWarnings: keepsWarnings)))
                    }
                    return Array(zip(indexes, Self.settled(zip(chunk, known).map { source, known in
                        known ?? Self.parse(source, with: parser, hashing: hashing)
                    }, keepsWarnings: keepsWarnings)))
                }
            }
            for _ in 0..<workers { add() }
            for await part in group {
                for (index, item) in part { results[index] = item }
                add()
            }
        }
        return results
    }
}
