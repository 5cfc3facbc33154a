/// The checklist of the ministry's ten guidelines (指針10 style): the items the inventory can
/// answer, each with its KPI computed from the ledgers, and the items left to people.
public struct KPIChecklist: Sendable {
    public struct KPI: Sendable, Equatable {
        public var count: Int
        public var answered: Int
        public var share: Exact { answered == 0 ? .zero : Exact(Int128(count), Int128(answered)) }
        /// `12/40 = 30.0%`.
        public var text: String { "\(count)/\(answered) = \(share.percentString)%" }
    }

    public struct Item: Sendable {
        public var guideline: Int
        public var question: LocalizedText
        /// Nil for items the ledgers cannot answer (checked by people), and for withheld ones.
        public var kpi: KPI?
        public var kpiLabel: LocalizedText?
        /// The ledgers answer it from a field the public profile hides: the figure is not published.
        public var withheld = false
        /// The question of the ledgers it is answered from; nil for the others.
        public var answers: Question?
    }

    /// The item answered from `question`: pages that quote a figure (the guideline) find it by
    /// what it answers, not by its label's wording.
    public func item(answering question: Question) -> Item? {
        items.first { $0.answers == question }
    }

    public var items: [Item]

    /// The questions the ledgers answer, in the order of `init(ledgers:)`'s tallies.
    public enum Question: Int, CaseIterable, Sendable {
        case cloud, mainframe, notCustomized, package, sla, standardLayout, platform, bcpPlan, drills, offsite, audit, antivirus

        /// The ledger field the question is answered from.
        var source: String {
            switch self {
            case .cloud, .mainframe: "usage.form"
            case .notCustomized: "software.customization"
            case .package: "basic.development"
            case .sla: "vendor.contract.sla"
            case .standardLayout: "software.standard_layout"
            case .platform: "software.platform_compliant"
            case .bcpPlan: "bcp.in_plan"
            case .drills: "bcp.drills"
            case .offsite: "operation.backup.offsite"
            case .audit: "security.audit"
            case .antivirus: "antivirus"
            }
        }
    }

