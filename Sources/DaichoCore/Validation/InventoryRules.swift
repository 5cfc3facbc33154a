/// Rules across ledgers: unique ids, integration references and directions, shared terminal groups.
public enum InventoryRules {
    /// `ledgers` must be in file path order (so "the later file" is well defined).
    /// - Parameter fileStems: the names (without extension) of every ledger file, those that gave
    ///   no ledger too: a link to a file whose errors kept it from being read is that file's
    ///   problem, reported there, not one more error in each ledger that links to it.
    public static func check(_ ledgers: [Ledger], fileStems: () -> [String] = { [] }) -> [Diagnostic] {
        references(ledgers, fileStems: fileStems) + alongside(ledgers)
    }

    /// The rules that need no id settled first (`references` settles them): two spellings of a
    /// name, links listed on one side. Apart from `references`, so the check runs them on the
    /// other core.
    public static func alongside(_ ledgers: [Ledger]) -> [Diagnostic] {
        alongsideFinding(ledgers).diagnostics
    }

    /// `alongside`, with the one-sided links it warned of, for the follow-up to ask the other
    /// side about without looking for them again.
    public static func alongsideFinding(_ ledgers: [Ledger]) -> (diagnostics: [Diagnostic], oneSidedLinks: [OneSidedLink]) {
        let found = oneSidedLinks(in: ledgers)
        return (spellings(ledgers) + checkOneSidedLinks(ledgers, found: found), found)
    }

    /// Ids, integrations and terminal groups: the rules that look ledgers up by id.
    public static func references(_ ledgers: [Ledger], fileStems: () -> [String] = { [] }) -> [Diagnostic] {
        var result: [Diagnostic] = []
        // Each ledger's id as the position of the first ledger with it: the rules below key their
        // tables by these numbers, not by the id strings (hashing strings was most of their time).
        var first: [String: Int] = [:]
        first.reserveCapacity(ledgers.count)
        var owner = [Int](repeating: 0, count: ledgers.count)
        var duplicated: [Int] = []
        for (position, ledger) in ledgers.enumerated() {
            // One lookup for the usual new id; a duplicate puts the first position back.
            guard let other = first.updateValue(position, forKey: ledger.id) else {
                owner[position] = position
                continue
            }
            first[ledger.id] = other
            owner[position] = other
            duplicated.append(position)
        }
        if !duplicated.isEmpty { result += settleDuplicates(ledgers, duplicated, first: &first, owner: &owner) }
        result += checkIntegrations(ledgers, first: first, owner: owner, fileStems: fileStems)
        result += checkTerminalGroups(ledgers)
        return result
    }

    /// Terminal groups and departments written in two ways: apart from `references`, so the
    /// check can run them on the other core.
    public static func spellings(_ ledgers: [Ledger]) -> [Diagnostic] {
        checkTerminalGroupSpellings(ledgers) + checkDepartmentSpellings(ledgers)
    }

    /// The ledgers that share an id with an earlier one (`duplicated`, by position): the id stays
    /// with the file named after it, else with the first file, and each of the others has an
    /// error. (A copy that Windows names `jumin-kiroku - コピー.yaml` sorts before the original: the
    /// original had the error, and `--force` left the system out.)
    static func settleDuplicates(_ ledgers: [Ledger], _ duplicated: [Int], first: inout [String: Int], owner: inout [Int]) -> [Diagnostic] {
        var sharing: [Int: [Int]] = [:]
        for position in duplicated { sharing[owner[position], default: [owner[position]]].append(position) }
        var result: [Diagnostic] = []
        for positions in sharing.values {
            let id = ledgers[positions[0]].id
            let kept = keeper(among: positions, of: ledgers)
            first[id] = kept
            for position in positions {
                owner[position] = kept
                guard position != kept else { continue }
                let ledger = ledgers[position], other = ledgers[kept]
                let named = LedgerSource.stem(of: other.file) == id
                result.append(Diagnostic(.error, .duplicateId, at: ledger.sourceMap.location(of: "id"), field: "id",
                    LocalizedText(ja: "ID「\(id)」は \(other.file) でも使われています", en: "id '\(id)' is also used by \(other.file)"),
                    hint: named
                        ? LocalizedText(ja: "\(other.file) の写しなら、このファイルを削除してください。別のシステムなら別のIDを付けてください",
                                        en: "if this is a copy of \(other.file), delete it; if it is another system, give it its own id")
                        : LocalizedText(ja: "システムごとに別のIDを付けてください", en: "give each system its own id")))
            }
        }
        return result
    }

