import Dispatch
import Foundation
import Synchronization

/// Splits the training step's big loops across the processor's cores: each of `parts` workers
/// takes one contiguous share of the units (or values), so no two write the same memory.
///
/// A training step is short (about a fifth of a millisecond), and it asks for work to be shared
/// twice, so waking a sleeping thread each time would cost a large part of it. The workers are
/// therefore kept, and wait for work by spinning briefly before they go to sleep.
enum Parallel {
    /// How many shares to cut work into: `$TUTOR_THREADS` when set, else the number of cores,
    /// at most 4.
    static let parts: Int = {
        if let text = ProcessInfo.processInfo.environment["TUTOR_THREADS"], let n = Int(text), n >= 1 {
            return min(n, 16)
        }
        return max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    }()

    private static let pool = WorkerPool(workers: parts - 1)

    /// Runs `body(0) … body(parts − 1)` at once — part 0 on the calling thread — and returns when
    /// all have finished.
    ///
    /// The workers share pointers into the model's buffers, which Swift cannot prove safe; it is
    /// safe because every caller gives each part its own share of memory to write, and this call
    /// does not return before all parts are done.
    static func run(_ parts: Int, _ body: (Int) -> Void) {
        if parts <= 1 {
            body(0)
            return
        }
        precondition(parts == Parallel.parts, "work is shared by 1 or by Parallel.parts workers")
        withoutActuallyEscaping(body) { work in pool.run(parts: parts, work) }
    }

    /// Share `part` of `0 ..< count` cut into `parts` pieces whose edges fall on multiples of 8
    /// (whole vector registers), except the last.
    static func share(_ part: Int, of parts: Int, count: Int) -> Range<Int> {
        let blocks = (count + 7) / 8
        let begin = min(count, (blocks * part / parts) * 8)
        let end = part == parts - 1 ? count : min(count, (blocks * (part + 1) / parts) * 8)
        return begin..<end
    }
}

/// Worker threads that wait for a job by spinning (about 50 µs), then sleeping until woken.
///
/// The caller publishes a job by storing it and bumping `generation`; worker *i* runs part
/// *i + 1* of it and counts itself in `finished`. A worker about to sleep first says so in its
/// `sleeping` flag, then looks at `generation` once more, so a job published meanwhile is never
/// missed: whichever side clears the flag knows whether a wake-up signal is owed.
private final class WorkerPool: @unchecked Sendable {
    private let generation = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let sleeping: [Flag]
    private let wakeUps: [DispatchSemaphore]
    private var job: ((Int) -> Void)?
    private var parts = 0
    /// One job at a time: callers on other threads (tests run in parallel) wait their turn.
    private let turn = NSLock()

    init(workers: Int) {
        sleeping = (0..<max(workers, 0)).map { _ in Flag() }
        wakeUps = (0..<max(workers, 0)).map { _ in DispatchSemaphore(value: 0) }
        for index in 0..<max(workers, 0) {
            let thread = Thread { [self] in self.work(index) }
            thread.name = "tutor-worker-\(index + 1)"
            thread.start()
        }
    }

    /// Runs part 0 here and parts 1… on the workers (one part each).
    func run(parts: Int, _ body: @escaping (Int) -> Void) {
        turn.lock()
        defer { turn.unlock() }
        job = body
        self.parts = parts
        finished.store(0, ordering: .relaxed)
        generation.add(1, ordering: .sequentiallyConsistent)
        for index in 0..<sleeping.count where sleeping[index].value.exchange(false, ordering: .sequentiallyConsistent) {
            wakeUps[index].signal()
        }
        body(0)
        var spins = 0
        while finished.load(ordering: .acquiring) < sleeping.count {
            spins += 1
            // A worker that is not running (another program has its core) is waited for by
            // giving up the processor, not by spinning through the time slice.
            if spins < 2_000 { Kernels.pause() } else { sched_yield() }
        }
        job = nil
    }

    private func work(_ index: Int) {
        var seen = 0
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins < 2_000 {
                    Kernels.pause()
                    continue
                }
                if spins < 4_000 {
                    sched_yield()
                    continue
                }
                sleeping[index].value.store(true, ordering: .sequentiallyConsistent)
                if generation.load(ordering: .sequentiallyConsistent) != seen {
                    // A job arrived while going to sleep: if nobody cleared the flag yet, clear
                    // it; otherwise the publisher did and a signal is on its way — take it.
                    if !sleeping[index].value.exchange(false, ordering: .sequentiallyConsistent) { wakeUps[index].wait() }
                } else {
                    wakeUps[index].wait()
                }
                spins = 0
            }
            seen = generation.load(ordering: .acquiring)
            let part = index + 1
            if part < parts, let job { job(part) }
            finished.add(1, ordering: .releasing)
        }
    }
}

/// One atomic flag, boxed so that there can be an array of them.
private final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}
