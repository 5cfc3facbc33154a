import Testing
@testable import DaichoCore

struct ConsolidationTests {
    /// Default host: 32 cores × 2 vCPU × 0.8 = 51.2 vCPU, 384 × 0.8 = 307.2 GB memory, 8000 × 0.8 = 6400 GB storage.
    @Test func firstFitDecreasingWorkedByHand() {
        func server(_ spec: String) -> String { "usage: {form: dedicated_server}\nhardware: {servers: [\(spec)]}" }
        let plan = analyze([
            // largest share: max(16/51.2, 128/307.2, 1000/6400) = 0.4167
            ("a", server("{cores: 16, memory_gb: 128, storage_gb: 1000}")),
            // max(32/51.2 = 0.625, …)
            ("b", server("{cores: 32, memory_gb: 64, storage_gb: 500}")),
            // max(…, 200/307.2 = 0.651)
            ("c", server("{cores: 8, memory_gb: 200, storage_gb: 100}")),
            // no specs: default 4 / 16 / 500 → 0.078, and listed as assumed
            ("d", server("{role: AP}")),
            // 7000 GB > 6400: larger than a host
            ("e", server("{cores: 2, memory_gb: 4, storage_gb: 7000}")),
            // 3 physical servers: not a candidate, but counted before
            ("f", server("{count: 3}")),
            // a virtual server only: no physical server
            ("g", server("{virtual: true}")),
            // dedicated server form with two server lines of one each: 2 physical, not a candidate
            ("h", server("{cores: 1}, {cores: 1}")),
            // not a dedicated server
            ("i", "usage: {form: asp}\nhardware: {servers: [{cores: 1}]}"),
        ]).consolidation
        #expect(plan.candidates == ["a", "b", "c", "d", "e"])
        #expect(plan.assumed == ["d"])
        #expect(plan.unplaceable == ["e"])
        // c → host 1 (left 43.2 / 107.2 / 6300); b fits there (left 11.2 / 43.2 / 5800);
        // a needs 16 vCPU > 11.2 → host 2; d (4 / 16 / 500) fits on host 1.
        #expect(plan.hosts == [["c", "b", "d"], ["a"]])
        // Σ vCPU 60 ÷ 51.2 → 2; Σ memory 408 ÷ 307.2 → 2; Σ storage 2100 ÷ 6400 → 1: lower bound 2.
        #expect(plan.lowerBound == 2)
        #expect(plan.hostsUsed == 2 && plan.hostsTotal == 3)
        // before: a b c d e (5) + f (3) + h (2) + i (1) = 11; after: 11 − 4 packed + 3 hosts = 10.
        #expect(plan.physicalBefore == 11)
        #expect(plan.physicalAfter == 10)
    }

    @Test func equalityFitsAndTiesGoById() {
        var policy = Policy()
        policy.host = Policy.ServerSize(cores: Exact(10), memoryGB: Exact(100), storageGB: Exact(100))
        policy.vcpuPerCore = .one
        policy.headroom = .zero
        let server = { (cores: Int) in "usage: {form: dedicated_server}\nhardware: {servers: [{cores: \(cores), memory_gb: 1, storage_gb: 1}]}" }
        let plan = analyze([("z", server(5)), ("y", server(5)), ("x", server(10))], policy: policy).consolidation
        // x fills a host exactly; y and z tie at 0.5 and go by id, together filling the second exactly.
        #expect(plan.hosts == [["x"], ["y", "z"]])
        #expect(plan.lowerBound == 2)
    }

    @Test func noCandidateMeansNoHosts() {
        let plan = analyze([("a", "usage: {form: asp}")]).consolidation
        #expect(plan.hostsUsed == 0 && plan.hostsTotal == 0 && plan.lowerBound == 0)
        #expect(plan.physicalAfter == plan.physicalBefore)
        // Only unplaceable candidates: still no host.
        let huge = analyze([("a", "usage: {form: dedicated_server}\nhardware: {servers: [{cores: 1000}]}")]).consolidation
        #expect(huge.unplaceable == ["a"] && huge.hostsTotal == 0)
    }

    /// Property: for random demands, every host is within capacity on all three dimensions, the hosts
    /// used are at least the lower bound, every candidate is packed exactly once or unplaceable, and
    /// the packing does not depend on the input order.
    @Test func packingInvariants() {
        var random = SplitMix(seed: 17)
        let capacity = Resources(vcpu: Exact(512, 10), memory: Exact(3072, 10), storage: Exact(6400))
        for round in 0..<300 {
            let count = Int(random.next() % 40)
            var demands: [Demand] = []
            for index in 0..<count {
                demands.append(Demand(
                    id: "s\(round)-\(index)",
                    resources: Resources(vcpu: Exact(Int(random.next() % 60) + 1),
                                         memory: Exact(Int(random.next() % 350) + 1, Int(random.next() % 3) + 1),
                                         storage: Exact(Int(random.next() % 7000) + 1)),
                    assumed: false))
            }
            let packing = Analyzer.pack(demands, capacity: capacity)
            let byID = Dictionary(uniqueKeysWithValues: demands.map { ($0.id, $0.resources) })
            for host in packing.hosts {
                let used = host.reduce(Resources(vcpu: .zero, memory: .zero, storage: .zero)) { $0 + byID[$1]! }
                #expect(used.fits(in: capacity))
            }
            #expect(packing.hosts.count >= packing.lowerBound)
            let placed = packing.hosts.flatMap { $0 }
            #expect(Set(placed).count == placed.count)
            #expect(Set(placed).union(packing.unplaceable) == Set(demands.map(\.id)))
            #expect(Set(placed).isDisjoint(with: packing.unplaceable))
            var shuffled = demands
            shuffled.shuffle(using: &random)
            let again = Analyzer.pack(shuffled, capacity: capacity)
            #expect(again.hosts == packing.hosts && again.unplaceable.sorted() == packing.unplaceable.sorted())
        }
    }

