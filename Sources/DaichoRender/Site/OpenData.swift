import DaichoCore
import Foundation

/// The machine-readable exports: every ledger as JSON, and a one-row-per-system CSV for Excel.
extension SiteContext {
    /// `data/systems.json`: ledgers normalised (tokens, ISO dates, yen), hidden fields left out.
    /// The whole of `systemsJSONStream()` as one string (tests compare it with the JSON tree).
    func systemsJSON() -> String {
        var bytes: [UInt8] = []
        let next = systemsJSONStream()
        while let part = next() { part.withBytes { bytes.append(contentsOf: $0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `systems.json` a window of systems at a time, written as text straight from each ledger's
    /// fields (each window in parallel): the same bytes as rendering one `JSONValue` tree at a tenth
    /// of the cost, and a sink that appends keeps only one window in memory. A system whose ledger
    /// is unchanged since the last build is copied from the previous file (see `Fragments`).
    func systemsJSONStream() -> () -> FilePart? {
        let path = Fragments.systemsJSON
        var head = Array("{\n  \"organization\": ".utf8)
        JSONValue.string(project.organization.name).write(into: &head, indent: 2)
        head += ",\n  \"profile\": ".utf8
        JSONValue.string(visibility.profile.rawValue).write(into: &head, indent: 2)
        head += ",\n  \"schema\": 1,\n  \"systems\": ".utf8
        let ledgers = self.ledgers
        let chunkSize = 100, window = 4_000
        var start = -1  // -1: the head is next; ledgers.count: the tail is next
        var offset = 0
        var pieces: [String: Fragments.Piece] = [:]
        // A window's chunks go out a part at a time, last first: joining them into one
        // window-sized part copied 40 MB more on every build at 10,000 systems.
        var pending: [FilePart] = []
        return {
            if start < 0 {
                start = 0
                let first = head + (ledgers.isEmpty ? "[]\n}\n" : "[").utf8
                offset = first.count
                if ledgers.isEmpty { self.fragmentRecorder.record(path, [:]) }
                return .made(first)
            }
            if let next = pending.popLast() { return next }
            guard start < ledgers.count else { return nil }
            let end = min(start + window, ledgers.count)
            let first = start
            let chunkCount = (end - first + chunkSize - 1) / chunkSize
            let chunks = Concurrently.map(chunkCount) { chunk -> PieceParts in
                let keys = JSONPathKeys()
                let from = first + chunk * chunkSize
                return self.pieceParts(path, from..<min(from + chunkSize, end), apart: 6, reserving: chunkSize * 4_096,
                                       lead: { $0 == 0 ? "\n    " : ",\n    " }) { ledger, bytes in
                    JSONValue.writeObject(self.ledgerJSONEntries(ledger), indent: 4, into: &bytes, keys: keys)
                }
            }
            start = end
            var parts: [FilePart] = []
            for chunk in chunks {
                for piece in chunk.placed { self.place(piece.id, at: offset + piece.start, length: piece.length, in: &pieces) }
                offset += chunk.count
                parts += chunk.parts
            }
            if end == ledgers.count {
                parts.append(.made(Array("\n  ]\n}\n".utf8)))
                self.fragmentRecorder.record(path, pieces)
            }
            pending = parts.reversed()
            return pending.popLast()
        }
    }

    /// The pieces of the systems `range` of an export: each run of unchanged systems that were
    /// neighbours last time (`apart` bytes from one another) passed on from the old file in one
    /// part, the others made by `make`; `lead` goes before each system (inside a run, it is in the
    /// old bytes).
    func pieceParts(_ path: String, _ range: Range<Int>, apart: Int, reserving: Int, lead: (Int) -> String = { _ in "" },
                    make: (Ledger, inout [UInt8]) -> Void) -> PieceParts {
        var parts = PieceParts(reserving: reserving)
        var index = range.lowerBound
        while index < range.upperBound {
            parts.bytes += lead(index).utf8
            if let run = reusableRun(path, ledgers, from: index, upper: range.upperBound, separator: apart) {
                parts.keep(run)
                index += run.pieces.count
                continue
            }
            let pieceStart = parts.count
            parts.making()
            make(ledgers[index], &parts.bytes)
            parts.placed.append((ledgers[index].id, pieceStart, parts.count - pieceStart))
            index += 1
        }
        return parts.finished()
    }

    /// The longest run of reusable systems from `start` whose pieces were adjacent last time
    /// (`separator` bytes apart), as one slice of the old file with each piece's place in it.
    func reusableRun(_ path: String, _ ledgers: [Ledger], from start: Int, upper: Int, separator: Int)
        -> (bytes: UnsafeRawBufferPointer, pieces: [(id: String, start: Int, length: Int)])? {
        // The file's table is looked up once, and each system's piece once.
        guard let file = reuse?.pieces(of: path) else { return nil }
        func reusable(_ id: String) -> Fragments.Piece? { ledgerKeys[id].flatMap { file.piece(id: id, key: $0) } }
        guard let first = reusable(ledgers[start].id) else { return nil }
        let old = file.bytes
        var pieces = [(id: ledgers[start].id, start: 0, length: first.length)]
        var end = first.offset + first.length
        var index = start + 1
        while index < upper, let piece = reusable(ledgers[index].id), piece.offset == end + separator {
            pieces.append((ledgers[index].id, piece.offset - first.offset, piece.length))
            end = piece.offset + piece.length
            index += 1
        }
        return (old[first.offset..<end], pieces)
    }

    /// Records where a system's piece went (only with a known ledger hash: nothing else can match it later).
    func place(_ id: String, at offset: Int, length: Int, in pieces: inout [String: Fragments.Piece]) {
        guard let key = ledgerKeys[id], !key.isEmpty else { return }
        pieces[id] = Fragments.Piece(key: key, offset: offset, length: length)
    }

    /// One ledger as a JSON tree (tests compare the fast writer with it).
    func ledgerJSON(_ ledger: Ledger) -> JSONValue {
        Self.tree(ledgerJSONEntries(ledger).map { ($0.path.split(separator: "."), $0.value) }[...], depth: 0)
    }

    func ledgerJSONEntries(_ ledger: Ledger) -> [(path: String, value: JSONValue)] {
        var entries: [(path: String, value: JSONValue)] = []
        entries.reserveCapacity(96)
        func put(_ path: String, _ value: JSONValue?) {
            guard let value, value != .null, !visibility.hides(path) else { return }
            entries.append((path, value))
        }
        func token<E: LedgerEnum>(_ value: E?) -> JSONValue? { value.map { .string($0.token) } }
        func bool(_ value: Bool?) -> JSONValue? { value.map(JSONValue.bool) }
        func date(_ value: LedgerDate?) -> JSONValue? { value.map { .string($0.description) } }
        func number(_ value: Exact?) -> JSONValue? { value.map { .number($0.decimalString(places: 6)) } }
        func int(_ value: Int?) -> JSONValue? { value.map(JSONValue.int) }
        func text(_ value: String?) -> JSONValue? { value.map(JSONValue.string) }
        func texts(_ values: [String]) -> JSONValue? { values.isEmpty ? nil : .strings(values) }

        // A list's items without the keys `public_hide` hides (`hardware.servers[*].role`).
        func items(_ path: String, _ objects: [[String: JSONValue]]) -> JSONValue {
            let hidden = visibility.hiddenKeys(of: path)
            return .array(objects.map { .object(hidden.isEmpty ? $0 : $0.filter { !hidden.contains($0.key) }) })
        }

        put("id", .string(ledger.id))
        let b = ledger.basic
        put("basic.name", .string(b.name)); put("basic.department", .string(b.department))
        put("basic.category", token(b.category)); put("basic.purpose", text(b.purpose))
        put("basic.business", texts(b.business)); put("basic.development", token(b.development))
        put("basic.product", text(b.product)); put("basic.in_service", date(b.inService)); put("basic.renewal", date(b.renewal))
        if let c = ledger.costs {
            put("costs.unit", .string("yen"))
            put("costs.initial.hardware", int(c.hardware)); put("costs.initial.software", int(c.software))
            put("costs.initial.construction", int(c.construction)); put("costs.initial.migration", int(c.migration))
            put("costs.annual.maintenance", int(c.maintenance)); put("costs.annual.service", int(c.service))
            put("costs.annual.other", int(c.other))
            if !c.lines.isEmpty {
                put("costs.lines", items("costs.lines", c.lines.map {
                    ["name": .string($0.name), "kind": .string($0.kind.token), "unit_price": .int($0.unitPrice),
                     "quantity": .number($0.quantity.decimalString(places: 6)), "unit": .string($0.unit)]
                }))
            }
        }
        let m = ledger.management
        put("management.structure", token(m?.structure)); put("management.staff_se_work", bool(m?.staffSEWork))
        put("management.remote_monitoring", bool(m?.remoteMonitoring)); put("management.annual_report", bool(m?.annualReport))
        put("management.design_docs", bool(m?.designDocs)); put("management.manual_current", bool(m?.manualCurrent))
        let u = ledger.usage
        put("usage.users", int(u?.users)); put("usage.concurrent_users", int(u?.concurrentUsers))
        put("usage.form", token(u?.form)); put("usage.dependency", token(u?.dependency))
        if let tasks = u?.disasterTasks, !tasks.isEmpty {
            put("usage.disaster_tasks", items("usage.disaster_tasks", tasks.map {
                ["task": .string($0.task), "kind": .string($0.kind?.token), "target": .string($0.target?.token)]
            }))
        }
        let h = ledger.hardware
        put("hardware.location", token(h?.location)); put("hardware.seismic", bool(h?.seismic)); put("hardware.ups", bool(h?.ups))
        if let servers = h?.servers {
            put("hardware.servers", items("hardware.servers", servers.map { s in
                ["role": .string(s.role), "count": .int(s.count), "virtual": s.isVirtual.map(JSONValue.bool) ?? .null,
                 "cores": .int(s.cores), "memory_gb": number(s.memoryGB) ?? .null, "storage_gb": number(s.storageGB) ?? .null,
                 "cpu_peak_pct": number(s.cpuPeakPercent) ?? .null, "acquired": date(s.acquired) ?? .null, "os": .string(s.os)]
            }))
        }
        put("hardware.terminals.dedicated", int(h?.terminals?.dedicated)); put("hardware.terminals.group", text(h?.terminals?.group))
        let s = ledger.software
        put("software.os", texts(s?.os ?? [])); put("software.middleware", texts(s?.middleware ?? []))
        put("software.customization", token(s?.customization)); put("software.customization_items", int(s?.customizationItems))
        put("software.platform_compliant", bool(s?.platformCompliant)); put("software.standard_layout", bool(s?.standardLayout))
        put("software.euc", bool(s?.euc))
        let o = ledger.operation
        put("operation.hours", text(o?.hours)); put("operation.backup.frequency", token(o?.backup?.frequency))
        put("operation.backup.offsite", bool(o?.backup?.offsite)); put("operation.backup.generations", int(o?.backup?.generations))
        put("operation.backup.media", text(o?.backup?.media)); put("operation.backup.application", bool(o?.backup?.application))
        put("operation.emergency_manual", bool(o?.emergencyManual))
        put("network.segments", ledger.network?.segments.map { .strings($0.map(\.token)) })
        put("network.remote_maintenance", bool(ledger.network?.remoteMaintenance))
        if !ledger.integrations.isEmpty {
            put("integrations", items("integrations", ledger.integrations.map { link in
                var object: [String: JSONValue] = ["direction": .string(link.direction.token), "method": .string(link.method?.token),
                                                   "timing": .string(link.timing?.token), "data": .string(link.data)]
                switch link.target {
                case .system(let id): object["system"] = .string(id)
                case .external(let name): object["external"] = .string(name)
                }
                return object
            }))
        }
        let p = ledger.personalData
        put("personal_data.present", bool(p?.present)); put("personal_data.mynumber", bool(p?.mynumber))
        put("personal_data.records", int(p?.records)); put("personal_data.pia", bool(p?.pia))
        put("antivirus.server", token(ledger.antivirus?.server)); put("antivirus.client", token(ledger.antivirus?.client))
        put("antivirus.definitions", token(ledger.antivirus?.definitions))
        let sec = ledger.security
        put("security.authentication", sec.flatMap { $0.authentication.isEmpty ? nil : .strings($0.authentication.map(\.token)) })
        put("security.access_log", bool(sec?.accessLog)); put("security.encryption", bool(sec?.encryption))
        put("security.audit", bool(sec?.audit)); put("security.notes", text(sec?.notes))
        let v = ledger.vendor
        put("vendor.developer", text(v?.developer)); put("vendor.maintainer", text(v?.maintainer))
        put("vendor.support_base", text(v?.supportBase)); put("vendor.travel_minutes", int(v?.travelMinutes))
        put("vendor.contract.kind", token(v?.contract?.kind)); put("vendor.contract.start", date(v?.contract?.start))
        put("vendor.contract.end", date(v?.contract?.end)); put("vendor.contract.sla", bool(v?.contract?.sla))
        put("vendor.contact.name", text(v?.contact?.name)); put("vendor.contact.phone", text(v?.contact?.phone))
        put("vendor.contact.email", text(v?.contact?.email))
        let bcp = ledger.bcp
        put("bcp.in_plan", bool(bcp?.inPlan)); put("bcp.rto_hours", number(bcp?.rtoHours)); put("bcp.rpo_hours", number(bcp?.rpoHours))
        put("bcp.dr_site", bool(bcp?.drSite)); put("bcp.drills", bool(bcp?.drills))
        put("bcp_operator.agreement", bool(ledger.bcpOperator?.agreement))
        put("bcp_operator.contents", texts(ledger.bcpOperator?.contents ?? []))
        put("bcp_operator.response_hours", number(ledger.bcpOperator?.responseHours))
        if !ledger.bcpOthers.isEmpty {
            put("bcp_others", items("bcp_others", ledger.bcpOthers.map {
                ["party": .string($0.party), "agreement": $0.agreement.map(JSONValue.bool) ?? .null, "contents": .strings($0.contents)]
            }))
        }
        if !ledger.issues.isEmpty {
            put("issues", items("issues", ledger.issues.map { ["title": .string($0.title), "detail": .string($0.detail)] }))
        }
        put("notes", text(ledger.notes))
        if !ledger.extra.isEmpty {
            let hidden = visibility.hiddenKeys(of: "extra")
            put("extra", .object(Dictionary(ledger.extra.filter { !hidden.contains($0.key) }.map { ($0.key, JSONValue.string($0.value)) },
                                            uniquingKeysWith: { a, _ in a })))
        }
        put("gaps", .strings(visibleGaps(ledger.id).map(\.rawValue)))
        put("completeness", .decimal(visibility.shown(ledger.completeness).ratio))
        return entries
    }

    /// Nests dotted paths into objects in one pass (building by repeated insertion copied
    /// each nested object once per field).
    static func tree(_ entries: ArraySlice<(path: [Substring], value: JSONValue)>, depth: Int) -> JSONValue {
        var groups: [String: [(path: [Substring], value: JSONValue)]] = [:]
        var leaves: [String: JSONValue] = [:]
        for entry in entries {
            let key = String(entry.path[depth])
            if entry.path.count == depth + 1 { leaves[key] = entry.value } else { groups[key, default: []].append(entry) }
        }
        for (key, children) in groups { leaves[key] = tree(children[...], depth: depth + 1) }
        return .object(leaves)
    }

    /// `data/systems.csv`: UTF-8 with a byte-order mark so Excel reads it, RFC 4180 quoting, CRLF
    /// lines, a window of rows at a time (a sink that appends never holds the whole file).
    func systemsCSVStream() -> () -> FilePart? {
        typealias Column = (header: String, path: String, value: (Ledger) -> String)
        let yen = { (value: Int?) in value.map(String.init) ?? "" }
        let flagOf = { (ledger: Ledger) in self.maintenanceByID[ledger.id] }
        let columns: [Column] = [
            ("ID", "id", { $0.id }),
            (t("システム名称", "Name"), "basic.name", { $0.name }),
            (t("所管課", "Department"), "basic.department", { $0.department }),
            (t("システム区分", "Category"), "basic.category", { $0.basic.category?.label.text(self.language) ?? "" }),
            (t("開発形態", "Development"), "basic.development", { $0.basic.development?.label.text(self.language) ?? "" }),
            (t("利用形態", "Form of use"), "usage.form", { $0.usage?.form?.label.text(self.language) ?? "" }),
            (t("稼働開始日", "In service"), "basic.in_service", { $0.basic.inService?.description ?? "" }),
            (t("次期更新予定日", "Renewal"), "basic.renewal", { $0.basic.renewal?.description ?? "" }),
            (t("導入経費（円）", "Initial (yen)"), "costs", { flagOf($0)?.initial.map(String.init) ?? "" }),
            (t("運用保守経費（円／年）", "Maintenance (yen/year)"), "costs", { yen($0.costs?.maintenance) }),
            (t("年額経費（円）", "Annual (yen)"), "costs", { $0.costs.map { String($0.annualTotal) } ?? "" }),
            (t("年額換算（円）", "Annual equivalent (yen)"), "costs", { flagOf($0)?.annualEquivalent.map(String.init) ?? "" }),
            // Six places: formatted as a percentage in Excel, four (0.4455 for 0.44549…) would read
            // 44.6 % beside the page's 44.5 %.
            (t("運用保守経費の割合", "Maintenance ratio"), "costs", { flagOf($0)?.ratio?.decimalString(places: 6) ?? "" }),
            (t("判定", "Flag"), "costs", { flagOf($0)?.flag.label.text(self.language) ?? "" }),
            (t("利用職員数", "Users"), "usage.users", { $0.usage?.users.map(String.init) ?? "" }),
            (t("依存度", "Dependency"), "usage.dependency", { $0.usage?.dependency?.token ?? "" }),
            (t("設置場所", "Location"), "hardware.location", { $0.hardware?.location?.label.text(self.language) ?? "" }),
            (t("物理サーバ台数", "Physical servers"), "hardware.servers", { $0.hardware?.physicalServers.map(String.init) ?? "" }),
            (t("専用端末数", "Dedicated terminals"), "hardware.terminals.dedicated", { $0.hardware?.terminals?.dedicated.map(String.init) ?? "" }),
            // A shared group's terminals are written on each of its systems: the group tells them
            // apart, for a sum that counts each group once as the terminals analysis does.
            (t("共用端末グループ", "Terminal group"), "hardware.terminals.group", { $0.hardware?.terminals?.group ?? "" }),
            (t("開発事業者", "Developer"), "vendor.developer", { $0.developer ?? "" }),
            (t("保守事業者", "Maintainer"), "vendor.maintainer", { $0.maintainer ?? "" }),
            (t("SLAの締結", "SLA"), "vendor.contract.sla", { $0.vendor?.contract?.sla.map { $0 ? "1" : "0" } ?? "" }),
            (t("ICT-BCPへの記載", "In ICT-BCP"), "bcp.in_plan", { $0.bcp?.inPlan.map { $0 ? "1" : "0" } ?? "" }),
            (t("記入率", "Completeness"), "id", { self.visibility.shown($0.completeness).ratio.decimalString(places: 6) }),
            (t("課題", "Gaps"), "id", { self.visibleGaps($0.id).map { $0.label.text(self.language) }.joined(separator: "／") }),
        ]
        // The server count goes with the fields it is counted from.
        let hidesServers = visibility.hidesAny(["hardware.servers.count", "hardware.servers.virtual"])
        let visible = columns.filter { !visibility.hides($0.path) && !($0.path == "hardware.servers" && hidesServers) }
        func line(_ fields: [String], into bytes: inout [UInt8]) {
            for (index, field) in fields.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                bytes.append(contentsOf: CSV.field(field).utf8)
            }
            bytes.append(contentsOf: [0x0D, 0x0A])
        }
        let path = Fragments.systemsCSV
        let ledgers = self.ledgers
        let window = 4_000
        var pieces: [String: Fragments.Piece] = [:]
        var offset = 0
        var start = -1  // -1: the header is next
        var pending: [FilePart] = []
        return {
            if start < 0 {
                var header: [UInt8] = [0xEF, 0xBB, 0xBF]
                line(visible.map(\.header), into: &header)
                start = 0
                offset = header.count
                return .made(header)
            }
            if let next = pending.popLast() { return next }
            guard start < ledgers.count else {
                if start == ledgers.count {
                    self.fragmentRecorder.record(path, pieces)
                    start += 1
                }
                return nil
            }
            let end = min(start + window, ledgers.count)
            let made = self.pieceParts(path, start..<end, apart: 0, reserving: (end - start) * 512) { ledger, bytes in
                line(visible.map { $0.value(ledger) }, into: &bytes)
            }
            for piece in made.placed { self.place(piece.id, at: offset + piece.start, length: piece.length, in: &pieces) }
            offset += made.count
            start = end
            pending = made.parts.reversed()
            return pending.popLast()
        }
    }
}

/// A stretch of an export as parts: bytes made here, and runs of the last build's file passed on
/// as they are, with where each system's piece went (from the stretch's start).
struct PieceParts {
    private(set) var parts: [FilePart] = []
    /// Bytes being made, not yet a part.
    var bytes: [UInt8] = []
    var placed: [(id: String, start: Int, length: Int)] = []
    /// Bytes in `parts`.
    private var done = 0
    private let reserve: Int

    /// - Parameter reserving: the room to make for bytes once some are made (a stretch copied
    ///   whole makes none).
    init(reserving: Int) {
        reserve = reserving
    }

    var count: Int { done + bytes.count }

    /// Room for what is made next, when none is left from before.
    mutating func making() {
        if bytes.capacity < 4_096 { bytes.reserveCapacity(reserve) }
    }

    mutating func keep(_ run: (bytes: UnsafeRawBufferPointer, pieces: [(id: String, start: Int, length: Int)])) {
        let runStart = count
        flush()
        parts.append(.kept(run.bytes))
        done += run.bytes.count
        for piece in run.pieces { placed.append((piece.id, runStart + piece.start, piece.length)) }
    }

    private mutating func flush() {
        guard !bytes.isEmpty else { return }
        done += bytes.count
        parts.append(.made(bytes))
        bytes = []
    }

    consuming func finished() -> PieceParts {
        flush()
        return self
    }
}

/// RFC 4180 fields: quoted when they hold a comma, quote or line break; quotes doubled.
///
/// Looked at byte by byte, not character by character: a comma, quote or `=` followed by a
/// combining mark is one `Character` that is none of them, but a spreadsheet reads the byte.
enum CSV {
    static func field(_ text: String) -> String {
        // A leading = + - @ would run as a formula in Excel, and so would one after a leading tab
        // or carriage return (which Excel drops): keep it text.
        var value = text
        if let first = value.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D,
           Int(value) == nil {
            value = "'" + value
        }
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        var quoted: [UInt8] = [0x22]
        quoted.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            if byte == 0x22 { quoted.append(0x22) }
            quoted.append(byte)
        }
        quoted.append(0x22)
        return String(decoding: quoted, as: UTF8.self)
    }
}
