import Foundation
import Lessons
import Testing
import TutorLanguage

/// Replaying lessons: the sample lesson runs, every solution passes its checks, an empty answer
/// fails them, and a wrong solution stops the replay with a clear message.
struct LessonReplayTests {
    static func sample() throws -> Lesson {
        let text = try String(contentsOfFile: Support.sampleLesson, encoding: .utf8)
        return try LessonParser.parse(text, file: "lessons/00-sample.lesson")
    }

    static func makeInterpreter() -> Interpreter {
        Interpreter(session: Session(bundledDataDirectory: Support.mnist))
    }

    @Test func sampleLessonReplays() throws {
        let lesson = try Self.sample()
        var events: [LessonEvent] = []
        let control = try LessonReplay.replay(lesson, interpreter: Self.makeInterpreter()) { events.append($0) }
        #expect(control == .proceed)
        #expect(events.first == .title("A sample lesson"))
        #expect(events.contains(.pause))
        #expect(events.contains(.output(.echo(SourceLine(text: "answer 1", number: 14, file: "lessons/00-sample.lesson")))))
        let passed = events.compactMap { event -> String? in
            if case .expectationPassed(let expectation) = event { return expectation.text }
            return nil
        }
        #expect(passed == ["answer 1 within 0.001", "outputs sum to 1"])
        let kinds = Set(lesson.items.map { item -> String in
            switch item {
            case .narration: return "narration"
            case .command: return "command"
            case .pause: return "pause"
            case .exercise: return "exercise"
            }
        })
        #expect(kinds == ["narration", "command", "pause", "exercise"])
    }

    @Test func everySampleSolutionPassesAndAnEmptyAnswerFails() throws {
        let lesson = try Self.sample()
        #expect(lesson.exercises.map(\.name) == ["softmax-sum", "make-probabilities"])
        for exercise in lesson.exercises {
            let empty = try LessonReplay.emptyAnswer(for: exercise, in: lesson, makeInterpreter: Self.makeInterpreter)
            #expect(empty.contains { !$0.verdict.passed }, "an empty answer passes exercise \(exercise.name)")
            let interpreter = try LessonReplay.sessionBefore(exercise: exercise, in: lesson, makeInterpreter: Self.makeInterpreter)
            try LessonReplay.runSolution(exercise, in: lesson, interpreter: interpreter) { _ in }
            let results = LessonReplay.check(exercise, on: interpreter.session)
            #expect(results.allSatisfy { $0.verdict.passed }, "the solution of \(exercise.name) fails: \(results)")
        }
    }

    @Test func theSessionBeforeAnExerciseHasRunWhatCameBefore() throws {
        let lesson = try Self.sample()
        let second = try #require(lesson.exercise(named: "make-probabilities"))
        let interpreter = try LessonReplay.sessionBefore(exercise: second, in: lesson, makeInterpreter: Self.makeInterpreter)
        #expect(interpreter.session.answer == 1)
        #expect(interpreter.session.commands == ["show softmax [2, 1, 0.1]", "answer 1", "show sigmoid [2, 1, 0.1]"])
    }

    @Test func aSolutionThatMissesItsCheckFailsTheReplay() throws {
        let lesson = try LessonParser.parse("""
            # Wrong
            exercise sum
            > What do softmax's outputs add up to?
            solution answer 2
            expect answer 1 within 0.001
            end
            """, file: "w.lesson")
        do {
            try LessonReplay.replay(lesson, interpreter: Self.makeInterpreter()) { _ in }
            Issue.record("the replay should fail")
        } catch {
            #expect(error.rendered() == """
                error: the solution of exercise `sum` does not pass `expect answer 1 within 0.001`
                 --> w.lesson:5:1
                  |
                5 | expect answer 1 within 0.001
                  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ found answer 2; wanted 1 (within 0.001)
                """)
        }
    }

    @Test func aFailingSolutionCommandPointsAtTheLessonLine() throws {
        let lesson = try LessonParser.parse("""
            # Wrong
            exercise img
            solution show image 0
            expect answer 1
            end
            """, file: "w.lesson")
        do {
            try LessonReplay.replay(lesson, interpreter: Self.makeInterpreter()) { _ in }
            Issue.record("the replay should fail")
        } catch {
            #expect(error.rendered() == """
                error: no data is loaded yet
                 --> w.lesson:3:10
                  |
                3 | solution show image 0
                  |          ^^^^^^^^^^^^ load the digits first: `data mnist`
                """)
        }
    }
}
