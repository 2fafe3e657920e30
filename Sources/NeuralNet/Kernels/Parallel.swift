import Dispatch
import Foundation
import Synchronization

/// Splits the training step's big loops across the processor's cores: the work is cut into
/// pieces that write disjoint memory (blocks of units, ranges of kernel rows), and each thread
/// takes the next piece when it is free.
///
/// A training step is short (about a sixth of a millisecond), and it asks for work to be shared
/// three times (the first layer's forward product, the side work beside the upper layers, the
/// update), so waking a sleeping thread each time would cost a large part of it. The workers are
/// therefore kept, and wait for work by spinning briefly before they go to sleep.
public enum Parallel {
    /// How many threads share the work: `$TUTOR_THREADS` when set, else the number of cores,
    /// at most 4.
    static let parts: Int = {
        if let text = ProcessInfo.processInfo.environment["TUTOR_THREADS"], let n = Int(text), n >= 1 {
            return min(n, 16)
        }
        return max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
    }()

    fileprivate static let pool = WorkerPool(workers: parts - 1)

    /// Runs `body(0) … body(count − 1)`, sharing the calls among the calling thread and the
    /// workers, and returns when all have finished. The pieces are handed out one at a time to
    /// whichever thread is free — the caller from the first piece on, the workers from the last
    /// one back — so a thread on a slower (or busier) core simply does fewer, and one that is not
    /// running at all does none.
    ///
    /// The workers share pointers into the model's buffers, which Swift cannot prove safe; it is
    /// safe because every caller gives each piece its own memory to write, and this call does not
    /// return before all pieces are done.
    static func forEach(_ count: Int, _ body: (Int) -> Void) {
        if parts <= 1 || count <= 1 || sideBySide.load(ordering: .relaxed) > 0 {
            for i in 0..<count { body(i) }
            return
        }
        // The workers call `body` through a pointer to it (a borrow, never a copy), so no
        // reference to it outlives this call — as `withoutActuallyEscaping` checks.
        withoutActuallyEscaping(body) { work in
            withUnsafePointer(to: work) { job in
                // A ticket holds so many pieces at most: more are shared in rounds.
                for first in stride(from: 0, to: count, by: WorkerPool.maximumPieces) {
                    let round = min(WorkerPool.maximumPieces, count - first)
                    if first == 0 && round == count {
                        pool.run(count: count, job)
                    } else {
                        let shifted: (Int) -> Void = { job.pointee(first + $0) }
                        withUnsafePointer(to: shifted) { pool.run(count: round, $0) }
                    }
                }
            }
        }
    }

    /// Starts `body` on a worker, beside what the calling thread does next, and returns at once;
    /// ``SideWork/finish()`` waits for it. The training step hands a worker the data batch's
    /// by-columns copy and the next batch's loading while the calling thread runs the short
    /// serial part of the step (the upper layers and the loss), when a worker would otherwise
    /// wait. Where no worker can take it (one thread, the workers busy with another thread's
    /// job, the chooser running alone, lessons side by side) `body` runs here before this
    /// returns. Until `finish()` the workers are this side work's: a ``forEach(_:_:)`` of the
    /// calling thread meanwhile finishes the side work first, then shares its pieces as usual;
    /// one of another thread runs its pieces in order on that thread.
    static func beside(_ body: @escaping () -> Void) -> SideWork {
        if parts <= 1 || sideBySide.load(ordering: .relaxed) > 0 {
            body()
            return SideWork(running: false)
        }
        return SideWork(running: pool.start(body))
    }

    /// How many threads compute at once (``parts``), for work that is shared above the level of
    /// one product (`tutor check` runs that many lessons side by side).
    public static var threadCount: Int { parts }

    /// Runs `body` with every thread's work done on that thread alone: for callers that keep the
    /// cores busy themselves, each with work of its own (`tutor check`'s lessons side by side),
    /// where sharing each product as well would only make the threads wait for one another.
    /// The results are the same: the pieces are the same, run in order.
    public static func eachThreadAlone<T>(_ body: () throws -> T) rethrows -> T {
        sideBySide.add(1, ordering: .relaxed)
        defer { sideBySide.subtract(1, ordering: .relaxed) }
        return try body()
    }

    /// How many ``eachThreadAlone(_:)`` calls are running.
    private static let sideBySide = Atomic<Int>(0)

    /// Cuts `0 ..< count` into pieces of `size` (the last may be shorter).
    static func pieces(of count: Int, size: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: max(size, 1)).map { $0..<min($0 + max(size, 1), count) }
    }
}

