/// Reads `daicho.yaml`. A missing file is allowed: defaults apply and a warning says so.
public struct ProjectParser: Sendable {
    public var reader: YAMLReader

    public init(reader: YAMLReader = YAMLReader()) {
        self.reader = reader
    }

    public func parse(_ bytes: [UInt8]?, file: String) -> (project: Project, diagnostics: [Diagnostic]) {
        var project = Project()
        guard let bytes else {
            return (project, [Diagnostic(.warning, .missingProjectFile, at: SourceLocation(file: file), field: "",
                LocalizedText(ja: "daicho.yaml がありません。団体名は「\(Organization.unnamed)」とし、既定の方針で集計します",
                              en: "no daicho.yaml: the organisation is unnamed and the default policy applies"),
                hint: LocalizedText(ja: "organization.name（団体名）と population（人口）を書いた daicho.yaml を置いてください",
                                    en: "add a daicho.yaml with organization.name and population"))])
        }
        let (node, problems) = reader.read(bytes, file: file)
        guard let node else { return (project, problems) }
        var decoder = SchemaDecoder(file: file, ownFieldsPlace: nil)
        guard let root = decoder.decodeRoot(node, spec: ProjectSchema.root, slots: ProjectSchema.slots) else {
            return (project, problems + decoder.diagnostics)
        }
        var diagnostics = problems + decoder.diagnostics
        let map = decoder.sourceMap

        func missing(_ path: String, _ severity: Severity, _ label: LocalizedText) {
            diagnostics.append(Diagnostic(severity, severity == .error ? .missingRequired : .missingRecommended,
                at: map.location(of: path), field: path,
                LocalizedText(ja: "「\(label.ja)」（\(path)）が未記入です", en: "\(path) (\(label.en)) is not filled in")))
        }

        let organization = root["organization"]
        if let name = organization?["name"]?.text {
            project.organization.name = name
        } else if !decoder.invalid.contains("organization.name") {
            missing("organization.name", .error, LocalizedText(ja: "団体名", en: "organisation name"))
        }
        project.organization.population = organization?["population"]?.integer
        project.organization.fiscalYear = organization?["fiscal_year"]?.integer
        if let year = project.organization.fiscalYear,
           let problem = ProjectRules.checkFiscalYear(year, at: map.location(of: "organization.fiscal_year")) {
            project.organization.fiscalYear = nil
            diagnostics.append(problem)
        }
        if let code = organization?["code"]?.text {
            project.organization.code = code.nfkcTrimmed
            diagnostics += ProjectRules.checkOrganizationCode(code, at: map.location(of: "organization.code"))
        }
        for (key, label) in [("code", LocalizedText(ja: "全国地方公共団体コード", en: "local government code")),
                             ("population", LocalizedText(ja: "住民基本台帳人口", en: "population")),
                             ("fiscal_year", LocalizedText(ja: "対象年度", en: "fiscal year"))]
        where organization?[key] == nil && !decoder.invalid.contains("organization.\(key)") {
            missing("organization.\(key)", .warning, label)
        }

        if let site = root["site"] {
            project.site.title = site["title"]?.text
            if let base = site["base_url"]?.text {
                if let problem = ProjectRules.checkBaseURL(base, at: map.location(of: "site.base_url")) {
                    diagnostics.append(problem)
                } else {
                    project.site.baseURL = base
                }
            }
            if let lang = site["lang"]?.token, let language = Language(rawValue: lang) { project.site.language = language }
        }
        if let policy = root["policy"] {
            var checker = PolicyReader(map: map)
            project.policy = checker.read(policy)
            diagnostics += checker.diagnostics
        }
        return (project, diagnostics)
    }
}

/// Rules about the project file.
public enum ProjectRules {
    /// The fiscal years a ledger's figures may be for: a year in four digits, not a typo of one.
    public static let fiscalYears = 1990...2100

