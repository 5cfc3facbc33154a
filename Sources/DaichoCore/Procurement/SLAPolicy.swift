/// The three SLA grades and the rules that choose one for a system (`policy.sla_grades`).
public struct SLAPolicy: Sendable, Equatable {
    public struct Grade: Sendable, Equatable {
        public var name: String
        /// サービス稼働率 in percent (`99.5`).
        public var availability: Exact
        /// 平均復旧時間 in hours.
        public var recoveryHours: Exact
        /// The grade applies to systems with one of these dependency levels …
        public var dependency: [Dependency]
        /// … or with a disaster task due at one of these targets.
        public var disasterTargets: [DisasterTarget]
    }

    /// In order: the first grade whose rule matches wins; the last is the default.
    public var grades: [Grade]

    public init(grades: [Grade] = SLAPolicy.defaultGrades) {
        self.grades = grades
    }

    public static let defaultGrades = [
        Grade(name: "A", availability: Exact(995, 10), recoveryHours: Exact(3), dependency: [.critical],
              disasterTargets: [.sameDay, .nextDay]),
        Grade(name: "B", availability: Exact(99), recoveryHours: Exact(8), dependency: [.high], disasterTargets: []),
        Grade(name: "C", availability: Exact(98), recoveryHours: Exact(24), dependency: [], disasterTargets: []),
    ]

    /// The grade of a system and the ledger facts that chose it.
    public func grade(for ledger: Ledger) -> (grade: Grade, reasons: [LocalizedText]) {
        let dependency = ledger.usage?.dependency
        let targets = Set((ledger.usage?.disasterTasks ?? []).compactMap(\.target))
        for grade in grades.dropLast() {
            var reasons: [LocalizedText] = []
            if let dependency, grade.dependency.contains(dependency) {
                reasons.append(LocalizedText(ja: "業務の依存度が「\(dependency.token)：\(dependency.label.ja)」",
                                             en: "dependency \(dependency.token) (\(dependency.label.en))"))
            }
            for target in grade.disasterTargets where targets.contains(target) {
                let tasks = (ledger.usage?.disasterTasks ?? []).filter { $0.target == target }.map(\.task)
                reasons.append(LocalizedText(ja: "災害時の業務（\(tasks.joined(separator: "、"))）の目標が「\(target.label.ja)」",
                                             en: "disaster work (\(tasks.joined(separator: ", "))) due \(target.label.en.lowercased())"))
            }
            if !reasons.isEmpty { return (grade, reasons) }
        }
        let fallback = grades.last ?? SLAPolicy.defaultGrades[2]
        let why = dependency.map {
            LocalizedText(ja: "業務の依存度が「\($0.token)：\($0.label.ja)」で、上位の区分に当たらない",
                          en: "dependency \($0.token) (\($0.label.en)) and no higher rule applies")
        } ?? LocalizedText(ja: "業務の依存度が未記入のため既定の区分", en: "dependency not given, so the default grade")
        return (fallback, [why])
    }
}

/// Weights of the RFP's evaluation criteria (`policy.evaluation_weights`), in points out of 100.
public struct EvaluationWeights: Sendable, Equatable {
    public var requirements = 40
    public var serviceLevel = 15
    public var trackRecord = 10
    public var support = 15
    public var lifecycleCost = 20

    public init() {}

    public var total: Int { requirements + serviceLevel + trackRecord + support + lifecycleCost }
}
