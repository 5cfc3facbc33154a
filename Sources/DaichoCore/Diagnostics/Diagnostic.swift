/// How serious a diagnostic is: errors stop a build, warnings do not.
public enum Severity: String, Sendable, Comparable {
    case error, warning

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// A place in a source file, 1-based like a compiler's.
public struct SourceLocation: Sendable, Hashable, Comparable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// One problem found in the input, with where it is, which field, and what to do.
public struct Diagnostic: Sendable, Hashable {
    public var severity: Severity
    /// The named rule that produced it (`enum-value`, `duplicate-id`, …).
    public var code: DiagnosticCode
    public var location: SourceLocation
    /// Field path with 0-based indexes: `hardware.servers[1].memory_gb`; empty for the whole file.
    public var fieldPath: String
    public var message: LocalizedText
    public var hint: LocalizedText?
    /// The same problem as each other system a rule across ledgers concerns reads it (the partner
    /// of a link, the first member of a terminal group): either side may be the one to fix, so
    /// the follow-up questions go to their departments too, each at its own ledger's line and in
    /// its own words (「こちら」 is its own figure). `check` prints the diagnostic once. (Only those
    /// rules, run on every check, set it: the parsed-ledger cache does not keep it.)
    public var counterparts: [Counterpart] = []

    /// The ids of the systems in `counterparts`.
    public var related: [String] { counterparts.map(\.system) }

    /// A problem across ledgers as another system's ledger shows it.
    public struct Counterpart: Sendable, Hashable {
        /// The other system's id.
        public var system: String
        /// Its own line for the problem, in its own ledger.
        public var location: SourceLocation
        public var fieldPath: String
        public var message: LocalizedText
        public var hint: LocalizedText?

        public init(system: String, at location: SourceLocation, field: String, _ message: LocalizedText, hint: LocalizedText? = nil) {
            self.system = system
            self.location = location
            self.fieldPath = field
            self.message = message
            self.hint = hint
        }
    }

    public init(
        _ severity: Severity, _ code: DiagnosticCode, at location: SourceLocation, field: String,
        _ message: LocalizedText, hint: LocalizedText? = nil
    ) {
        self.severity = severity
        self.code = code
        self.location = location
        self.fieldPath = field
        self.message = message
        self.hint = hint
    }

    /// Compiler order: file, line, column, then errors before warnings.
    public static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.sorted(by: precedes)
    }

    static func precedes(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.severity != b.severity { return a.severity < b.severity }
        if a.fieldPath != b.fieldPath { return a.fieldPath < b.fieldPath }
        return a.message.en < b.message.en
    }

    /// Two `sorted` lists as one: what `sorted(first + second)` gives (on a tie, `first`'s comes
    /// first, as the stable sort keeps it).
    static func merged(_ first: [Diagnostic], _ second: [Diagnostic]) -> [Diagnostic] {
        guard !second.isEmpty else { return first }
        guard !first.isEmpty else { return second }
        var result: [Diagnostic] = []
        result.reserveCapacity(first.count + second.count)
        var (i, j) = (0, 0)
        while i < first.count, j < second.count {
            if precedes(second[j], first[i]) {
                result.append(second[j])
                j += 1
            } else {
                result.append(first[i])
                i += 1
            }
        }
        result += first[i...]
        result += second[j...]
        return result
    }
}

extension Array where Element == Diagnostic {
    public var errorCount: Int { count { $0.severity == .error } }
    public var warningCount: Int { count { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }
}

extension Severity: BinaryRecord {}

extension SourceLocation: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(file)
        writer.put(line)
        writer.put(column)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        file = try reader.get()
        line = try reader.get()
        column = try reader.get()
    }
}

extension Diagnostic: BinaryRecord {
    public func write(to writer: inout BinaryWriter) {
        writer.put(severity)
        writer.put(code)
        writer.put(location)
        writer.put(fieldPath)
        writer.put(message)
        writer.put(hint)
    }

    public init(from reader: inout BinaryReader) throws(BinaryReader.Malformed) {
        severity = try reader.get()
        code = try reader.get()
        location = try reader.get()
        fieldPath = try reader.get()
        message = try reader.get()
        hint = try reader.get()
    }
}
