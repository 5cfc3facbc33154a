/// The first-fit scan of `Analyzer.pack`: each demand, in the order given, goes to the first host
/// with room on all three dimensions (equality fits), else to a new host.
enum FirstFit {
    /// The host of each demand, numbered in the order they are opened. Exact numbers are scanned
    /// as integers when every value of a dimension, times the least common multiple of that
    /// dimension's denominators, fits in an `Int` (scaling a dimension keeps its order and its
    /// differences exact): a comparison is then one instruction, not a call multiplying 128-bit
    /// numbers.
    static func hosts(of demands: [Resources], capacity: Resources) -> [Int] {
        if let scale = IntegerScale(demands + [capacity]), let scaledCapacity = scale.values.last {
            return scan(Array(scale.values.dropLast()), capacity: scaledCapacity)
        }
        return scan(demands, capacity: capacity)
    }

    /// The scan, skipping hosts that can take nothing more. A host is closed once one of its free
    /// dimensions is below the smallest demand still to come on that dimension: no later demand
    /// fits it, so leaving it out of the later scans changes no placement. (At 100,000 systems,
    /// 20,000 demands on 4,000 hosts, the plain scan was two thirds of the analysis.)
    ///
    /// A demand of nothing at all (a server with 0 cores, memory and storage) fits the first host
    /// there is, and is placed there without a scan. It is left out of the smallest demands to
    /// come: counted, it made them zero, so no host ever closed and every later demand scanned
    /// every host (100,000 demands behind one such server took twice as long, with exact values
    /// ten times).
    static func scan<Number>(_ demands: [Dimensions<Number>], capacity: Dimensions<Number>) -> [Int] {
        let nothing = Dimensions<Number>(vcpu: .zero, memory: .zero, storage: .zero)
        var smallest = demands
        var next: Dimensions<Number>?
        for index in demands.indices.reversed() {
            if demands[index] != nothing { next = next.map(demands[index].minimum) ?? demands[index] }
            // Only demands of nothing remain after `index` when `next` is nil; they need no scan.
            smallest[index] = next ?? capacity
        }
        var free: [Dimensions<Number>] = []
        var placed: [Int] = []
        placed.reserveCapacity(demands.count)
        // open[h] leads to the first host at h or after it that is not closed (path-compressed);
        // the last entry stands for a new host.
        var open = [0]
        func firstOpen(from start: Int) -> Int {
            var host = start
            while open[host] != host { host = open[host] }
            var step = start
            while open[step] != host { (open[step], step) = (host, open[step]) }
            return host
        }
        for (index, demand) in demands.enumerated() {
            if demand == nothing, !free.isEmpty {
                placed.append(0)
                continue
            }
            var host = firstOpen(from: 0)
            while host < free.count {
                if !smallest[index].fits(in: free[host]) {
                    open[host] = host + 1
                } else if demand.fits(in: free[host]) {
                    break
                }
                host = firstOpen(from: host + 1)
            }
            if host == free.count {
                free.append(capacity)
                open.append(open.count)
            }
            free[host] = free[host] - demand
            placed.append(host)
        }
        return placed
    }

    /// Exact values scaled to whole numbers: per dimension, the least common multiple of its
    /// denominators, and each value times it. Nil when a multiple or a scaled value leaves `Int`,
    /// or a value is negative (free room then only shrinks, so no difference can leave `Int`
    /// either).
    struct IntegerScale: Equatable {
        let vcpu: Int, memory: Int, storage: Int
        /// The values given, scaled, in their order.
        let values: [Dimensions<Int>]

        init?(_ resources: [Resources]) {
            guard resources.allSatisfy({ !($0.vcpu < .zero) && !($0.memory < .zero) && !($0.storage < .zero) }),
                let vcpu = Self.multiple(resources.map(\.vcpu)), let memory = Self.multiple(resources.map(\.memory)),
                let storage = Self.multiple(resources.map(\.storage))
            else { return nil }
            var values: [Dimensions<Int>] = []
            values.reserveCapacity(resources.count)
            for resource in resources {
                guard let scaledVCPU = Self.scaled(resource.vcpu, vcpu), let scaledMemory = Self.scaled(resource.memory, memory),
                    let scaledStorage = Self.scaled(resource.storage, storage)
                else { return nil }
                values.append(Dimensions(vcpu: scaledVCPU, memory: scaledMemory, storage: scaledStorage))
            }
            (self.vcpu, self.memory, self.storage, self.values) = (vcpu, memory, storage, values)
        }

        private static func multiple(_ values: [Exact]) -> Int? {
            var result = 1
            for value in values {
                guard let denominator = Int(exactly: value.denominator) else { return nil }
                let (product, overflow) = (result / gcd(result, denominator)).multipliedReportingOverflow(by: denominator)
                guard !overflow else { return nil }
                result = product
            }
            return result
        }

        private static func scaled(_ value: Exact, _ multiple: Int) -> Int? {
            guard let numerator = Int(exactly: value.numerator), let denominator = Int(exactly: value.denominator) else { return nil }
            let (product, overflow) = numerator.multipliedReportingOverflow(by: multiple / denominator)
            return overflow ? nil : product
        }

        private static func gcd(_ a: Int, _ b: Int) -> Int {
            var (a, b) = (a, b)
            while b != 0 { (a, b) = (b, a % b) }
            return a
        }
    }
}