    /// Of ledgers that share an id (positions in file order), the one that keeps it: the file
    /// named after the id, else the first. The follow-up asks of the same ledger.
    public static func keeper(among positions: [Int], of ledgers: [Ledger]) -> Int {
        positions.first { LedgerSource.stem(of: ledgers[$0].file) == ledgers[$0].id } ?? positions[0]
    }

    /// - Parameters:
    ///   - first: each id's first ledger, by position.
    ///   - owner: for each ledger, the position of the first ledger with its id.
    static func checkIntegrations(_ ledgers: [Ledger], first: [String: Int], owner: [Int],
                                  fileStems: () -> [String] = { [] }) -> [Diagnostic] {
        var result: [Diagnostic] = []
        // Sorted only when a reference is unknown (sorting 100,000 ids for nothing was a tenth of a second).
        var sortedIDs: [String]?
        var stems: Set<String>?
        // "Did you mean" compares a missing id with every id: once per missing id (a system
        // renamed or removed leaves thousands of links to one id), and for the first
        // `Suggestion.budget` of them only (each is a pass over the whole inventory).
        var suggested: [String: String?] = [:]
        // What each system declares towards each partner, by the position of the system's first
        // ledger: a system has a few partners, so a short list each beats one table of all pairs
        // (hashing 200,000 pairs into it was most of this rule's time, and it runs on one core).
        var declared = [[Declared]](repeating: [], count: ledgers.count)
        for (position, ledger) in ledgers.enumerated() {
            for link in ledger.integrations {
                guard case .system(let partner) = link.target else { continue }
                guard let to = first[partner] else {
                    if stems == nil { stems = Set(fileStems()) }
                    if stems?.contains(partner) == true { continue }
                    let path = "integrations[\(link.index)].system"
                    if sortedIDs == nil { sortedIDs = first.keys.sorted() }
                    let near: String?
                    if let known = suggested[partner] {
                        near = known
                    } else {
                        near = suggested.count < Suggestion.budget ? Suggestion.nearest(to: partner, among: sortedIDs ?? []) : nil
                        suggested[partner] = near
                    }
                    result.append(Diagnostic(.error, .unknownIntegration, at: ledger.sourceMap.location(of: path),
                        field: path,
                        LocalizedText(ja: "連携先「\(partner)」という台帳はありません", en: "no ledger has the id '\(partner)'"),
                        hint: near.map { LocalizedText(ja: "「\($0)」のことですか？", en: "did you mean '\($0)'?") }
                            ?? LocalizedText(ja: "台帳外のシステムなら external: に名称を書いてください",
                                             en: "for a system outside the inventory, use external: with its name")))
                    continue
                }
                let from = owner[position]
                // A system linked to itself is most often a copied ledger whose link was not changed.
                if to == from {
                    let path = "integrations[\(link.index)].system"
                    result.append(Diagnostic(.warning, .selfIntegration, at: ledger.sourceMap.location(of: path), field: path,
                        LocalizedText(ja: "このシステム自身（\(partner)）との連携が書かれています", en: "a link to this system itself (\(partner))"),
                        hint: LocalizedText(ja: "連携先のシステムのIDを書いてください（台帳を複写したときの書き換え漏れではありませんか）",
                                            en: "give the partner system's id (left over from copying a ledger?)")))
                    continue
                }
                let written = Declared.Link(ways: Ways.bits(link.direction), data: link.data.flatMap(Declared.Link.key), index: link.index)
                if let index = declared[from].firstIndex(where: { $0.to == to }) {
                    declared[from][index].links.append(written)
                } else {
                    declared[from].append(Declared(to: to, links: [written]))
                }
            }
        }
        // Each pair once, from the system whose id sorts first (the warning goes on the other one);
        // in ledger order and then the partner's, so the result does not depend on the order links are written.
        for from in declared.indices where !declared[from].isEmpty {
            for forward in declared[from].sorted(by: { $0.to < $1.to }) where ledgers[from].id < ledgers[forward.to].id {
                guard let fromB = declared[forward.to].first(where: { $0.to == from }),
                      let (sideA, sideB) = Declared.disagreement(forward.links, fromB.links) else { continue }
                let (a, b) = (ledgers[from].id, ledgers[forward.to].id), later = ledgers[forward.to]
                let path = "integrations[\(sideB[0].index)].direction"
                let hint = LocalizedText(ja: "一方が send（送信）なら他方は receive（受信）、双方向なら両方 both にしてください",
                                         en: "send on one side pairs with receive on the other; both pairs with both")
                // Each side's words name the other system; both give the sides in id order.
                func said(partner: String) -> LocalizedText {
                    LocalizedText(
                        ja: "\(partner) との連携の向きが食い違っています（\(a) 側: \(describe(sideA, .ja))、\(b) 側: \(describe(sideB, .ja))）",
                        en: "the link with \(partner) disagrees in direction (\(a): \(describe(sideA, .en)), \(b): \(describe(sideB, .en)))")
                }
                var problem = Diagnostic(.warning, .integrationDirection, at: later.sourceMap.location(of: path), field: path,
                                         said(partner: a), hint: hint)
                // a's own link, for a's department.
                let pathA = "integrations[\(sideA[0].index)].direction"
                problem.counterparts = [Diagnostic.Counterpart(system: a, at: ledgers[from].sourceMap.location(of: pathA), field: pathA,
                                                               said(partner: b), hint: hint)]
                result.append(problem)
            }
        }
        return result
    }