    /// - Parameters:
    ///   - hides: whether the public profile hides a field (`Visibility.hides`): a question
    ///     answered from a hidden field is withheld, as a count of its answers would publish them.
    ///   - completenessLeavesOut: the completeness fields it hides (`Completeness.leavingOut`).
    public init(ledgers: [Ledger], hides: (String) -> Bool = { _ in false }, completenessLeavesOut: Set<String> = []) {
        // One pass over the ledgers, each group read once: the checklist keys two pages, so a
        // rebuild makes it every time (a pass per question: 0.8 % of a one-ledger rebuild's CPU at
        // 10,000 systems; one pass: 0.5 %).
        var tallies = [KPI](repeating: KPI(count: 0, answered: 0), count: Question.allCases.count)
        var filledFields = 0, allFields = 0
        func tally(_ question: Question, _ answer: Bool?) {
            guard let answer else { return }
            tallies[question.rawValue].answered += 1
            if answer { tallies[question.rawValue].count += 1 }
        }
        for ledger in ledgers {
            let form = ledger.usage?.form, software = ledger.software, bcp = ledger.bcp
            tally(.cloud, form.map { $0 == .asp || $0 == .jointCloud })
            tally(.mainframe, form.map { $0 == .mainframe })
            tally(.notCustomized, software?.customization.map { $0 == .none || $0 == .parameter })
            tally(.package, ledger.basic.development.map { $0 == .package || $0 == .packageCustom || $0 == .joint || $0 == .service })
            tally(.sla, ledger.vendor?.contract?.sla)
            tally(.standardLayout, software?.standardLayout)
            tally(.platform, software?.platformCompliant)
            tally(.bcpPlan, bcp?.inPlan)
            tally(.drills, bcp?.drills)
            // Over the systems the no_offsite gap concerns (servers on the premises), so the share
            // and the gap's count are one figure: 39/50 beside 「庁舎外保管なし 9」 did not add up.
            tally(.offsite, ledger.hasServersOnPremises ? ledger.operation?.backup?.offsite : nil)
            tally(.audit, ledger.security?.audit)
            if let antivirus = ledger.antivirus, antivirus.server != nil || antivirus.client != nil {
                tally(.antivirus, antivirus.server != .notInstalled && antivirus.client != .notInstalled)
            }
            let completeness = ledger.completeness.leavingOut(completenessLeavesOut)
            filledFields += completeness.filled
            allFields += completeness.total
        }
        let withheld = Set(Question.allCases.filter { hides($0.source) })
        func kpi(_ question: Question) -> KPI? { withheld.contains(question) ? nil : tallies[question.rawValue] }
        func item(_ guideline: Int, _ ja: String, _ en: String, _ kpiJa: String, _ kpiEn: String, _ question: Question) -> Item {
            let value = kpi(question)
            return Item(guideline: guideline, question: LocalizedText(ja: ja, en: en), kpi: value,
                        kpiLabel: LocalizedText(ja: kpiJa, en: kpiEn), withheld: value == nil, answers: question)
        }
        func manual(_ guideline: Int, _ ja: String, _ en: String) -> Item {
            Item(guideline: guideline, question: LocalizedText(ja: ja, en: en), kpi: nil, kpiLabel: nil)
        }
        items = [
            item(1, "クラウド（ASP・SaaS、自治体クラウド）を活用しているか", "Is the cloud (ASP/SaaS, joint cloud) in use?",
                 "クラウドを利用するシステムの割合", "Systems on the cloud",
                 .cloud),
            manual(1, "自治体クラウドの導入に向けた検討（協議会、導入計画、効果試算）を行っているか",
                   "Is joint cloud adoption being planned (council, plan, estimate)?"),
            item(2, "メインフレームからの移行（オープン化）を進めているか", "Is the move away from mainframes under way?",
                 "メインフレームで動くシステムの割合", "Systems on a mainframe",
                 .mainframe),
            // Guidelines 3, 4, 7 and 8 ask of what no ledger records (a prefecture's support, the
            // cloud group's roles and staff, open data, residents' satisfaction): listed for people
            // to tick, so the list covers all ten.
            manual(3, "（都道府県）域内の市区町村の自治体クラウド導入状況を把握し、支援や調整を行っているか",
                   "(Prefectures) Is the municipalities' joint-cloud uptake tracked and supported?"),
            manual(4, "クラウドグループ内の役割分担と、情報担当職員の育成方針・研修計画を定めているか",
                   "Are the cloud group's roles, and the IT staff's development and training, set out?"),
            item(5, "カスタマイズを最小限に抑えているか（業務をパッケージに合わせる）", "Is customization kept to a minimum?",
                 "ノンカスタマイズ（パラメータ設定のみを含む）のシステムの割合", "Systems not customized (parameters only)",
                 .notCustomized),
            item(5, "パッケージ・サービスを利用しているか", "Are packages and services used?",
                 "パッケージ・共同開発・サービス利用のシステムの割合", "Systems on a package, joint development or service",
                 .package),
            manual(5, "カスタマイズの必要性を庁内で精査する仕組み（Fit & Gap、承認）があるか",
                   "Is every customization reviewed (Fit & Gap, approval)?"),
            item(6, "契約時にSLAを設定しているか", "Is an SLA set at contract?", "SLAを締結しているシステムの割合", "Systems with an SLA",
                 .sla),
            item(6, "次期更新で中間標準レイアウト仕様を活用できるか", "Can the intermediate standard layout be used at renewal?",
                 "中間標準レイアウトでデータを提供できるシステムの割合", "Systems able to export the standard layout",
                 .standardLayout),
            item(6, "地域情報プラットフォームに準拠したシステムを選んでいるか", "Are regional-platform-compliant systems chosen?",
                 "地域情報プラットフォームに準拠したシステムの割合", "Systems compliant with the regional platform",
                 .platform),
            manual(6, "SLAを達成するための管理（SLM）を行っているか", "Is service-level management in place?"),
            manual(7, "オープンデータの方針と庁内ルールを定め、使いやすい形式で公開しているか",
                   "Are there an open-data policy and rules, with data published in usable formats?"),
            manual(8, "住民サービスの指標を定め、住民の満足度を定期的に測っているか",
                   "Are there service indicators for residents, with satisfaction measured regularly?"),
            item(9, "ICT-BCPを策定し、システムを記載しているか", "Does the ICT-BCP cover the systems?",
                 "ICT-BCPに記載のあるシステムの割合", "Systems in the ICT-BCP", .bcpPlan),
            item(9, "ICT-BCPの訓練を実施しているか", "Are ICT-BCP drills held?", "訓練を実施しているシステムの割合", "Systems with drills",
                 .drills),
            item(9, "バックアップを庁舎外に保管しているか", "Are backups kept off site?",
                 "庁舎内にサーバがあるシステムのうち、庁舎外にバックアップを保管しているものの割合",
                 "Systems with servers on the premises that keep backups off site", .offsite),
            item(9, "情報セキュリティ監査を実施しているか", "Are security audits held?", "セキュリティ監査を実施しているシステムの割合",
                 "Systems audited", .audit),
            item(9, "ウイルス対策を導入しているか", "Is antivirus installed?", "ウイルス対策が未導入の箇所がないシステムの割合",
                 "Systems without a missing antivirus",
                 .antivirus),
            manual(9, "情報システム部門から独立したCISO機能を確保しているか", "Is there an independent CISO function?"),
            manual(9, "情報セキュリティポリシーを見直し、研修を実施しているか", "Is the security policy reviewed and trained?"),
            Item(guideline: 10, question: LocalizedText(ja: "システム台帳を最新に保ち、チェックリストで進捗を確認しているか",
                                                        en: "Is the inventory kept current and checked against this list?"),
                 kpi: KPI(count: filledFields, answered: allFields),
                 kpiLabel: LocalizedText(ja: "台帳の記入率（記入済みの必須・推奨項目 ÷ 全項目）", en: "Inventory completeness (filled ÷ all fields)")),
            manual(10, "情報化計画を策定し、進捗を定期的に見直しているか", "Is there an IT plan, reviewed regularly?"),
            manual(10, "チェックリストに基づく改善状況を公開しているか", "Are improvements against this list published?"),
        ]
    }
}
