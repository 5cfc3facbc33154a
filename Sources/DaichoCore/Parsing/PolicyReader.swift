/// Reads `policy:` over the defaults, checking each value's range.
struct PolicyReader {
    var map: SourceMap
    var diagnostics: [Diagnostic] = []

    mutating func read(_ value: Value) -> Policy {
        var policy = Policy()
        if let years = value["period_years"]?.integer {
            if check(years >= 1 && years <= 30, "policy.period_years", LocalizedText(ja: "1〜30", en: "1 to 30")) {
                policy.periodYears = years
            }
        }
        if let ratio = value["om_reference_ratio"]?.number,
            check(ratio > .zero, "policy.om_reference_ratio", LocalizedText(ja: "0 より大きい値", en: "above 0")) {
            policy.omReferenceRatio = ratio
        }
        if let ratio = value["om_low_ratio"]?.number,
            check(ratio < policy.omReferenceRatio, "policy.om_low_ratio",
                  LocalizedText(ja: "om_reference_ratio より小さい値", en: "below om_reference_ratio")) {
            policy.omLowRatio = ratio
        }
        if let buckets = value["user_buckets"]?.list?.compactMap(\.integer) {
            if check(buckets.count == 2 && buckets[0] > buckets[1] && buckets[1] >= 1, "policy.user_buckets",
                     LocalizedText(ja: "[全庁的の下限, 中規模の下限] の2つの整数で、1つ目が大きいもの（例: [300, 56]）",
                                   en: "two whole numbers, the first larger (e.g. [300, 56])")) {
                policy.userBuckets = buckets
            }
        }
        if let consolidation = value["consolidation"] {
            if let host = consolidation["host"] { policy.host = size(host, over: policy.host, "policy.consolidation.host") }
            if let server = consolidation["default_server"] {
                policy.defaultServer = size(server, over: policy.defaultServer, "policy.consolidation.default_server")
            }
            if let vcpu = consolidation["vcpu_per_core"]?.number,
                check(vcpu > .zero, "policy.consolidation.vcpu_per_core", LocalizedText(ja: "0 より大きい値", en: "above 0")) {
                policy.vcpuPerCore = vcpu
            }
            if let headroom = consolidation["headroom"]?.number,
                check(headroom < .one, "policy.consolidation.headroom",
                      LocalizedText(ja: "0 以上 1 未満（例: 0.2）", en: "from 0 up to, not including, 1 (e.g. 0.2)")) {
                policy.headroom = headroom
            }
            if let spares = consolidation["spare_hosts"]?.integer { policy.spareHosts = spares }
        }
        if let rate = value["spare_rate"]?.number,
            check(rate <= .one, "policy.spare_rate", LocalizedText(ja: "0 以上 1 以下（例: 0.1）", en: "from 0 to 1 (e.g. 0.1)")) {
            policy.spareRate = rate
        }
        if let grades = value["sla_grades"] {
            for (index, name) in ["A", "B", "C"].enumerated() {
                guard let grade = grades[name] else { continue }
                // A percentage: 0.995 is a fraction written by mistake, which the SLA would print as 1%.
                if let availability = grade["availability"]?.number,
                    check(availability > Exact(1) && availability <= Exact(100), "policy.sla_grades.\(name).availability",
                          LocalizedText(ja: "パーセントの値（例: 99.5）。1 より大きく 100 以下", en: "a percentage (e.g. 99.5), above 1 and at most 100")) {
                    policy.sla.grades[index].availability = availability
                }
                if let hours = grade["recovery_hours"]?.number,
                    check(hours > .zero, "policy.sla_grades.\(name).recovery_hours", LocalizedText(ja: "0 より大きい値", en: "above 0")) {
                    policy.sla.grades[index].recoveryHours = hours
                }
                if let levels = grade["dependency"]?.list {
                    policy.sla.grades[index].dependency = levels.compactMap { $0.enumeration() }
                }
                if let targets = grade["disaster_targets"]?.list {
                    policy.sla.grades[index].disasterTargets = targets.compactMap { $0.enumeration() }
                }
            }
        }
        if let weights = value["evaluation_weights"] {
            var result = policy.evaluationWeights
            for (key, keyPath) in [("requirements", \EvaluationWeights.requirements), ("service_level", \.serviceLevel),
                                   ("track_record", \.trackRecord), ("support", \.support), ("lifecycle_cost", \.lifecycleCost)] {
                if let points = weights[key]?.integer { result[keyPath: keyPath] = points }
            }
            if check(result.total == 100, "policy.evaluation_weights",
                     LocalizedText(ja: "配点の合計を 100 点（今は \(result.total) 点）", en: "points adding up to 100 (now \(result.total))")) {
                policy.evaluationWeights = result
            }
        }
        if let paths = value["public_hide"]?.list {
            for (index, path) in paths.enumerated() {
                guard let path = path.text else { continue }
                // As the build reads it (`Visibility`): any index (`[*]`, `[]`, `[0]`) stands for every item.
                let plain = LedgerSchema.plainPath(path)
                if ["schema", "id", "basic", "basic.name", "basic.department"].contains(plain) {
                    let fieldPath = "policy.public_hide[\(index)]"
                    diagnostics.append(Diagnostic(.error, .outOfRange, at: map.location(of: fieldPath), field: fieldPath,
                        LocalizedText(ja: "「\(path)」は公開版でも隠せません（システムの名称・所管課・IDはページの見出しや一覧、アドレスに使います）",
                                      en: "'\(path)' cannot be hidden (the name, department and id make the pages' titles, lists and addresses)"),
                        hint: LocalizedText(ja: "公開しないシステムは、公開用のプロジェクトから台帳を外してください",
                                            en: "leave systems that must not be published out of the public project")))
                } else if LedgerSchema.field(at: plain) == nil || plain.isEmpty {
                    let fieldPath = "policy.public_hide[\(index)]"
                    let near = Suggestion.nearest(to: plain, among: LedgerSchema.allFields.map(\.path))
                    diagnostics.append(Diagnostic(.error, .unknownFieldPath, at: map.location(of: fieldPath),
                        field: fieldPath,
                        LocalizedText(ja: "「\(path)」という台帳の項目はありません", en: "'\(path)' names no ledger field"),
                        hint: near.map { LocalizedText(ja: "「\($0)」のことですか？", en: "did you mean '\($0)'?") }
                            ?? LocalizedText(ja: "vendor.contact や hardware.servers[*].os のように書いてください",
                                             en: "write paths like vendor.contact or hardware.servers[*].os")))
                } else {
                    policy.publicHide.append(path)
                }
            }
        }
        return policy
    }

    private mutating func size(_ value: Value, over base: Policy.ServerSize, _ path: String) -> Policy.ServerSize {
        var result = base
        for (key, keyPath) in [("cores", \Policy.ServerSize.cores), ("memory_gb", \.memoryGB), ("storage_gb", \.storageGB)] {
            if let number = value[key]?.number,
                check(number > .zero, "\(path).\(key)", LocalizedText(ja: "0 より大きい値", en: "above 0")) {
                result[keyPath: keyPath] = number
            }
        }
        return result
    }

    private mutating func check(_ condition: Bool, _ path: String, _ expected: LocalizedText) -> Bool {
        if !condition {
            diagnostics.append(Diagnostic(.error, .outOfRange, at: map.location(of: path), field: path,
                LocalizedText(ja: "値が範囲外です。\(expected.ja)にしてください", en: "out of range: must be \(expected.en)")))
        }
        return condition
    }
}
