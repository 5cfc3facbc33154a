extension Analyzer {
    /// One pass, each group read once per system: reading a field copies its whole group out of
    /// the ledger, and a pass per field copied the usage and hardware groups twice over for every
    /// system (a sixtieth of a one-ledger rebuild at 10,000 systems).
    func distributions(_ ledgers: [Ledger]) -> Distributions {
        var servers: [Int: Int] = [:]
        var form = Tally<UsageForm>(), dependency = Tally<Dependency>(), location = Tally<HardwareLocation>()
        var structure = Tally<ManagementStructure>()
        var users = UserBuckets(answered: 0, orgWide: 0, broad: 0, specialized: 0)
        let orgWide = policy.userBuckets.first ?? 300, broad = policy.userBuckets.last ?? 56
        for ledger in ledgers {
            let usage = ledger.usage, hardware = ledger.hardware
            form.add(usage?.form)
            dependency.add(usage?.dependency)
            location.add(hardware?.location)
            structure.add(ledger.management?.structure)
            if let count = hardware?.physicalServers { servers[count, default: 0] += 1 }
            if let count = usage?.users { users.add(count, orgWide: orgWide, broad: broad) }
        }
        return Distributions(
            usageForm: form.distribution(of: ledgers.count), location: location.distribution(of: ledgers.count),
            managementStructure: structure.distribution(of: ledgers.count), dependency: dependency.distribution(of: ledgers.count),
            users: users, servers: servers)
    }

    /// Counts of one enum field's values.
    private struct Tally<E: LedgerEnum> {
        var counts: [E: Int] = [:]
        var answered = 0

        mutating func add(_ value: E?) {
            guard let value else { return }
            counts[value, default: 0] += 1
            answered += 1
        }

        /// Every value in spec order, zeros included, over `total` systems.
        func distribution(of total: Int) -> EnumDistribution {
            EnumDistribution(answered: answered, unanswered: total - answered, counts: E.allCases.map { ($0.token, counts[$0] ?? 0) })
        }
    }
}

extension UserBuckets {
    /// ≥ first bound: org-wide (全庁的); ≥ second: broad; below: specialised (業務特化).
    mutating func add(_ users: Int, orgWide: Int, broad: Int) {
        answered += 1
        if users >= orgWide {
            self.orgWide += 1
        } else if users >= broad {
            self.broad += 1
        } else {
            specialized += 1
        }
    }
}
