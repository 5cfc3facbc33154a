/// Builds the typed `Ledger` from checked values: applies the cost unit,
/// takes absent totals from their cost lines, and counts completeness.
struct LedgerBuilder {
    var decoder: SchemaDecoder

    /// The ledger's fields. Its own diagnostics find places in the decoder's map (the whole tree);
    /// the ledger keeps `sourceMap`, the places rules across ledgers need.
    mutating func build(_ root: ValueGroup, id: String, sourceMap: SourceMap) -> Ledger.Fields {
        let basic = root["basic"]
        var ledger = Ledger.Fields(
            id: id,
            file: decoder.file,
            basic: Basic(
                name: basic?["name"]?.text ?? "",
                department: basic?["department"]?.text?.groupingName ?? "",
                category: basic?["category"]?.enumeration(),
                purpose: basic?["purpose"]?.text,
                business: texts(basic?["business"]),
                development: basic?["development"]?.enumeration(),
                product: basic?["product"]?.text,
                inService: basic?["in_service"]?.date,
                renewal: basic?["renewal"]?.date),
            costs: root["costs"].flatMap(costs),
            management: root["management"].map {
                Management(
                    structure: $0["structure"]?.enumeration(), staffSEWork: $0["staff_se_work"]?.bool,
                    remoteMonitoring: $0["remote_monitoring"]?.bool, annualReport: $0["annual_report"]?.bool,
                    designDocs: $0["design_docs"]?.bool, manualCurrent: $0["manual_current"]?.bool)
            },
            usage: root["usage"].map {
                Usage(
                    users: $0["users"]?.integer, concurrentUsers: $0["concurrent_users"]?.integer,
                    form: $0["form"]?.enumeration(), dependency: $0["dependency"]?.enumeration(),
                    disasterTasks: ($0["disaster_tasks"]?.list ?? []).compactMap { item in
                        item["task"]?.text.map {
                            DisasterTask(task: $0, kind: item["kind"]?.enumeration(), target: item["target"]?.enumeration())
                        }
                    })
            },
            hardware: root["hardware"].map(hardware),
            software: root["software"].map {
                Software(
                    os: texts($0["os"]), middleware: texts($0["middleware"]),
                    customization: $0["customization"]?.enumeration(),
                    customizationItems: $0["customization_items"]?.integer,
                    platformCompliant: $0["platform_compliant"]?.bool, standardLayout: $0["standard_layout"]?.bool,
                    euc: $0["euc"]?.bool)
            },
            operation: root["operation"].map {
                Operation(
                    hours: $0["hours"]?.text,
                    backup: $0["backup"].map {
                        Backup(
                            frequency: $0["frequency"]?.enumeration(), offsite: $0["offsite"]?.bool,
                            generations: $0["generations"]?.integer, media: $0["media"]?.text,
                            application: $0["application"]?.bool)
                    },
                    emergencyManual: $0["emergency_manual"]?.bool)
            },
            network: root["network"].map {
                Network(
                    segments: $0["segments"]?.list.map { $0.compactMap { $0.enumeration() } },
                    remoteMaintenance: $0["remote_maintenance"]?.bool)
            },
            integrations: integrations(root["integrations"]),
            personalData: root["personal_data"].map {
                PersonalData(present: $0["present"]?.bool, mynumber: $0["mynumber"]?.bool,
                             records: $0["records"]?.integer, pia: $0["pia"]?.bool)
            },
            antivirus: root["antivirus"].map {
                Antivirus(server: $0["server"]?.enumeration(), client: $0["client"]?.enumeration(),
                          definitions: $0["definitions"]?.enumeration())
            },
            security: root["security"].map {
                Security(
                    authentication: ($0["authentication"]?.list ?? []).compactMap { $0.enumeration() },
                    accessLog: $0["access_log"]?.bool, encryption: $0["encryption"]?.bool,
                    audit: $0["audit"]?.bool, notes: $0["notes"]?.text)
            },
            vendor: root["vendor"].map {
                Vendor(
                    developer: $0["developer"]?.text?.groupingName, maintainer: $0["maintainer"]?.text?.groupingName,
                    supportBase: $0["support_base"]?.text, travelMinutes: $0["travel_minutes"]?.integer,
                    contract: $0["contract"].map {
                        Contract(kind: $0["kind"]?.enumeration(), start: $0["start"]?.date, end: $0["end"]?.date,
                                 sla: $0["sla"]?.bool)
                    },
                    contact: $0["contact"].map {
                        Contact(name: $0["name"]?.text, phone: $0["phone"]?.text, email: $0["email"]?.text)
                    })
            },
            bcp: root["bcp"].map {
                BCP(inPlan: $0["in_plan"]?.bool, rtoHours: $0["rto_hours"]?.number, rpoHours: $0["rpo_hours"]?.number,
                    drSite: $0["dr_site"]?.bool, drills: $0["drills"]?.bool)
            },
            bcpOperator: root["bcp_operator"].map {
                BCPOperator(agreement: $0["agreement"]?.bool, contents: texts($0["contents"]),
                            responseHours: $0["response_hours"]?.number)
            },
            bcpOthers: (root["bcp_others"]?.list ?? []).compactMap { item in
                item["party"]?.text.map {
                    BCPAgreement(party: $0, agreement: item["agreement"]?.bool, contents: texts(item["contents"]))
                }
            },
            issues: (root["issues"]?.list ?? []).compactMap { item in
                if let text = item.text { return Issue(title: nil, detail: text) }
                guard let title = item["title"]?.text else { return nil }
                return Issue(title: title, detail: item["detail"]?.text ?? "")
            },
            notes: root["notes"]?.text,
            extra: { if case .scalarMap(let entries)? = root["extra"] { entries } else { [] } }(),
            completeness: Completeness(filled: 0, total: 0, missing: []),
            sourceMap: sourceMap)
        reconcileCostLines(&ledger)
        ledger.completeness = completeness()
        return ledger
    }

