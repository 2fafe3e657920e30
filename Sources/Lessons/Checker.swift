import Files
import Foundation
import NeuralNet
import TextFormat
import TutorLanguage

/// `tutor check`: runs the learner's answer files and judges them with the exercises' `expect`s.
///
/// Each answer runs on a copy of the state its exercise starts from — the lesson's own commands
/// and the solutions before it (``ReferenceRun``, built once per lesson, not once per answer) —
/// inside the sandbox `PathPolicy.inside(workspace)`: it cannot read or write files outside the
/// workspace. An answer never crashes the check: a command that fails is an `error` outcome with
/// its file:line:column.
public struct Checker {
    public let answers: AnswerFiles
    /// Makes the fresh interpreter of each lesson (on the bundled data). It may be called from
    /// several threads at once (one per lesson checked side by side): it must only make a new
    /// interpreter from settings that do not change.
    public let makeInterpreter: () -> Interpreter
    /// What an answer may ask for: the lesson's epoch cap and time (tests shorten the time).
    public var limits = RunLimits.lesson
    /// How many lessons are checked side by side: as many as tutor computes on threads
    /// (`TUTOR_THREADS`, else the cores, at most 4). Each lesson's training then mostly runs
    /// alone on its core, which is where the small models of the course run fastest.
    public var lessonsAtOnce = Parallel.threadCount

    public init(answers: AnswerFiles, makeInterpreter: @escaping () -> Interpreter) {
        self.answers = answers
        self.makeInterpreter = makeInterpreter
    }

    /// Checks every exercise of `selection`, in order.
    public func check(_ selection: [CheckSelection]) -> [CheckOutcome] {
        check(selection) { _ in }
    }

    /// Checks every exercise of `selection`, handing each outcome to `each` in the order of
    /// `selection` as soon as it and those before it are known. Up to ``lessonsAtOnce`` lessons
    /// are checked side by side, each on a thread of its own (their answers and reference runs
    /// share nothing); the outcomes are the same as one lesson after another.
    public func check(_ selection: [CheckSelection], each: (CheckOutcome) -> Void) -> [CheckOutcome] {
        // What `tutor lesson` recorded of the learner's effort, for graders (a damaged file is left alone).
        let record = ProgressStore(workspace: answers.workspace).read() ?? ProgressRecord()
        let lanes = max(1, min(lessonsAtOnce, selection.count))
        guard lanes > 1 else {
            var outcomes: [CheckOutcome] = []
            for part in selection {
                check(part, record: record) { outcome in
                    outcomes.append(outcome)
                    each(outcome)
                }
            }
            return outcomes
        }
        let board = OutcomeBoard(counts: selection.map(\.exercises.count))
        let work = LessonQueue(checker: self, selection: selection, record: record, board: board)
        // Each lesson's products on its own thread: the lessons keep the cores busy.
        return Parallel.eachThreadAlone {
            for _ in 0..<lanes {
                let thread = Thread { work.checkLessonsUntilNoneLeft() }
                thread.stackSize = 8 << 20  // as the main thread's: a lesson runs as deep there
                thread.start()
            }
            var outcomes: [CheckOutcome] = []
            for (lesson, part) in selection.enumerated() {
                for exercise in part.exercises.indices {
                    let outcome = board.wait(lesson: lesson, exercise: exercise)
                    outcomes.append(outcome)
                    each(outcome)
                }
            }
            return outcomes
        }
    }

    /// Checks every exercise of `part`, one after another on one reference run, handing each
    /// outcome to `each`.
    func check(_ part: CheckSelection, record: ProgressRecord, each: (CheckOutcome) -> Void) {
        let reference = ReferenceRun(lesson: part.lesson, makeInterpreter: makeInterpreter)
        let progress = record.lessons[AnswerFiles.name(of: part.lesson)]
        for exercise in part.exercises {
            let clock = ContinuousClock(), start = clock.now
            var outcome = check(exercise, in: part.lesson, reference: reference)
            // The lesson's own commands before the exercise run now too: the time is all it took.
            outcome.duration = clock.now - start
            outcome.progress = progress?.exercises[exercise.name]
            outcome.effort = progress?.effort[exercise.name]
            each(outcome)
        }
    }

    /// Checks one exercise: not answered (no answer file), error (the answer fails to run),
    /// failed (some `expect` does not hold) or passed.
    public func check(_ exercise: Exercise, in lesson: Lesson) -> CheckOutcome {
        check(exercise, in: lesson, reference: ReferenceRun(lesson: lesson, makeInterpreter: makeInterpreter))
    }

