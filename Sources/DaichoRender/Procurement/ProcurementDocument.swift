import DaichoCore

/// What the RFI, RFP and SLA templates read: the system's facts from its ledger, its SLA
/// grade and the clauses its gaps call for. Text is raw here; the Markdown templates escape it.
///
/// A class, never changed once made: each lookup of a template asked a struct of sixty fields for
/// one, and the struct was copied (every string retained) on the way.
final class ProcurementDocument: Sendable {
    struct Line: Sendable {
        var label: String
        var value: String
    }

    struct CostLineView: Sendable {
        var name: String
        var kind: String
        var unitPrice: String
        var quantity: String
        var amount: String
    }

    struct IntegrationLine: Sendable {
        var partner: String
        var direction: String
        var method: String
        var timing: String
        var data: String
    }

    struct Reason: Sendable {
        var reason: String
    }

    struct Clauses: Sendable {
        var sla: [Reason]
        var annualReport: [Reason]
        var designDocs: [Reason]
        var costBreakdown: [Reason]
        var noCustomization: [Reason]
        var standardLayout: [Reason]
        var operatorBCP: [Reason]
        var supportBase: [Reason]
        var any: Bool
        /// The labels of the fields left unanswered that would decide a clause (`ProcurementFacts.unanswered`).
        var unanswered: [String]
        var hasUnanswered: Bool { !unanswered.isEmpty }
    }

    struct SLAItem: Sendable {
        var item: String
        var requirement: String
        var basis: String
    }

    struct Weight: Sendable {
        var criterion: String
        var points: Int
    }

    let organization: String
    let fiscalYear: String
    let draftDate: String
    let marker: String
    let id: String
    let name: String
    let department: String
    let category: String
    let development: String
    let product: String
    /// The ledger's own Markdown (rendered safely in HTML); use `{{{purpose}}}`.
    let purpose: String
    let hasPurpose: Bool
    let business: [String]
    let hasBusiness: Bool
    /// The business list in one line (`異動届、住民票の写し`), or the marker.
    let businessText: String
    let form: String
    let location: String
    let configuration: String
    let networks: String
    let integrations: [IntegrationLine]
    let hasIntegrations: Bool
    let inService: String
    let renewal: String
    /// The fiscal year the renewal falls in (`令和10年度（2028年度）`), for the RFP's 件名; the marker without a renewal date.
    let renewalFiscalYear: String
    let structure: String
    let developer: String
    let maintainer: String
    let supportBase: String
    let travelMinutes: String
    let contractKind: String
    let contractEnd: String
    let costs: [Line]
    let costLines: [CostLineView]
    let hasCostLines: Bool
    let lifecycleCost: String
    let operation: [Line]
    let users: String
    let concurrentUsers: String
    let dependency: String
    let disasterTasks: [Line]
    let hasDisasterTasks: Bool
    let isService: Bool
    let grade: String
    let availability: String
    let recoveryHours: String
    /// Said where the ledger's recovery time objective shortens the grade's hours, which
    /// `recoveryHours` then is; empty otherwise.
    let recoveryNote: String
    let gradeReasons: [String]
    let slaItems: [SLAItem]
    let clauses: Clauses
    let weights: [Weight]
    let weightsTotal: Int
    let periodYears: Int
    /// 「1年度目」 to the last year of the period: the columns of the RFI's table of costs by year.
    var periodColumns: [String] { (1...max(periodYears, 1)).map { "\($0)年度目" } }

