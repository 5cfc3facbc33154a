import Testing
@testable import DaichoCore

struct LedgerParserTests {
    @Test func readsAMinimalLedger() throws {
        let result = parseLedger(minimalLedger())
        #expect(result.diagnostics.notable.isEmpty)
        let ledger = try #require(result.ledger)
        #expect(ledger.id == "sample")
        #expect(ledger.basic.name == "テストシステム")
        // 38 required and recommended fields; schema, id, name and department are filled.
        #expect(ledger.completeness.total == 38)
        #expect(ledger.completeness.filled == 4)
        #expect(result.diagnostics.with(.missingRecommended).count == 34)
    }

    /// Paths inside lists are put together only when a diagnostic needs one (`FieldPath`): every
    /// kind of list item and field of one, and what the diagnostics write for them.
    @Test func pathsInsideListsAreWrittenInFull() {
        let text = """
            schema: 1
            id: sample
            basic:
              name: テスト
              department: 市民課
              business: [x, {y: 1}, z]
            costs:
              unit: yen
              lines:
                - {name: 保守, kind: annual_maintenance, unit_price: abc, quantity: 12}
                - {kind: bogus, unit_price: 5, quantity: -1, colour: red}
                - just text
            hardware:
              servers:
                - {name: [s1], cpu_cores: x, memory_gb: 4}
                - {bogus: 1}
            security:
              authentication: [password, bogus_method, [nested]]
            integrations:
              - {system: b, direction: sideways, method: file}
              - {direction: send}
              - ~
              - {external: X, direction: send, timing: hourly, extra_key: 2}
            usage:
              disaster_tasks:
                - {task: 住民対応, kind: weird}
                - {kind: initial}
            issues:
              - {title: t}
              - {detail: only}
              - [list]
            """
        let paths = parseLedger(text).diagnostics.map(\.fieldPath).filter { $0.contains("[") }
        #expect(paths.sorted() == [
            "basic.business[1]", "costs.lines[0].unit_price", "costs.lines[1].name", "costs.lines[1].kind",
            "costs.lines[1].quantity", "costs.lines[1].colour", "costs.lines[2]", "hardware.servers[0].name",
            "hardware.servers[0].cpu_cores", "hardware.servers[1].bogus", "security.authentication[1]",
            // integrations[2] is `~`: an item left empty, a warning.
            "security.authentication[2]", "integrations[0].direction", "integrations[1]", "integrations[2]", "integrations[3].timing",
            "integrations[3].extra_key", "usage.disaster_tasks[0].kind", "usage.disaster_tasks[1].task",
            "usage.disaster_tasks[1].kind", "issues[1].title", "issues[2]",
        ].sorted())
    }

    @Test func unknownKeySuggestsTheNearestKey() {
        let result = parseLedger(minimalLedger(extra: "  nmae: x"))
        let problem = result.diagnostics.with(.unknownKey)
        #expect(problem.count == 1)
        #expect(problem.first?.fieldPath == "basic.nmae")
        #expect(problem.first?.location == SourceLocation(file: "inventory/sample.yaml", line: 6, column: 3))
        #expect(problem.first?.hint?.ja.contains("「name」") == true)
    }

    @Test func keyInTheWrongGroupNamesItsPlace() {
        let result = parseLedger(minimalLedger(extra: "vendor:\n  sla: true"))
        #expect(result.diagnostics.with(.unknownKey).first?.hint?.en == "'sla' belongs at vendor.contract.sla")
    }

    @Test func unknownEnumListsTokensAndSuggests() {
        let result = parseLedger(minimalLedger(extra: "usage:\n  form: dedicated_sever"))
        let problem = try! #require(result.diagnostics.with(.enumValue).first)
        #expect(problem.fieldPath == "usage.form")
        #expect(problem.location.line == 7 && problem.location.column == 9)
        #expect(problem.hint?.en.hasPrefix("did you mean 'dedicated_server' (Dedicated server)?") == true)
        #expect(problem.hint?.ja.contains("asp（ASP・SaaS）") == true)
    }

    /// A Japanese label shortened as clerks write it (the part before its parenthesis) is
    /// suggested as the value it starts; a text no label starts with gets no suggestion.
    @Test func theStartOfALabelSuggestsItsValue() throws {
        let short = try #require(parseLedger(minimalLedger(extra: "  development: パッケージ")).diagnostics.with(.enumValue).first)
        #expect(short.hint?.ja.hasPrefix("「package」（パッケージ（ノンカスタマイズ））のことですか？") == true)
        let service = try #require(parseLedger(minimalLedger(extra: "  development: サービス利用")).diagnostics.with(.enumValue).first)
        #expect(service.hint?.ja.hasPrefix("「service」") == true)
        let none = try #require(parseLedger(minimalLedger(extra: "  development: 委託")).diagnostics.with(.enumValue).first)
        #expect(none.hint?.ja.hasPrefix("使える値") == true)
    }

    /// 「サーバー」 with the long-vowel mark many offices write is the label's 「サーバ」.
    @Test func aLabelIsReadWithOrWithoutTheLongVowelMark() {
        let result = parseLedger(minimalLedger(extra: "usage:\n  form: 専用サーバー\nhardware:\n  location: サーバーなし"))
        #expect(result.ledger?.usage?.form == .dedicatedServer && result.ledger?.hardware?.location == HardwareLocation.none)
        #expect(result.diagnostics.with(.enumValue).isEmpty)
    }

    /// Allowed values listed on one line, as a clerk writes them, are the list they mean; a line
    /// with a part that is no allowed value is refused whole, as before.
    @Test func valuesListedOnOneLineAreAList() throws {
        for line in ["lgwan, internet", "LGWAN接続系、インターネット接続系", "lgwan，internet"] {
            let result = parseLedger(minimalLedger(extra: "network:\n  segments: \(line)"))
            #expect(result.ledger?.network?.segments == [.lgwan, .internet], "\(line)")
            #expect(result.diagnostics.notable.isEmpty, "\(line): \(result.diagnostics.notable)")
        }
        let wrong = parseLedger(minimalLedger(extra: "network:\n  segments: lgwan, intranet"))
        #expect(wrong.diagnostics.with(.enumValue).map(\.fieldPath) == ["network.segments[0]"])
        // The blank ledger shows the form.
        #expect(LedgerTemplate.render(id: "x", department: "課", name: "名").contains("（複数可。[mynumber, lgwan] のように）"))
    }

    /// A suggestion never says the opposite of what the clerk wrote: 業務委託なし is the start of
    /// in_house's label, not one edit from offsite's 「業務委託あり・常駐なし」; 導入なし is one edit
    /// from 導入済 (installed), which it denies, and gets no suggestion rather than that one.
    @Test func aSuggestionKeepsTheClerksNegation() throws {
        func hint(_ yaml: String) throws -> String {
            try #require(parseLedger(minimalLedger(extra: yaml)).diagnostics.with(.enumValue).first?.hint?.ja)
        }
        #expect(try hint("management:\n  structure: 業務委託なし").hasPrefix("「in_house」（業務委託なし（職員対応））のことですか？"))
        #expect(try hint("antivirus:\n  client: 導入なし").hasPrefix("使える値"))
        // Without a negation, the label without one: 導入 is the start of neither, one edit from 導入済.
        #expect(try hint("antivirus:\n  client: 導入").hasPrefix("「installed」"))
        // A negated label is still found for a negated input: 未導入 written 未導入済み is two edits away.
        #expect(try hint("antivirus:\n  client: 未導入済").hasPrefix("「not_installed」"))
        // サーバ is the start of サーバなし (none), which denies it: no suggestion.
        #expect(!(try hint("hardware:\n  location: サーバ")).contains("「none」"))
    }

    /// Invisible characters (zero-width, direction, soft hyphen) make a name another name that
    /// looks the same, or show text reversed: a warning names the character; an enumerated value
    /// that only fails for one says so in its hint.
    @Test func invisibleCharactersAreNamed() throws {
        let department = parseLedger("schema: 1\nid: sample\nbasic:\n  name: テスト\n  department: 総務課\u{200B}\n")
        let warning = try #require(department.diagnostics.with(.invisibleCharacter).first)
        #expect(warning.severity == .warning && warning.fieldPath == "basic.department" && warning.location.line == 5)
        #expect(warning.message.ja == "目に見えない文字（U+200B）が含まれています")
        #expect(department.ledger?.department == "総務課\u{200B}")
        let reversed = parseLedger(minimalLedger(extra: "notes: \"\u{202E}abc\""))
        #expect(reversed.diagnostics.with(.invisibleCharacter).first?.message.ja.contains("U+202E") == true)
        let category = try #require(parseLedger(minimalLedger(extra: "  category: resident\u{00AD}")).diagnostics.with(.enumValue).first)
        #expect(category.hint?.ja.hasPrefix("目に見えない文字（U+00AD）が含まれています。") == true)
        #expect(parseLedger(minimalLedger(extra: "notes: （株）日本 — ｱｲｳ ©")).diagnostics.with(.invisibleCharacter).isEmpty)
        let extra = parseLedger(minimalLedger(extra: "extra:\n  資産番号: \"\u{202E}A-5\""))
        #expect(extra.diagnostics.with(.invisibleCharacter).map(\.fieldPath) == ["extra.資産番号"])
        // Control characters written as escapes in a quoted value: a NUL would reach the CSV.
        let nul = parseLedger(minimalLedger(extra: "notes: \"a\\0b\"\nextra:\n  x: \"c\\ad\""))
        #expect(nul.diagnostics.with(.invisibleCharacter).map(\.message.ja) == ["目に見えない文字（U+0000）が含まれています",
                                                                               "目に見えない文字（U+0007）が含まれています"])
        // Tabs and line breaks are text.
        #expect(parseLedger(minimalLedger(extra: "notes: \"a\\tb\\nc\\r\\nd\"")).diagnostics.with(.invisibleCharacter).isEmpty)
    }

    @Test func japaneseLabelsAndFullWidthDigitsAreAccepted() throws {
        let ledger = try #require(parseLedger(minimalLedger(extra: """
            usage:
              form: 専用サーバ
              dependency: １
              users: １２０
            hardware:
              location: 庁内サーバ室
            """)).ledger)
        #expect(ledger.usage?.form == .dedicatedServer)
        #expect(ledger.usage?.dependency == .critical)
        #expect(ledger.usage?.users == 120)
        #expect(ledger.hardware?.location == .serverRoom)
    }

    /// A list or a mapping where one value belongs, and a negative number, say what to write.
    @Test func aListAMappingOrANegativeNumberGetsAHint() throws {
        let list = try #require(parseLedger(minimalLedger(extra: "  purpose: [a, b]")).diagnostics.with(.wrongType).first)
        #expect(list.fieldPath == "basic.purpose" && list.hint?.ja == "一覧（「- 」や「[ ]」）ではなく、値を1つ書いてください")
        let map = try #require(parseLedger(minimalLedger(extra: "  purpose: {a: b}")).diagnostics.with(.wrongType).first)
        #expect(map.hint?.ja == "「項目名: 値」の組ではなく、値を1つ書いてください")
        let negative = try #require(parseLedger(minimalLedger(extra: "usage:\n  users: -3")).diagnostics.with(.outOfRange).first)
        #expect(negative.fieldPath == "usage.users" && negative.hint?.ja == "0 以上の値を書いてください")
    }

    @Test func wrongTypesAreReportedAndDropped() {
        let result = parseLedger(minimalLedger(extra: """
            usage:
              users: たくさん
            hardware:
              seismic: maybe
              servers:
                - memory_gb: 16GB
                  cpu_peak_pct: 150
            management: yes
            """))
        let paths = Set(result.diagnostics.filter { $0.severity == .error }.map(\.fieldPath))
        #expect(paths == ["usage.users", "hardware.seismic", "hardware.servers[0].memory_gb",
                          "hardware.servers[0].cpu_peak_pct", "management"])
        #expect(result.ledger?.usage?.users == nil)
    }

    @Test func boolAliases() throws {
        let ledger = try #require(parseLedger(minimalLedger(extra: """
            management:
              staff_se_work: はい
              annual_report: 無
              design_docs: あり
              manual_current: いいえ
              remote_monitoring: 有
            """)).ledger)
        let management = try #require(ledger.management)
        #expect(management.staffSEWork == true)
        #expect(management.annualReport == false)
        #expect(management.designDocs == true)
        #expect(management.manualCurrent == false)
        #expect(management.remoteMonitoring == true)
    }

    @Test func amountsInThousandYenAreMultipliedOut() throws {
        let result = parseLedger(minimalLedger(extra: """
            costs:
              unit: 千円
              initial:
                hardware: "12,000"
                software: 8000
              annual:
                maintenance: 600
              lines:
                - {name: 保守, kind: annual_maintenance, unit_price: 50, quantity: 12}
                - {name: ソフト, kind: initial_construction, unit_price: "1,500", quantity: 2}
            """))
        #expect(result.diagnostics.with(.costLinesMismatch).isEmpty)
        let costs = try #require(result.ledger?.costs)
        #expect(costs.hardware == 12_000_000)
        #expect(costs.software == 8_000_000)
        #expect(costs.maintenance == 600_000)  // 50 千円 × 12 = 600 千円: agrees
        #expect(costs.lines[0].unitPrice == 50_000)
        // construction was absent: taken from its line, 1,500 千円 × 2 = 3,000,000 円, and counts as filled.
        #expect(costs.construction == 3_000_000)
        #expect(!(result.ledger?.completeness.missing.contains("costs.initial.construction") ?? true))
    }

    @Test func costLinesThatDisagreeWarnWithBothFigures() throws {
        let result = parseLedger(minimalLedger(extra: """
            costs:
              annual:
                maintenance: 3500000
              lines:
                - {name: サーバ保守, kind: annual_maintenance, unit_price: 50000, quantity: 12}
            """))
        let warning = try #require(result.diagnostics.with(.costLinesMismatch).first)
        #expect(warning.severity == .warning)
        #expect(warning.fieldPath == "costs.annual.maintenance")
        // 50,000 × 12 = 600,000 against a total of 3,500,000; the total wins.
        #expect(warning.message.ja == "内訳と合計が一致しません（合計 3,500,000円、内訳の計 600,000円）")
        #expect(result.ledger?.costs?.maintenance == 3_500_000)
    }

    @Test func invalidAmounts() {
        let result = parseLedger(minimalLedger(extra: """
            costs:
              unit: thousand_yen
              initial:
                hardware: -100
                software: "1,20,000"
                construction: 1.5
                migration: 12万
            """))
        #expect(result.diagnostics.with(.invalidAmount).map(\.fieldPath).sorted()
                == ["costs.initial.construction", "costs.initial.hardware", "costs.initial.migration",
                    "costs.initial.software"])
        // Each mistake gets its own hint: the minus sign, the fraction (which 千円 invites), the rest.
        let hints = Dictionary(result.diagnostics.with(.invalidAmount).map { ($0.fieldPath, $0.hint?.ja ?? "") },
                               uniquingKeysWith: { first, _ in first })
        #expect(hints["costs.initial.hardware"]?.hasPrefix("金額は 0 以上です") == true)
        #expect(hints["costs.initial.construction"]?.contains("unit を yen にして円で書いてください") == true)
        #expect(hints["costs.initial.migration"]?.hasPrefix("0 以上の整数で書いてください") == true)
        #expect(hints["costs.initial.software"]?.hasPrefix("0 以上の整数で書いてください") == true)
        #expect(result.diagnostics.with(.invalidAmount).allSatisfy { $0.message.ja.hasPrefix("金額（整数）を書く項目ですが") })
    }

    /// `値　# コメント` typed in full-width mode: the comment is part of the value, which is an
    /// error naming the slip, in a text, a number and (where the comment holds `: `) as YAML's own
    /// error; quoted, the text is as meant.
    @Test func aFullWidthSpaceBeforeACommentIsNamed() throws {
        let ledger = minimalLedger(extra: "vendor:\n  developer: みなと電算株式会社　# r 開発事業者\nusage:\n  users: 72　# r 利用職員数")
        let result = parseLedger(ledger)
        let problems = result.diagnostics.filter { $0.code == .yamlSyntax }
        #expect(problems.map(\.fieldPath).sorted() == ["usage.users", "vendor.developer"], "\(result.diagnostics)")
        #expect(problems.first { $0.fieldPath == "vendor.developer" }?.message.ja
                == "「#」の前が全角スペースのため、コメントが値の一部になっています（「みなと電算株式会社」の後）")
        #expect(problems.allSatisfy { $0.hint?.ja.hasPrefix("「#」の前の全角スペースを半角スペースにしてください") == true })
        let colon = parseLedger(minimalLedger(extra: "usage:\n  form: dedicated_server　# r 利用形態: dedicated_server など"))
        #expect(colon.diagnostics.first?.message.ja == "YAML の書き方に誤りがあります（「#」の前が全角スペースのため、コメントが値の一部になっています）",
                "\(colon.diagnostics)")
        #expect(colon.diagnostics.first?.location.column == 25)
        let quoted = parseLedger(minimalLedger(extra: "vendor:\n  developer: \"第　#1 株式会社\""))
        #expect(quoted.diagnostics.filter { $0.code == .yamlSyntax }.isEmpty)
    }

    /// `costs.unit: 万円` is not taken for a typo of 円: the hint says to convert the amounts.
    @Test func aUnitOfTenThousandYenIsNoTypo() {
        let result = parseLedger(minimalLedger(extra: "costs:\n  unit: 万円\n  annual: {maintenance: 360}"))
        let hint = result.diagnostics.first { $0.fieldPath == "costs.unit" }?.hint?.ja ?? ""
        #expect(hint.hasPrefix("万円・億円の単位はありません。金額を円（yen）か千円（thousand_yen）に換算して書き直してください。使える値:"), "\(hint)")
        #expect(!hint.contains("のことですか"))
        // Another slip still gets its nearest value.
        #expect(parseLedger(minimalLedger(extra: "costs:\n  unit: yne")).diagnostics.first?.hint?.ja.contains("「yen」") == true)
    }

    /// Survey marks and unknowns in a yes/no field are refused with what to write instead.
    @Test func boolHintsForMarksAndUnknowns() {
        #expect(SchemaDecoder.boolHint("○").ja.hasPrefix("○・× は使えません。true / false"))
        #expect(SchemaDecoder.boolHint("×").ja.hasPrefix("○・× は使えません。"))
        #expect(SchemaDecoder.boolHint("不明").ja.hasPrefix("分からないときは何も書かずに空欄にしてください"))
        #expect(SchemaDecoder.boolHint("－").ja.hasPrefix("分からないときは"))
        #expect(SchemaDecoder.boolHint("maybe").ja == "true / false、はい / いいえ、有 / 無、あり / なし のいずれかを書いてください")
        let result = parseLedger(minimalLedger(extra: "management:\n  design_docs: ○"))
        #expect(result.diagnostics.first { $0.fieldPath == "management.design_docs" }?.hint?.ja.hasPrefix("○・×") == true,
                "\(result.diagnostics.map(\.fieldPath))")
    }

    /// An amount written with its unit, as clerks write them, is refused with the number to write.
    @Test func amountsWithUnitsAreWorkedOutInTheHint() {
        let cases = ["360万円": 3_600_000, "3,600千円": 3_600_000, "￥3,600,000": 3_600_000, "\\3600000": 3_600_000,
                     "3600000円": 3_600_000, "1.2億円": 120_000_000, "２百万円": 2_000_000, "12万": 120_000, "1,234円": 1_234]
        for (written, yen) in cases {
            #expect(SchemaDecoder.yenWithUnit(written) == yen, "\(written)")
        }
        for plain in ["abc", "万円", "-5万円", "1.5円", "3600000", "約360万円"] {
            #expect(SchemaDecoder.yenWithUnit(plain) == nil, "\(plain)")
        }
        #expect(SchemaDecoder.amountHint("360万円").ja == "0 以上の整数で書いてください（円・万・千などの字は付けません）。「360万円」は 3600000 円です（costs.unit が thousand_yen の台帳なら 3600）")
        #expect(SchemaDecoder.amountHint("1,234円").ja == "0 以上の整数で書いてください（円・万・千などの字は付けません）。「1,234円」は 1234 円です")
        #expect(SchemaDecoder.amountHint("abc").ja == "0 以上の整数で書いてください（例: 1200000、1,200,000）")
        let result = parseLedger(minimalLedger(extra: "costs:\n  annual: {maintenance: 360万円}"))
        #expect(result.diagnostics.with(.invalidAmount).first?.hint?.ja.contains("3600000 円") == true)
    }

    /// The ledger's own unit picks the one number to write: 3,600千円 is 3600 in a ledger of
    /// thousands and 3600000 in one of yen (the default); a fraction is a mistake of its own in yen.
    @Test func amountHintsFollowTheLedgersUnit() {
        func hint(_ costs: String) -> String? {
            parseLedger(minimalLedger(extra: "costs:\n" + costs)).diagnostics.with(.invalidAmount).first?.hint?.ja
        }
        let inThousands = hint("  annual:\n    maintenance: 3,600千円\n  unit: thousand_yen")
        #expect(inThousands == "0 以上の整数で書いてください（円・万・千などの字は付けません）。「3,600千円」は 3600000 円です。この台帳は千円単位（costs.unit: thousand_yen）なので 3600 と書いてください",
                "\(inThousands ?? "")")
        #expect(hint("  unit: 千円\n  initial:\n    hardware: 1,234,500円")?.hasSuffix("千円未満の端数があるため、costs.unit を yen にして円で書いてください") == true)
        #expect(hint("  unit: yen\n  annual:\n    maintenance: 3,600千円")?.hasSuffix("「3,600千円」は 3600000 円です。3600000 と書いてください") == true)
        // No unit: yen.
        #expect(hint("  annual: {maintenance: 360万円}")?.hasSuffix("3600000 と書いてください") == true)
        #expect(hint("  unit: yen\n  initial: {hardware: 1234.5}") == "金額は円単位の整数で書きます（小数は書けません）")
        #expect(hint("  unit: thousand_yen\n  initial: {hardware: 1234.5}")?.hasPrefix("金額は整数で書きます。千円単位") == true)
        // A unit the schema does not know: both numbers, as before.
        #expect(hint("  unit: ドル\n  annual: {maintenance: 360万円}")?.hasSuffix("（costs.unit が thousand_yen の台帳なら 3600）") == true)
        // A cost line's unit price is in the same unit.
        #expect(hint("  unit: thousand_yen\n  lines:\n    - {name: 保守, kind: annual, unit_price: 50万円, quantity: 12}")?.hasSuffix("なので 500 と書いてください") == true)
    }

    /// A department or vendor written with a combining sound mark (カ + U+3099, as copied from some
    /// PDFs and file names) is stored composed (ガ): one department, one page folder, however typed.
    @Test func groupNamesAreStoredComposed() throws {
        let decomposed = "\u{30AB}\u{3099}ス課", composed = "\u{30AC}ス課"
        let result = parseLedger("""
            schema: 1
            id: sample
            basic:
              name: テスト
              department: \(decomposed)
            vendor:
              developer: 株式会社\(decomposed)
              maintainer: 株式会社かもめ
            """)
        let ledger = try #require(result.ledger)
        #expect(Array(ledger.department.utf8) == Array(composed.utf8))
        #expect(Array((ledger.developer ?? "").utf8) == Array("株式会社\(composed)".utf8))
        #expect(ledger.maintainer == "株式会社かもめ")
        #expect(decomposed.utf8.count != composed.utf8.count)
    }

    /// A key that looks right but holds a full-width space (the indentation typed with an input
    /// method) or a character that cannot be seen is named as such; `daicho.yaml`, which has no
    /// `extra:`, is not told to use one.
    @Test func keysWithSpacesOrInvisibleCharactersAreNamed() {
        let spaced = parseLedger("schema: 1\nid: sample\nbasic:\n  name: a\n\u{3000} department: b\n")
        #expect(spaced.diagnostics.contains { $0.code == .unknownKey && $0.message.ja == "項目名「department」に全角スペースが入っています" })
        let hidden = parseLedger("schema: 1\nid: sample\nbasic:\n  name: a\n  depart\u{200B}ment: b\n")
        #expect(hidden.diagnostics.contains { $0.code == .unknownKey && $0.message.ja.contains("U+200B") })
        let settings = ProjectParser().parse(Array("organization: {name: 市, population: 1}\npolicy:\n  bogus_option: 1\n".utf8), file: "daicho.yaml")
        let hint = settings.diagnostics.first { $0.code == .unknownKey }?.hint?.ja ?? ""
        #expect(hint.contains("使えるキー") && !hint.contains("extra"), "\(hint)")
    }

    /// Hints speak in the clerk's terms: an unknown key gets the allowed keys with their labels, a
    /// missing field its form (はい／いいえ, the allowed values), also inside a list item.
    @Test func hintsNameTheFormAndTheLabels() throws {
        let unknown = try #require(parseLedger(minimalLedger(extra: "costs:\n  initial:\n    license: 1000")).diagnostics.with(.unknownKey).first)
        #expect(unknown.hint?.ja.contains("software（ソフトウェア）") == true, "\(unknown.hint?.ja ?? "")")
        let item = try #require(parseLedger(minimalLedger(extra: "integrations:\n  - {external: 住基ネット}")).diagnostics
            .with(.missingRequired).first { $0.fieldPath == "integrations[0].direction" })
        #expect(item.hint?.ja.hasPrefix("integrations[0].direction に次のいずれかを書いてください: send（送信）") == true, "\(item.hint?.ja ?? "")")
        let seismic = try #require(parseLedger(minimalLedger()).diagnostics.with(.missingRecommended).first { $0.fieldPath == "hardware.seismic" })
        #expect(seismic.hint?.ja.contains("はい または いいえ") == true)
    }

    /// A missing field is placed at the key of its group (`basic:`), not at the first field the
    /// clerk did write under it; a missing group at the file's start; in a list item, at the item.
    @Test func aMissingFieldIsPlacedAtItsGroupsKey() throws {
        let result = parseLedger("schema: 1\nid: sample\nbasic:\n  department: 課\npersonal_data:\n  mynumber: false\nintegrations:\n  - {external: X}\n")
        func place(_ path: String) throws -> [Int] {
            let found = try #require(result.diagnostics.first { $0.fieldPath == path }, "\(path)")
            return [found.location.line, found.location.column]
        }
        #expect(try place("basic.name") == [3, 1])
        #expect(try place("personal_data.present") == [5, 1])
        #expect(try place("bcp.in_plan") == [1, 1])
        #expect(try place("integrations[0].direction") == [8, 5])
    }

    /// A line break in a one-line text (a name) is a warning; Markdown may span lines.
    @Test func aLineBreakInANameIsAWarning() {
        let named = parseLedger(minimalLedger().replacing("name: テストシステム", with: "name: \"改行\\nあり\"") + "\nnotes: |\n  一行目\n  二行目\n")
        #expect(named.diagnostics.with(.invisibleCharacter).map(\.fieldPath) == ["basic.name"])
        #expect(named.diagnostics.with(.invisibleCharacter).first?.message.ja == "改行が含まれています")
    }

    /// A fiscal year written in the era is told to be a Western year, not given an example of 120;
    /// other whole numbers keep the general hint.
    @Test func aFiscalYearHintGivesAYear() {
        let settings = ProjectParser().parse(Array("organization: {name: 市, fiscal_year: 令和8年}\n".utf8), file: "daicho.yaml")
        let hint = settings.diagnostics.first { $0.fieldPath == "organization.fiscal_year" }?.hint?.ja ?? ""
        #expect(hint.contains("例: 2026") && !hint.contains("120"), "\(hint)")
        let users = parseLedger(minimalLedger(extra: "usage:\n  users: 約24")).diagnostics.first { $0.fieldPath == "usage.users" }
        #expect(users?.hint?.ja.contains("例: 120") == true)
    }

    /// An item left empty (`- ` alone, `null`) is said to be skipped, with its place.
    @Test func emptyItemsAreNamed() {
        let result = parseLedger(minimalLedger(extra: "integrations:\n  - \n  - {system: x, direction: send}\nissues: [null]"))
        #expect(result.diagnostics.with(.emptyItem).map(\.fieldPath) == ["integrations[0]", "issues[0]"])
        #expect(result.diagnostics.with(.emptyItem).allSatisfy { $0.severity == .warning })
        #expect(result.ledger?.integrations.count == 1)
    }

    /// A value where a list or a group belongs is quoted as written.
    @Test func aScalarWhereAListBelongsIsQuoted() {
        let result = parseLedger(minimalLedger(extra: "integrations: abc\nissues: 5"))
        #expect(result.diagnostics.first { $0.fieldPath == "integrations" }?.message.ja == "リストを書く項目ですが、「abc」が書かれています")
        #expect(result.diagnostics.first { $0.fieldPath == "issues" }?.message.ja == "リストを書く項目ですが、「5」が書かれています")
    }

    /// A department or vendor written with a space after it (quoted, or a full-width space
    /// pasted from a spreadsheet) is the same department or vendor as without.
    @Test func groupingNamesAreTrimmed() throws {
        let result = parseLedger("""
            schema: 1
            id: sample
            basic:
              name: テスト
              department: 総務課\u{3000}
            vendor:
              developer: " 株式会社かもめ "
              maintainer: "\u{3000}\u{30AB}\u{3099}ス\u{3000}"
            """)
        let ledger = try #require(result.ledger)
        #expect(ledger.department == "総務課" && ledger.department.utf8.count == 9)
        #expect(ledger.developer == "株式会社かもめ")
        #expect(Array((ledger.maintainer ?? "").utf8) == Array("\u{30AC}ス".utf8))
    }

    /// Markdown fields are limited to 32 KiB (the Markdown library is quadratic on some inputs);
    /// plain text fields are not, and the limit is in bytes.
    @Test func markdownFieldsHaveALimit() {
        let long = String(repeating: "あ", count: 10_923)  // 32,769 bytes
        let tooLong = parseLedger(minimalLedger(extra: "  purpose: \(long)\nnotes: \(long)\nissues:\n  - {title: t, detail: \(long)}"))
        #expect(tooLong.diagnostics.with(.outOfRange).map(\.fieldPath).sorted() == ["basic.purpose", "issues[0].detail", "notes"])
        #expect(tooLong.diagnostics.with(.outOfRange).first?.message.ja == "文章が長すぎます（32769 バイト、上限 32768 バイト）")
        let fits = String(repeating: "あ", count: 10_922)  // 32,766 bytes
        #expect(parseLedger(minimalLedger(extra: "  purpose: \(fits)")).diagnostics.with(.outOfRange).isEmpty)
        #expect(parseLedger(minimalLedger(extra: "  product: \(long)")).diagnostics.with(.outOfRange).isEmpty)
    }

    /// A task listed a second time in one ledger is warned of at the second listing (the
    /// analysis counts it once); the same task in two ledgers is not.
    @Test func aDisasterTaskListedTwiceIsWarned() {
        let twice = parseLedger(minimalLedger(extra: "usage:\n  disaster_tasks:\n    - {task: 給付, kind: priority, target: same_day}"
            + "\n    - {task: 安否確認, kind: disaster, target: same_day}\n    - {task: 給付, kind: disaster, target: next_day}"))
        let warned = twice.diagnostics.with(.duplicateDisasterTask)
        #expect(warned.map(\.fieldPath) == ["usage.disaster_tasks[2].task"] && warned.first?.severity == .warning)
        #expect(warned.first?.message.ja == "業務「給付」が重ねて記載されています")
        // At the second listing's line (line 10: the ledger's extra lines start at 6).
        #expect(warned.first?.location.line == 10)
        let once = parseLedger(minimalLedger(extra: "usage:\n  disaster_tasks:\n    - {task: 給付, kind: priority, target: same_day}"))
        #expect(once.diagnostics.with(.duplicateDisasterTask).isEmpty)
    }

    @Test func mynumberWithoutPersonalDataIsAnError() {
        let bad = parseLedger(minimalLedger(extra: "personal_data:\n  present: false\n  mynumber: true"))
        #expect(bad.diagnostics.with(.mynumberWithoutPersonalData).map(\.fieldPath) == ["personal_data.mynumber"])
        let good = parseLedger(minimalLedger(extra: "personal_data:\n  present: true\n  mynumber: true"))
        #expect(good.diagnostics.with(.mynumberWithoutPersonalData).isEmpty)
        // Absent `present` says nothing, so it is not contradicted.
        let silent = parseLedger(minimalLedger(extra: "personal_data:\n  mynumber: true"))
        #expect(silent.diagnostics.with(.mynumberWithoutPersonalData).isEmpty)
    }

    @Test func integrationNeedsExactlyOneTarget() {
        let result = parseLedger(minimalLedger(extra: """
            integrations:
              - {system: a, external: 住基ネット, direction: send}
              - {direction: receive}
              - {external: 住基ネット, direction: both}
              - {system: b}
            """))
        #expect(result.diagnostics.with(.integrationTarget).map(\.fieldPath) == ["integrations[0]", "integrations[1]"])
        #expect(result.diagnostics.with(.missingRequired).map(\.fieldPath) == ["integrations[3].direction"])
        #expect(result.ledger?.integrations.count == 1)
    }

    @Test func idRules() {
        #expect(parseLedger(minimalLedger(id: "other")).diagnostics.with(.idFileMismatch).map { $0.hint?.ja }
                == ["ファイル名を other.yaml にするか、id を sample にしてください"])
        // `ZEIMU.YAML`: the name would be no valid id, so only the rename is offered.
        #expect(parseLedger(minimalLedger(id: "zeimu"), stem: "ZEIMU").diagnostics.with(.idFileMismatch).map { $0.hint?.ja }
                == ["ファイル名を zeimu.yaml にしてください"])
        #expect(parseLedger(minimalLedger(id: "../etc/passwd"), stem: "passwd").diagnostics.with(.invalidId).count == 1)
        #expect(parseLedger(minimalLedger(id: "Jumin")).diagnostics.with(.invalidId).count == 1)
        #expect(parseLedger(minimalLedger(id: "-a")).diagnostics.with(.invalidId).count == 1)
        #expect(parseLedger(minimalLedger(id: String(repeating: "a", count: 65))).diagnostics.with(.invalidId).count == 1)
        #expect(LedgerRules.isValidID("jumin-kiroku-2"))
        #expect(LedgerRules.isValidID(String(repeating: "a", count: 64)))
    }

    @Test func schemaVersionMustBeOne() {
        let result = parseLedger(minimalLedger().replacing("schema: 1", with: "schema: 2"))
        #expect(result.diagnostics.with(.schemaVersion).count == 1)
    }

    @Test func missingRequiredFieldsAreErrors() {
        let result = parseLedger("schema: 1\nid: sample\nbasic:\n  name: x\n")
        #expect(result.diagnostics.with(.missingRequired).map(\.fieldPath) == ["basic.department"])
        let bare = parseLedger("id: sample\n")
        #expect(Set(bare.diagnostics.with(.missingRequired).map(\.fieldPath)) == ["schema", "basic.name", "basic.department"])
    }

    /// A value of white space alone, quoted or full-width, is not filled in: a required field so
    /// written is missing, a recommended one warned of, a required field of a list item missing too.
    @Test func blankTextsAreMissing() {
        let blankName = parseLedger("schema: 1\nid: sample\nbasic:\n  name: \"\"\n  department: \"  \"\n  category: \"\"\n")
        #expect(Set(blankName.diagnostics.with(.missingRequired).map(\.fieldPath)) == ["basic.name", "basic.department"])
        #expect(blankName.diagnostics.with(.missingRecommended).map(\.fieldPath).contains("basic.category"))
        let blankId = parseLedger(minimalLedger().replacing("id: sample", with: "id: \"\"").replacing("name: テストシステム", with: "name: 　"))
        #expect(Set(blankId.diagnostics.with(.missingRequired).map(\.fieldPath)) == ["id", "basic.name"])
        let blankTitle = parseLedger(minimalLedger(extra: "issues:\n  - {title: \" \", detail: x}"))
        #expect(blankTitle.diagnostics.with(.missingRequired).map(\.fieldPath) == ["issues[0].title"])
    }

    /// A Western year has four digits: `7年4月1日` and `19-04-01` are not the years 7 and 19.
    @Test func shortWesternYearsAreErrors() {
        for date in ["7年4月1日", "19-04-01", "0019-04-01", "1-04"] {
            let result = parseLedger(minimalLedger(extra: "  renewal: \"\(date)\""))
            #expect(result.diagnostics.with(.invalidDate).map(\.fieldPath) == ["basic.renewal"], "\(date)")
        }
    }

    @Test func outOfEraDatesWarnAndNormalise() throws {
        let result = parseLedger(minimalLedger(extra: "  renewal: 平成32年4月1日"))
        let warning = try #require(result.diagnostics.with(.eraOutOfRange).first)
        #expect(warning.severity == .warning)
        #expect(warning.fieldPath == "basic.renewal")
        #expect(result.ledger?.basic.renewal == LedgerDate(year: 2020, month: 4, day: 1))
    }

    @Test func listsAcceptASingleValue() throws {
        let ledger = try #require(parseLedger(minimalLedger(extra: "network:\n  segments: lgwan")).ledger)
        #expect(ledger.network?.segments == [.lgwan])
    }

    @Test func emptyServerListCountsAsFilled() throws {
        let ledger = try #require(parseLedger(minimalLedger(extra: "hardware:\n  servers: []")).ledger)
        #expect(ledger.hardware?.servers?.isEmpty == true)
        #expect(!ledger.completeness.missing.contains("hardware.servers"))
    }

    @Test func issuesAreTextOrTitled() throws {
        let ledger = try #require(parseLedger(minimalLedger(extra: """
            issues:
              - 帳票の改修が必要
              - title: 端末の老朽化
                detail: "**更新**が必要"
            """)).ledger)
        #expect(ledger.issues.map(\.title) == [nil, "端末の老朽化"])
        #expect(ledger.issues.map(\.detail) == ["帳票の改修が必要", "**更新**が必要"])
    }

    @Test func extraIsAMapOfScalars() throws {
        let result = parseLedger(minimalLedger(extra: "extra:\n  資産番号: A-001\n  台数: 3\n  nested: {a: 1}"))
        #expect(result.diagnostics.with(.wrongType).map(\.fieldPath) == ["extra.nested"])
        #expect(result.ledger?.extra == [ExtraField(key: "資産番号", value: "A-001"), ExtraField(key: "台数", value: "3")])
        // A name that is a list is an error, not an entry dropped without a word.
        let listName = parseLedger(minimalLedger(extra: "extra:\n  ? [a, b]\n  : x\n  資産番号: A-001"))
        #expect(listName.diagnostics.with(.wrongType).map(\.fieldPath) == ["extra"])
        #expect(listName.ledger?.extra == [ExtraField(key: "資産番号", value: "A-001")])
    }

    /// Whether a value was quoted is kept (a quoted "true" is text), by both YAML readers: the
    /// plain subset's (a flow map here, a block map below) and libyaml's (the anchor sends it there).
    @Test func extraKeepsWhetherAValueWasQuoted() throws {
        let expected = [ExtraField(key: "a", value: "true", plain: false), ExtraField(key: "b", value: "true", plain: true),
                        ExtraField(key: "c", value: "false", plain: false), ExtraField(key: "d", value: "x", plain: false)]
        for text in ["extra: {a: \"true\", b: true, c: 'false', d: \"x\"}",
                     "extra:\n  a: \"true\"\n  b: true\n  c: 'false'\n  d: |-\n    x",
                     "extra: &e\n  a: \"true\"\n  b: true\n  c: 'false'\n  d: \"x\""] {
            let result = parseLedger(minimalLedger(extra: text))
            #expect(result.ledger?.extra == expected, "\(text)")
        }
    }
}

struct OverflowTests {
    /// Hostile sizes are reported, never a crash: amounts, quantities and counts are capped.
    @Test func impossibleNumbersAreRefused() {
        let result = parseLedger(minimalLedger(extra: """
            costs:
              unit: thousand_yen
              initial: {hardware: "99,999,999,999,999,999"}
              annual: {maintenance: 9999999999999}
              lines:
                - {name: x, kind: annual_other, unit_price: 9999999999999, quantity: 999999999999}
                - {name: y, kind: annual_other, unit_price: 1, quantity: 100000000000000000000000}
            usage: {users: 99999999999999999999}
            """))
        // A whole amount above 10^13 is said to be too large, not to be no amount.
        let hardware = result.diagnostics.first { $0.fieldPath == "costs.initial.hardware" }
        #expect(hardware?.code == .outOfRange && hardware?.message.ja.contains("大きすぎます") == true)
        #expect(result.diagnostics.with(.outOfRange).map(\.fieldPath).contains("costs.lines[1].quantity"))
        #expect(parseLedger(minimalLedger(extra: "costs: {initial: {hardware: 12.5}}")).diagnostics.with(.invalidAmount)
            .map(\.fieldPath) == ["costs.initial.hardware"])
        // 9,999,999,999,999 千円 × 999,999,999,999 cannot be a total.
        #expect(result.diagnostics.with(.invalidAmount).map(\.fieldPath).contains("costs.lines"))
        #expect(result.diagnostics.contains { $0.fieldPath == "usage.users" })
        // The largest accepted amount still analyses: 9,999,999,999,999 千円 a year for 5 years.
        let analysis = Analyzer(policy: Policy()).analyze([result.ledger!], organization: Organization())
        #expect(analysis.maintenance.systems[0].omPeriod == 9_999_999_999_999_000 * 5)
    }

    /// A number may have six decimal places (trailing zeros do not count); a finer one is an
    /// error at its place, not a trap later in the analysis.
    @Test func numbersHaveAtMostSixDecimalPlaces() {
        let ledger = minimalLedger(extra: """
        hardware:
          servers:
            - {role: a, count: 1, cores: 2, memory_gb: 0.000001, storage_gb: 0.500000000}
            - {role: b, count: 1, cores: 2, memory_gb: 0.0000001, storage_gb: 0.00000000000000000000000000001}
        """)
        let result = parseLedger(ledger)
        #expect(result.diagnostics.with(.outOfRange).map(\.fieldPath)
            == ["hardware.servers[1].memory_gb", "hardware.servers[1].storage_gb"])
        #expect(result.ledger?.hardware?.servers?.first?.memoryGB == Exact(1, 1_000_000))
        #expect(result.ledger?.hardware?.servers?.first?.storageGB == Exact(1, 2))
    }
}
