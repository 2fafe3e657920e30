import Files
import Foundation
import TextFormat
import TutorLanguage

/// What the learner gave the lesson: a line, the end of input (Ctrl-D, a pipe that ran dry), or
/// Ctrl-C at the prompt.
public enum LessonInput: Equatable, Sendable {
    case line(String)
    case endOfInput
    case interrupted
}

/// What the lesson waits for next; the terminal shows the matching prompt and hands the answer
/// to ``LessonEngine/receive(_:)``.
public enum LessonPrompt: Equatable, Sendable {
    /// "You left off at …. Continue there? [Y/n]"
    case resume(place: String)
    /// Rebuilding the session was interrupted: "Restore it again? [Y/n]"
    case restoreAgain
    /// `---`: Enter goes on.
    case pause
    /// An exercise: commands, `hint`, `skip`, `check`, `quit`.
    case exercise(name: String, number: Int, total: Int)
    /// A guess: a number (plain, grouped or arithmetic), Enter or `skip` for none, `quit`.
    case guess(name: String)
    /// The lesson is over, or the learner left.
    case done
}

/// Takes a learner through one lesson: a state machine with a line in and ``LessonEvent``s out,
/// which the terminal only drives (showing ``prompt``, reading a line) and draws — so every path
/// through a lesson can be tested without a terminal.
///
/// A guess step asks for a number, then runs its commands as the lesson's own and shows the true
/// value beside the guess; the guess is recorded in progress, never graded.
///
/// Each exercise starts from a known state: the lesson's own path up to it (its commands and the
/// solutions of the exercises before it, ``ReferenceRun``), with no answer yet — the state
/// `tutor check` runs the saved answer on. Between exercises the learner's session goes on from
/// their own answer. `skip` puts the exercise's starting state back, then runs the solution.
public final class LessonEngine {
    public let lesson: Lesson
    /// The lesson's file stem (`03-sigmoid-versus-softmax`): its key in the progress file.
    public let stem: String
    /// The learner's interpreter: what they see and type runs here, held to ``RunLimits/lesson``
    /// — the lesson's commands, solutions and what the learner types alike, since an answer
    /// saved here is checked by `tutor check` under the same limits.
    public let learner: Interpreter
    /// Where answers (and, through ``store``, progress) are kept.
    public let workspace: String
    /// False for input from a pipe: pauses do not wait and leaving off is continued without asking.
    public let interactive: Bool
    /// Runs one command, or a whole rebuild of the session, with Ctrl-C meaning "stop" (the
    /// terminal's signal handling, which the interpreter's `shouldStop` reads); plain by default.
    public var guarded: (() -> Void) -> Void = { $0() }
    /// The time a guess is recorded with (tests fix it).
    public var now: () -> Date = { Date() }
    /// Every progress change, as saved.
    public private(set) var record: ProgressRecord
    /// What the lesson waits for.
    public private(set) var prompt: LessonPrompt = .done

    private let store: ProgressStore?
    private let emit: (LessonEvent) -> Void
    private let reference: ReferenceRun
    /// The index in ``Lesson/items`` of the next item (the exercise, while one is taken).
    private var position = 0
    /// Whether the learner's session is the lesson's own path at ``position`` (nothing typed
    /// since it was last put back), so the reference can take it instead of running again.
    private var learnerFollowsLesson = true
    private var attempt: Attempt?
    /// Where a rebuild that was interrupted was going.
    private var restoreTarget = 0
    private var saveFailed = false

    /// An exercise being taken.
    private struct Attempt {
        let exercise: Exercise
        let number: Int
        /// The learner's journal length when the exercise began: checks that say "here" look after it.
        let journalStart: Int
        var answer: [String] = []
        var hintsShown = 0
        var misses = 0
        var lastMiss: String?
    }