    init(
        organization: String, fiscalYear: String, draftDate: String, marker: String, id: String, name: String,
        department: String, category: String, development: String, product: String, purpose: String, hasPurpose: Bool,
        business: [String], hasBusiness: Bool, businessText: String, form: String, location: String,
        configuration: String, networks: String, integrations: [IntegrationLine], hasIntegrations: Bool,
        inService: String, renewal: String, renewalFiscalYear: String, structure: String, developer: String, maintainer: String,
        supportBase: String, travelMinutes: String, contractKind: String, contractEnd: String, costs: [Line],
        costLines: [CostLineView], hasCostLines: Bool, lifecycleCost: String, operation: [Line], users: String,
        concurrentUsers: String, dependency: String, disasterTasks: [Line], hasDisasterTasks: Bool, isService: Bool,
        grade: String, availability: String, recoveryHours: String, recoveryNote: String, gradeReasons: [String], slaItems: [SLAItem],
        clauses: Clauses, weights: [Weight], weightsTotal: Int, periodYears: Int
    ) {
        self.organization = organization
        self.fiscalYear = fiscalYear
        self.draftDate = draftDate
        self.marker = marker
        self.id = id
        self.name = name
        self.department = department
        self.category = category
        self.development = development
        self.product = product
        self.purpose = purpose
        self.hasPurpose = hasPurpose
        self.business = business
        self.hasBusiness = hasBusiness
        self.businessText = businessText
        self.form = form
        self.location = location
        self.configuration = configuration
        self.networks = networks
        self.integrations = integrations
        self.hasIntegrations = hasIntegrations
        self.inService = inService
        self.renewal = renewal
        self.renewalFiscalYear = renewalFiscalYear
        self.structure = structure
        self.developer = developer
        self.maintainer = maintainer
        self.supportBase = supportBase
        self.travelMinutes = travelMinutes
        self.contractKind = contractKind
        self.contractEnd = contractEnd
        self.costs = costs
        self.costLines = costLines
        self.hasCostLines = hasCostLines
        self.lifecycleCost = lifecycleCost
        self.operation = operation
        self.users = users
        self.concurrentUsers = concurrentUsers
        self.dependency = dependency
        self.disasterTasks = disasterTasks
        self.hasDisasterTasks = hasDisasterTasks
        self.isService = isService
        self.grade = grade
        self.availability = availability
        self.recoveryHours = recoveryHours
        self.recoveryNote = recoveryNote
        self.gradeReasons = gradeReasons
        self.slaItems = slaItems
        self.clauses = clauses
        self.weights = weights
        self.weightsTotal = weightsTotal
        self.periodYears = periodYears
    }
}

extension SiteContext {
    static let marker = "【要記入】"

    /// The draft date to fill in where `--date` gave none, marked like every other blank.
    static func blankDraftDate(_ language: Language) -> String { language == .ja ? "令和　　年　　月　　日" + marker : "____-__-__" }

    /// 「（A・Bと共用）」 for a terminal group the system shares with others (three named at most,
    /// then 「ほかN」), nothing for one it has alone.
    func sharedTerminals(_ group: String, with id: String) -> String {
        let members = terminalGroupSystems[group] ?? []
        // Three names and a count, not a copy of a group of hundreds for each of its members.
        let others = members.contains(id) ? members.count - 1 : members.count
        guard others > 0 else { return "" }
        let names = members.lazy.filter { $0 != id }.prefix(3).map { self.byID.name($0) ?? $0 }.joined(separator: "・")
        return "（" + names + (others > 3 ? "ほか\(others - 3)システム" : "") + "と共用）"
    }