    /// The links one system declares towards another (the position of its first ledger).
    private struct Declared {
        var to: Int
        var links: [Link]

        struct Link {
            /// Its direction as bits (`Ways`).
            var ways: UInt8
            /// Its data items, compared without spaces and case: two ends that name the same data
            /// describe the same link.
            var data: String?
            var index: Int

            static func key(_ data: String) -> String? {
                let key = data.nfkcTrimmed.lowercased()
                return key.isEmpty ? nil : key
            }
        }

        /// The links of the two ends that contradict each other, as each end wrote them; nil when
        /// they agree. Links that name the same data are the same link and must agree; two ends
        /// of one link each that name different data describe two links, not one. Otherwise
        /// (several links, some without data) the ends disagree only when they share no direction
        /// at all: a system may describe one of two links its partner lists (`send` 住民 and
        /// `receive` 税 against `receive` 住民 is no contradiction, and was reported as `both`).
        static func disagreement(_ a: [Link], _ b: [Link]) -> ([Link], [Link])? {
            var matchedA = Set<Int>(), matchedB = Set<Int>()
            for (i, left) in a.enumerated() {
                guard let data = left.data else { continue }
                for (j, right) in b.enumerated() where right.data == data {
                    if left.ways != Ways.mirrored(right.ways) { return ([left], [right]) }
                    matchedA.insert(i)
                    matchedB.insert(j)
                }
            }
            if a.count == 1 && b.count == 1 {
                if !matchedA.isEmpty || (a[0].data != nil && b[0].data != nil) { return nil }
                return a[0].ways == Ways.mirrored(b[0].ways) ? nil : (a, b)
            }
            let restA = a.enumerated().filter { !matchedA.contains($0.offset) }.map(\.element)
            let restB = b.enumerated().filter { !matchedB.contains($0.offset) }.map(\.element)
            guard !restA.isEmpty, !restB.isEmpty, restA.contains(where: { $0.data == nil }) || restB.contains(where: { $0.data == nil })
            else { return nil }
            let waysA = restA.reduce(0) { $0 | $1.ways }, waysB = restB.reduce(0) { $0 | Ways.mirrored($1.ways) }
            return waysA & waysB == 0 ? (restA, restB) : nil
        }
    }

