import Synchronization

/// Pages and bytes a lane wrote.
typealias Written = (pages: Int, bytes: Int)

/// Work handed out one item at a time to whichever lane asks first.
protocol LaneQueue: Sendable {
    associatedtype Item: Sendable
    func next() -> Item?
    /// Hands out nothing more.
    func stop()
}

enum Lanes {
    /// Adds `count` lanes to `group`. Each makes its worker with `lane` (a lane's own state, such as
    /// its Markdown section cache, lives there) and gives it the next item of `queue` whenever it is
    /// free. A lane whose work fails stops the queue before it throws, so the other lanes stop at
    /// their current item: the group's cancellation reaches them only once the task waiting on the
    /// group gets a thread (under a loaded test run, one lane rendered the whole rest of an inventory).
    static func add<Queue: LaneQueue>(_ count: Int, taking queue: Queue, to group: inout ThrowingTaskGroup<Written, Error>,
                                      lane: @escaping @Sendable () -> @Sendable (Queue.Item) async throws -> Written) {
        for _ in 0..<count {
            group.addTask {
                let work = lane()
                var pages = 0, bytes = 0
                do {
                    while !Task.isCancelled, let item = queue.next() {
                        let done = try await work(item)
                        pages += done.pages
                        bytes += done.bytes
                    }
                    // Stopped for a cancellation (Ctrl+C in `serve`), the work is not done: ending
                    // quietly made a cut-short site look complete, and it was swapped in.
                    try Task.checkCancellation()
                } catch {
                    queue.stop()
                    throw error
                }
                return (pages, bytes)
            }
        }
    }

    /// What all the group's tasks wrote.
    static func total(_ group: inout ThrowingTaskGroup<Written, Error>) async throws -> Written {
        var pages = 0, bytes = 0
        for try await part in group {
            pages += part.pages
            bytes += part.bytes
        }
        return (pages, bytes)
    }
}

/// Jobs handed out one at a time.
final class JobQueue: LaneQueue {
    private let jobs: Mutex<ArraySlice<SiteRenderer.Job>>

    init(_ jobs: [SiteRenderer.Job]) {
        self.jobs = Mutex(jobs[...])
    }

    func next() -> SiteRenderer.Job? { jobs.withLock { $0.popFirst() } }

    func stop() { jobs.withLock { $0 = [] } }
}

/// The indexes of a list, `take` at a time.
final class RangeQueue: LaneQueue {
    private let start = Mutex(0)
    let count: Int
    let take: Int

    init(count: Int, take: Int) {
        self.count = count
        self.take = take
    }

    func next() -> Range<Int>? {
        let start = self.start.withLock { start in
            defer { start += take }
            return start
        }
        return start < count ? start..<min(start + take, count) : nil
    }

    func stop() {
        start.withLock { $0 = count }
    }
}

/// Pages written by all lanes, reported each time the count passes another `every`.
final class Tally: Sendable {
    private let written = Mutex(0)
    let every: Int
    let report: @Sendable (Int) -> Void

    init(every: Int, report: @escaping @Sendable (Int) -> Void) {
        self.every = max(1, every)
        self.report = report
    }

    func add(_ pages: Int) {
        // Reported under the lock, so the counts go out in rising order.
        written.withLock { written in
            let before = written
            written += pages
            if before / every != written / every { report(written) }
        }
    }
}