    /// - Parameters:
    ///   - store: where progress is saved after every step; nil to keep it in ``record`` only.
    ///   - makeInterpreter: a fresh interpreter on the same data, for the lesson's own path.
    public init(
        lesson: Lesson, stem: String, learner: Interpreter, makeInterpreter: @escaping () -> Interpreter,
        workspace: String, store: ProgressStore?, record: ProgressRecord, interactive: Bool,
        emit: @escaping (LessonEvent) -> Void
    ) {
        self.lesson = lesson
        self.stem = stem
        self.learner = learner
        self.workspace = workspace
        self.store = store
        self.record = record
        self.saved = record
        self.interactive = interactive
        self.emit = emit
        learner.limits = .lesson
        reference = ReferenceRun(lesson: lesson, makeInterpreter: makeInterpreter) { [learner] interpreter in
            interpreter.pathPolicy = learner.pathPolicy
            interpreter.shouldStop = { learner.shouldStop() }
        }
    }

    private var exercises: [Exercise] { lesson.exercises }
    private var progress: LessonProgress {
        get { record.lessons[stem] ?? LessonProgress() }
        set { record.lessons[stem] = newValue }
    }

    // MARK: - Starting

    /// Shows the title and starts the lesson, or offers to continue where the learner left off.
    public func start() {
        emit(.title(lesson.title))
        record.current = stem
        let saved = progress
        if saved.next >= lesson.items.count && saved.next > 0 {
            emit(.note("You finished this lesson before (\(summary(saved))); here it is again from the start."))
        } else if saved.next > 0 {
            let place = describe(position: saved.next)
            guard interactive else {
                emit(.note("You left off \(place); continuing there."))
                return restore(to: saved.next)
            }
            prompt = .resume(place: place)
            return
        }
        position = 0
        setNext(0)
        proceed()
    }

    /// Hands the learner's answer to whatever ``prompt`` asked.
    public func receive(_ input: LessonInput) {
        switch prompt {
        case .done: return
        case .resume, .restoreAgain: answerYesNo(input)
        case .pause: atPause(input)
        case .exercise: atExercise(input)
        case .guess: atGuess(input)
        }
    }

    private func answerYesNo(_ input: LessonInput) {
        guard case .line(let text) = input else { return leave() }
        let word = text.trimmingSpaces().lowercased()
        if Self.isQuit(word) { return leave() }
        if word.hasPrefix("n") {
            guard case .resume = prompt else { return leave() }
            emit(.note("Starting again from the top (your finished exercises stay recorded)."))
            position = 0
            setNext(0)
            return proceed()
        }
        if case .resume = prompt { return restore(to: progress.next) }
        restore(to: restoreTarget)
    }

    /// Rebuilds the session at item `end` quietly — the lesson's own path, as every exercise
    /// starts from — then goes on from there. Ctrl-C on the way leaves no half-built session:
    /// the lesson says so and offers to build it again.
    private func restore(to end: Int) {
        emit(.note("Restoring your session…"))
        guard reference.advance(to: end, guarded: guarded) else {
            restoreTarget = end
            emit(.warning("Restoring was interrupted, so your session is not as the lesson left it."))
            prompt = .restoreAgain
            return
        }
        learner.restart(from: reference.session)
        learnerFollowsLesson = true
        position = end
        proceed()
    }

    // MARK: - Walking the lesson

    /// Shows items from ``position`` on, until one waits for the learner or the lesson ends.
    private func proceed() {
        while position < lesson.items.count {
            switch lesson.items[position] {
            case .narration(let text):
                emit(.narration(text))
            case .command(let statement):
                runLessonCommand(statement)
            case .pause:
                guard interactive else { break }
                setNext(position + 1)
                position += 1
                prompt = .pause
                return
            case .exercise(let exercise):
                return begin(exercise)
            case .guess(let guess):
                emit(.guessAsked(guess, asking: true))
                prompt = .guess(name: guess.name)
                return
            }
            position += 1
            setNext(position)
        }
        finish()
    }

    /// Echoes and runs one of the lesson's own commands (or a solution's) in the learner's
    /// session; false when it failed (its error is shown at the lesson line).
    @discardableResult
    private func runLessonCommand(_ statement: Statement) -> Bool {
        emit(.output(.echo(SourceLine(text: statement.commandText, number: statement.line.number, file: statement.line.file))))
        var succeeded = true
        guarded {
            do throws(Diagnostic) {
                _ = try learner.execute(statement) { emit(.output($0)) }
            } catch {
                emit(.error(LessonReplay.relocate(error, of: statement, in: lesson)))
                succeeded = false
            }
        }
        return succeeded
    }