    private func texts(_ value: Value?) -> [String] {
        (value?.list ?? []).compactMap(\.text)
    }

    /// Nil when no amount is written (`costs: {unit: yen}` alone): costs not entered, which is
    /// no lifecycle cost of 0 and no missing breakdown.
    private func costs(_ value: Value) -> Costs? {
        let unit: CostUnit = value["unit"]?.enumeration() ?? .yen
        func amount(_ group: String, _ key: String) -> Int? {
            value[group]?[key]?.yen.map { $0 * unit.multiplier }
        }
        let costs = Costs(
            unit: unit,
            hardware: amount("initial", "hardware"), software: amount("initial", "software"),
            construction: amount("initial", "construction"), migration: amount("initial", "migration"),
            maintenance: amount("annual", "maintenance"), service: amount("annual", "service"),
            other: amount("annual", "other"),
            lines: (value["lines"]?.list ?? []).compactMap { line in
                guard let name = line["name"]?.text, let kind: CostLineKind = line["kind"]?.enumeration(),
                    let price = line["unit_price"]?.yen, let quantity = line["quantity"]?.number
                else { return nil }
                return CostLine(name: name, kind: kind, unitPrice: price * unit.multiplier, quantity: quantity,
                                unit: line["unit"]?.text)
            })
        let amounts = [costs.hardware, costs.software, costs.construction, costs.migration, costs.maintenance, costs.service, costs.other]
        return costs.lines.isEmpty && amounts.allSatisfy({ $0 == nil }) ? nil : costs
    }

    private func hardware(_ value: Value) -> Hardware {
        Hardware(
            location: value["location"]?.enumeration(),
            seismic: value["seismic"]?.bool,
            ups: value["ups"]?.bool,
            servers: value["servers"]?.list.map { items in
                items.map {
                    Server(
                        role: $0["role"]?.text, count: $0["count"]?.integer ?? 1, isVirtual: $0["virtual"]?.bool,
                        cores: $0["cores"]?.integer, memoryGB: $0["memory_gb"]?.number,
                        storageGB: $0["storage_gb"]?.number, cpuPeakPercent: $0["cpu_peak_pct"]?.number,
                        acquired: $0["acquired"]?.date, os: $0["os"]?.text)
                }
            },
            terminals: value["terminals"].map {
                Terminals(dedicated: $0["dedicated"]?.integer, group: $0["group"]?.text)
            })
    }