/// Work ``Parallel/beside(_:)`` started: ``finish()`` returns once it has run.
final class SideWork {
    private var running: Bool

    fileprivate init(running: Bool) { self.running = running }

    /// Waits for the work (running it here if no worker has taken it yet) and lets the workers
    /// go; at once when it has run already. Called on the thread that started it.
    func finish() {
        guard running else { return }
        running = false
        Parallel.pool.finishSideWork()
    }
}

/// Worker threads that wait for a job by spinning (up to 0.5 ms), then sleeping until woken.
///
/// A job is published as one 64-bit ticket: its generation (32 bits) and the pieces not yet
/// taken, `front ..< back` (16 bits each). The caller takes pieces from the front, the workers
/// from the back, each by one compare-and-swap of the ticket — so in a step's two shares the
/// same thread tends to get the same pieces (the same units of the first layer, still in its
/// core's cache), and a thread that comes late finds nothing left and simply waits for the next
/// job: the caller never waits for a worker that is not running, only for a piece a worker has
/// already begun. A piece is run only by the thread whose swap took it, and the caller returns
/// once every piece has been counted in `done`.
///
/// A worker about to sleep first says so in its `sleeping` flag, then looks at the ticket once
/// more, so a job published meanwhile is never missed: whichever side clears the flag knows
/// whether a wake-up signal is owed.
private final class WorkerPool: @unchecked Sendable {
    /// The most pieces one job may have (the ticket keeps `front` and `back` in 16 bits each).
    static let maximumPieces = 0xFFFF

    private let ticket = Atomic<UInt64>(0)
    private let done = Atomic<Int>(0)
    private let sleeping: [Flag]
    private let wakeUps: [DispatchSemaphore]
    /// The job's body; read only by a thread whose swap took a piece, while the piece is not done.
    private var job: UnsafePointer<(Int) -> Void>?
    private var generation: UInt32 = 0
    /// One job at a time: a caller on another thread (`tutor check` runs lessons side by side,
    /// tests run in parallel) that finds the pool busy runs its job alone instead of waiting.
    private let turn = NSLock()
    /// Whether to share the jobs at all (see ``SharingChooser``); read and changed under `turn`.
    private var chooser = SharingChooser()
    private let clock = ContinuousClock()

    init(workers: Int) {
        sleeping = (0..<max(workers, 0)).map { _ in Flag() }
        wakeUps = (0..<max(workers, 0)).map { _ in DispatchSemaphore(value: 0) }
        for index in 0..<max(workers, 0) {
            let thread = Thread { [self] in self.work(index) }
            thread.name = "tutor-worker-\(index + 1)"
            thread.start()
        }
    }

    private static func ticket(generation: UInt32, front: Int, back: Int) -> UInt64 {
        UInt64(generation) << 32 | UInt64(front) << 16 | UInt64(back)
    }

