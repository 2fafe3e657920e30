import Foundation
import Synchronization

/// The lessons of one `tutor check` still to be checked, taken in order by the threads that
/// check them side by side (``Checker/check(_:each:)``).
///
/// `@unchecked Sendable`: the checker and the selection are only read, and the checker's
/// `makeInterpreter` makes a new interpreter on each call (see ``Checker/makeInterpreter``), so
/// no two threads ever touch the same interpreter; the outcomes go through ``OutcomeBoard``.
final class LessonQueue: @unchecked Sendable {
    private let checker: Checker
    private let selection: [CheckSelection]
    private let record: ProgressRecord
    private let board: OutcomeBoard
    private let next = Atomic<Int>(0)

    init(checker: Checker, selection: [CheckSelection], record: ProgressRecord, board: OutcomeBoard) {
        self.checker = checker
        self.selection = selection
        self.record = record
        self.board = board
    }

    /// Takes the next lesson not yet taken and checks it, until every lesson is taken.
    func checkLessonsUntilNoneLeft() {
        while true {
            let lesson = next.add(1, ordering: .relaxed).oldValue
            guard lesson < selection.count else { return }
            var exercise = 0
            checker.check(selection[lesson], record: record) { outcome in
                board.post(outcome, lesson: lesson, exercise: exercise)
                exercise += 1
            }
        }
    }
}

/// Where the threads checking lessons side by side put each outcome, and where the thread that
/// reports them waits for the next one in order.
final class OutcomeBoard: @unchecked Sendable {
    /// For each lesson, its exercises' outcomes so far (nil: not known yet); guarded by `ready`.
    private var outcomes: [[CheckOutcome?]]
    private let ready = NSCondition()

    init(counts: [Int]) {
        outcomes = counts.map { [CheckOutcome?](repeating: nil, count: $0) }
    }

    func post(_ outcome: CheckOutcome, lesson: Int, exercise: Int) {
        ready.lock()
        outcomes[lesson][exercise] = outcome
        ready.broadcast()
        ready.unlock()
    }

    /// The outcome of exercise `exercise` of lesson `lesson`, once it is known.
    func wait(lesson: Int, exercise: Int) -> CheckOutcome {
        ready.lock()
        defer { ready.unlock() }
        while true {
            if let outcome = outcomes[lesson][exercise] { return outcome }
            ready.wait()
        }
    }
}