    private func check(_ exercise: Exercise, in lesson: Lesson, reference: ReferenceRun) -> CheckOutcome {
        let name = AnswerFiles.name(of: lesson)
        let file = answers.path(lesson: lesson, exercise: exercise)
        func outcome(_ status: CheckOutcome.Status, _ message: String, _ details: [String] = []) -> CheckOutcome {
            CheckOutcome(lesson: name, exercise: exercise.name, status: status, message: message, details: details)
        }
        let hint = exercise.hints.first.map { ["hint: \($0)"] } ?? []
        // Only an answer inside the workspace is read: a link out of it is refused unread.
        do {
            _ = try answers.vetted(lessonName: name, exercise: exercise.name)
        } catch {
            return outcome(.error, "\(error.message); it is not read")
        }
        guard FileManager.default.fileExists(atPath: file) else {
            return outcome(.notAnswered, "no answer file \(file)")
        }
        let text: String
        do { text = try RegularFile.readText(file, limit: FileLimits.textFileBytes, expected: "an answer file") } catch {
            return outcome(.error, "\(file): cannot read the answer file: it \(error.problem)", hint)
        }
        let index = lesson.items.firstIndex(of: .exercise(exercise)) ?? lesson.items.count
        reference.advance(to: index)
        let interpreter = reference.startingPoint()
        interpreter.pathPolicy = .inside(answers.workspace)
        // The answer is stopped once it has run for `limits.answerTime`, as Ctrl-C would stop it.
        interpreter.limits = limits
        let clock = ContinuousClock()
        let deadline = limits.answerTime.map { clock.now + $0 }
        let overTime = { deadline.map { clock.now >= $0 } ?? false }
        interpreter.shouldStop = overTime
        func tooLong(_ time: Duration) -> CheckOutcome {
            let seconds = Double(time.components.seconds) + Double(time.components.attoseconds) / 1e18
            return outcome(.error, "\(file): took longer than \(NumberText.short(seconds)) s, the most an answer may run, and was stopped", hint)
        }
        let start = interpreter.session.journal.count
        var ran: [Statement] = []
        do {
            // Each command the answer runs is echoed first: as the language read it.
            try interpreter.runScript(text, file: file) { output in
                if case .echo(let line) = output, let statement = try? Parser.parse(line.text, line: line.number, file: line.file) {
                    ran.append(statement)
                }
            }
        } catch {
            if overTime(), let time = limits.answerTime { return tooLong(time) }
            let note = error.suggestion.map { ["note: \($0)"] } ?? []
            var failed = outcome(.error, "\(error.location): \(error.message)", note + hint)
            if error.location.file == file { failed.line = error.location.line }
            return failed
        }
        if overTime(), let time = limits.answerTime { return tooLong(time) }
        // An answer that is the exercise's solution, command for command, left the state the
        // reference reaches by running that solution (the same commands on the same state give
        // the same numbers): the reference takes it instead of training all over again.
        if index < lesson.items.count, Self.isSolution(ran, exercise.solution) {
            reference.adopt(interpreter.session, at: index + 1)
        }
        let misses = LessonReplay.check(exercise, on: interpreter.session, since: start).compactMap { result -> Miss? in
            guard case .miss(let miss) = result.verdict else { return nil }
            return miss
        }
        guard let first = misses.first else { return outcome(.passed, "") }
        let lines = misses.count == 1 ? ["found \(first.found)"] : misses.map { "\($0.requirement): found \($0.found)" }
        return outcome(.failed, misses.map(\.requirement).joined(separator: "; "), lines + hint)
    }
}

extension Checker {
    /// Whether the statements an answer ran are `solution`'s, command for command, as the
    /// language reads them: the same ``Command``s (comments, spacing and the case of keywords
    /// aside). Not when one of them read input of its own that the command does not hold
    /// (`draw`'s drawing).
    static func isSolution(_ ran: [Statement], _ solution: [Statement]) -> Bool {
        let readsInput = ran.contains { if case .draw = $0.command { true } else { false } }
        return !readsInput && ran.map(\.command) == solution.map(\.command)
    }
}

/// The result of checking one exercise. Two outcomes are equal when everything but the time
/// they took (``duration``) is: checking the same answer twice gives equal outcomes.
public struct CheckOutcome: Equatable, Sendable {
    public enum Status: String, Sendable, Codable {
        case passed
        case failed
        case notAnswered = "not answered"
        case error
    }

    /// The lesson's file name without extension (``AnswerFiles/name(of:)``).
    public let lesson: String
    public let exercise: String
    public let status: Status
    /// One line: empty when passed; the failing `expect`s when failed; `FILE:LINE:COLUMN: message`
    /// on an error; `no answer file PATH` when not answered.
    public let message: String
    /// The lines shown indented under a ✗: what each failing check found and wanted, a `note:`
    /// from the diagnostic, and `hint:` with the exercise's first hint.
    public let details: [String]
    /// How the exercise was left in `tutor lesson` (done or skipped), from the workspace's progress.
    public var progress: ExerciseStatus?
    /// The attempts, misses and hints `tutor lesson` recorded for it.
    public var effort: ExerciseEffort?
    /// On an error in the answer file itself (not in a file it runs): the line of the answer
    /// file it is on; otherwise nil.
    public var line: Int?
    /// How long checking it took, the lesson's commands before it included (zero until checked).
    public var duration: Duration = .zero