    private func finish() {
        let finished = progress
        setNext(lesson.items.count)
        prompt = .done
        let answers = finished.count(.done, in: lesson) > 0 ? LessonWorkspace.answerFolder(workspace: workspace, lesson: stem) + "/" : nil
        emit(.finished(title: lesson.title, summary: summary(finished), answers: answers))
    }

    private func atPause(_ input: LessonInput) {
        switch input {
        case .endOfInput: return leave()
        case .interrupted: break
        case .line(let text):
            let word = text.trimmingSpaces().lowercased()
            if Self.isQuit(word) { return leave() }
            if ["hint", "hints", "skip", "check"].contains(word) {
                return emit(.note("There is no exercise here to `\(word == "hints" ? "hint" : word)`: press Enter to go on, or type a command to try it."))
            }
            if !word.isEmpty {
                // A command typed at a pause runs in the learner's session; the pause goes on waiting.
                _ = runTyped(text, number: 1)
                return
            }
        }
        prompt = .done
        proceed()
    }

    // MARK: - Guesses

    /// What a learner is told when their guess is not a number.
    public static let guessUsage = "type a number, such as 0.5, 200,960 or 784*256+256; Enter alone skips the guess"

    private func atGuess(_ input: LessonInput) {
        guard lesson.items.indices.contains(position), case .guess(let guess) = lesson.items[position] else { return }
        let text: String
        switch input {
        case .endOfInput: return leave()
        case .interrupted: return
        case .line(let line): text = line
        }
        let word = text.trimmingSpaces().lowercased()
        if Self.isQuit(word) { return leave() }
        var reading: Arithmetic.Reading?
        if !word.isEmpty && word != "skip" {
            do {
                reading = try Self.readGuess(text)
            } catch {
                return emit(.error(error))
            }
        }
        prompt = .done
        for statement in guess.commands { runLessonCommand(statement) }
        let outcome = guess.reveal.outcome(guess: reading?.value, expression: reading?.expression, on: learner.session)
        emit(.guessRevealed(guess, outcome))
        if let reading {
            var updated = progress
            // Whole seconds, as the progress file writes the time.
            let when = Date(timeIntervalSince1970: now().timeIntervalSince1970.rounded(.down))
            updated.guesses[guess.name] = GuessRecord(guess: reading.value, truth: outcome.truth, when: when)
            progress = updated
        }
        position += 1
        setNext(position)
        proceed()
    }

    /// The number in a line typed as a guess: plain (`0.5`), grouped as tutor prints it (`200,960`)
    /// or arithmetic (`784*256+256`), read as `answer` reads its number, and nothing after it.
    public static func readGuess(_ text: String) throws(Diagnostic) -> Arithmetic.Reading {
        let line = SourceLine(text: text, number: 1, file: nil)
        let words = WordScanner.split(text)
        guard let first = words.first, let last = words.last else {
            throw Diagnostic("expected a number", in: line, columns: 1...1, suggestion: guessUsage)
        }
        guard Arithmetic.mayBegin(first.text) else {
            throw Diagnostic("expected a number, found `\(first.text)`", in: line, columns: first.columns, suggestion: guessUsage)
        }
        let reading: Arithmetic.Reading
        do {
            reading = try Arithmetic.read(line, from: first.columns.lowerBound, through: last.columns.upperBound)
        } catch {
            throw Diagnostic(error.message, in: line, columns: error.columns, suggestion: error.suggestion ?? guessUsage)
        }
        if let after = words.first(where: { $0.columns.upperBound > reading.endColumn }) {
            let start = max(after.columns.lowerBound, reading.endColumn + 1)
            throw Diagnostic("unexpected `\(String(Array(text)[(start - 1)..<last.columns.upperBound]))` after the number", in: line,
                             columns: start...last.columns.upperBound, suggestion: guessUsage)
        }
        return reading
    }

    // MARK: - Exercises

