import DaichoCore

/// The procurement drafts written for every system.
public enum DocumentKind: String, Sendable, CaseIterable {
    case rfi, rfp, sla

    public var title: LocalizedText {
        switch self {
        case .rfi: LocalizedText(ja: "情報提供依頼書（RFI）", en: "Request for information (RFI)")
        case .rfp: LocalizedText(ja: "提案依頼書・調達仕様書（RFP）", en: "Request for proposal (RFP)")
        case .sla: LocalizedText(ja: "サービスレベル合意書（SLA）", en: "Service level agreement (SLA)")
        }
    }

    /// The Markdown template that writes it.
    var template: String { "procurement/\(rawValue)" }
}