    /// Directions as bits: send 1, receive 2.
    private enum Ways {
        static func bits(_ direction: IntegrationDirection) -> UInt8 {
            switch direction {
            case .send: 1
            case .receive: 2
            case .both: 3
            }
        }

        /// What the other end writes: send and receive swap.
        static func mirrored(_ bits: UInt8) -> UInt8 { (bits & 1) << 1 | (bits & 2) >> 1 }
    }

    /// The directions of links as written, in order, each once: `send（送信）・receive（受信）`.
    private static func describe(_ links: [Declared.Link], _ language: Language) -> String {
        var seen: Set<UInt8> = []
        return links.filter { seen.insert($0.ways).inserted }.map { link in
            let direction: IntegrationDirection = link.ways == 1 ? .send : link.ways == 2 ? .receive : .both
            return language == .ja ? "\(direction.token)（\(direction.label.text(language))）" : "\(direction.token) (\(direction.label.text(language)))"
        }.joined(separator: language == .ja ? "・" : ", ")
    }

    static func checkTerminalGroups(_ ledgers: [Ledger]) -> [Diagnostic] {
        var members: [String: [(id: String, count: Int, position: Int, named: Bool)]] = [:]
        for (position, ledger) in ledgers.enumerated() {
            guard let terminals = ledger.hardware?.terminals, let group = terminals.group,
                let count = terminals.dedicated
            else { continue }
            members[group, default: []].append((ledger.id, count, position, true))
        }
        guard !members.isEmpty else { return [] }
        // A system that names no group is a group of its own under its id (as the analysis counts
        // them): a group named after it takes it in. Looked up only when some group is named.
        for (position, ledger) in ledgers.enumerated() where members[ledger.id] != nil {
            guard let terminals = ledger.hardware?.terminals, terminals.group == nil, let count = terminals.dedicated else { continue }
            members[ledger.id, default: []].append((ledger.id, count, position, false))
        }
        var result: [Diagnostic] = []
        for group in members.keys.sorted() {
            // The system the group is named after, if it is in it, gives the count; else the first by id.
            let sorted = members[group, default: []].sorted { ($0.named ? 1 : 0, $0.id) < ($1.named ? 1 : 0, $1.id) }
            guard let first = sorted.first else { continue }
            // How many members give each count, for a group of more than two: the odd one out shows.
            // (The spec puts the error on the later member by id, whichever count is right.)
            var counts: [Int: Int] = [:]
            if sorted.count > 2 { for member in sorted { counts[member.count, default: 0] += 1 } }
            let ordered = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            let tally = counts.count < 2 ? (ja: "", en: "")
                : (ja: "。グループの台数: " + ordered.map { "\($0.key) 台が \($0.value) システム" }.joined(separator: "、"),
                   en: "; in the group: " + ordered.map { "\($0.key) in \($0.value)" }.joined(separator: ", "))
            for member in sorted.dropFirst() where member.count != first.count {
                let path = "hardware.terminals.dedicated"
                let message = first.named
                    ? LocalizedText(
                        ja: "共用端末グループ「\(group)」の台数が \(first.id) の \(first.count) 台と違います（こちらは \(member.count) 台\(tally.ja)）",
                        en: "terminal group '\(group)' has \(first.count) terminals in \(first.id) but \(member.count) here\(tally.en)")
                    : LocalizedText(
                        ja: "共用端末グループ「\(group)」はシステム \(first.id) のIDと同じ名前のため、\(first.id) の端末と同じグループとして数えますが、台数が \(first.id) の \(first.count) 台と違います（こちらは \(member.count) 台）",
                        en: "terminal group '\(group)' has the id of system \(first.id), so it is counted with \(first.id)'s terminals, but \(first.id) has \(first.count) and this ledger \(member.count)")
                let hint = first.named
                    ? LocalizedText(ja: "同じグループを名乗る台帳は、同じ専用端末数を書いてください",
                                    en: "every ledger naming the group must give the same dedicated count")
                    : LocalizedText(ja: "\(first.id) の端末を共用しているなら台数を揃え、そうでなければ別のグループ名にしてください",
                                    en: "give the same count if the terminals are \(first.id)'s, or else another group name")
                var problem = Diagnostic(.error, .terminalGroupCount, at: ledgers[member.position].sourceMap.location(of: path),
                                         field: path, message, hint: hint)
                // The same from the first member's side, at its own count: 「こちら」 is its figure.
                let (theirs, theirHint) = first.named
                    ? (LocalizedText(
                        ja: "共用端末グループ「\(group)」の台数が \(member.id) の \(member.count) 台と違います（こちらは \(first.count) 台\(tally.ja)）",
                        en: "terminal group '\(group)' has \(member.count) terminals in \(member.id) but \(first.count) here\(tally.en)"), hint)
                    : (LocalizedText(
                        ja: "システム \(member.id) の共用端末グループ「\(group)」はこのシステムのIDと同じ名前のため、このシステムの端末と同じグループとして数えますが、台数が \(member.id) の \(member.count) 台と違います（こちらは \(first.count) 台）",
                        en: "system \(member.id) names terminal group '\(group)', the id of this system, so it is counted with this system's terminals, but \(member.id) has \(member.count) and this ledger \(first.count)"),
                       LocalizedText(ja: "\(member.id) がこのシステムの端末を共用しているなら台数を揃えてください（共用していなければ、\(member.id) の台帳で別のグループ名にします）",
                                     en: "give the same count if \(member.id) shares this system's terminals (if not, \(member.id)'s ledger takes another group name)"))
                problem.counterparts = [Diagnostic.Counterpart(system: first.id, at: ledgers[first.position].sourceMap.location(of: path), field: path,
                                                               theirs, hint: theirHint)]
                result.append(problem)
            }
        }
        return result
    }

