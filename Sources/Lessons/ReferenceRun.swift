import TutorLanguage

/// A lesson run quietly with its own solutions, as its author wrote it: the state each exercise
/// starts from. `tutor lesson` puts the learner's session back to it when an exercise begins (and
/// on `skip`), `tutor check` runs each answer on a copy of it, and replaying proves the solutions
/// on it — so an exercise starts from the same state wherever it is taken.
///
/// It runs forward only, each item once: the lesson's commands (a guess's among them), and for
/// each exercise it passes, the exercise's solution — held to ``RunLimits/lesson`` (a lesson file cannot `fit 100000000`),
/// as the answers started from it are (``startingPoint()`` forks the limits with the session).
public final class ReferenceRun {
    public let lesson: Lesson
    private let makeInterpreter: () -> Interpreter
    /// Makes each new interpreter ready (its path policy, its Ctrl-C check) before it runs anything.
    private let prepare: (Interpreter) -> Void
    public private(set) var interpreter: Interpreter
    /// The index in ``Lesson/items`` of the next item to run.
    public private(set) var position = 0

    public init(lesson: Lesson, makeInterpreter: @escaping () -> Interpreter, prepare: @escaping (Interpreter) -> Void = { _ in }) {
        self.lesson = lesson
        self.makeInterpreter = makeInterpreter
        self.prepare = prepare
        interpreter = ReferenceRun.make(makeInterpreter, prepare)
    }

    /// A new interpreter for the lesson: made, held to the lesson's limits, then prepared.
    private static func make(_ makeInterpreter: () -> Interpreter, _ prepare: (Interpreter) -> Void) -> Interpreter {
        let interpreter = makeInterpreter()
        interpreter.limits = .lesson
        prepare(interpreter)
        return interpreter
    }

    /// The session as the lesson has left it at ``position``.
    public var session: Session { interpreter.session }

    /// Runs every item before `end` that has not run yet, all of them inside one `guarded` call
    /// (Ctrl-C means "stop" for the whole rebuild, also between its commands). Returns false
    /// when Ctrl-C stopped a command on the way (the state would be incomplete): the run then
    /// starts afresh, so the next call builds it again from the top. A lesson command that
    /// fails is passed over, as it would be when shown (replaying the lesson is what proves it
    /// has none).
    @discardableResult
    public func advance(to end: Int, guarded: (() -> Void) -> Void = { $0() }) -> Bool {
        if end < position { startAfresh() }
        var interrupted = false
        guarded {
            while !interrupted, position < min(end, lesson.items.count) {
                let statements: [Statement]
                switch lesson.items[position] {
                case .narration, .pause: statements = []
                case .command(let statement): statements = [statement]
                case .exercise(let exercise): statements = exercise.solution
                case .guess(let guess): statements = guess.commands
                }
                for statement in statements where !interrupted {
                    _ = try? interpreter.execute(statement) { _ in }
                    interrupted = interpreter.shouldStop()
                }
                if !interrupted { position += 1 }
            }
        }
        if interrupted {
            startAfresh()
            return false
        }
        return true
    }

    /// Takes `session` as the state at item `index` (it is the reference's state there: the
    /// learner followed the lesson's own path), so that nothing is run twice.
    public func adopt(_ session: Session, at index: Int) {
        interpreter.session.restore(session)
        position = index
    }

    /// A fresh interpreter on a copy of the state at ``position``, with no answer yet: where an
    /// answer to the exercise at ``position`` starts.
    public func startingPoint() -> Interpreter {
        let fresh = interpreter.fork()
        fresh.session.clearAnswer()
        return fresh
    }

    private func startAfresh() {
        interpreter = ReferenceRun.make(makeInterpreter, prepare)
        position = 0
    }
}
