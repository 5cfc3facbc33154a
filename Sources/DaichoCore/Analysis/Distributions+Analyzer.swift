extension Analyzer {
    func distributions(_ ledgers: [Ledger]) -> Distributions {
        var servers: [Int: Int] = [:]
        for ledger in ledgers {
            if let count = ledger.hardware?.physicalServers { servers[count, default: 0] += 1 }
        }
        return Distributions(
            usageForm: distribution(ledgers) { $0.usage?.form },
            location: distribution(ledgers) { $0.hardware?.location },
            managementStructure: distribution(ledgers) { $0.management?.structure },
            dependency: distribution(ledgers) { $0.usage?.dependency },
            users: userBuckets(ledgers),
            servers: servers)
    }

    func distribution<E: LedgerEnum>(_ ledgers: [Ledger], _ field: (Ledger) -> E?) -> EnumDistribution {
        var counts: [E: Int] = [:]
        var answered = 0
        for ledger in ledgers {
            guard let value = field(ledger) else { continue }
            counts[value, default: 0] += 1
            answered += 1
        }
        return EnumDistribution(answered: answered, unanswered: ledgers.count - answered,
                                counts: E.allCases.map { ($0.token, counts[$0] ?? 0) })
    }

    /// ≥ first bound: org-wide (全庁的); ≥ second: broad; below: specialised (業務特化).
    func userBuckets(_ ledgers: [Ledger]) -> UserBuckets {
        var buckets = UserBuckets(answered: 0, orgWide: 0, broad: 0, specialized: 0)
        let orgWide = policy.userBuckets.first ?? 300, broad = policy.userBuckets.last ?? 56
        for ledger in ledgers {
            guard let users = ledger.usage?.users else { continue }
            buckets.answered += 1
            if users >= orgWide {
                buckets.orgWide += 1
            } else if users >= broad {
                buckets.broad += 1
            } else {
                buckets.specialized += 1
            }
        }
        return buckets
    }
}