    /// Group names that differ only in case or width (`fixed-asset`, `Fixed-Asset`, `ｆｉｘｅｄ－ａｓｓｅｔ`)
    /// are two groups to the count, so the shared terminals would count twice: most likely one
    /// group typed two ways. A warning on each ledger that spells it otherwise than most do (a
    /// group may name a system: that system's id counts as one spelling).
    static func checkTerminalGroupSpellings(_ ledgers: [Ledger]) -> [Diagnostic] {
        var named: [(position: Int, group: String)] = []
        for (position, ledger) in ledgers.enumerated() {
            if let group = ledger.hardware?.terminals?.group, ledger.hardware?.terminals?.dedicated != nil {
                named.append((position, group))
            }
        }
        guard !named.isEmpty else { return [] }
        // Spellings by their folded form, each with the ledgers that use it.
        var spellings: [String: [String: [Int]]] = [:]
        for (position, group) in named {
            spellings[Self.folded(group), default: [:]][group, default: []].append(position)
        }
        // Systems with terminals of their own (no group) are groups under their ids: one whose id
        // folds as a group name does is a spelling too, without a ledger that names it.
        var ids: [String: Int] = [:]
        for (position, ledger) in ledgers.enumerated() where ledger.hardware?.terminals?.dedicated != nil && ledger.hardware?.terminals?.group == nil {
            let key = Self.folded(ledger.id)
            guard spellings[key] != nil, ids[ledger.id] == nil else { continue }
            ids[ledger.id] = position
            if spellings[key]?[ledger.id] == nil { spellings[key]?[ledger.id] = [] }
        }
        var result: [Diagnostic] = []
        for key in spellings.keys.sorted() {
            guard let forms = spellings[key], forms.count > 1 else { continue }
            // A system's id first (it cannot be spelt otherwise), then the spelling most ledgers
            // use, then the first in order: the spelling to keep.
            let kept = forms.keys.sorted { a, b in
                if (ids[a] != nil) != (ids[b] != nil) { return ids[a] != nil }
                let (ca, cb) = (forms[a]?.count ?? 0, forms[b]?.count ?? 0)
                if ca != cb { return ca > cb }
                return a < b
            }[0]
            let keptBy = (forms[kept] ?? []).map { ledgers[$0].id }.sorted()
            let path = "hardware.terminals.group"
            let users = keptBy.isEmpty
                ? LocalizedText(ja: "システム \(kept) のID", en: "the id of system \(kept)")
                : LocalizedText(ja: "「\(kept)」（\(keptBy.joined(separator: "・"))）", en: "'\(kept)' (\(keptBy.joined(separator: ", ")))")
            // The systems that spell it as kept, each at its own group line; or the system it is
            // the id of, at its count (it names no group).
            let keepers = keptBy.isEmpty
                ? ids[kept].map { [(position: $0, path: "hardware.terminals.dedicated")] } ?? []
                : (forms[kept] ?? []).sorted { ledgers[$0].id < ledgers[$1].id }.map { (position: $0, path: path) }
            let ours = keptBy.isEmpty
                ? LocalizedText(ja: "このシステムのID「\(kept)」", en: "this system's id '\(kept)'")
                : LocalizedText(ja: "こちらの「\(kept)」", en: "'\(kept)' here")
            result += otherSpellings(forms, kept: kept, of: ledgers, at: path, code: .terminalGroupSpelling, keepers: keepers, say: { form in
                (LocalizedText(ja: "共用端末グループ「\(form)」は\(users.ja)と大文字・小文字か全角・半角だけが違うため、別のグループとして数えています",
                               en: "terminal group '\(form)' differs from \(users.en) only in case or width, so it is counted as another group"),
                 LocalizedText(ja: "同じ端末を共用しているなら「\(kept)」と同じ綴りにしてください（別の端末なら、違いが分かる名前にします）",
                               en: "spell it '\(kept)' if the terminals are the same (or else give a name that tells them apart)"))
            }, sayToKeepers: { form in
                (LocalizedText(ja: "共用端末グループを「\(form)」と書いた台帳があり、\(ours.ja)と大文字・小文字か全角・半角だけが違うため、別のグループとして数えています",
                               en: "a ledger names terminal group '\(form)', which differs from \(ours.en) only in case or width, so it is counted as another group"),
                 LocalizedText(ja: "同じ端末を共用しているかどうかをご確認ください（共用していれば、先方の台帳で「\(kept)」に揃えます）",
                               en: "please check whether it shares these terminals (if it does, its ledger is to spell it '\(kept)')"))
            })
        }
        return result
    }

