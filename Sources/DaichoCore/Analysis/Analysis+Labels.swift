extension GapAnalysis.Code {
    public var label: LocalizedText {
        switch self {
        case .noBackup: LocalizedText(ja: "バックアップなし", en: "No backup")
        case .noOffsite: LocalizedText(ja: "庁舎外保管なし", en: "No off-site backup")
        case .notAnchored: LocalizedText(ja: "耐震固定なし", en: "Not anchored")
        case .noAntivirus: LocalizedText(ja: "ウイルス対策未導入", en: "No antivirus")
        case .noEmergencyManual: LocalizedText(ja: "緊急時対応手順書なし", en: "No emergency procedures")
        case .noOperatorAgreement: LocalizedText(ja: "運用事業者とのBCP取り決めなし（依存度1）", en: "No operator BCP agreement (dependency 1)")
        case .noSLA: LocalizedText(ja: "SLA未締結", en: "No SLA")
        case .noAnnualReport: LocalizedText(ja: "年間保守運用報告書なし", en: "No annual report")
        case .noDesignDocs: LocalizedText(ja: "設計書・設定資料なし", en: "No design documents")
        case .staffSEWork: LocalizedText(ja: "職員がSE作業を実施", en: "Staff do engineering work")
        case .noCostBreakdown: LocalizedText(ja: "経費の内訳なし", en: "No cost breakdown")
        case .customized: LocalizedText(ja: "カスタマイズあり（機能追加・ソース改変）", en: "Customized (modules or source)")
        case .noStandardLayout: LocalizedText(ja: "中間標準レイアウト非対応", en: "No standard data layout")
        }
    }
}

extension MaintenanceAnalysis.Flag {
    public var label: LocalizedText {
        switch self {
        case .unknown: LocalizedText(ja: "不明", en: "Unknown")
        case .notApplicable: LocalizedText(ja: "対象外", en: "Not applicable")
        case .none: LocalizedText(ja: "保守費なし", en: "No maintenance")
        case .low: LocalizedText(ja: "低い", en: "Low")
        case .high: LocalizedText(ja: "高い", en: "High")
        case .ok: LocalizedText(ja: "適正", en: "OK")
        }
    }
}