    private static func generation(of ticket: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: ticket >> 32) }

    /// Runs `body(0 ..< count)` here and on the workers (`count` ≤ ``maximumPieces``).
    func run(count: Int, _ body: UnsafePointer<(Int) -> Void>) {
        precondition(count <= Self.maximumPieces, "a job of more pieces than a ticket holds")
        // This thread's own side work holds the workers: it is short, so it is finished first
        // (here, if no worker has taken it), and the job shared as usual.
        if sideWorkOwner.load(ordering: .relaxed) == pthread_self() { finishSideWork() }
        guard turn.try() else {
            // Another thread's job has the workers: this one runs here, its pieces in order.
            for piece in 0..<count { body.pointee(piece) }
            return
        }
        guard chooser.sharing else {
            // Alone: the workers, finding no job, go to sleep and leave their cores to others.
            for piece in 0..<count { body.pointee(piece) }
            release(waited: .zero)
            return
        }
        publish(count: count, body)
        complete(count: count)
    }

    /// The piece ``start(_:)`` hands a worker: one place for it, made once.
    private let sidePiece = UnsafeMutablePointer<(Int) -> Void>.allocate(capacity: 1)
    /// The thread whose side work holds the workers (`pthread_self()`), or 0.
    private let sideWorkOwner = Atomic<UInt>(0)

    /// Hands `body` to a worker as a job of one piece and returns at once, holding the workers
    /// until ``finishSideWork()``: true. When the workers are another thread's, or the chooser
    /// has this thread run alone, `body` runs here before this returns: false.
    func start(_ body: @escaping () -> Void) -> Bool {
        guard turn.try() else {
            body()
            return false
        }
        guard chooser.sharing else {
            body()
            release(waited: .zero)
            return false
        }
        sidePiece.initialize(to: { _ in body() })
        sideWorkOwner.store(pthread_self(), ordering: .relaxed)
        publish(count: 1, sidePiece)
        return true
    }

    /// Returns once the piece ``start(_:)`` handed out has run (here, if no worker took it yet),
    /// and lets the workers go; at once when none is under way. Called by the thread that started it.
    func finishSideWork() {
        guard sideWorkOwner.load(ordering: .relaxed) == pthread_self() else { return }
        sideWorkOwner.store(0, ordering: .relaxed)
        complete(count: 1)
        sidePiece.deinitialize(count: 1)
    }

    /// Takes what is left of the published job of `count` pieces, waits for the pieces the workers
    /// took, and lets the workers go.
    private func complete(count: Int) {
        takePieces(of: generation, fromFront: true)
        let waited = waitForWorkers(count: count)
        job = nil
        release(waited: waited)
    }

    /// Counts the job that just ended for the chooser and gives up the workers.
    private func release(waited: Duration) {
        chooser.jobEnded(at: clock.now, waited: waited)
        turn.unlock()
    }

    /// Publishes a job of `count` pieces and wakes the sleeping workers (under `turn`).
    private func publish(count: Int, _ body: UnsafePointer<(Int) -> Void>) {
        job = body
        done.store(0, ordering: .relaxed)
        generation &+= 1
        ticket.store(Self.ticket(generation: generation, front: 0, back: count), ordering: .sequentiallyConsistent)
        for index in 0..<sleeping.count where sleeping[index].value.exchange(false, ordering: .sequentiallyConsistent) {
            wakeUps[index].signal()
        }
    }

    /// Waits until all `count` pieces of the job are done, once the caller has none left to take,
    /// and returns how long it waited. What is left then is pieces the workers took and have not
    /// finished: how long that takes tells the chooser whether they still have their cores.
    private func waitForWorkers(count: Int) -> Duration {
        guard done.load(ordering: .acquiring) < count else { return .zero }
        let waitStart = clock.now
        var spins = 0
        while done.load(ordering: .acquiring) < count {
            spins += 1
            // A worker that took a piece and lost its core to another program is waited for by
            // giving up the processor, not by spinning through the time slice.
            if spins < 4_000 { Kernels.pause() } else { sched_yield() }
        }
        return clock.now - waitStart
    }

    /// Takes and runs pieces of job `generation` — from the front or from the back — until none
    /// are left (or a newer job has replaced it).
    private func takePieces(of generation: UInt32, fromFront: Bool) {
        var current = ticket.load(ordering: .acquiring)
        while Self.generation(of: current) == generation {
            let front = Int((current >> 16) & 0xFFFF), back = Int(current & 0xFFFF)
            guard front < back else { return }
            let piece = fromFront ? front : back - 1
            let taken = fromFront
                ? Self.ticket(generation: generation, front: front + 1, back: back)
                : Self.ticket(generation: generation, front: front, back: back - 1)
            let (exchanged, seen) = ticket.compareExchange(
                expected: current, desired: taken, successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
            guard exchanged else {
                current = seen
                continue
            }
            if let job { job.pointee(piece) }
            done.add(1, ordering: .releasing)
            current = ticket.load(ordering: .acquiring)
        }
    }

    private func work(_ index: Int) {
        Kernels.flushSubnormalsForever()
        var seen: UInt32 = 0
        let clock = ContinuousClock()
        while true {
            // Spin for up to half a millisecond — longer than the gap between two shares of one
            // training step — checking the time every 256 pauses; then sleep until woken.
            var spins = 0
            var deadline = clock.now.advanced(by: .microseconds(500))
            while Self.generation(of: ticket.load(ordering: .acquiring)) == seen {
                spins += 1
                if spins & 255 != 0 || clock.now < deadline {
                    Kernels.pause()
                    continue
                }
                sleeping[index].value.store(true, ordering: .sequentiallyConsistent)
                if Self.generation(of: ticket.load(ordering: .sequentiallyConsistent)) != seen {
                    // A job arrived while going to sleep: if nobody cleared the flag yet, clear
                    // it; otherwise the publisher did and a signal is on its way — take it.
                    if !sleeping[index].value.exchange(false, ordering: .sequentiallyConsistent) { wakeUps[index].wait() }
                } else {
                    wakeUps[index].wait()
                }
                spins = 0
                deadline = clock.now.advanced(by: .microseconds(500))
            }
            seen = Self.generation(of: ticket.load(ordering: .acquiring))
            takePieces(of: seen, fromFront: false)
        }
    }
}

/// One atomic flag, boxed so that there can be an array of them.
private final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}
