import Synchronization
import Testing
@testable import NeuralNet

/// The worker pool's two ways of sharing work: pieces of one job (`forEach`) and one piece of side
/// work beside the caller's own (`beside`, as the training step hands a worker the data batch's
/// by-columns copy and the next batch's loading).
@Suite struct ParallelTests {
    /// A count that threads can add to.
    final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func add() { value.add(1, ordering: .releasing) }
        var count: Int { value.load(ordering: .acquiring) }
    }

    @Test func forEachRunsEveryPieceOnce() {
        let runs = (0..<100).map { _ in Counter() }
        Parallel.forEach(runs.count) { runs[$0].add() }
        #expect(runs.map(\.count) == [Int](repeating: 1, count: runs.count))
    }

    @Test func besideHasRunOnceWhenFinishReturns() {
        for _ in 0..<200 {
            let runs = Counter()
            let side = Parallel.beside {
                var sum = 0
                for i in 0..<2_000 { sum &+= i }  // long enough for a worker to be seen running it
                if sum > 0 { runs.add() }
            }
            side.finish()
            #expect(runs.count == 1)
            side.finish()  // a second finish waits for nothing and runs nothing again
            #expect(runs.count == 1)
        }
    }

    @Test func theCallersOwnSharedWorkRunsMeanwhile() {
        let side = Counter()
        let pieces = (0..<16).map { _ in Counter() }
        let work = Parallel.beside { side.add() }
        // While the side work holds the workers, the caller's job runs every piece (here, in order).
        Parallel.forEach(pieces.count) { pieces[$0].add() }
        work.finish()
        #expect(side.count == 1)
        #expect(pieces.map(\.count) == [Int](repeating: 1, count: pieces.count))
        // Once it is finished, jobs are shared again as before.
        Parallel.forEach(pieces.count) { pieces[$0].add() }
        #expect(pieces.map(\.count) == [Int](repeating: 2, count: pieces.count))
    }
}
