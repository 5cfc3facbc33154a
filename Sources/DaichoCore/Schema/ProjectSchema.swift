/// The project file format (`daicho.yaml`), including every policy value.
public enum ProjectSchema {
    static let serverSize: [FieldSpec] = [
        FieldSpec("cores", "CPUコア数", "CPU cores", .optional, .number),
        FieldSpec("memory_gb", "メモリ(GB)", "Memory (GB)", .optional, .number),
        FieldSpec("storage_gb", "ディスク(GB)", "Storage (GB)", .optional, .number),
    ]

    static let slaGrade: [FieldSpec] = [
        FieldSpec("availability", "サービス稼働率(%)", "Availability (%)", .optional, .number, maximum: 100),
        FieldSpec("recovery_hours", "平均復旧時間（時間）", "Mean recovery time (hours)", .optional, .number),
        FieldSpec("dependency", "対象とする依存度", "Dependency levels", .optional, .list(.enumeration(Dependency.spec))),
        FieldSpec("disaster_targets", "対象とする災害時の目標時期", "Disaster targets", .optional,
                  .list(.enumeration(DisasterTarget.spec))),
    ]

    public static let root = FieldSpec("", "プロジェクト設定", "Project file", .required, .group([
        FieldSpec("organization", "団体", "Organisation", .optional, .group([
            FieldSpec("name", "団体名", "Name", .required, .text),
            FieldSpec("code", "全国地方公共団体コード", "Local government code", .recommended, .text),
            FieldSpec("population", "住民基本台帳人口", "Population", .recommended, .integer),
            FieldSpec("fiscal_year", "対象年度", "Fiscal year", .recommended, .integer, note: "西暦4桁で。例: 2026"),
        ])),
        FieldSpec("site", "サイト", "Site", .optional, .group([
            FieldSpec("title", "サイト名", "Title", .optional, .text),
            FieldSpec("base_url", "ベースURL", "Base URL", .optional, .text),
            FieldSpec("lang", "言語", "Language", .optional,
                      .enumeration(EnumSpec([EnumCase("ja", "日本語", "Japanese"), EnumCase("en", "英語", "English")]))),
        ])),
        FieldSpec("policy", "方針", "Policy", .optional, .group([
            FieldSpec("period_years", "利用期間（年）", "Period (years)", .optional, .integer),
            FieldSpec("om_reference_ratio", "運用保守経費の基準割合", "O&M reference ratio", .optional, .number),
            FieldSpec("om_low_ratio", "運用保守経費の下限割合", "O&M low ratio", .optional, .number),
            FieldSpec("user_buckets", "利用者数の区分", "User buckets", .optional, .list(.integer)),
            FieldSpec("consolidation", "サーバ集約", "Server consolidation", .optional, .group([
                FieldSpec("host", "仮想化ホスト", "Virtualization host", .optional, .group(serverSize)),
                FieldSpec("vcpu_per_core", "コアあたりvCPU", "vCPU per core", .optional, .number),
                FieldSpec("headroom", "余裕率", "Headroom", .optional, .number),
                FieldSpec("spare_hosts", "予備ホスト数", "Spare hosts", .optional, .integer),
                FieldSpec("default_server", "既定のサーバ規模", "Default server", .optional, .group(serverSize)),
            ])),
            FieldSpec("spare_rate", "予備機の割合", "Spare rate", .optional, .number),
            FieldSpec("public_hide", "公開版で隠す項目", "Hidden in the public profile", .optional, .list(.text)),
            FieldSpec("sla_grades", "SLAの区分", "SLA grades", .optional, .group([
                FieldSpec("A", "区分A", "Grade A", .optional, .group(slaGrade)),
                FieldSpec("B", "区分B", "Grade B", .optional, .group(slaGrade)),
                FieldSpec("C", "区分C", "Grade C", .optional, .group(slaGrade)),
            ])),
            FieldSpec("evaluation_weights", "提案評価の配点", "Evaluation weights", .optional, .group([
                FieldSpec("requirements", "要件への適合", "Requirement fit", .optional, .integer),
                FieldSpec("service_level", "サービスレベル", "Service level", .optional, .integer),
                FieldSpec("track_record", "導入実績", "Track record", .optional, .integer),
                FieldSpec("support", "サポート体制", "Support", .optional, .integer),
                FieldSpec("lifecycle_cost", "ライフサイクルコスト", "Life-cycle cost", .optional, .integer),
            ])),
        ])),
    ])).numbered()
    static let slots = root.slots()
}
