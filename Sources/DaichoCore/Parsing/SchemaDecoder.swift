/// Checks a YAML node tree against the ledger schema and turns it into `Value`s.
///
/// It reports every problem it meets and keeps going: a wrong value is dropped (and
/// counted as not filled), the rest of the file is still read.
struct SchemaDecoder {
    var file: String
    var diagnostics: [Diagnostic] = []
    var sourceMap: SourceMap
    /// Paths (without list indexes) whose values were present and valid.
    var filled = FieldSet()
    /// Paths that had a value that was reported as wrong.
    var invalid = FieldSet()
    /// `SourceMap.ledgerSlotKinds` while a ledger is read, so that the places rules across ledgers
    /// point at are noted on the way (walking the tree for them afterwards was a twentieth of a
    /// cold `analyze`); empty for other files.
    private var placeKinds: [Int8] = []
    private var places: [SourceMap.Place] = []
    /// The index of the integration being read, while its fields are.
    private var integration: UInt16?

    /// Where the file's own fields go (`extra:` in a ledger), named in the hint for an unknown key;
    /// nil where there is no such place (`daicho.yaml`).
    var ownFieldsPlace: String?
    /// Whether the ledger's amounts are in thousands of yen (`costs.unit`), while its costs are
    /// decoded: nil outside them, or when the unit is not one the schema knows.
    private var costsInThousands: Bool?

    init(file: String, ownFieldsPlace: String? = "extra") {
        self.file = file
        self.sourceMap = SourceMap(file: file)
        self.ownFieldsPlace = ownFieldsPlace
    }

    /// - Parameter slots: the numbered schema's slots (`LedgerSchema.slots`).
    /// - Parameter keepingPlaces: whether to note the places `keptPlaces` returns (ledgers only).
    mutating func decodeRoot(_ node: YAMLNode, spec: FieldSpec, slots: [String: Int],
                             keepingPlaces: Bool = false) -> ValueGroup? {
        sourceMap = SourceMap(file: file, tree: node)
        filled = FieldSet(slots: slots)
        invalid = FieldSet(slots: slots)
        placeKinds = keepingPlaces ? SourceMap.ledgerSlotKinds : []
        places = []
        if keepingPlaces {
            places.reserveCapacity(16)
            note(SourceMap.Key(kind: 0), node)
        }
        guard case .mapping = node.content else {
            error(.wrongType, "", node,
                  LocalizedText(ja: "台帳の最上位は「キー: 値」の形にしてください",
                                en: "the top level of a ledger must be a mapping of keys to values"),
                  hint: LocalizedText(ja: "`schema: 1` から始めてください", en: "start with `schema: 1`"))
            return nil
        }
        return decode(node, spec, path: FieldPath(""), indexed: false)?.fields
    }

    // MARK: - Values

    /// - Parameter indexed: whether `path` has list indexes, so it differs from `spec.path`.
    mutating func decode(_ node: YAMLNode, _ spec: FieldSpec, path: FieldPath, indexed: Bool) -> Value? {
        notePlace(of: spec, node)
        if Self.isAbsent(node) { return nil }
        let value = decodeKind(node, spec.kind, spec, path: path, indexed: indexed)
        if value == nil { invalid.insert(spec) } else { filled.insert(spec) }
        return value
    }

