import TutorLanguage

/// Runs lessons without asking anything (`tutor run FILE.lesson`): commands run in order, and at
/// each exercise the solution runs and every `expect` must hold — so replaying a lesson proves
/// that its solutions work. Also the building blocks for interactive lessons and `tutor check`:
/// run one command or solution, check an exercise, and rebuild the session just before an exercise.
public enum LessonReplay {
    /// Replays the whole lesson on `interpreter`. Throws the first command error (with the lesson
    /// line and caret) or, for an exercise whose solution leaves a check failing, a diagnostic at
    /// that `expect` line saying what was found and what was wanted.
    @discardableResult
    public static func replay(_ lesson: Lesson, interpreter: Interpreter, emit: (LessonEvent) -> Void) throws(Diagnostic) -> Control {
        emit(.title(lesson.title))
        for item in lesson.items {
            switch item {
            case .narration(let text): emit(.narration(text))
            case .pause: emit(.pause)
            case .command(let statement):
                if try run(statement, in: lesson, interpreter: interpreter, emit: emit) == .quit { return .quit }
            case .exercise(let exercise):
                emit(.exercise(exercise))
                emit(.solution(exercise))
                if try runSolution(exercise, in: lesson, interpreter: interpreter, emit: emit) == .quit { return .quit }
                for result in check(exercise, on: interpreter.session) {
                    guard case .fail(let message) = result.verdict else {
                        emit(.expectationPassed(result.expectation))
                        continue
                    }
                    throw failure(of: result.expectation, in: exercise, lesson: lesson, message: message)
                }
            }
        }
        return .proceed
    }

    /// Echoes and runs one command of `lesson`; its errors point at the lesson line.
    @discardableResult
    public static func run(_ statement: Statement, in lesson: Lesson, interpreter: Interpreter, emit: (LessonEvent) -> Void) throws(Diagnostic) -> Control {
        emit(.output(.echo(SourceLine(text: statement.commandText, number: statement.line.number, file: statement.line.file))))
        do {
            return try interpreter.execute(statement) { emit(.output($0)) }
        } catch {
            throw relocate(error, of: statement, in: lesson)
        }
    }

    /// Runs the commands of an exercise's solution, echoing each.
    @discardableResult
    public static func runSolution(_ exercise: Exercise, in lesson: Lesson, interpreter: Interpreter, emit: (LessonEvent) -> Void) throws(Diagnostic) -> Control {
        for statement in exercise.solution {
            if try run(statement, in: lesson, interpreter: interpreter, emit: emit) == .quit { return .quit }
        }
        return .proceed
    }

    /// Every expectation of `exercise` with its verdict on `session`, in order.
    public static func check(_ exercise: Exercise, on session: Session) -> [CheckResult] {
        exercise.expectations.map { CheckResult(expectation: $0, verdict: $0.evaluate(on: session)) }
    }

    /// A fresh interpreter from `makeInterpreter`, with everything of `lesson` before `exercise`
    /// run silently: its commands and the solutions of the exercises before it. This is the state
    /// a learner's answer starts from (`tutor lesson`, `tutor check`).
    public static func sessionBefore(exercise: Exercise, in lesson: Lesson, makeInterpreter: () -> Interpreter) throws(Diagnostic) -> Interpreter {
        let interpreter = makeInterpreter()
        for item in lesson.items {
            switch item {
            case .narration, .pause: continue
            case .command(let statement): try run(statement, in: lesson, interpreter: interpreter) { _ in }
            case .exercise(let earlier):
                if earlier.name == exercise.name { return interpreter }
                try runSolution(earlier, in: lesson, interpreter: interpreter) { _ in }
            }
        }
        throw Diagnostic("exercise `\(exercise.name)` is not in this lesson", in: lesson.sourceLine(1), columns: 1...1)
    }

    /// The checks of `exercise` on the session just before it, with no answer given. At least one
    /// must fail, or the exercise could be passed by doing nothing.
    public static func emptyAnswer(for exercise: Exercise, in lesson: Lesson, makeInterpreter: () -> Interpreter) throws(Diagnostic) -> [CheckResult] {
        check(exercise, on: try sessionBefore(exercise: exercise, in: lesson, makeInterpreter: makeInterpreter).session)
    }

    /// The diagnostic for a check the solution does not pass: at the `expect` line, under the check.
    static func failure(of expectation: Expectation, in exercise: Exercise, lesson: Lesson, message: String) -> Diagnostic {
        let line = lesson.sourceLine(expectation.line)
        let words = WordScanner.split(line.text)
        let start = words.first?.columns.lowerBound ?? 1
        let end = max(start, words.last?.columns.upperBound ?? start)
        return Diagnostic(
            "the solution of exercise `\(exercise.name)` does not pass `expect \(expectation.text)`", in: line,
            columns: start...end, suggestion: message)
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
