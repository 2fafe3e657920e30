import Foundation
import Lessons
import Testing
import TutorLanguage
import TutorTerminal

/// The interactive lesson loop with scripted input: checks after each command, hints that run
/// out, `check`, `skip`, leaving and continuing with the session rebuilt.
struct LessonSessionTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    final class Transcript {
        var text = ""
    }

    /// Runs the sample lesson with `lines` as input on a fresh session; returns what it showed.
    static func take(_ lines: [String], workspace: String) throws -> (output: String, record: ProgressRecord) {
        let file = root.appendingPathComponent("lessons/00-sample.lesson").path
        let lesson = try LessonParser.parse(try String(contentsOfFile: file, encoding: .utf8), file: file)
        let session = Session(bundledDataDirectory: root.appendingPathComponent("lessons/data/mnist").path)
        let transcript = Transcript()
        let console = Console(
            interpreter: Interpreter(session: session), terminal: Terminal(isTTY: false, width: 80, colorEnabled: false),
            write: { transcript.text += $0 })
        let store = ProgressStore(workspace: workspace)
        var remaining = lines[...]
        let data = session.bundledDataDirectory
        let runner = LessonSession(
            lesson: lesson, stem: "00-sample", console: console, store: store, record: store.load().record,
            input: .lines { remaining.popFirst() }, makeInterpreter: { Interpreter(session: Session(bundledDataDirectory: data)) })
        runner.run()
        return (transcript.text, runner.record)
    }

    @Test func hintsCheckAndLeavingThenContinuing() throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-lesson-session-\(getpid())").path
        try? FileManager.default.removeItem(atPath: workspace)
        defer { try? FileManager.default.removeItem(atPath: workspace) }

        let first = try Self.take(["check", "show onehot 3", "hint", "hint", "hint", "answer 0.99", "answer 1"], workspace: workspace)
        #expect(first.output.contains("softmax-sum 1/2> check\n✗ not yet: Add up the three outputs of softmax. (found no answer yet)\n"))
        // The same miss is not repeated after a command that changed nothing it checks.
        #expect(first.output.contains("softmax-sum 1/2> show onehot 3\nonehot(3)"))
        #expect(first.output.components(separatedBy: "found no answer yet").count == 2)
        #expect(first.output.contains("hint 2/2: 0.6590 + 0.2424 + 0.0986 = ?\nsoftmax-sum 1/2> hint\nThat was the last hint."))
        // Every hint has been shown, so the miss now says what would pass.
        #expect(first.output.contains("✗ not yet: Add up the three outputs of softmax. (found answer 0.99); wanted\n           answer 1 (within 0.001)\n"))
        #expect(first.output.hasSuffix("Your progress is saved; `tutor lesson 00-sample` continues where you left off.\n"))
        #expect(first.record.lessons["00-sample"] == LessonProgress(
            next: 8, exercises: ["softmax-sum": .done], effort: ["softmax-sum": ExerciseEffort(attempts: 3, misses: 2, hints: 2)]))
        let answer = try String(contentsOfFile: workspace + "/answers/00-sample/softmax-sum.tut", encoding: .utf8)
        #expect(answer == "show onehot 3\nanswer 0.99\nanswer 1\n")

        // Coming back: the session is rebuilt quietly; the exercise starts with no outputs shown
        // (sigmoid's, shown by the lesson just before, are not the learner's); `skip` finishes the lesson.
        let second = try Self.take(["check", "skip", "0.7"], workspace: workspace)
        #expect(second.output.contains("You left off at exercise make-probabilities (2/2); continuing there.\n"))
        #expect(!second.output.contains(">>> show sigmoid"))
        #expect(second.output.contains("✗ not yet: put the task's scores through an activation with `show` (found no\n           outputs shown here yet)\n"))
        #expect(second.output.contains("Skipped make-probabilities"))
        // Then the guess step: the guess read from the next line, shown beside the truth.
        #expect(second.output.contains("guess> 0.7\n>>> show softmax [2, 1, 0.1]\n"))
        #expect(second.output.contains("You guessed 0.7. The truth is 0.6590 (output 0): 0.0410 too high, 6.2% off.\n"))
        let progress = try #require(second.record.lessons["00-sample"])
        #expect(progress.next == 11)
        #expect(progress.exercises == ["softmax-sum": .done, "make-probabilities": .skipped])
        #expect(progress.effort == ["softmax-sum": ExerciseEffort(attempts: 3, misses: 2, hints: 2), "make-probabilities": ExerciseEffort(misses: 1)])
        #expect(progress.guesses["softmax-first"]?.guess == 0.7)
        #expect(second.record.current == "00-sample")

        // A finished lesson starts again from the top, keeping what was recorded.
        let third = try Self.take([], workspace: workspace)
        #expect(third.output.contains("You finished this lesson before (1 done, 1 skipped of 2 exercises); here it is\nagain from the start.\n"))
        #expect(third.record.lessons["00-sample"]?.exercises.count == 2)
    }
}