    private func begin(_ exercise: Exercise) {
        if learnerFollowsLesson {
            reference.adopt(learner.session, at: position)
        } else if !reference.advance(to: position, guarded: guarded) {
            restoreTarget = position
            emit(.warning("Getting the exercise ready was interrupted."))
            prompt = .restoreAgain
            return
        }
        learner.restart(from: reference.session)  // `undo` in the exercise cannot go back before it began.
        learner.session.clearAnswer()
        learnerFollowsLesson = true
        let number = self.number(of: exercise)
        attempt = Attempt(exercise: exercise, number: number, journalStart: learner.session.journal.count)
        emit(.exerciseBegins(exercise, number: number, total: exercises.count))
        prompt = .exercise(name: exercise.name, number: number, total: exercises.count)
    }

    private func atExercise(_ input: LessonInput) {
        guard var current = attempt else { return }
        let exercise = current.exercise
        let line: String
        switch input {
        case .endOfInput: return leave()
        case .interrupted: return
        case .line(let text): line = text
        }
        let word = line.trimmingSpaces()
        switch word.lowercased() {
        case "": return
        case "quit", "exit": return leave()
        case "hint", "hints":
            guard current.hintsShown < exercise.hints.count else {
                return emit(.note(exercise.hints.isEmpty
                    ? "This exercise has no hints. Type `skip` to see the solution."
                    : "That was the last hint. Type `skip` to see the solution."))
            }
            current.hintsShown += 1
            attempt = current
            addEffort(exercise) { $0.hints += 1 }
            emit(.hint(number: current.hintsShown, total: exercise.hints.count, text: exercise.hints[current.hintsShown - 1]))
        case "skip":
            skip(exercise)
        case "check":
            if let miss = firstMiss(current) {
                report(miss, attempt: true, in: &current)
                attempt = current
            } else {
                solved(current)
            }
        default:
            let statement: Statement
            switch runTyped(line, number: current.answer.count + 1) {
            case .failed: return
            case .quit: return leave()
            case .ran(let ran): statement = ran
            }
            current.answer.append(word)
            addEffort(exercise) { $0.attempts += 1 }
            guard let miss = firstMiss(current) else { return solved(current) }
            let isAnswer = if case .answer = statement.command { true } else { false }
            let answersNothing = !exercise.expectations.contains { expectation in
                switch expectation.check {
                case .answer, .answerRanked: return true
                default: return false
                }
            }
            report(miss, attempt: isAnswer || (answersNothing && current.answer.count >= exercise.solution.count), in: &current)
            attempt = current
        }
    }

    /// What became of a line the learner typed.
    private enum Typed {
        /// It failed (the error was shown and nothing changed), or held only a comment.
        case failed
        case ran(Statement)
        /// It was `quit`.
        case quit
    }

    /// Runs a line the learner typed in their session.
    private func runTyped(_ line: String, number: Int) -> Typed {
        emit(.typed(line))
        let statement: Statement
        do {
            guard let parsed = try Parser.parse(line, line: number, file: nil) else { return .failed }
            statement = parsed
        } catch {
            emit(.error(error))
            return .failed
        }
        var result = Typed.failed
        guarded {
            do throws(Diagnostic) {
                let control = try learner.execute(statement) { emit(.output($0)) }
                result = control == .quit ? .quit : .ran(statement)
            } catch {
                emit(.error(error))
            }
        }
        if case .ran = result { learnerFollowsLesson = false }
        return result
    }

    /// The first check of the exercise that does not hold, or nil when all do.
    private func firstMiss(_ current: Attempt) -> Miss? {
        for result in LessonReplay.check(current.exercise, on: learner.session, since: current.journalStart) {
            if case .miss(let miss) = result.verdict { return miss }
        }
        return nil
    }

    /// Says what is missing. An attempt (`answer`, `check`) always hears it, and after every third
    /// miss is offered the next hint; other commands only when it changed. The wanted value is
    /// shown only once every hint has been.
    private func report(_ miss: Miss, attempt isAttempt: Bool, in current: inout Attempt) {
        let exercise = current.exercise
        let allHints = current.hintsShown >= exercise.hints.count
        let text = allHints ? "\(miss.withoutWanted); wanted \(miss.wanted)" : miss.withoutWanted
        defer { current.lastMiss = text }
        guard isAttempt else {
            if text != current.lastMiss { emit(.miss(text, attempt: false)) }
            return
        }
        current.misses += 1
        addEffort(exercise) { $0.misses += 1 }
        emit(.miss(text, attempt: true))
        if current.misses % 3 == 0 && !allHints {
            emit(.note("Stuck? Type `hint` for hint \(current.hintsShown + 1) of \(exercise.hints.count)."))
        }
    }

