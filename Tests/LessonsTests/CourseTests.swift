import Foundation
import Lessons
import Testing
import TutorLanguage
import TutorTerminal

/// The course in `lessons/`: every lesson replays, every exercise's solution passes its checks and
/// an empty answer fails them, and every number the narration states (with a decimal point or a
/// thousands separator) is one the tool printed in that same lesson.
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

    /// What the lesson tells the learner in words: narration, exercise prompts and hints.
    static func narration(of lesson: Lesson) -> [String] {
        lesson.items.flatMap { item -> [String] in
            switch item {
            case .narration(let text): return [text]
            case .exercise(let exercise): return [exercise.prompt] + exercise.hints
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
    func theLessonReplaysAndStatesOnlyNumbersItPrints(_ name: String) throws {
        let lesson = try Self.lesson(name)
        let renderer = OutputRenderer(terminal: Terminal(isTTY: false, width: 100, colorEnabled: false))
        var printed: [String] = []
        var passed = 0
        try LessonReplay.replay(lesson, interpreter: Self.makeInterpreter()) { event in
            switch event {
            case .output(.echo): break  // the command itself is typed, not printed by the tool
            case .output(let output): if let text = renderer.render(output) { printed.append(text) }
            case .expectationPassed(let expectation):  // printed as `✓ expect …`
                printed.append("expect " + expectation.text)
                passed += 1
            default: break
            }
        }
        #expect(passed == lesson.exercises.reduce(0) { $0 + $1.expectations.count })
        let shown = Set(Self.numbers(in: printed.joined(separator: "\n")))
        for text in Self.narration(of: lesson) {
            for number in Self.numbers(in: text) {
                #expect(shown.contains(number), "\(name): the narration states \(number), which the replay never prints: \(text)")
            }
        }
    }

    @Test(arguments: lessonFiles)
    func anEmptyAnswerFailsAndTheSolutionPassesFromTheSessionBefore(_ name: String) throws {
        let lesson = try Self.lesson(name)
        for exercise in lesson.exercises {
            let interpreter = try LessonReplay.sessionBefore(exercise: exercise, in: lesson, makeInterpreter: Self.makeInterpreter)
            let empty = LessonReplay.check(exercise, on: interpreter.session)
            #expect(empty.contains { !$0.verdict.passed }, "\(name): an empty answer passes exercise \(exercise.name)")
            try LessonReplay.runSolution(exercise, in: lesson, interpreter: interpreter) { _ in }
            let results = LessonReplay.check(exercise, on: interpreter.session)
            #expect(results.allSatisfy { $0.verdict.passed }, "\(name): the solution of \(exercise.name) fails: \(results)")
        }
    }
}