    private mutating func integrations(_ value: Value?) -> [Integration] {
        var result: [Integration] = []
        for (index, item) in (value?.list ?? []).enumerated() {
            let path = "integrations[\(index)]"
            let system = item["system"]?.text, external = item["external"]?.text
            let target: Integration.Target
            switch (system, external) {
            case (let system?, nil): target = .system(system)
            case (nil, let external?): target = .external(external)
            default:
                decoder.diagnostics.append(Diagnostic(
                    .error, .integrationTarget, at: decoder.sourceMap.location(of: path), field: path,
                    system == nil
                        ? LocalizedText(ja: "連携先がありません。system か external のどちらかを書いてください",
                                        en: "no target: give either system or external")
                        : LocalizedText(ja: "system と external の両方が書かれています。どちらか一方にしてください",
                                        en: "both system and external are given; keep one"),
                    hint: LocalizedText(ja: "台帳にあるシステムは system: にそのID、台帳外のシステムは external: に名称を書きます",
                                        en: "use system: with a ledger id, or external: with the name of an outside system")))
                continue
            }
            guard let direction: IntegrationDirection = item["direction"]?.enumeration() else { continue }
            result.append(Integration(
                target: target, direction: direction, method: item["method"]?.enumeration(),
                timing: item["timing"]?.enumeration(), data: item["data"]?.text, index: index))
        }
        return result
    }

    /// Lines of a kind must add up to that kind's total; an absent total is taken from its lines.
    private mutating func reconcileCostLines(_ ledger: inout Ledger.Fields) {
        guard var costs = ledger.costs, !costs.lines.isEmpty else { return }
        for kind in CostLineKind.allCases {
            let lines = costs.lines.filter { $0.kind == kind }
            guard !lines.isEmpty else { continue }
            let sum = lines.reduce(Exact.zero) { $0 + $1.amount }
            let path = kind.totalPath
            if let total = costs.total(kind) {
                if sum != Exact(total) {
                    let sumText = sum.isInteger ? YenFormat.grouped(sum.numerator) : sum.decimalString(places: 6)
                    decoder.diagnostics.append(Diagnostic(
                        .warning, .costLinesMismatch, at: decoder.sourceMap.location(of: path), field: path,
                        LocalizedText(
                            ja: "内訳と合計が一致しません（合計 \(YenFormat.grouped(total))円、内訳の計 \(sumText)円）",
                            en: "cost lines do not add up to the total (total ¥\(YenFormat.grouped(total)), lines ¥\(sumText))"),
                        hint: LocalizedText(ja: "集計では合計の金額を使います。内訳か合計を直してください",
                                            en: "the total is used in the analysis; correct the lines or the total")))
                }
            } else if sum.roundedHalfUp <= Int128(SchemaDecoder.maxYen) * 1000 {
                costs.setTotal(kind, Int(sum.roundedHalfUp))
                decoder.filled.insert(path)
            } else {
                decoder.diagnostics.append(Diagnostic(
                    .error, .invalidAmount, at: decoder.sourceMap.location(of: "costs.lines"), field: "costs.lines",
                    LocalizedText(ja: "内訳の合計が大きすぎます", en: "the cost lines add up to an impossible amount"),
                    hint: LocalizedText(ja: "単価と数量を確認してください", en: "check the unit prices and quantities")))
            }
        }
        ledger.costs = costs
    }

    /// Reports missing required (error) and recommended (warning) fields, and counts the filled ones.
    private mutating func completeness() -> Completeness {
        var missing: [String] = []
        for (path, slot) in zip(LedgerSchema.completenessFields, LedgerSchema.completenessSlots)
        where !decoder.filled.contains(slot: slot) {
            missing.append(path)
            guard !decoder.invalid.contains(slot: slot), let spec = LedgerSchema.field(at: path) else { continue }
            let required = spec.requirement == .required
            decoder.diagnostics.append(Diagnostic(
                required ? .error : .warning, required ? .missingRequired : .missingRecommended,
                at: decoder.sourceMap.location(of: path), field: path,
                required
                    ? LocalizedText(ja: "必須項目「\(spec.label.ja)」がありません",
                                    en: "required field '\(spec.label.en)' is missing")
                    : LocalizedText(ja: "推奨項目「\(spec.label.ja)」が未記入です",
                                    en: "recommended field '\(spec.label.en)' is not filled in"),
                hint: Self.missingHint(path, spec)))
        }
        let total = LedgerSchema.completenessFields.count
        return Completeness(filled: total - missing.count, total: total, missing: missing)
    }

    static func missingHint(_ path: String, _ spec: FieldSpec) -> LocalizedText { spec.fillInHint(at: path) }
}
