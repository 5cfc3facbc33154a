/// Reads one ledger file: bytes → checked values → typed `Ledger`, with every diagnostic on the way.
public struct LedgerParser: Sendable {
    public var reader: YAMLReader

    public init(reader: YAMLReader = YAMLReader()) {
        self.reader = reader
    }

    public struct Result: Sendable {
        /// Nil when the file could not be read as a ledger at all.
        public var ledger: Ledger?
        public var diagnostics: [Diagnostic]
    }

    /// - Parameters:
    ///   - file: the path diagnostics show.
    ///   - stem: the file name without extension, which the id must equal.
    public func parse(_ bytes: [UInt8], file: String, stem: String) -> Result {
        let (node, problems) = reader.read(bytes, file: file)
        guard let node else { return Result(ledger: nil, diagnostics: problems) }
        var decoder = SchemaDecoder(file: file)
        guard let root = decoder.decodeRoot(node, spec: LedgerSchema.root, slots: LedgerSchema.slots,
                                            keepingPlaces: true) else {
            return Result(ledger: nil, diagnostics: problems + decoder.diagnostics)
        }
        var builder = LedgerBuilder(decoder: decoder)
        let id = root["id"]?.text ?? stem
        // Only the places rules across ledgers need are kept; the ledger's box is made once, with them.
        let fields = builder.build(root, id: id, sourceMap: SourceMap(file: file, places: decoder.keptPlaces()))
        var diagnostics = problems + builder.decoder.diagnostics
        diagnostics += LedgerRules.check(fields, map: builder.decoder.sourceMap, schemaVersion: root["schema"]?.integer,
                                         stem: stem, idGiven: root["id"]?.text != nil)
        return Result(ledger: Ledger(fields), diagnostics: diagnostics)
    }
}

extension LedgerParser.Result {
    /// Whether the result names its file `path` (a result that names no file does).
    func names(_ path: String) -> Bool {
        (ledger?.file ?? diagnostics.first?.location.file).map { $0 == path } ?? true
    }

    /// The result of the same bytes read as `path`: everything in it is about its own file.
    func moved(to path: String) -> Self {
        var moved = self
        if var ledger {
            ledger.file = path
            ledger.sourceMap.file = path
            moved.ledger = ledger
        }
        for index in moved.diagnostics.indices { moved.diagnostics[index].location.file = path }
        return moved
    }
}

extension LedgerParser.Result: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(ledger)
        writer.put(diagnostics)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        ledger = try reader.get()
        diagnostics = try reader.get()
    }
}
