import Dispatch
import Foundation
import Synchronization

/// Splits the training step's big loops across the processor's cores: the work is cut into
/// pieces that write disjoint memory (blocks of units, ranges of kernel rows), and each thread
/// takes the next piece when it is free.
///
/// A training step is short (about a fifth of a millisecond), and it asks for work to be shared
/// twice, so waking a sleeping thread each time would cost a large part of it. The workers are
/// therefore kept, and wait for work by spinning briefly before they go to sleep.
enum Parallel {
    /// How many threads share the work: `$TUTOR_THREADS` when set, else the number of cores,
    /// at most 4.
    static let parts: Int = {
        if let text = ProcessInfo.processInfo.environment["TUTOR_THREADS"], let n = Int(text), n >= 1 {
            return min(n, 16)
        }
        return max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    }()

    private static let pool = WorkerPool(workers: parts - 1)

    /// Runs `body(0) … body(count − 1)`, sharing the calls among the calling thread and the
    /// workers, and returns when all have finished. The pieces are handed out one at a time to
    /// whichever thread is free, so a thread on a slower (or busier) core simply does fewer.
    ///
    /// The workers share pointers into the model's buffers, which Swift cannot prove safe; it is
    /// safe because every caller gives each piece its own memory to write, and this call does not
    /// return before all pieces are done.
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if parts <= 1 || count <= 1 {
            for i in 0..<count { body(i) }
            return
        }
        // The workers call `body` through a pointer to it (a borrow, never a copy), so no
        // reference to it outlives this call — as `withoutActuallyEscaping` checks.
        withoutActuallyEscaping(body) { work in
            withUnsafePointer(to: work) { pool.run(count: count, $0) }
        }
    }

    /// Cuts `0 ..< count` into pieces of `size` (the last may be shorter).
    static func pieces(of count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: max(size, 1)).map { $0..<min($0 + max(size, 1), count) }
    }
}

/// Worker threads that wait for a job by spinning (up to 0.5 ms), then sleeping until woken.
///
/// The caller publishes a job by storing it and bumping `generation`; every thread, the caller
/// included, then takes pieces of it by counting `next` up until none are left, and each worker
/// counts itself in `finished` when it is done. A worker about to sleep first says so in its
/// `sleeping` flag, then looks at `generation` once more, so a job published meanwhile is never
/// missed: whichever side clears the flag knows whether a wake-up signal is owed.
private final class WorkerPool: @unchecked Sendable {
    private let generation = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let sleeping: [Flag]
    private let wakeUps: [DispatchSemaphore]
    private let next = Atomic<Int>(0)
    private var job: UnsafePointer<(Int) -> Void>?
    private var pieces = 0
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

    /// Runs `body(0 ..< count)` here and on the workers, each taking the next piece when free.
    func run(count: Int, _ body: UnsafePointer<(Int) -> Void>) {
        turn.lock()
        defer { turn.unlock() }
        job = body
        pieces = count
        next.store(0, ordering: .relaxed)
        finished.store(0, ordering: .relaxed)
        generation.add(1, ordering: .sequentiallyConsistent)
        for index in 0..<sleeping.count where sleeping[index].value.exchange(false, ordering: .sequentiallyConsistent) {
            wakeUps[index].signal()
        }
        takePieces(body)
        var spins = 0
        while finished.load(ordering: .acquiring) < sleeping.count {
            spins += 1
            // A worker that is not running (another program has its core) is waited for by
            // giving up the processor, not by spinning through the time slice.
            if spins < 20_000 { Kernels.pause() } else { sched_yield() }
        }
        job = nil
    }

    /// Runs pieces until none are left.
    private func takePieces(_ body: UnsafePointer<(Int) -> Void>) {
        while true {
            let piece = next.add(1, ordering: .relaxed).oldValue
            guard piece < pieces else { return }
            body.pointee(piece)
        }
    }

    private func work(_ index: Int) {
        Kernels.flushSubnormalsForever()
        var seen = 0
        let clock = ContinuousClock()
        while true {
            // Spin for up to half a millisecond — longer than the gap between two shares of one
            // training step — checking the time every 256 pauses; then sleep until woken.
            var spins = 0
            var deadline = clock.now.advanced(by: .microseconds(500))
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins & 255 != 0 || clock.now < deadline {
                    Kernels.pause()
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
                deadline = clock.now.advanced(by: .microseconds(500))
            }
            seen = generation.load(ordering: .acquiring)
            if let job { takePieces(job) }
            finished.add(1, ordering: .releasing)
        }
    }
}

/// One atomic flag, boxed so that there can be an array of them.
private final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}