    func procurementDocument(_ ledger: Ledger) -> ProcurementDocument {
        // The drafts are the municipality's Japanese papers whatever the site's language (see
        // docs/decisions.md): `--lang en` gave 「平均復旧時間 3 hours」.
        let language = Language.ja
        func t(_ ja: String, _ en: String) -> String { ja }
        let marker = Self.marker
        func or(_ value: String?) -> String { value.flatMap { $0.isEmpty ? nil : $0 } ?? marker }
        func label<E: LedgerEnum>(_ value: E?) -> String { value.map { $0.label.text(language) } ?? marker }
        func yen(_ value: Int?) -> String { value.map { YenFormat.yen($0, language) } ?? marker }
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? t("あり", "yes") : t("なし", "no") } ?? marker }
        let facts = ProcurementFacts(ledger: ledger, policy: project.policy)
        let b = ledger.basic, c = ledger.costs, h = ledger.hardware, v = ledger.vendor, o = ledger.operation
        let physical = h?.physicalServers
        let servers = (h?.servers ?? []).map { server in
            let spec = [server.cores.map { "\($0)コア" }, server.memoryGB.map { "メモリ \($0.decimalString(places: 6))GB" },
                        server.storageGB.map { "ディスク \($0.decimalString(places: 6))GB" }].compactMap { $0 }.joined(separator: "・")
            return "\(server.role ?? t("サーバ", "server")) \(server.count)台（\(server.isVirtual == true ? t("仮想", "virtual") : t("物理", "physical"))\(spec.isEmpty ? "" : "、" + spec)）"
        }
        // Each server says whether it is virtual: a count of physical ones only where there are some.
        let serverPart = h?.servers == nil ? marker
            : servers.isEmpty ? t("自前のサーバなし", "No server of its own")
            : ((physical ?? 0) > 0 ? t("物理サーバ \(physical ?? 0) 台：", "\(physical ?? 0) physical servers: ") : "")
                + servers.joined(separator: "、")
        // Dedicated terminals are part of the configuration a vendor quotes for; a group's id
        // means nothing to a vendor, the systems that share the terminals do.
        let terminals = h?.terminals.flatMap { terminals in
            terminals.dedicated.flatMap { count in count == 0 ? nil :
                "専用端末 \(count) 台" + (terminals.group.map { sharedTerminals($0, with: ledger.id) } ?? "")
            }
        }
        let configuration = [serverPart, terminals].compactMap { $0 }.joined(separator: "。")
        let maintenance = maintenanceByID[ledger.id]
        let grade = facts.grade
        func reasons(_ clause: ProcurementFacts.Clause) -> [ProcurementDocument.Reason] {
            facts.clauses[clause].map { [.init(reason: $0.text(language))] } ?? []
        }
        let backup = o?.backup
        let rto = ledger.bcp?.rtoHours, rpo = ledger.bcp?.rpoHours
        let weights = project.policy.evaluationWeights
        // The links this ledger declares, then those only its partners declare (as the system
        // page shows them, from this side): the RFP's integration requirements need both.
        let declared = Set(ledger.integrations.compactMap { if case .system(let id) = $0.target { id } else { nil } })
        let outgoing = ledger.integrations.map { link -> ProcurementDocument.IntegrationLine in
            let partner: String
            switch link.target {
            case .system(let id): partner = byID.name(id) ?? id
            case .external(let name): partner = name
            }
            return .init(partner: partner, direction: link.direction.label.text(language), method: label(link.method),
                         timing: label(link.timing), data: or(link.data))
        }
        let integrations = outgoing + (incoming[ledger.id] ?? []).filter { !declared.contains($0.from) }.map { from, link in
            ProcurementDocument.IntegrationLine(partner: byID.name(from) ?? from, direction: link.direction.mirrored.label.text(language),
                                            method: label(link.method), timing: label(link.timing), data: or(link.data))
        }
        return ProcurementDocument(
            organization: project.organization.name,
            fiscalYear: fiscalYearText ?? marker,
            draftDate: draftDateText ?? Self.blankDraftDate(language),
            marker: marker, id: ledger.id, name: b.name, department: b.department,
            category: label(b.category), development: label(b.development), product: or(b.product),
            // Under the RFI's 「### 2.1」: the ledger's own headings go below it.
            purpose: b.purpose.map { MarkdownRenderer().contained($0, headingsBelow: 3) } ?? "", hasPurpose: b.purpose != nil,
            business: b.business, hasBusiness: !b.business.isEmpty,
            businessText: b.business.isEmpty ? marker : b.business.joined(separator: "、"),
            form: label(ledger.usage?.form), location: label(h?.location), configuration: configuration,
            networks: ledger.network?.segments.map { $0.isEmpty ? marker : $0.map { $0.label.text(language) }.joined(separator: "、") } ?? marker,
            integrations: integrations,
            hasIntegrations: !integrations.isEmpty,
            inService: b.inService?.japanese ?? marker, renewal: b.renewal?.japanese ?? marker,
            renewalFiscalYear: b.renewal.map { LedgerDate.japaneseFiscalYear($0.fiscalYear) } ?? marker,
            structure: label(ledger.management?.structure), developer: or(v?.developer), maintainer: or(v?.maintainer),
            supportBase: or(v?.supportBase), travelMinutes: v?.travelMinutes.map { t("\($0)分", "\($0) min") } ?? marker,
            contractKind: label(v?.contract?.kind), contractEnd: v?.contract?.end?.japanese ?? marker,
            costs: [
                .init(label: t("ハードウェア", "Hardware"), value: yen(c?.hardware)),
                .init(label: t("ソフトウェア", "Software"), value: yen(c?.software)),
                .init(label: t("構築（設計・開発・導入作業）", "Construction"), value: yen(c?.construction)),
                .init(label: t("データ移行", "Data migration"), value: yen(c?.migration)),
                .init(label: t("運用保守経費（年額）", "Maintenance (annual)"), value: yen(c?.maintenance)),
                .init(label: t("サービス利用料・リース料（年額）", "Service and lease (annual)"), value: yen(c?.service)),
                .init(label: t("その他（年額）", "Other (annual)"), value: yen(c?.other)),
            ],
            costLines: (c?.lines ?? []).map {
                .init(name: $0.name, kind: $0.kind.label.text(language), unitPrice: YenFormat.yen($0.unitPrice, language),
                      quantity: $0.quantityText,
                      amount: YenFormat.yen(exactly: $0.amount, language))
            },
            hasCostLines: !(c?.lines ?? []).isEmpty,
            lifecycleCost: maintenance?.lifecycleCost.map { YenFormat.yen($0, language) } ?? marker,
            operation: [
                .init(label: t("サービス時間", "Service hours"), value: or(o?.hours)),
                .init(label: t("運用体制", "Operating structure"), value: label(ledger.management?.structure)),
                .init(label: t("リモート監視", "Remote monitoring"), value: yesNo(ledger.management?.remoteMonitoring)),
                .init(label: t("バックアップ", "Backup"), value: label(backup?.frequency)
                      + (backup?.offsite == true ? t("（庁舎外保管あり）", " (kept off site)") : backup?.offsite == false ? t("（庁舎外保管なし）", " (not off site)") : "")),
                .init(label: t("保管世代数", "Generations"), value: backup?.generations.map { t("\($0)世代", "\($0)") } ?? marker),
                .init(label: t("緊急時対応手順書", "Emergency procedures"), value: yesNo(o?.emergencyManual)),
                .init(label: t("年間保守運用報告書の受領", "Annual report received"), value: yesNo(ledger.management?.annualReport)),
                .init(label: t("設計書・設定資料の受領", "Design documents received"), value: yesNo(ledger.management?.designDocs)),
            ],
            users: ledger.usage?.users.map { t("\(YenFormat.grouped($0))人", "\(YenFormat.grouped($0))") } ?? marker,
            concurrentUsers: ledger.usage?.concurrentUsers.map { t("\(YenFormat.grouped($0))人", "\(YenFormat.grouped($0))") } ?? marker,
            dependency: ledger.usage?.dependency.map { "\($0.token)：\($0.label.text(language))" } ?? marker,
            disasterTasks: (ledger.usage?.disasterTasks ?? []).map {
                .init(label: $0.task, value: ($0.kind.map { $0.label.text(language) } ?? marker) + "・" + ($0.target.map { $0.label.text(language) } ?? marker))
            },
            hasDisasterTasks: !(ledger.usage?.disasterTasks ?? []).isEmpty,
            isService: ledger.basic.development == .service || ledger.usage?.form == .asp || ledger.usage?.form == .jointCloud,
            grade: grade.name, availability: grade.availability.decimalString(places: 6) + "%",
            recoveryHours: facts.recoveryHours.decimalString(places: 6) + t("時間", " hours"),
            recoveryNote: facts.recoveryHours < grade.recoveryHours
                ? "平均復旧時間は、区分\(grade.name)の \(grade.recoveryHours.decimalString(places: 6))時間を台帳の目標復旧時間（RTO）に合わせて短くしています。" : "",
            gradeReasons: facts.gradeReasons.map { $0.text(language) },
            slaItems: slaItems(ledger, grade: grade, recovery: facts.recoveryHours, rto: rto, rpo: rpo),
            clauses: .init(sla: reasons(.sla), annualReport: reasons(.annualReport), designDocs: reasons(.designDocs),
                           costBreakdown: reasons(.costBreakdown), noCustomization: reasons(.noCustomization),
                           standardLayout: reasons(.standardLayout), operatorBCP: reasons(.operatorBCP),
                           supportBase: reasons(.supportBase), any: !facts.clauses.isEmpty,
                           unanswered: facts.unanswered.map { LedgerSchema.qualifiedLabel(at: $0)?.text(language) ?? $0 }),
            weights: [
                .init(criterion: t("要件への適合（機能・非機能）", "Requirement fit"), points: weights.requirements),
                .init(criterion: t("サービスレベル（SLA）", "Service level (SLA)"), points: weights.serviceLevel),
                .init(criterion: t("導入・運用実績", "Track record"), points: weights.trackRecord),
                .init(criterion: t("サポート体制（保守拠点・障害対応）", "Support structure"), points: weights.support),
                .init(criterion: t("ライフサイクルコスト", "Life-cycle cost"), points: weights.lifecycleCost),
            ],
            weightsTotal: weights.total, periodYears: project.policy.periodYears)
    }

    /// The SLA items, each with the requirement for this system and where it came from.
    /// - Parameter recovery: the SLA's mean time to recover (`ProcurementFacts.recoveryHours`).
    func slaItems(_ ledger: Ledger, grade: SLAPolicy.Grade, recovery: Exact, rto: Exact?, rpo: Exact?) -> [ProcurementDocument.SLAItem] {
        // Japanese whatever the site's language, as the rest of the drafts (see `procurementDocument`).
        func t(_ ja: String, _ en: String) -> String { ja }
        let marker = Self.marker
        let gradeBasis = t("区分\(grade.name)", "grade \(grade.name)")
        let backup = ledger.operation?.backup
        func hours(_ value: Exact) -> String { value.decimalString(places: 6) + t("時間", " hours") }
        let backupRow = backupRequirement(backup)
        // A system used on its own PC, off every network: no online status page, no concurrent
        // users to add, no online response to promise (the spec asks for the items the work
        // needs and no more); a figure the ledger gives is still written.
        let standalone = ledger.usage?.form == .standalonePC || ledger.network?.segments == [.standalone]
        var items: [ProcurementDocument.SLAItem] = [
            .init(item: t("サービス時間", "Service hours"), requirement: ledger.operation?.hours ?? marker,
                  basis: ledger.operation?.hours == nil ? t("台帳に記載なし", "not in the ledger") : t("台帳（サービス時間）", "ledger (service hours)")),
            .init(item: t("サービス稼働率", "Availability"), requirement: grade.availability.decimalString(places: 6) + t("%以上", "% or more"),
                  basis: gradeBasis),
            .init(item: t("平均復旧時間", "Mean time to recover"), requirement: hours(recovery) + t("以内", " or less"),
                  basis: rto == nil ? gradeBasis : t("台帳（目標復旧時間 \(hours(rto ?? .zero))）と\(gradeBasis)の短い方",
                                                     "the shorter of the ledger's RTO (\(hours(rto ?? .zero))) and \(gradeBasis)")),
            .init(item: t("目標復旧時点（RPO）", "Recovery point objective"), requirement: rpo.map { hours($0) + t("以内", " or less") } ?? marker,
                  basis: rpo == nil ? t("台帳に記載なし", "not in the ledger") : t("台帳（目標復旧時点）", "ledger (RPO)")),
            .init(item: t("ディザスタリカバリ方法", "Disaster recovery"),
                  requirement: ledger.bcp?.drSite == true ? t("遠隔地のDRサイトへの切替えと、緊急時の対応手順を定める", "switch-over to the remote DR site and emergency procedures")
                      : t("遠隔地へのバックアップ保管と、緊急時の対応手順を定める", "backups kept at a remote site and emergency procedures"),
                  basis: t("台帳（DRサイト: \(ledger.bcp?.drSite.map { $0 ? "あり" : "なし" } ?? "未記入")）", "ledger (DR site)")),
            .init(item: t("障害時に提供するバックアップデータの形式", "Backup data format on failure"),
                  requirement: t("EUCで利用できる形式（CSV等）", "a format usable by end users (CSV etc.)"),
                  basis: t("既定", "default")),
            standalone
                ? .init(item: t("サービス提供状況の確認方法", "Service status reporting"),
                        requirement: t("保守の実施状況を定期報告で示し、電話・メール等でも問い合わせできる", "regular reports, plus phone and email"),
                        basis: t("スタンドアロン端末のため、オンラインでの確認は求めない", "standalone: no online status asked for"))
                : .init(item: t("サービス提供状況の確認方法", "Service status reporting"),
                        requirement: t("オンラインで随時確認でき、電話・メール等でも問い合わせできる", "online at any time, plus phone and email"),
                        basis: t("既定", "default")),
            .init(item: t("カスタマイズ性", "Configurability"),
                  requirement: t("簡易な設定は職員が変更でき、EUCでデータを出力できる", "simple settings changed by staff; data export by end users"),
                  basis: t("既定", "default")),
            .init(item: t("同時接続利用者数", "Concurrent users"),
                  requirement: ledger.usage?.concurrentUsers.map { t("平常時 \(YenFormat.grouped($0))人。増やす場合の手段と手続きを示す", "\(YenFormat.grouped($0)) normally; state how to add more") } ?? marker,
                  basis: ledger.usage?.concurrentUsers == nil ? t("台帳に記載なし", "not in the ledger") : t("台帳（同時接続利用者数）", "ledger (concurrent users)")),
            .init(item: t("データバックアップ方法", "Backup method"),
                  requirement: backupRow.requirement + (backup == nil ? "" : t("（取得するデータの形式を示す）", " (state the data format)")),
                  basis: backup == nil ? t("台帳に記載なし", "not in the ledger")
                      : backupRow.improves ? t("台帳（バックアップ）の現状を改める", "improves on the ledger's backup") : t("台帳（バックアップ）", "ledger (backup)")),
            .init(item: t("バックアップデータの保管期間", "Backup retention"),
                  requirement: backup?.generations.map { t("\($0)世代以上を保管し、保管期間と廃棄方法を定める", "keep \($0) generations or more; define the period and disposal") } ?? marker,
                  basis: backup?.generations == nil ? t("台帳に記載なし", "not in the ledger") : t("台帳（保管世代数）", "ledger (generations)")),
            .init(item: t("オンライン応答時間", "Online response time"), requirement: marker + t("（例: 通常時3秒以内）", " (e.g. 3 s normally)"),
                  basis: t("業務に合わせて記入", "fill in for the work")),
            .init(item: t("バッチ処理時間", "Batch processing time"), requirement: marker, basis: t("業務に合わせて記入", "fill in for the work")),
            // Questions in office hours; faults whenever the service runs (a help desk open round
            // the clock for a system used by five staff would be an excessive requirement).
            .init(item: t("ヘルプデスク", "Help desk"),
                  requirement: ledger.operation?.hours.map { "開庁時間に電話・メールで受け付け、障害の連絡はサービス時間（\($0)）中に受け付ける" }
                      ?? "開庁時間に電話・メールで受け付ける",
                  basis: ledger.operation?.hours == nil ? t("既定（台帳にサービス時間の記載なし）", "default") : t("台帳（サービス時間）", "ledger (service hours)")),
        ]
        if standalone {
            let online = [t("オンライン応答時間", "Online response time")] + (ledger.usage?.concurrentUsers == nil ? [t("同時接続利用者数", "Concurrent users")] : [])
            items.removeAll { online.contains($0.item) }
        }
        return items
    }
}

extension SiteContext {
    /// What the SLA asks of backups: the ledger's practice where it is sound, and where it is not
    /// (none, irregular, nothing kept off site: a gap) what the next contract must provide, not
    /// the current state repeated as the requirement.
    /// - Returns: the requirement, and whether it asks for more than the ledger's practice (the
    ///   row's basis says so).
    func backupRequirement(_ backup: Backup?) -> (requirement: String, improves: Bool) {
        guard let backup else { return (Self.marker, false) }
        var parts: [String] = []
        let scheduled: Bool
        switch backup.frequency {
        case .daily?, .weekly?, .monthly?:
            scheduled = true
            parts.append(backup.frequency?.label.ja ?? "")
        default:
            scheduled = false
            parts.append("定期的に取得する（頻度は業務に合わせて定める）")
        }
        if let media = backup.media, backup.frequency != BackupFrequency.none { parts.append(media) }
        parts.append(backup.offsite == true ? "庁舎外保管" : "庁舎外（遠隔地）に保管する")
        return (parts.joined(separator: "・"), !scheduled || backup.offsite != true)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
