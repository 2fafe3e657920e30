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

    /// The error that stops replaying `lesson`, rendered; nil when it replays.
    static func replayError(_ lesson: Lesson) -> String? {
        do {
            try LessonReplay.replay(lesson, interpreter: makeInterpreter()) { _ in }
            return nil
        } catch {
            return error.rendered()
        }
    }

    @Test func sampleLessonReplays() throws {
        let lesson = try Self.sample()
        var events: [LessonEvent] = []
        try LessonReplay.replay(lesson, interpreter: Self.makeInterpreter()) { events.append($0) }
        #expect(events.first == .title("A sample lesson"))
        #expect(events.contains(.pause))
        #expect(events.contains(.output(.echo(SourceLine(text: "answer 1", number: 16, file: "lessons/00-sample.lesson")))))
        let passed = events.compactMap { event -> String? in
            if case .expectationPassed(let expectation) = event { return expectation.text }
            return nil
        }
        #expect(passed == ["answer 1 within 0.001", "shown softmax [3, 1, 0.2]", "outputs sum to 1"])
        let kinds = Set(lesson.items.map { item -> String in
            switch item {
            case .narration: return "narration"
            case .command: return "command"
            case .pause: return "pause"
            case .exercise: return "exercise"
            case .guess: return "guess"
            }
        })
        #expect(kinds == ["narration", "command", "pause", "exercise", "guess"])
    }

    @Test func everySampleSolutionPassesAndAnEmptyAnswerFails() throws {
        let lesson = try Self.sample()
        #expect(lesson.exercises.map(\.name) == ["softmax-sum", "make-probabilities"])
        for exercise in lesson.exercises {
            let empty = LessonReplay.emptyAnswer(for: exercise, in: lesson, makeInterpreter: Self.makeInterpreter)
            #expect(empty.contains { !$0.verdict.passed }, "an empty answer passes exercise \(exercise.name)")
        }
    }

    /// The state an exercise starts from: the lesson's commands and the solutions before it, with
    /// no answer and no outputs yet (the answer of the exercise before does not carry over).
    @Test func anExerciseStartsFromTheLessonsOwnPathWithNoAnswer() throws {
        let lesson = try Self.sample()
        let reference = ReferenceRun(lesson: lesson, makeInterpreter: Self.makeInterpreter)
        let index = try #require(lesson.items.firstIndex { if case .exercise(let e) = $0 { e.name == "make-probabilities" } else { false } })
        #expect(reference.advance(to: index))
        let start = reference.startingPoint().session
        #expect(start.answer == nil)
        #expect(start.lastOutputs == nil)
        #expect(start.commands == ["show softmax [2, 1, 0.1]", "answer 1", "show sigmoid [2, 1, 0.1]"])
        // A copy: changing it leaves the reference as it was.
        #expect(reference.session.answer == 1)
    }

    @Test func anAlsoAnswerThatMissesFailsTheReplay() throws {
        let lesson = try LessonParser.parse("""
            # Wrong
            exercise probabilities
            > Make [3, 1] into probabilities.
            solution show softmax [3, 1]
            also show sigmoid [3, 1]
            expect outputs sum to 1
            end
            """, file: "w.lesson")
        #expect(Self.replayError(lesson) == """
            error: the `also` answer 1 of exercise `probabilities` does not pass `expect outputs sum to 1`
             --> w.lesson:6:1
              |
            6 | expect outputs sum to 1
              | ^^^^^^^^^^^^^^^^^^^^^^^ found outputs that sum to 1.6836; wanted outputs that sum to 1 (within 0.0005)
            """)
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
        #expect(Self.replayError(lesson) == """
            error: the solution of exercise `sum` does not pass `expect answer 1 within 0.001`
             --> w.lesson:5:1
              |
            5 | expect answer 1 within 0.001
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ found answer 2; wanted answer 1 (within 0.001)
            """)
    }

    @Test func aFailingSolutionCommandPointsAtTheLessonLine() throws {
        let lesson = try LessonParser.parse("""
            # Wrong
            exercise img
            solution show image 0
            expect answer 1
            end
            """, file: "w.lesson")
        #expect(Self.replayError(lesson) == """
            error: no data is loaded yet
             --> w.lesson:3:10
              |
            3 | solution show image 0
              |          ^^^^^^^^^^^^ load the digits first: `data mnist`
            """)
    }
}
