/// A server's demand or a host's capacity on the three packed dimensions, in exact numbers.
typealias Resources = Dimensions<Exact>

/// The three packed dimensions in one number type: exact for the plan, whole numbers where the
/// first-fit scan can use them (see `FirstFit`).
struct Dimensions<Number: Comparable & AdditiveArithmetic & Sendable>: Sendable, Equatable {
    var vcpu: Number
    var memory: Number
    var storage: Number

    var dimensions: [Number] { [vcpu, memory, storage] }

    func fits(in free: Dimensions) -> Bool {
        !(free.vcpu < vcpu) && !(free.memory < memory) && !(free.storage < storage)
    }

    /// The smaller of each dimension.
    func minimum(_ other: Dimensions) -> Dimensions {
        Dimensions(vcpu: min(vcpu, other.vcpu), memory: min(memory, other.memory), storage: min(storage, other.storage))
    }

    static func - (lhs: Dimensions, rhs: Dimensions) -> Dimensions {
        Dimensions(vcpu: lhs.vcpu - rhs.vcpu, memory: lhs.memory - rhs.memory, storage: lhs.storage - rhs.storage)
    }

    static func + (lhs: Dimensions, rhs: Dimensions) -> Dimensions {
        Dimensions(vcpu: lhs.vcpu + rhs.vcpu, memory: lhs.memory + rhs.memory, storage: lhs.storage + rhs.storage)
    }
}

/// One candidate for consolidation: its id and what its single server needs.
struct Demand: Sendable {
    var id: String
    var resources: Resources
    var assumed: Bool
}

extension Analyzer {
    /// Capacity of one host after headroom: vCPU = cores × overcommit × (1 − headroom).
    var hostCapacity: Resources {
        let usable = Exact.one - policy.headroom
        return Resources(vcpu: policy.host.cores * policy.vcpuPerCore * usable,
                         memory: policy.host.memoryGB * usable, storage: policy.host.storageGB * usable)
    }

    /// Systems on a dedicated server with exactly one physical server, and what that server needs.
    func demands(_ ledgers: [Ledger]) -> [Demand] {
        ledgers.compactMap { ledger in
            guard ledger.usage?.form == .dedicatedServer, ledger.hardware?.physicalServers == 1,
                let server = ledger.hardware?.servers?.first(where: { $0.isVirtual != true && $0.count == 1 })
            else { return nil }
            let defaults = policy.defaultServer
            return Demand(
                id: ledger.id,
                resources: Resources(vcpu: server.cores.map { Exact($0) } ?? defaults.cores,
                                     memory: server.memoryGB ?? defaults.memoryGB,
                                     storage: server.storageGB ?? defaults.storageGB),
                assumed: server.cores == nil || server.memoryGB == nil || server.storageGB == nil)
        }
    }

    func consolidate(_ ledgers: [Ledger]) -> ConsolidationPlan {
        let physicalBefore = ledgers.reduce(0) { $0 + ($1.hardware?.physicalServers ?? 0) }
        let demands = demands(ledgers)
        let packing = Self.pack(demands, capacity: hostCapacity)
        let placed = packing.hosts.reduce(0) { $0 + $1.count }
        let hostsTotal = packing.hosts.isEmpty ? 0 : packing.hosts.count + policy.spareHosts
        return ConsolidationPlan(
            candidates: demands.map(\.id).sorted(),
            assumed: demands.filter(\.assumed).map(\.id).sorted(),
            unplaceable: packing.unplaceable.sorted(),
            hosts: packing.hosts,
            spareHosts: policy.spareHosts,
            lowerBound: packing.lowerBound,
            physicalBefore: physicalBefore,
            physicalAfter: physicalBefore - placed + hostsTotal)
    }

    /// First-fit decreasing: largest demand ÷ capacity over the three dimensions first, ties by id;
    /// each candidate goes to the first host it fits on (equality fits), else to a new host.
    static func pack(_ demands: [Demand], capacity: Resources)
        -> (hosts: [[String]], unplaceable: [String], lowerBound: Int)
    {
        func size(_ demand: Demand) -> Exact {
            zip(demand.resources.dimensions, capacity.dimensions).map { ($0 / $1) ?? .zero }.max() ?? .zero
        }
        var unplaceable: [String] = []
        var placeable: [(Demand, Exact)] = []
        for demand in demands {
            if demand.resources.fits(in: capacity) {
                placeable.append((demand, size(demand)))
            } else {
                unplaceable.append(demand.id)
            }
        }
        placeable.sort { $0.1 != $1.1 ? $1.1 < $0.1 : $0.0.id < $1.0.id }

        var hosts: [[String]] = []
        for (index, host) in FirstFit.hosts(of: placeable.map(\.0.resources), capacity: capacity).enumerated() {
            if host == hosts.count { hosts.append([]) }
            hosts[host].append(placeable[index].0.id)
        }
        let sum = placeable.reduce(Resources(vcpu: .zero, memory: .zero, storage: .zero)) { $0 + $1.0.resources }
        let lowerBound = zip(sum.dimensions, capacity.dimensions).map { (($0 / $1) ?? .zero).ceiling }.max() ?? 0
        return (hosts, unplaceable, Int(lowerBound))
    }
}

/// Capacities and demands for drawing the plan (the packing itself stays internal).
public struct ResourceFigures: Sendable {
    public var vcpu: Exact
    public var memory: Exact
    public var storage: Exact
}

public struct DemandFigure: Sendable {
    public var id: String
    public var resources: ResourceFigures

    /// The largest share of a host's capacity this demand takes.
    public func share(of capacity: ResourceFigures) -> Exact {
        [(resources.vcpu / capacity.vcpu), (resources.memory / capacity.memory), (resources.storage / capacity.storage)]
            .compactMap { $0 }.max() ?? .zero
    }
}

extension Analyzer {
    public var hostCapacityForDisplay: ResourceFigures {
        let capacity = hostCapacity
        return ResourceFigures(vcpu: capacity.vcpu, memory: capacity.memory, storage: capacity.storage)
    }

    public func demandsForDisplay(_ ledgers: [Ledger]) -> [DemandFigure] {
        demands(ledgers).map {
            DemandFigure(id: $0.id, resources: ResourceFigures(vcpu: $0.resources.vcpu, memory: $0.resources.memory,
                                                               storage: $0.resources.storage))
        }
    }
}