    /// The error for a fiscal year outside `fiscalYears`, if it is.
    static func checkFiscalYear(_ year: Int, at location: SourceLocation) -> Diagnostic? {
        guard !fiscalYears.contains(year) else { return nil }
        return Diagnostic(.error, .outOfRange, at: location, field: "organization.fiscal_year",
            LocalizedText(ja: "対象年度 \(year) は西暦の年として範囲外です（\(fiscalYears.lowerBound)〜\(fiscalYears.upperBound)）",
                          en: "fiscal year \(year) is outside \(fiscalYears.lowerBound)–\(fiscalYears.upperBound)"),
            hint: LocalizedText(ja: "西暦4桁で書いてください（例: 2026）", en: "write the year in four digits (e.g. 2026)"))
    }

    /// The error for a `site.base_url` that is not where a site can be, if it is not: a path from
    /// the server's root or an http(s) URL. It goes into `sitemap.xml` and the links of `404.html`,
    /// so nothing else (a `javascript:` URL, quotes, spaces) is taken.
    static func checkBaseURL(_ text: String, at location: SourceLocation) -> Diagnostic? {
        let lower = text.lowercased()
        let allowed = (lower.hasPrefix("/") || lower.hasPrefix("http://") || lower.hasPrefix("https://"))
            && !text.unicodeScalars.contains { $0.properties.isWhitespace || "\"'<>\\`".unicodeScalars.contains($0) || $0.value < 0x20 }
        if allowed, let scheme = lower.range(of: "://") {
            // A host name outside ASCII must be written in its xn-- form (punycode): the sitemap
            // percent-encodes what is not ASCII, which gives no address a host can have.
            let host = text[scheme.upperBound...].prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }
            if !host.allSatisfy(\.isASCII) {
                return Diagnostic(.error, .invalidBaseURL, at: location, field: "site.base_url",
                    LocalizedText(ja: "site.base_url のホスト名「\(host)」に英数字以外の文字があります",
                                  en: "the host name '\(host)' of site.base_url is not ASCII"),
                    hint: LocalizedText(ja: "日本語ドメインは xn-- で始まる形（Punycode）で書いてください（ドメインの管理者に確かめられます）。パスは日本語のままで構いません",
                                        en: "write an internationalised domain in its xn-- (punycode) form; the path may stay as it is"))
            }
        }
        guard !allowed else { return nil }
        return Diagnostic(.error, .invalidBaseURL, at: location, field: "site.base_url",
            LocalizedText(ja: "site.base_url「\(text)」はサイトの場所として使えません", en: "site.base_url '\(text)' is not where a site can be"),
            hint: LocalizedText(ja: "「/」で始まるパスか http:// または https:// で始まるURLを書いてください（例: /daicho/）",
                                en: "write a path starting with / or an http:// or https:// URL (e.g. /daicho/)"))
    }

    /// The check digit of a 全国地方公共団体コード: (11 − Σ dᵢ × (7 − i) mod 11) mod 10 over the first five digits.
    public static func checkDigit(of firstFive: [Int]) -> Int {
        let weighted = zip(firstFive, [6, 5, 4, 3, 2]).reduce(0) { $0 + $1.0 * $1.1 }
        return (11 - weighted % 11) % 10
    }

    static func checkOrganizationCode(_ raw: String, at location: SourceLocation) -> [Diagnostic] {
        let code = raw.nfkcTrimmed
        let digits = code.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard digits.count == 6, code.count == 6 else {
            return [Diagnostic(.error, .organizationCode, at: location, field: "organization.code",
                LocalizedText(ja: "全国地方公共団体コード「\(code)」は6桁の数字ではありません",
                              en: "local government code '\(code)' is not six digits"),
                hint: LocalizedText(ja: "検査数字を含む6桁を引用符で囲んで書いてください（例: \"142085\"）",
                                    en: "write all six digits, check digit included, in quotes (e.g. \"142085\")"))]
        }
        let expected = checkDigit(of: Array(digits.prefix(5)))
        guard digits[5] == expected else {
            return [Diagnostic(.error, .organizationCode, at: location, field: "organization.code",
                LocalizedText(ja: "全国地方公共団体コード「\(code)」の検査数字が合いません（6桁目は \(expected) のはずです）",
                              en: "local government code '\(code)' has a wrong check digit (expected \(expected))"),
                hint: LocalizedText(ja: "総務省の全国地方公共団体コード一覧で確認してください",
                                    en: "check the code against the ministry's list"))]
        }
        return []
    }
}