    private func skip(_ exercise: Exercise) {
        learner.restart(from: reference.session)
        learner.session.clearAnswer()
        emit(.solution(exercise))
        var failed = false
        for statement in exercise.solution where !failed {
            failed = !runLessonCommand(statement)
        }
        learnerFollowsLesson = !failed
        recordStatus(exercise, .skipped)
        emit(.skipped(exercise: exercise.name))
        attempt = nil
        position += 1
        setNext(position)
        prompt = .done
        proceed()
    }

    /// Saves the answer — inside the workspace only: an answers folder or file that is a link out
    /// of it is refused, not written through — and moves on.
    private func solved(_ current: Attempt) {
        let exercise = current.exercise
        let answers = AnswerFiles(workspace: workspace)
        let path = answers.path(lessonName: stem, exercise: exercise.name)
        var savedTo: String? = path
        do {
            let file = try answers.vetted(lessonName: stem, exercise: exercise.name)
            try AtomicFile.write(current.answer.map { $0 + "\n" }.joined(), to: file, creatingDirectories: true)
        } catch {
            savedTo = nil
            emit(.warning("cannot save your answer to \(path): \(error.localizedDescription)"))
        }
        recordStatus(exercise, .done)
        emit(.solved(exercise: exercise.name, answerFile: savedTo))
        attempt = nil
        position += 1
        setNext(position)
        prompt = .done
        proceed()
    }

    // MARK: - Progress

    private func leave() {
        save()
        prompt = .done
        emit(.left(resume: "tutor lesson \(stem)"))
    }

    private func setNext(_ next: Int) {
        var updated = progress
        updated.next = next
        progress = updated
        save()
    }

    private func recordStatus(_ exercise: Exercise, _ status: ExerciseStatus) {
        var updated = progress
        updated.exercises[exercise.name] = status
        progress = updated
        save()
    }

    private func addEffort(_ exercise: Exercise, _ change: (inout ExerciseEffort) -> Void) {
        var updated = progress
        change(&updated.effort[exercise.name, default: ExerciseEffort()])
        progress = updated
        save()
    }

    /// The record as this run last saved it (or was given it): what its changes are measured from.
    private var saved: ProgressRecord

    /// Saves this run's changes since the last save, merged into the file as other runs on the
    /// workspace may have left it (``ProgressStore/save(_:since:)``), and goes on from the merged
    /// record — so their finished exercises show here too.
    private func save() {
        guard let store else { return }
        do {
            record = try store.save(record, since: saved)
            saved = record
        } catch {
            if !saveFailed { emit(.warning("cannot save progress to \(store.path): \(error.localizedDescription)")) }
            saveFailed = true
        }
    }

    // MARK: - Words

    /// `1 done, 1 skipped of 2 exercises`.
    private func summary(_ progress: LessonProgress) -> String {
        "\(progress.count(.done, in: lesson)) done, \(progress.count(.skipped, in: lesson)) skipped of \(Thousands.counted(exercises.count, "exercise"))"
    }

    /// The exercise's place in the lesson, counting from 1.
    private func number(of exercise: Exercise) -> Int {
        (exercises.firstIndex { $0.name == exercise.name } ?? 0) + 1
    }

    /// `at exercise make-probabilities (2/2)`, `before exercise … (1/2)` or `near the end`.
    private func describe(position: Int) -> String {
        if lesson.items.indices.contains(position), case .exercise(let exercise) = lesson.items[position] {
            return "at exercise \(exercise.name) (\(number(of: exercise))/\(exercises.count))"
        }
        if lesson.items.indices.contains(position), case .guess(let guess) = lesson.items[position] {
            return "at guess \(guess.name)"
        }
        let next = lesson.items.dropFirst(position).lazy.compactMap { item -> Exercise? in
            if case .exercise(let exercise) = item { return exercise }
            return nil
        }.first
        return next.map { "before exercise \($0.name) (\(number(of: $0))/\(exercises.count))" } ?? "near the end"
    }

    static func isQuit(_ word: String) -> Bool {
        word == "quit" || word == "exit"
    }
}
