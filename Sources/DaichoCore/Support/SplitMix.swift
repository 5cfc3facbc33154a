/// SplitMix64: small, fast, deterministic — the synthetic inventory and every property test
/// draw from it, so a seed gives the same data on every machine.
public struct SplitMix: RandomNumberGenerator, Sendable {
    public var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Random text for property tests: fewer than `limit` scalars, each drawn from `alphabet`.
    public mutating func text(from alphabet: [Unicode.Scalar], lengthBelow limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int(next() % UInt64(limit)) { scalars.append(alphabet[Int(next() % UInt64(alphabet.count))]) }
        return String(scalars)
    }
}