    /// A group name as people mean it: full-width letters as ASCII, any case.
    static func folded(_ name: String) -> String { name.nfkcTrimmed.lowercased() }

    /// Department names that differ only in width, case or spaces (`ＩＴ推進課` and `IT推進課`,
    /// `市民 課` and `市民課`) make two departments: two pages, two follow-up files. A warning on
    /// each ledger that spells its department otherwise than most ledgers do, naming that spelling
    /// and its systems.
    static func checkDepartmentSpellings(_ ledgers: [Ledger]) -> [Diagnostic] {
        // By name first: a few hundred names are folded, not a hundred thousand ledgers' (this runs on one core).
        // Keyed by the bytes: names are stored composed, so equal bytes are equal names, and a
        // `String` key normalises every Japanese name again to hash it (most of this rule's time).
        var byName: [Bytes: [Int]] = [:]
        for (position, ledger) in ledgers.enumerated() { byName[Bytes(ledger.department), default: []].append(position) }
        var spellings: [String: [String: [Int]]] = [:]
        // Names equal as text but not as bytes (were they ever not stored composed) are one form.
        for (name, positions) in byName { spellings[departmentKey(name.text), default: [:]][name.text, default: []] += positions }
        var result: [Diagnostic] = []
        for key in spellings.keys.sorted() {
            guard let forms = spellings[key], forms.count > 1 else { continue }
            // The spelling most ledgers use; on a tie the shorter (no spaces, half-width letters), then byte order.
            let kept = forms.keys.sorted { a, b in
                let (ca, cb) = (forms[a]?.count ?? 0, forms[b]?.count ?? 0)
                if ca != cb { return ca > cb }
                if a.utf8.count != b.utf8.count { return a.utf8.count < b.utf8.count }
                return Array(a.utf8).lexicographicallyPrecedes(Array(b.utf8))
            }[0]
            let keptBy = (forms[kept] ?? []).map { ledgers[$0].id }.sorted()
            let shown = keptBy.prefix(3).joined(separator: "・") + (keptBy.count > 3 ? " ほか\(keptBy.count - 3)" : "")
            let path = "basic.department"
            let keepers = (forms[kept] ?? []).sorted { ledgers[$0].id < ledgers[$1].id }.map { (position: $0, path: path) }
            result += otherSpellings(forms, kept: kept, of: ledgers, at: path, code: .departmentSpelling, keepers: keepers, say: { form in
                (LocalizedText(ja: "所管課「\(form)」は「\(kept)」（\(shown)）と全角・半角、大文字・小文字か空白だけが違うため、別の課として扱っています",
                               en: "department '\(form)' differs from '\(kept)' (\(shown)) only in width, case or spaces, so it is another department"),
                 LocalizedText(ja: "同じ課なら「\(kept)」と同じ書き方にしてください", en: "write it '\(kept)' if it is the same department"))
            }, sayToKeepers: { form in
                (LocalizedText(ja: "所管課を「\(form)」と書いた台帳があり、こちらの「\(kept)」と全角・半角、大文字・小文字か空白だけが違うため、別の課として扱っています",
                               en: "a ledger names its department '\(form)', which differs from '\(kept)' here only in width, case or spaces, so it is another department"),
                 LocalizedText(ja: "同じ課かどうかをご確認ください（同じ課なら、先方の台帳で「\(kept)」に揃えます）",
                               en: "please check whether it is the same department (if it is, its ledger is to write '\(kept)')"))
            })
        }
        return result
    }

