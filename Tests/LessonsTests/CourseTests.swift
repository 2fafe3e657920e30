import Foundation
import Lessons
import Testing
import TutorLanguage
import TutorTerminal

/// The course in `lessons/`: every lesson replays, every exercise's solution passes its checks and
/// an empty answer fails them, and every number the narration states (with a decimal point or a
/// thousands separator) is one the tool printed in that same lesson — a guess's question and its
/// `why` lines count as narration, and may state a number the lesson prints only after them.
struct CourseTests {
    /// The course's lesson files (everything in `lessons/` but the format sample), in order.
    static let lessonFiles: [String] = {
        let folder = Support.root.appendingPathComponent("lessons")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".lesson") && $0 != "00-sample.lesson" }.sorted()
    }()

    static func lesson(_ name: String) throws -> Lesson {
        let path = Support.root.appendingPathComponent("lessons/\(name)").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try LessonParser.parse(text, file: "lessons/\(name)")
    }

    static func makeInterpreter() -> Interpreter {
        Interpreter(session: Session(bundledDataDirectory: Support.mnist))
    }

    /// Numbers a reader could check against the screen: `0.6590`, `200,960`.
    static var numberPattern: Regex<Substring> { #/\d{1,3}(?:,\d{3})+(?!\d)|\d+\.\d+/# }

    static func numbers(in text: String) -> [String] {
        text.matches(of: numberPattern).map { String($0.output) }
    }

    /// What the lesson tells the learner in words: narration, exercise prompts and hints, guess
    /// questions and their `why` lines.
    static func narration(of lesson: Lesson) -> [String] {
        lesson.items.flatMap { item -> [String] in
            switch item {
            case .narration(let text): return [text]
            case .exercise(let exercise): return [exercise.prompt] + exercise.hints
            case .guess(let guess): return [guess.question] + guess.why
            case .command, .pause: return []
            }
        }
    }

    @Test func theCourseHasFiveLessonsWithThreeExercisesEachAndVariedChecks() throws {
        #expect(Self.lessonFiles.count >= 5, "lessons: \(Self.lessonFiles)")
        var kinds = Set<String>()
        for name in Self.lessonFiles {
            let lesson = try Self.lesson(name)
            #expect(lesson.exercises.count >= 3, "\(name) has \(lesson.exercises.count) exercises")
            for exercise in lesson.exercises {
                #expect(!exercise.prompt.isEmpty, "\(name): exercise \(exercise.name) has no prompt")
                #expect(exercise.hints.count >= 2, "\(name): exercise \(exercise.name) has fewer than 2 hints")
                #expect(!exercise.solution.isEmpty && !exercise.expectations.isEmpty)
                for expectation in exercise.expectations {
                    kinds.insert(String(expectation.text.prefix { $0 != " " }))
                }
            }
        }
        #expect(kinds.count >= 3, "check kinds: \(kinds.sorted())")
    }

    @Test(arguments: lessonFiles)
    func theLessonReplaysWithEveryAnswerAndStatesOnlyNumbersItPrints(_ name: String) throws {
        let lesson = try Self.lesson(name)
        let renderer = OutputRenderer(terminal: Terminal(isTTY: false, width: 100, colorEnabled: false))
        var printed: [String] = []
        var passed = 0, alternatives = 0
        try LessonReplay.replay(lesson, interpreter: Self.makeInterpreter()) { event in
            switch event {
            case .output(.echo): break  // the command itself is typed, not printed by the tool
            case .output(let output): if let text = renderer.render(output) { printed.append(text) }
            case .expectationPassed(let expectation):  // printed as `✓ expect …`
                printed.append("expect " + expectation.text)
                passed += 1
            case .alternativePassed: alternatives += 1
            default: break
            }
        }
        #expect(passed == lesson.exercises.reduce(0) { $0 + $1.expectations.count })
        #expect(alternatives == lesson.exercises.reduce(0) { $0 + $1.alternatives.count })
        let shown = Set(Self.numbers(in: printed.joined(separator: "\n")))
        for exercise in lesson.exercises {
            for text in [exercise.prompt] + exercise.hints {
                for number in Self.numbers(in: text) {
                    #expect(shown.contains(number), "\(name): exercise \(exercise.name) states \(number), which the lesson never prints: \(text)")
                }
            }
        }
        for guess in lesson.guesses {
            for text in [guess.question] + guess.why {
                for number in Self.numbers(in: text) {
                    #expect(shown.contains(number), "\(name): guess \(guess.name) states \(number), which the lesson never prints: \(text)")
                }
            }
        }
    }

    /// Every exercise has a correct answer other than its solution (`also …`), so that the
    /// narration can be proven true on more than one path.
    @Test(arguments: lessonFiles)
    func everyExerciseHasAnotherCorrectAnswer(_ name: String) throws {
        for exercise in try Self.lesson(name).exercises {
            #expect(!exercise.alternatives.isEmpty, "\(name): exercise \(exercise.name) has no `also` answer")
            for alternative in exercise.alternatives {
                #expect(alternative.map(\.commandText) != exercise.solution.map(\.commandText),
                        "\(name): an `also` answer of \(exercise.name) is its solution")
            }
        }
    }

    /// The paths through a lesson a learner may take: typing every exercise's solution (path 0),
    /// or its `also` answer number k (path k; the solution where an exercise has fewer).
    static func paths(of lesson: Lesson) -> [Int] {
        Array(0...(lesson.exercises.map(\.alternatives.count).max() ?? 0))
    }

    /// Takes the lesson as a learner would, typing path `path`'s answers at each exercise, and
    /// checks that every exercise is solved by them and that every number the narration states
    /// was printed by the tool on this path.
    @Test(arguments: lessonFiles)
    func theNarrationIsTrueOnEveryCorrectPath(_ name: String) throws {
        let lesson = try Self.lesson(name)
        for path in Self.paths(of: lesson) {
            let renderer = OutputRenderer(terminal: Terminal(isTTY: false, width: 100, colorEnabled: false))
            var printed = "", problems: [String] = [], solved: [String] = [], stated: [(String, String)] = []
            let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-course-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: workspace) }
            let engine = LessonEngine(
                lesson: lesson, stem: "course", learner: Self.makeInterpreter(), makeInterpreter: Self.makeInterpreter,
                workspace: workspace, store: nil, record: ProgressRecord(), interactive: true) { event in
                    switch event {
                    case .output(.echo): break
                    case .output(let output): printed += (renderer.render(output) ?? "") + "\n"
                    case .error(let diagnostic): problems.append("error: \(diagnostic.rendered())")
                    case .narration(let text): stated += Self.numbers(in: text).map { ($0, text) }
                    case .guessAsked(let guess, _): stated += Self.numbers(in: guess.question).map { ($0, guess.question) }
                    case .guessRevealed(let guess, _): stated += guess.why.flatMap { why in Self.numbers(in: why).map { ($0, why) } }
                    case .solved(let exercise, _): solved.append(exercise)
                    default: break
                    }
                }
            var typing: [String] = []
            engine.start()
            while true {
                switch engine.prompt {
                case .done: break
                case .pause, .resume, .restoreAgain: engine.receive(.line("")); continue
                case .guess: engine.receive(.line(path % 2 == 0 ? "" : "0.5")); continue  // no guess, or a guess
                case .exercise(let exerciseName, _, _):
                    if typing.isEmpty, let exercise = lesson.exercise(named: exerciseName), !solved.contains(exerciseName) {
                        let answer = path == 0 || exercise.alternatives.count < path ? exercise.solution : exercise.alternatives[path - 1]
                        typing = answer.map(\.commandText)
                    }
                    guard !typing.isEmpty else {
                        problems.append("path \(path) does not solve exercise \(exerciseName)")
                        engine.receive(.line("skip"))
                        continue
                    }
                    engine.receive(.line(typing.removeFirst()))
                    continue
                }
                break
            }
            let shown = Set(Self.numbers(in: printed))
            for (number, text) in stated where !shown.contains(number) {
                problems.append("the narration states \(number), which this path never prints: \(text)")
            }
            #expect(problems.isEmpty, "\(name), path \(path):\n\(problems.joined(separator: "\n"))")
            #expect(solved == lesson.exercises.map(\.name), "\(name), path \(path)")
        }
    }

    @Test(arguments: lessonFiles)
    func anEmptyAnswerFailsEveryExercise(_ name: String) throws {
        let lesson = try Self.lesson(name)
        for exercise in lesson.exercises {
            let empty = LessonReplay.emptyAnswer(for: exercise, in: lesson, makeInterpreter: Self.makeInterpreter)
            #expect(empty.contains { !$0.verdict.passed }, "\(name): an empty answer passes exercise \(exercise.name)")
        }
    }
}
