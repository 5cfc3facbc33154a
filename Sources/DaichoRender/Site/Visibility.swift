import DaichoCore

/// Which fields a build shows: everything (internal profile) or the public profile of ledger-v1.
public struct Visibility: Sendable {
    public enum Profile: String, Sendable, CaseIterable {
        case `internal`, `public`
    }

    /// Field paths left out by the public profile, before `policy.public_hide`.
    public static let publicHidden = [
        "vendor.contact", "network", "antivirus", "security", "operation.backup", "hardware.servers.os",
        "bcp_operator", "bcp_others",
    ]

    public var profile: Profile
    /// Dotted paths without list indexes (`hardware.servers.os`).
    private var hidden: Set<String>

    public init(profile: Profile, policy: Policy) {
        self.profile = profile
        if profile == .public {
            hidden = Set((Self.publicHidden + policy.publicHide).map { $0.replacing("[*]", with: "") })
        } else {
            hidden = []
        }
    }

    /// True when the path or one of its ancestors is hidden.
    public func hides(_ path: String) -> Bool {
        guard !hidden.isEmpty else { return false }
        var current = Substring(path)
        while true {
            if hidden.contains(String(current)) { return true }
            guard let dot = current.lastIndex(of: ".") else { return false }
            current = current[..<dot]
        }
    }

    /// Per-system security and BCP gaps are internal only.
    public func shows(_ gap: GapAnalysis.Code) -> Bool {
        profile == .internal || !gap.isSecurityOrBCP
    }
}