    public init(lesson: String, exercise: String, status: Status, message: String, details: [String] = []) {
        self.lesson = lesson
        self.exercise = exercise
        self.status = status
        self.message = message
        self.details = details
    }

    public static func == (left: CheckOutcome, right: CheckOutcome) -> Bool {
        left.lesson == right.lesson && left.exercise == right.exercise && left.status == right.status
            && left.message == right.message && left.details == right.details && left.progress == right.progress
            && left.effort == right.effort && left.line == right.line
    }
}

/// How `tutor check` prints its outcomes.
public enum CheckReport {
    /// One line per exercise — `✓ lesson/exercise`, `✗ lesson/exercise — what failed` followed by
    /// lines indented by four spaces, `· lesson/exercise not answered` — then the summary line.
    public static func text(_ outcomes: [CheckOutcome]) -> String {
        var lines = outcomes.flatMap(lines(for:))
        lines.append(summary(outcomes))
        return lines.joined(separator: "\n")
    }

    /// `N passed, N failed`, then `, N skipped` when some exercises have no answer file. Errors count as failed.
    public static func summary(_ outcomes: [CheckOutcome]) -> String {
        let passed = outcomes.filter { $0.status == .passed }.count
        let skipped = outcomes.filter { $0.status == .notAnswered }.count
        let failed = outcomes.count - passed - skipped
        return "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }

    /// JSON Lines: one object per exercise, one per line, keys sorted: `exercise`, `lesson`,
    /// `message` (the text report's message and indented lines, joined with line breaks) and
    /// `status` (`passed`, `failed`, `not answered` or `error`); and, when `tutor lesson` recorded
    /// them, `progress` (`done` or `skipped`), `attempts`, `misses` and `hints`. The texts are
    /// exactly the file's, and no control reaches a terminal the lines are shown on: JSON's
    /// encoder escapes C0 controls (`\u001b`), and DEL, the C1 and the bidirectional controls
    /// (``VisibleText/isControl(_:)``) are escaped the same way (`\u009b`, `\u202e`).
    public static func json(_ outcomes: [CheckOutcome]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return outcomes.map { outcome in
            let record = Record(
                lesson: outcome.lesson, exercise: outcome.exercise, status: outcome.status,
                message: ([outcome.message] + outcome.details).filter { !$0.isEmpty }.joined(separator: "\n"),
                progress: outcome.progress, attempts: outcome.effort?.attempts, misses: outcome.effort?.misses,
                hints: outcome.effort?.hints)
            let data = (try? encoder.encode(record)) ?? Data("{}".utf8)
            return escapingControls(String(decoding: data, as: UTF8.self))
        }.joined(separator: "\n")
    }

    /// `json` with every control the encoder left as it is written as a `\uXXXX` escape, which
    /// reads back as the same text (such a scalar can only stand inside a JSON string).
    static func escapingControls(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: VisibleText.isControl) else { return json }
        var escaped = ""
        for scalar in json.unicodeScalars {
            if VisibleText.isControl(scalar) {
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Whether `tutor check` succeeds: at least one exercise was checked and none failed or
    /// had an error (exercises without an answer file are skipped, not failures).
    public static func succeeded(_ outcomes: [CheckOutcome]) -> Bool {
        outcomes.contains { $0.status == .passed } && !outcomes.contains { $0.status == .failed || $0.status == .error }
    }

    private struct Record: Encodable {
        let lesson: String
        let exercise: String
        let status: CheckOutcome.Status
        let message: String
        let progress: ExerciseStatus?
        let attempts: Int?
        let misses: Int?
        let hints: Int?
    }
}

extension LessonParser {
    /// Every `*.lesson` file in `folder`, sorted by file name and parsed; files that do not
    /// parse are returned as their diagnostics.
    public static func lessons(in folder: String) -> (lessons: [Lesson], problems: [Diagnostic]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".lesson") }.sorted()
        var lessons: [Lesson] = [], problems: [Diagnostic] = []
        for name in names {
            let file = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let text: String
            do {
                text = try LessonCatalog.read(file)
            } catch {
                problems.append(Diagnostic("cannot read `\(file)`: it \(error.problem)", in: SourceLine(text: "", number: 1, file: file), columns: 1...1))
                continue
            }
            do {
                lessons.append(try parse(text, file: file))
            } catch {
                problems.append(error)
            }
        }
        return (lessons, problems)
    }
}