    private mutating func decodeKind(
        _ node: YAMLNode, _ kind: FieldSpec.Kind, _ spec: FieldSpec, path: FieldPath, indexed: Bool
    ) -> Value? {
        switch kind {
        case .text, .markdown:
            guard let text = scalar(node, path, expected: Self.expectText) else { return nil }
            warnOfInvisibleCharacters(in: text, path.text, node)
            // A name or other one-line text with a line break ("a\nb" in quotes, a `|` block):
            // it breaks the tables and the CSV row it lands in. (Markdown may span lines.)
            // (Bytes, not `Character`s: this runs for every text of every ledger.)
            if case .text = kind, text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                warning(.invisibleCharacter, path.text, node,
                        LocalizedText(ja: "改行が含まれています", en: "the text has a line break"),
                        hint: LocalizedText(ja: "1行で書いてください（一覧表やCSVの行が途中で切れます）",
                                            en: "write it on one line (it would break the tables and the CSV row)"))
            }
            if case .markdown = kind, let (message, hint) = Self.markdownProblem(text) {
                error(.outOfRange, path, node, message, hint: hint)
                return nil
            }
            return .text(text)
        case .integer:
            guard let text = scalar(node, path, expected: Self.expectInteger) else { return nil }
            guard let value = Self.integer(text) else {
                // A field whose note gives its own example (対象年度: a Western year) says that one.
                return fail(.wrongType, path, node, text, Self.expectInteger,
                            hint: LocalizedText(ja: "単位や記号を付けずに 0 以上の整数を書いてください（\(spec.example ?? "例: 120")）",
                                                en: "write a whole number of 0 or more without units" + (spec.example == nil ? " (e.g. 120)" : "")))
            }
            return inRange(Exact(value), spec, path, node, text) ? .integer(value) : nil
        case .number:
            guard let text = scalar(node, path, expected: Self.expectNumber) else { return nil }
            guard let value = Self.decimal(text) else {
                return fail(.wrongType, path, node, text, Self.expectNumber,
                            hint: LocalizedText(ja: "単位を付けずに数値だけを書いてください（例: 16、0.5）",
                                                en: "write the number alone, without units (e.g. 16 or 0.5)"))
            }
            // Six decimal places at most: nothing a ledger or policy measures needs more, and finer
            // fractions against the largest allowed values would overflow the analysis's exact sums.
            guard Self.millionths.isMultiple(of: value.denominator) else {
                error(.outOfRange, path, node,
                      LocalizedText(ja: "「\(text)」は細かすぎます。小数点以下は 6 桁までです",
                                    en: "'\(text)' is too precise: at most 6 decimal places"),
                      hint: LocalizedText(ja: "小数点以下 6 桁までに丸めて書いてください（例: 0.125）",
                                          en: "round it to 6 decimal places (e.g. 0.125)"))
                return nil
            }
            return inRange(value, spec, path, node, text) ? .number(value) : nil
        case .bool:
            guard let text = scalar(node, path, expected: Self.expectBool) else { return nil }
            guard let value = Self.bool(text) else {
                return fail(.wrongType, path, node, text, Self.expectBool, hint: Self.boolHint(text))
            }
            return .bool(value)
        case .date:
            guard let text = scalar(node, path, expected: Self.expectDate) else { return nil }
            switch DateParser.parse(text) {
            case .date(let date):
                return .date(date)
            case .outsideEra(let date, let era):
                warning(.eraOutOfRange, path, node,
                        LocalizedText(ja: "「\(text)」は\(era)の期間外です。\(date) として読みました",
                                      en: "'\(text)' is outside the \(era) era; read as \(date)"),
                        hint: LocalizedText(ja: "元号を確認するか、西暦（\(date)）で書いてください",
                                            en: "check the era, or write the Western date (\(date))"))
                return .date(date)
            case .noSuchDay(let year, let month):
                let days = LedgerDate.daysIn(month: month, year: year)
                error(.invalidDate, path, node,
                      LocalizedText(ja: "「\(text)」という日付はありません（\(year)年\(month)月は\(days)日まで）",
                                    en: "there is no such date as '\(text)' (\(month)/\(year) has \(days) days)"),
                      hint: LocalizedText(ja: "日付の数字を確かめてください", en: "check the date's numbers"))
                return nil
            case .invalid:
                let format = LocalizedText(ja: "2019-04-01、2019-04、令和7年4月1日、R7.4.1、H31.4 のように書いてください（西暦は4桁、和暦は元号から）",
                                           en: "write 2019-04-01, 2019-04, 令和7年4月1日, R7.4.1 or H31.4 (a Western year has four digits)")
                // A date cell pasted as its value: say which date it was.
                let hint = DateParser.excelSerial(text).map {
                    LocalizedText(ja: "Excel の日付のシリアル値のようです（\(text) は \($0.description)）。" + format.ja,
                                  en: "this looks like an Excel date serial number (\(text) is \($0.description)); " + format.en)
                } ?? format
                return fail(.invalidDate, path, node, text, Self.expectDate, hint: hint)
            }
        case .yen:
            guard let text = scalar(node, path, expected: Self.expectYen) else { return nil }
            guard let amount = Self.yen(text) else {
                if let number = Self.decimal(text), number.isInteger, number > Exact(Self.maxYen) {
                    // A whole number, only too large: say so, not that it is no amount.
                    error(.outOfRange, path, node,
                          LocalizedText(ja: "金額「\(text)」が大きすぎます（上限は 10,000,000,000,000）",
                                        en: "the amount '\(text)' is too large (at most 10,000,000,000,000)"),
                          hint: LocalizedText(ja: "桁の誤りがないか確かめてください（costs.unit が thousand_yen なら千円単位で書きます）",
                                              en: "check the number of digits (with costs.unit: thousand_yen, write thousands of yen)"))
                    return nil
                }
                return fail(.invalidAmount, path, node, text, Self.expectYen, hint: Self.amountHint(text, thousands: costsInThousands))
            }
            return .yen(amount)
        case .enumeration(let enumSpec):
            guard let text = scalar(node, path, expected: Self.expectEnum) else { return nil }
            guard let token = enumSpec.token(for: text) else {
                // A unit of 万円 is no typo of 円: following "did you mean yen" left every amount
                // 10,000 times too small. The amounts must be converted, and the hint says so.
                let otherUnit = spec.path == "costs.unit" && (text.contains("万") || text.contains("億"))
                let nearest = otherUnit ? nil : enumSpec.nearest(to: text)
                let suggestion = otherUnit
                    ? LocalizedText(ja: "万円・億円の単位はありません。金額を円（yen）か千円（thousand_yen）に換算して書き直してください。",
                                    en: "there is no unit of 万 or 億 yen: convert the amounts to yen or thousands of yen. ")
                    : nearest.map {
                        LocalizedText(ja: "「\($0.token)」（\($0.label.ja)）のことですか？ ",
                                      en: "did you mean '\($0.token)' (\($0.label.en))? ")
                    }
                // A value that looks right but carries an invisible character: say so first.
                let invisible = Self.invisibleCharacter(in: text).map {
                    LocalizedText(ja: "目に見えない文字（U+\($0)）が含まれています。", en: "it holds an invisible character (U+\($0)). ")
                }
                error(.enumValue, path, node,
                      LocalizedText(ja: "「\(text)」は使えない値です", en: "'\(text)' is not an allowed value"),
                      hint: LocalizedText(
                        ja: (invisible?.ja ?? "") + (suggestion?.ja ?? "") + "使える値: " + enumSpec.listing(.ja),
                        en: (invisible?.en ?? "") + (suggestion?.en ?? "") + "allowed: " + enumSpec.listing(.en)))
                return nil
            }
            return .token(token)
        case .list(let itemKind):
            let items: [YAMLNode]
            switch node.content {
            case .sequence(let sequence):
                items = sequence
            case .scalar where itemKind.isScalar:
                // Allowed values written on one line as a clerk lists them (`lgwan, internet`,
                // `LGWAN接続系、インターネット接続系`): each is read, as `[lgwan, internet]` would be.
                if case .enumeration(let values) = itemKind, let tokens = Self.listedTokens(node, values) {
                    return .list(tokens.map(Value.token))
                }
                items = [node]  // `segments: lgwan` reads as a one-item list
            default:
                return fail(.wrongType, path, node, nil, LocalizedText(ja: "リスト", en: "a list"),
                            hint: LocalizedText(ja: "各項目を「- 」で始まる行に書いてください",
                                                en: "write each item on a line starting with '- '"))
            }
            var values: [Value] = []
            values.reserveCapacity(items.count)
            var notingItems = isIntegrations(spec)
            for (index, item) in items.enumerated() {
                if notingItems {
                    // As the walk it replaces: no more places past the largest index a place holds.
                    integration = UInt16(exactly: index)
                    notingItems = integration != nil
                    if let integration { note(SourceMap.Key(kind: UInt8(SourceMap.integrationItem), index: integration), item) }
                }
                if Self.isAbsent(item) {
                    // A `- ` line left empty: an entry begun and not written, said rather than
                    // dropped unseen.
                    warning(.emptyItem, FieldPath.item(of: path, index).text, item,
                            LocalizedText(ja: "空の項目があります（\(index + 1) 番目、読み飛ばしました）",
                                          en: "item \(index + 1) is empty (skipped)"),
                            hint: LocalizedText(ja: "書きかけなら内容を書き、不要なら「- 」の行を消してください",
                                                en: "fill it in, or delete the '- ' line"))
                    continue
                }
                if let value = decodeKind(item, itemKind, spec, path: .item(of: path, index), indexed: true) {
                    values.append(value)
                }
            }
            if isIntegrations(spec) { integration = nil }
            return .list(values)
        case .group(let fields):
            return decodeGroup(node, fields, path: path, indexed: indexed).map(Value.group)
        case .markdownOrGroup(let fields):
            if node.isScalar { return decodeKind(node, .markdown, spec, path: path, indexed: indexed) }
            return decodeGroup(node, fields, path: path, indexed: indexed).map(Value.group)
        case .scalarMap:
            guard case .mapping(let mapping) = node.content else {
                return fail(.wrongType, path, node, nil, LocalizedText(ja: "「キー: 値」の組", en: "a mapping"),
                            hint: LocalizedText(ja: "「項目名: 値」の形で書いてください", en: "write `name: value` pairs"))
            }
            var entries: [ExtraField] = []
            for pair in mapping {
                let valueNode = pair.value
                guard case .scalar(let key, _) = pair.key.content else {
                    error(.wrongType, path, pair.key,
                          LocalizedText(ja: "追加項目の名前は文字で書いてください", en: "an extra field's name must be plain text"),
                          hint: LocalizedText(ja: "「? [a, b]」のような一覧や組は名前にできません。「項目名: 値」の形で書いてください",
                                              en: "a list or mapping cannot be a name; write `name: value`"))
                    continue
                }
                guard case .scalar(let value, let plain) = valueNode.content else {
                    error(.wrongType, .field(of: path.text, key), valueNode,
                          LocalizedText(ja: "追加項目の値は文字か数値にしてください",
                                        en: "an extra field's value must be a single text or number"))
                    continue
                }
                warnOfInvisibleCharacters(in: key + value, path.text + "." + key, pair.key)
                entries.append(ExtraField(key: key, value: Self.isNull(valueNode) ? "" : value, plain: plain))
            }
            return .scalarMap(entries)
        }
    }

    private mutating func decodeGroup(
        _ node: YAMLNode, _ fields: [FieldSpec], path: FieldPath, indexed: Bool
    ) -> ValueGroup? {
        guard case .mapping(let mapping) = node.content else {
            _ = fail(.wrongType, path, node, nil, LocalizedText(ja: "「キー: 値」の組", en: "a mapping"),
                     hint: LocalizedText(ja: "この項目の下に、字下げして「キー: 値」を書いてください",
                                         en: "indent `key: value` lines under this field"))
            return nil
        }
        // The costs' unit, for the hints of their amounts, wherever it is written among them
        // (absent, it is yen).
        let isCosts = !indexed && path.text == "costs"
        if isCosts {
            let unit = mapping.first { if case .scalar("unit", _) = $0.key.content { true } else { false } }
            if let unit, !Self.isAbsent(unit.value) {
                if case .scalar(let text, _) = unit.value.content, let token = CostUnit.spec.token(for: text) {
                    costsInThousands = token == CostUnit.thousandYen.rawValue
                }
            } else {
                costsInThousands = false
            }
        }
        defer { if isCosts { costsInThousands = nil } }
        var result = ValueGroup(capacity: mapping.count)
        // The fields a list item writes, by index (only list items need them, below). A list
        // item's group has far fewer than 64 fields; a larger group falls back to a list.
        var writtenMask: UInt64 = 0
        var written: [Int] = []
        var expected = 0
        // Inside lists, the group's own path once for all its fields.
        let groupPath = indexed ? path.text : ""
        for pair in mapping {
            let (keyNode, valueNode) = (pair.key, pair.value)
            guard case .scalar(let key, _) = keyNode.content else {
                error(.unknownKey, path, keyNode,
                      LocalizedText(ja: "キーは文字で書いてください", en: "keys must be plain text"))
                continue
            }
            guard let childIndex = Self.field(key, in: fields, from: &expected) else {
                reportUnknownKey(key, at: keyNode, path: FieldPath.field(of: path.text, key).text, siblings: fields)
                continue
            }
            // Outside lists the path is the schema's, already built.
            let childPath = indexed ? FieldPath.field(of: groupPath, key) : FieldPath(fields[childIndex].path)
            if indexed && !Self.isAbsent(valueNode) {
                if childIndex < 64 { writtenMask |= 1 << UInt64(childIndex) } else { written.append(childIndex) }
            }
            if let value = decode(valueNode, fields[childIndex], path: childPath, indexed: indexed) {
                result.append(fields[childIndex].key, value)
            }
        }
        // Required fields of list items are checked here; the fixed fields of the
        // ledger are checked once, after cost lines may have filled their totals.
        if indexed && path.isItem {
            for (index, field) in fields.enumerated() where field.requirement == .required {
                let wasWritten = index < 64 ? writtenMask & (1 << UInt64(index)) != 0 : written.contains(index)
                if wasWritten { continue }
                let fieldPath = FieldPath.field(of: groupPath, field.key)
                error(.missingRequired, fieldPath, node,
                      LocalizedText(ja: "必須項目「\(field.label.ja)」（\(field.key)）がありません",
                                    en: "required field '\(field.key)' (\(field.label.en)) is missing"),
                      hint: field.fillInHint(at: fieldPath.text))
            }
        }
        return result
    }

    /// The index of the spec for `key`, searched from where the last key was found: keys are
    /// mostly written in the schema's order, so the first comparison usually matches.
    private static func field(_ key: String, in fields: [FieldSpec], from expected: inout Int) -> Int? {
        let count = fields.count
        var index = expected < count ? expected : 0
        for _ in 0..<count {
            if fields[index].key == key {
                expected = index + 1
                return index
            }
            index = index + 1 == count ? 0 : index + 1
        }
        return nil
    }

    private mutating func reportUnknownKey(_ key: String, at node: YAMLNode, path: String, siblings: [FieldSpec]) {
        // A full-width space, or a character that cannot be seen, in a key typed with an input
        // method: named, as the key looks right on the screen.
        let hidden = Array(key.unicodeScalars.filter(\.isInvisibleFormat))
        let spaced = key.unicodeScalars.contains("\u{3000}")
        let cleaned = String(String(String.UnicodeScalarView(key.unicodeScalars.filter { !$0.isInvisibleFormat && $0 != "\u{3000}" }))
            .trimmingCharactersInWhitespace)
        if spaced || !hidden.isEmpty,
           let spec = siblings.first(where: { $0.key == cleaned }) ?? LedgerSchema.allFields.first(where: { $0.spec.key == cleaned })?.spec {
            let what = spaced ? LocalizedText(ja: "全角スペース", en: "a full-width space")
                : LocalizedText(ja: "目に見えない文字（U+\(String(hidden[0].value, radix: 16, uppercase: true))）",
                                en: "an invisible character (U+\(String(hidden[0].value, radix: 16, uppercase: true)))")
            error(.unknownKey, path, node,
                  LocalizedText(ja: "項目名「\(cleaned)」に\(what.ja)が入っています", en: "the key '\(cleaned)' has \(what.en) in it"),
                  hint: spaced ? LocalizedText(ja: "字下げは半角スペースで書いてください（「\(spec.label.ja)」の行）",
                                               en: "indent with half-width spaces (the line of '\(spec.label.en)')")
                      : LocalizedText(ja: "項目名を打ち直してください（コピーした文字に紛れ込むことがあります）",
                                      en: "type the key again (copied text can carry such characters)"))
            return
        }
        var hint: LocalizedText
        if let near = Suggestion.nearest(to: key, among: siblings.map(\.key)) {
            let label = siblings.first { $0.key == near }?.label
            hint = LocalizedText(ja: "「\(near)」（\(label?.ja ?? "")）のことですか？",
                                 en: "did you mean '\(near)' (\(label?.en ?? ""))?")
        } else if ownFieldsPlace != nil, let elsewhere = LedgerSchema.allFields.first(where: { $0.spec.key == key }) {
            hint = LocalizedText(ja: "「\(key)」は \(elsewhere.path) に書く項目です",
                                 en: "'\(key)' belongs at \(elsewhere.path)")
        } else {
            // Each key with its label: a clerk tells a licence belongs under software（ソフトウェア）
            // by the words, not by the English key.
            let ja = siblings.map { "\($0.key)（\($0.label.ja)）" }.joined(separator: ", ")
            let en = siblings.map { "\($0.key) (\($0.label.en))" }.joined(separator: ", ")
            if let place = ownFieldsPlace {
                hint = LocalizedText(ja: "使えるキー: \(ja)。独自の項目は \(place): の下に書いてください",
                                     en: "allowed keys: \(en); put your own fields under \(place):")
            } else {
                hint = LocalizedText(ja: "使えるキー: \(ja)", en: "allowed keys: \(en)")
            }
        }
        error(.unknownKey, path, node,
              LocalizedText(ja: "「\(key)」という項目はありません", en: "unknown key '\(key)'"), hint: hint)
    }

    // MARK: - Kept places

    /// The places noted while reading a ledger, in `SourceMap.retainingCrossFileLocations`' order.
    func keptPlaces() -> [SourceMap.Place] {
        SourceMap.ordered(places)
    }

    /// The spec's kind of kept place (`SourceMap.ledgerSlotKinds`), -1 for none.
    private func placeKind(of spec: FieldSpec) -> Int8 {
        let slot = spec.slot
        return slot >= 0 && slot < placeKinds.count ? placeKinds[slot] : -1
    }

    private func isIntegrations(_ spec: FieldSpec) -> Bool {
        placeKind(of: spec) == SourceMap.integrationItem
    }

    private mutating func notePlace(of spec: FieldSpec, _ node: YAMLNode) {
        let kind = placeKind(of: spec)
        if kind < 0 || kind == SourceMap.integrationItem { return }
        if kind < SourceMap.integrationItem {
            note(SourceMap.Key(kind: UInt8(kind)), node)
        } else if let integration {
            note(SourceMap.Key(kind: UInt8(kind), index: integration), node)
        }
    }

    private mutating func note(_ key: SourceMap.Key, _ node: YAMLNode) {
        places.append(SourceMap.Place(key: key, line: node.line, column: node.column))
    }

    // MARK: - Scalars

    private mutating func scalar(_ node: YAMLNode, _ path: FieldPath, expected: LocalizedText) -> String? {
        guard case .scalar(let text, _) = node.content else {
            let isList = if case .sequence = node.content { true } else { false }
            let hint = isList
                ? LocalizedText(ja: "一覧（「- 」や「[ ]」）ではなく、値を1つ書いてください", en: "write one value, not a list")
                : LocalizedText(ja: "「項目名: 値」の組ではなく、値を1つ書いてください", en: "write one value, not `name: value` pairs")
            _ = fail(.wrongType, path, node, nil, expected, hint: hint)
            return nil
        }
        if text.isBlank { return nil }
        // `値　# コメント`: the comment is in a plain value. (Quoted, `　#` is the text as meant.)
        if case .scalar(_, plain: true) = node.content, text.utf8.contains(UInt8(ascii: "#")),
           let at = TypingMistake.fullWidthSpaceBeforeComment(in: Array(text.unicodeScalars)) {
            let mistake = TypingMistake.fullWidthSpaceBeforeComment
            error(.yamlSyntax, path.text, node,
                  LocalizedText(ja: mistake.message.ja + "（「\(String(String.UnicodeScalarView(text.unicodeScalars.prefix(at))))」の後）",
                                en: mistake.message.en + " (after '\(String(String.UnicodeScalarView(text.unicodeScalars.prefix(at))))')"),
                  hint: mistake.hint)
            return nil
        }
        return text
    }

    private mutating func inRange(_ value: Exact, _ spec: FieldSpec, _ path: FieldPath, _ node: YAMLNode, _ text: String) -> Bool {
        if value < .zero {
            error(.outOfRange, path, node,
                  LocalizedText(ja: "負の値は書けません: \(text)", en: "negative values are not allowed: \(text)"),
                  hint: LocalizedText(ja: "0 以上の値を書いてください", en: "write a value of 0 or more"))
            return false
        }
        // No count or size in a ledger comes near 10^12; the cap keeps exact arithmetic far from overflow.
        let maximum = spec.maximum ?? Self.maxNumber
        if Exact(maximum) < value {
            error(.outOfRange, path, node,
                  LocalizedText(ja: "\(text) は上限 \(maximum) を超えています", en: "\(text) is above the maximum \(maximum)"),
                  hint: LocalizedText(ja: "0 から \(maximum) の間で書いてください", en: "write a value from 0 to \(maximum)"))
            return false
        }
        return true
    }

    /// Whether `node` is a value not filled in: a null, or a text of white space alone (`""`,
    /// `" "`, a full-width space). A required field so written is missing, as if left out.
    static func isAbsent(_ node: YAMLNode) -> Bool {
        guard case .scalar(let text, _) = node.content else { return false }
        return isNull(node) || text.isBlank
    }

    static func isNull(_ node: YAMLNode) -> Bool {
        // Only plain scalars of up to four ASCII bytes can be null: comparing every value with
        // "null" went through Unicode-aware comparison for Japanese text.
        guard case .scalar(let text, plain: true) = node.content else { return false }
        let utf8 = text.utf8
        switch utf8.count {
        case 0: return true
        case 1: return utf8.first == 0x7E  // ~
        case 4:
            guard utf8.first == 0x6E || utf8.first == 0x4E else { return false }  // n N
            return text == "null" || text == "Null" || text == "NULL"
        default: return false
        }
    }

    static func integer(_ text: String) -> Int? {
        let plain = text.nfkcTrimmed
        guard let value = yen(plain) else {
            // `2.0` is a whole number too.
            guard let exact = Exact(decimal: plain), exact.isInteger, exact.numerator <= Int128(Int.max) else {
                return nil
            }
            return Int(exact.numerator)
        }
        return value
    }

    /// Amounts up to 10^13 (10兆) as written: far above any budget; after ×1000 (千円) and × years,
    /// and summed over a national inventory with saturating totals, nothing overflows.
    static let maxYen = 10_000_000_000_000
    /// A number's denominator must divide this: six decimal places (trailing zeros do not count).
    static let millionths: Int128 = 1_000_000
    static let maxNumber = 1_000_000_000_000
    /// The longest text of a Markdown field (`purpose`, `notes`, `issues[].detail`, `security.notes`).
    static let maxMarkdownBytes = 32_768

    /// Why a Markdown field is too large to render, or nil. The Markdown library takes quadratic
    /// time on some inputs (runs of `![[]()`, of `<![CDATA[`, tables of thousands of columns): a
    /// page of a megabyte of them did not finish in two minutes; within the length limit any input
    /// renders in well under a second, but for tables, whose every row the library makes as wide
    /// as the header (`MarkdownTables`).
    static func markdownProblem(_ text: String) -> (message: LocalizedText, hint: LocalizedText)? {
        let bytes = text.utf8.count
        if bytes > maxMarkdownBytes {
            return (LocalizedText(ja: "文章が長すぎます（\(bytes) バイト、上限 \(maxMarkdownBytes) バイト）",
                                  en: "the text is too long (\(bytes) bytes, limit \(maxMarkdownBytes) bytes)"),
                    LocalizedText(ja: "長い資料は台帳の外に置き、その名前と置き場所を書いてください",
                                  en: "keep long documents outside the ledger and write their name and place"))
        }
        if text.utf8.contains(UInt8(ascii: "|")), MarkdownTables.cells(in: text) > MarkdownTables.maxCells {
            return (LocalizedText(ja: "表が大きすぎます（\(MarkdownTables.maxCells) セルを超えます）",
                                  en: "the table is too large (more than \(MarkdownTables.maxCells) cells)"),
                    LocalizedText(ja: "表は列・行を減らすか、台帳の外の資料に置いてください（各行は見出し行と同じ列数になります）",
                                  en: "use fewer columns and rows, or keep the table outside the ledger (every row gets as many cells as the header)"))
        }
        return nil
    }

    static func yen(_ text: String) -> Int? {
        // Plain digits, the usual case, without normalising.
        if text.utf8.count <= 16, !text.utf8.isEmpty, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) {
            return Int(text).flatMap { $0 <= maxYen ? $0 : nil }
        }
        let plain = text.nfkcTrimmed
        guard !plain.isEmpty, plain.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ",") }) else { return nil }
        let groups = plain.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard let head = groups.first, (1...3).contains(head.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        }
        let digits = groups.joined()
        guard digits.count <= 16, let value = Int(digits), value <= maxYen else { return nil }
        return value
    }

    /// A number as written, normalised, with any digit grouping: `1,234.5`, `１２`.
    static func decimal(_ text: String) -> Exact? {
        let plain = text.nfkcTrimmed
        return Exact(decimal: plain.utf8.contains(0x2C) ? plain.replacing(",", with: "") : plain)
    }

    /// Why an amount was not taken, for the three mistakes clerks make: a fraction (in 千円, where
    /// 12.5 means 12,500 円), a minus sign, anything else.
    /// - Parameter thousands: whether the ledger's `costs.unit` is thousands of yen; nil when
    ///   that is not known (the hint then gives the number for either unit).
    static func amountHint(_ text: String, thousands: Bool? = nil) -> LocalizedText {
        let number = decimal(text)
        if let number, number < .zero {
            return LocalizedText(ja: "金額は 0 以上です。マイナスは書けません（減額は差し引いた額を書きます）",
                                 en: "amounts are 0 or more: no minus sign (write the amount after any reduction)")
        }
        if let number, !number.isInteger {
            if thousands == false {
                return LocalizedText(ja: "金額は円単位の整数で書きます（小数は書けません）",
                                     en: "amounts are whole numbers of yen (no fractions)")
            }
            return LocalizedText(ja: "金額は整数で書きます。千円単位（costs.unit: thousand_yen）で端数が出るときは、unit を yen にして円で書いてください",
                                 en: "amounts are whole numbers; where thousands of yen (costs.unit: thousand_yen) leave a fraction, set unit to yen and write yen")
        }
        if let yen = yenWithUnit(text) {
            let head = (ja: "0 以上の整数で書いてください（円・万・千などの字は付けません）。「\(text)」は \(yen) 円です",
                        en: "write a whole number of 0 or more, without 円, 万 or 千: '\(text)' is \(yen) yen")
            switch thousands {
            case false?:
                return LocalizedText(ja: head.ja + "。\(yen) と書いてください", en: head.en + "; write \(yen)")
            case true? where yen % 1000 == 0:
                return LocalizedText(ja: head.ja + "。この台帳は千円単位（costs.unit: thousand_yen）なので \(yen / 1000) と書いてください",
                                     en: head.en + "; this ledger is in thousands of yen (costs.unit: thousand_yen): write \(yen / 1000)")
            case true?:
                return LocalizedText(ja: head.ja + "。千円未満の端数があるため、costs.unit を yen にして円で書いてください",
                                     en: head.en + "; it is not whole thousands: set costs.unit to yen and write yen")
            case nil:
                let either = yen % 1000 == 0 ? (ja: "（costs.unit が thousand_yen の台帳なら \(yen / 1000)）", en: " (\(yen / 1000) where costs.unit is thousand_yen)") : (ja: "", en: "")
                return LocalizedText(ja: head.ja + either.ja, en: head.en + either.en)
            }
        }
        return LocalizedText(ja: "0 以上の整数で書いてください（例: 1200000、1,200,000）",
                             en: "write a whole number of 0 or more (e.g. 1200000, 1,200,000)")
    }

    /// The yen an amount written with a unit stands for, as clerks write them: `360万円`,
    /// `3,600千円`, `￥3,600,000`, `3600000円`, `1.2億円`; nil for anything else.
    static func yenWithUnit(_ text: String) -> Int? {
        var plain = Substring(text.nfkcTrimmed)
        // A yen sign before (a backslash is one in Japanese fonts) or 円 after.
        var hadYen = plain.first == "¥" || plain.first == "\\"
        if hadYen { plain = plain.dropFirst() }
        if plain.hasSuffix("円") {
            hadYen = true
            plain = plain.dropLast()
        }
        var multiplier = Exact(1)
        for (unit, value) in [("百万", 1_000_000), ("億", 100_000_000), ("万", 10_000), ("千", 1_000)] where plain.hasSuffix(unit) {
            plain = plain.dropLast(unit.count)
            multiplier = Exact(value)
            break
        }
        guard hadYen || multiplier != Exact(1), !plain.isEmpty,
              let number = decimal(String(plain)), number >= .zero, case let yen = number * multiplier, yen.isInteger,
              yen <= Exact(maxYen) else { return nil }
        return Int(yen.numerator)
    }

    /// The accepted words, and for the marks survey sheets use (○ ×) or an unknown (不明, －) what
    /// to write instead: ○ is also a zero (〇), so marks are not read as answers.
    static func boolHint(_ text: String) -> LocalizedText {
        let accepted = LocalizedText(ja: "true / false、はい / いいえ、有 / 無、あり / なし のいずれかを書いてください",
                                     en: "write true or false (はい/いいえ, 有/無, あり/なし are accepted)")
        switch text.nfkcTrimmed {
        case "○", "〇", "◯", "◎", "×", "✕", "✖", "x", "X":
            return LocalizedText(ja: "○・× は使えません。" + accepted.ja, en: "marks such as ○ and × are not read; " + accepted.en)
        case "不明", "未確認", "わからない", "分からない", "-", "－", "―", "ー", "?", "？":
            return LocalizedText(ja: "分からないときは何も書かずに空欄にしてください（未回答として扱います）。分かるなら" + accepted.ja,
                                 en: "if it is not known, leave it blank (it counts as unanswered); otherwise " + accepted.en)
        default:
            return accepted
        }
    }

    static func bool(_ text: String) -> Bool? {
        // `true` and `false` as written, the usual case, compared as bytes before normalising.
        // (`==` on the small strings, once the length says it can match: `elementsEqual` on the
        // views is generic code, a hundredth of a cold `analyze`.)
        switch text.utf8.count {
        case 4 where text == "true": return true
        case 5 where text == "false": return false
        default: break
        }
        return switch text.nfkcTrimmed.lowercased() {
        case "true", "yes", "はい", "有", "あり", "有り": true
        case "false", "no", "いいえ", "無", "なし", "無し": false
        default: nil
        }
    }

    // MARK: - Reporting

    private mutating func warnOfInvisibleCharacters(in text: String, _ path: String, _ node: YAMLNode) {
        guard let invisible = Self.invisibleCharacter(in: text) else { return }
        warning(.invisibleCharacter, path, node,
                LocalizedText(ja: "目に見えない文字（U+\(invisible)）が含まれています",
                              en: "an invisible character (U+\(invisible)) is in the text"),
                hint: LocalizedText(ja: "削除してください。見た目が同じ別の所管課名・事業者名として扱われたり、表示の向きが変わったりします",
                                    en: "remove it: the text would count as another department or vendor that looks the same, or display reversed"))
    }

    /// The first zero-width, direction, soft-hyphen or control character in a text (as hex), if
    /// any: text copied from web pages or word processors carries them unseen, and a quoted
    /// YAML value can hold a control character written as an escape (`"\0"`), which would reach
    /// the CSV that Excel opens.
    static func invisibleCharacter(in text: String) -> String? {
        // Every one of them is a control byte or encoded with a lead byte C2, E2 or EF: most texts
        // skip the scan.
        guard text.utf8.contains(where: { $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF || $0 == 0x7F || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) })
        else { return nil }
        let found = text.unicodeScalars.first { $0.isControlInText || $0.isInvisibleFormat }
        return found.map { String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
    }

    private func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: Int(node.line), column: Int(node.column))
    }

    mutating func error(_ code: DiagnosticCode, _ path: String, _ node: YAMLNode, _ message: LocalizedText,
                        hint: LocalizedText? = nil) {
        diagnostics.append(Diagnostic(.error, code, at: location(node), field: path, message, hint: hint))
    }

    mutating func warning(_ code: DiagnosticCode, _ path: String, _ node: YAMLNode, _ message: LocalizedText,
                          hint: LocalizedText? = nil) {
        diagnostics.append(Diagnostic(.warning, code, at: location(node), field: path, message, hint: hint))
    }

    private mutating func error(_ code: DiagnosticCode, _ path: FieldPath, _ node: YAMLNode, _ message: LocalizedText,
                                hint: LocalizedText? = nil) {
        error(code, path.text, node, message, hint: hint)
    }

    private mutating func warning(_ code: DiagnosticCode, _ path: FieldPath, _ node: YAMLNode, _ message: LocalizedText,
                                  hint: LocalizedText? = nil) {
        warning(code, path.text, node, message, hint: hint)
    }

    private mutating func fail(_ code: DiagnosticCode, _ path: FieldPath, _ node: YAMLNode, _ text: String?,
                               _ expected: LocalizedText, hint: LocalizedText?) -> Value? {
        let found: LocalizedText
        switch node.content {
        case .mapping: found = LocalizedText(ja: "「キー: 値」の組", en: "a mapping")
        case .sequence: found = LocalizedText(ja: "リスト", en: "a list")
        case .scalar(let value, _):
            // The value as written, where the caller passed none (a list or mapping expected).
            let shown = text ?? value
            found = LocalizedText(ja: "「\(shown)」", en: "'\(shown)'")
        }
        error(code, path, node,
              LocalizedText(ja: "\(expected.ja)を書く項目ですが、\(found.ja)が書かれています",
                            en: "expected \(expected.en), found \(found.en)"),
              hint: hint)
        return nil
    }

    static let expectText = LocalizedText(ja: "文字", en: "text")
    static let expectInteger = LocalizedText(ja: "整数", en: "a whole number")
    static let expectNumber = LocalizedText(ja: "数値", en: "a number")
    static let expectBool = LocalizedText(ja: "はい／いいえ", en: "true or false")
    static let expectDate = LocalizedText(ja: "日付", en: "a date")
    static let expectYen = LocalizedText(ja: "金額（整数）", en: "a whole amount")
    static let expectEnum = LocalizedText(ja: "選択肢の値", en: "one of the allowed values")
}

extension FieldSpec.Kind {
    var isScalar: Bool {
        switch self {
        case .list, .group, .markdownOrGroup, .scalarMap: false
        default: true
        }
    }
}

extension SchemaDecoder {
    /// The separators a clerk puts between values on one line.
    static let valueSeparators: Set<Character> = [",", "、", "，", "､"]

    /// The tokens of a one-line list of allowed values (`lgwan, internet`), when the text has a
    /// separator and every part is an allowed value (a token or a label); nil otherwise, for the
    /// text to be read as one value (and refused with the usual message if it is none).
    static func listedTokens(_ node: YAMLNode, _ values: EnumSpec) -> [String]? {
        guard case .scalar(let text, _) = node.content, text.contains(where: valueSeparators.contains) else { return nil }
        let parts = text.split(whereSeparator: valueSeparators.contains).map { String($0).nfkcTrimmed }
        guard parts.count > 1, !parts.contains(where: \.isEmpty) else { return nil }
        var tokens: [String] = []
        for part in parts {
            guard let token = values.token(for: part) else { return nil }
            tokens.append(token)
        }
        return tokens
    }
}