    /// Property: skipping the hosts that can take nothing more places every candidate where the
    /// plain first-fit scan (below, as it was) places it, on inventories large enough for many
    /// hosts to fill up, with demands from tiny to whole-host.
    @Test(arguments: [3, 40, 300]) func skippingFullHostsPacksAsThePlainScan(count: Int) {
        var random = SplitMix(seed: UInt64(count))
        let capacity = Resources(vcpu: Exact(512, 10), memory: Exact(3072, 10), storage: Exact(6400))
        for round in 0..<60 {
            let demands = (0..<Int(random.next() % UInt64(count + 1))).map { index in
                // Some rounds draw small demands only, so that hosts fill up on one dimension first.
                let scale = round % 3 == 0 ? 8 : 1
                // Some servers of nothing at all (0 cores, memory, storage), and some with zero
                // on one dimension: they fit anywhere, and must not stop full hosts from closing.
                if round % 4 == 1, random.next() % 5 == 0 {
                    return Demand(id: "s\(round)-\(index)", resources: Resources(vcpu: .zero, memory: .zero, storage: .zero), assumed: false)
                }
                if round % 4 == 2, random.next() % 5 == 0 {
                    return Demand(id: "s\(round)-\(index)", resources: Resources(vcpu: .zero, memory: Exact(Int(random.next() % 40) + 1),
                                                                               storage: .zero), assumed: false)
                }
                return Demand(id: "s\(round)-\(index)",
                              resources: Resources(vcpu: Exact(Int(random.next() % UInt64(52 / scale)) + 1),
                                                   memory: Exact(Int(random.next() % UInt64(320 / scale)) + 1, Int(random.next() % 3) + 1),
                                                   storage: Exact(Int(random.next() % UInt64(7000 / scale)) + 1)),
                              assumed: false)
            }
            let packing = Analyzer.pack(demands, capacity: capacity)
            #expect(packing.hosts == Self.plainFirstFit(demands, capacity: capacity), "round \(round)")
        }
    }

    /// The scan on exact numbers (taken where a dimension's denominators cannot be scaled to `Int`)
    /// places every demand as the scan on scaled integers does, and scaling is refused where it
    /// would overflow or meets a negative value.
    @Test func exactAndIntegerScansAgree() {
        let primes = [1_000_000_007, 998_244_353, 1_000_000_009]
        #expect(FirstFit.IntegerScale(primes.map { Resources(vcpu: Exact(1, $0), memory: .one, storage: .one) }) == nil)
        #expect(FirstFit.IntegerScale([Resources(vcpu: Exact(Int.max / 2), memory: .one, storage: .one),
                                       Resources(vcpu: Exact(1, 3), memory: .one, storage: .one)]) == nil)
        #expect(FirstFit.IntegerScale([Resources(vcpu: Exact(-1), memory: .one, storage: .one)]) == nil)
        #expect(FirstFit.IntegerScale([Resources(vcpu: Exact(1, 5), memory: Exact(3, 2), storage: .one),
                                       Resources(vcpu: .one, memory: Exact(1, 3), storage: Exact(7))])
            .map { [$0.vcpu, $0.memory, $0.storage] } == [5, 6, 1])
        var random = SplitMix(seed: 99)
        let capacity = Resources(vcpu: Exact(512, 10), memory: Exact(3072, 10), storage: Exact(6400))
        for _ in 0..<40 {
            let demands = (0..<Int(random.next() % 200)).map { _ in
                Resources(vcpu: Exact(Int(random.next() % 40) + 1), memory: Exact(Int(random.next() % 300) + 1, Int(random.next() % 4) + 1),
                          storage: Exact(Int(random.next() % 3000) + 1))
            }
            let exact = FirstFit.scan(demands, capacity: capacity)
            #expect(exact == FirstFit.hosts(of: demands, capacity: capacity))
        }
    }

    /// First fit decreasing as `Analyzer.pack` first wrote it: every host scanned for every candidate.
    static func plainFirstFit(_ demands: [Demand], capacity: Resources) -> [[String]] {
        func size(_ demand: Demand) -> Exact {
            zip(demand.resources.dimensions, capacity.dimensions).map { ($0 / $1) ?? .zero }.max() ?? .zero
        }
        let placeable = demands.filter { $0.resources.fits(in: capacity) }.map { ($0, size($0)) }
            .sorted { $0.1 != $1.1 ? $1.1 < $0.1 : $0.0.id < $1.0.id }
        var hosts: [[String]] = []
        var free: [Resources] = []
        for (demand, _) in placeable {
            if let index = free.firstIndex(where: { demand.resources.fits(in: $0) }) {
                hosts[index].append(demand.id)
                free[index] = free[index] - demand.resources
            } else {
                hosts.append([demand.id])
                free.append(capacity - demand.resources)
            }
        }
        return hosts
    }
}
