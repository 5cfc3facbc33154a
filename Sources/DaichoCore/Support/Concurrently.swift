import Dispatch

/// Runs two independent pieces of pure work at the same time and returns both results.
enum Concurrently {
    static func both<A, B>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
        let a = Slot<A>(), b = Slot<B>()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 { a.value = first() } else { b.value = second() }
        }
        // concurrentPerform returns after both ran; the fallbacks only keep this free of traps.
        return (a.value ?? first(), b.value ?? second())
    }

    /// Written by exactly one iteration and read after `concurrentPerform` returns, which orders
    /// the write before the read.
    private final class Slot<T>: @unchecked Sendable {
        var value: T?
    }
}
