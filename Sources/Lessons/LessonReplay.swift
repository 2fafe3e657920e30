import TutorLanguage

/// Runs lessons without asking anything (`tutor run FILE.lesson`): commands run in order, and at
/// each exercise the solution runs and every `expect` must hold, and so must every further correct
/// answer (`also …`), each from the exercise's starting state — so replaying a lesson proves that
/// its solutions work. A guess shows its question, runs its commands and shows the true value,
/// which must be there: a `reveal` that reads nothing stops the replay at its line. Also the pieces interactive lessons and `tutor check` share: checking an
/// exercise, and the diagnostics that point at lesson lines.
public enum LessonReplay {
    /// Replays the whole lesson on `interpreter`. Throws the first command error (with the lesson
    /// line and caret), for an exercise whose solution (or an `also` answer) leaves a check
    /// failing, a diagnostic at that `expect` line saying what was found and what was wanted, and
    /// for a guess whose `reveal` finds no value, a diagnostic at that line saying why.
    /// Meanwhile the interpreter is held to ``RunLimits/lesson`` (its own limits come back after).
    public static func replay(_ lesson: Lesson, interpreter: Interpreter, emit: (LessonEvent) -> Void) throws(Diagnostic) {
        let limits = interpreter.limits
        interpreter.limits = .lesson
        defer { interpreter.limits = limits }
        emit(.title(lesson.title))
        for item in lesson.items {
            switch item {
            case .narration(let text): emit(.narration(text))
            case .pause: emit(.pause)
            case .command(let statement): try run(statement, in: lesson, interpreter: interpreter, emit: emit)
            case .guess(let guess):
                emit(.guessAsked(guess, asking: false))
                for statement in guess.commands { try run(statement, in: lesson, interpreter: interpreter, emit: emit) }
                let outcome = guess.reveal.outcome(guess: nil, expression: nil, on: interpreter.session)
                if let missing = outcome.missing {
                    let line = lesson.sourceLine(guess.reveal.line)
                    throw Diagnostic("guess `\(guess.name)` reveals `\(guess.reveal.text)`, which its commands leave without a value",
                                     in: line, columns: guess.reveal.columns, suggestion: "found \(missing)")
                }
                emit(.guessRevealed(guess, outcome))
            case .exercise(let exercise):
                emit(.exercise(exercise))
                interpreter.session.clearAnswer()
                interpreter.undoHistory.removeAll()  // as in `tutor lesson`: `undo` stays inside the exercise.
                let start = interpreter.session.journal.count
                for (index, alternative) in exercise.alternatives.enumerated() {
                    let other = interpreter.fork()  // from the same starting state as the solution
                    for statement in alternative { try run(statement, in: lesson, interpreter: other) { _ in } }
                    try requirePass(exercise, on: other.session, since: start, in: lesson, answer: "`also` answer \(index + 1)")
                    emit(.alternativePassed(exercise, number: index + 1))
                }
                emit(.solution(exercise))
                for statement in exercise.solution { try run(statement, in: lesson, interpreter: interpreter, emit: emit) }
                try requirePass(exercise, on: interpreter.session, since: start, in: lesson, answer: "solution") {
                    emit(.expectationPassed($0))
                }
            }
        }
    }

    /// Echoes and runs one command of `lesson`; its errors point at the lesson line. Once the
    /// interpreter's ``Interpreter/shouldStop`` answers true (Ctrl-C), the replay stops here.
    public static func run(_ statement: Statement, in lesson: Lesson, interpreter: Interpreter, emit: (LessonEvent) -> Void) throws(Diagnostic) {
        if interpreter.shouldStop() { throw relocate(Interpreter.stopped(before: statement), of: statement, in: lesson) }
        emit(.output(.echo(SourceLine(text: statement.commandText, number: statement.line.number, file: statement.line.file))))
        do {
            _ = try interpreter.execute(statement) { emit(.output($0)) }
        } catch {
            throw relocate(error, of: statement, in: lesson)
        }
    }

    /// Every expectation of `exercise` with its verdict on `session`, in order; `start` is the
    /// session's journal length when the exercise began.
    public static func check(_ exercise: Exercise, on session: Session, since start: Int) -> [CheckResult] {
        exercise.expectations.map { CheckResult(expectation: $0, verdict: $0.evaluate(on: session, since: start)) }
    }

    /// Throws at the first check of `exercise` that `answer` (the solution, an `also` line) misses.
    private static func requirePass(
        _ exercise: Exercise, on session: Session, since start: Int, in lesson: Lesson, answer: String,
        passed: (Expectation) -> Void = { _ in }
    ) throws(Diagnostic) {
        for result in check(exercise, on: session, since: start) {
            guard case .miss(let miss) = result.verdict else {
                passed(result.expectation)
                continue
            }
            throw failure(of: result.expectation, in: exercise, lesson: lesson, answer: answer, miss: miss)
        }
    }

    /// The checks of `exercise` on the state it starts from, with no answer given. At least one
    /// must fail, or the exercise could be passed by doing nothing.
    public static func emptyAnswer(for exercise: Exercise, in lesson: Lesson, makeInterpreter: @escaping () -> Interpreter) -> [CheckResult] {
        let reference = ReferenceRun(lesson: lesson, makeInterpreter: makeInterpreter)
        let index = lesson.items.firstIndex(of: .exercise(exercise)) ?? lesson.items.count
        reference.advance(to: index)
        let start = reference.startingPoint().session
        return check(exercise, on: start, since: start.journal.count)
    }

    /// The diagnostic for a check the solution does not pass: at the `expect` line, under the check.
    static func failure(of expectation: Expectation, in exercise: Exercise, lesson: Lesson, answer: String, miss: Miss) -> Diagnostic {
        let line = lesson.sourceLine(expectation.line)
        let words = WordScanner.split(line.text)
        let start = words.first?.columns.lowerBound ?? 1
        let end = max(start, words.last?.columns.upperBound ?? start)
        return Diagnostic(
            "the \(answer) of exercise `\(exercise.name)` does not pass `expect \(expectation.text)`", in: line,
            columns: start...end, suggestion: miss.foundAndWanted)
    }

    /// A diagnostic about `statement`'s own line shown with the lesson line as written (a solution's
    /// statement has `solution` blanked out); others (e.g. from a script it ran) unchanged.
    static func relocate(_ diagnostic: Diagnostic, of statement: Statement, in lesson: Lesson) -> Diagnostic {
        guard diagnostic.location.line == statement.line.number, diagnostic.location.file == statement.line.file,
              diagnostic.lineText == statement.line.text else { return diagnostic }
        return Diagnostic(diagnostic.message, in: lesson.sourceLine(statement.line.number), columns: diagnostic.columns,
                          suggestion: diagnostic.suggestion)
    }
}