    /// A warning on each ledger that spells a name as one of `forms` other than `kept` (forms and
    /// their ledgers' positions, the ledgers' order kept), with what `say` makes of the form; and
    /// for each of `keepers` (ledgers that keep the spelling, each with its own line), what
    /// `sayToKeepers` makes of the form.
    static func otherSpellings(_ forms: [String: [Int]], kept: String, of ledgers: [Ledger], at path: String, code: DiagnosticCode,
                               keepers: [(position: Int, path: String)],
                               say: (String) -> (message: LocalizedText, hint: LocalizedText),
                               sayToKeepers: (String) -> (message: LocalizedText, hint: LocalizedText)) -> [Diagnostic] {
        var result: [Diagnostic] = []
        // One keeper a department: its clerk is asked once, not once per system of its own (a
        // department of thousands of systems spelt otherwise by hundreds was millions of questions).
        var departments: Set<String> = []
        let places = keepers.filter { departments.insert(ledgers[$0.position].department).inserted }
            .map { (id: ledgers[$0.position].id, location: ledgers[$0.position].sourceMap.location(of: $0.path), path: $0.path) }
        for (form, positions) in forms.sorted(by: { $0.key < $1.key }) where form != kept {
            let (message, hint) = say(form)
            // One list for every ledger of the form, its words not naming that ledger (the
            // follow-up names it): a copied array shares its storage, so a spelling kept by
            // thousands of ledgers and missed by thousands costs one list, not one per warning.
            let (theirs, theirHint) = sayToKeepers(form)
            let counterparts = places.map { Diagnostic.Counterpart(system: $0.id, at: $0.location, field: $0.path, theirs, hint: theirHint) }
            for position in positions {
                var problem = Diagnostic(.warning, code, at: ledgers[position].sourceMap.location(of: path), field: path, message, hint: hint)
                problem.counterparts = counterparts
                result.append(problem)
            }
        }
        return result
    }

    /// A name hashed and compared by its UTF-8 bytes.
    struct Bytes: Hashable {
        let text: String
        init(_ text: String) { self.text = text }

        static func == (a: Bytes, b: Bytes) -> Bool { a.text.utf8.elementsEqual(b.text.utf8) }

        func hash(into hasher: inout Hasher) {
            var text = text
            text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// A department name with width and case folded and every space taken out.
    static func departmentKey(_ name: String) -> String {
        let folded = folded(name)
        return folded.contains(where: \.isWhitespace) ? String(folded.filter { !$0.isWhitespace }) : folded
    }
}
