import Dispatch

/// Runs independent pieces of pure work at the same time and returns their results in order.
///
/// Called inside another of these calls, the inner one gets no more cores: libdispatch gives a
/// nested `concurrentPerform` what the outer one left, on two cores nothing, and runs it one
/// iteration after the other. Work that itself splits this way runs beside a child task instead.
public enum Concurrently {
    /// `body(0)`, …, `body(count - 1)` on all cores, the results in index order.
    public static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let slots = (0..<count).map { _ in Slot<T>() }
        DispatchQueue.concurrentPerform(iterations: count) { index in slots[index].value = body(index) }
        // concurrentPerform returns after every iteration ran; the fallback only keeps this free of traps.
        return slots.indices.map { slots[$0].value ?? body($0) }
    }

    public static func both<A, B>(_ first: @Sendable () -> A, _ second: @Sendable () -> B) -> (A, B) {
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
