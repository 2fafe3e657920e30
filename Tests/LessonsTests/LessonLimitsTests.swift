import Foundation
import Lessons
import Testing
import TutorLanguage

/// Where nobody can press Ctrl-C — replaying a lesson, `tutor check` — a `fit` of more than 50
/// epochs is refused, in the lesson file and in an answer, and an answer that runs longer than
/// its time is stopped and reported; so neither can hang.
@Suite struct LessonLimitsTests {
    /// A lesson whose own commands ask for a `fit` no one could wait for.
    static let greedyLesson = """
        # Greedy
        data mnist 100 10
        layer flatten
        layer dense 10 softmax
        fit 100000000
        exercise train
        > Train for one epoch.
        solution fit 1
        expect trained 1 epochs
        end
        """

    static let capMessage = "`fit 100,000,000` trains more epochs than a lesson or an answer may: at most 50"

    @Test func aLessonFileCannotFitForever() throws {
        let lesson = try LessonParser.parse(Self.greedyLesson, file: "greedy.lesson")
        do {
            try LessonReplay.replay(lesson, interpreter: LessonReplayTests.makeInterpreter()) { _ in }
            Issue.record("the replay went through")
        } catch {
            #expect(error.rendered() == """
                error: \(Self.capMessage)
                 --> greedy.lesson:5:5
                  |
                5 | fit 100000000
                  |     ^^^^^^^^^ try `fit 3`; in the notebook (`tutor`) or your own `tutor run FILE.tut` there is no limit
                """)
        }
        // The interpreter's own limits come back after the replay.
        let interpreter = LessonReplayTests.makeInterpreter()
        _ = try? LessonReplay.replay(lesson, interpreter: interpreter) { _ in }
        #expect(interpreter.limits == .unlimited)
    }

    /// `tutor check` passes over the lesson's refused command (as a reference run passes over a
    /// failing one) and refuses the same in an answer.
    @Test func checkNeverHangsOnAGreedyLessonOrAnswer() throws {
        let lesson = try LessonParser.parse(Self.greedyLesson, file: "greedy.lesson")
        let exercise = try #require(lesson.exercise(named: "train"))
        let work = try CheckTests.workspace([:])
        let answers = AnswerFiles(workspace: work)
        let file = answers.path(lesson: lesson, exercise: exercise)
        try FileManager.default.createDirectory(atPath: answers.folder(lesson: lesson), withIntermediateDirectories: true)
        let checker = CheckTests.checker(work)

        try "fit 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(checker.check(exercise, in: lesson).status == .passed)

        try "# more is better\nfit 100000000\n".write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = checker.check(exercise, in: lesson)
        #expect(outcome.status == .error)
        #expect(outcome.message == "\(file):2:5: \(Self.capMessage)")
        #expect(outcome.details == ["note: try `fit 3`; in the notebook (`tutor`) or your own `tutor run FILE.tut` there is no limit"])
    }

    /// An answer is stopped once it has run for the checker's time (2 minutes; 10 ms here, far
    /// less than 5,000 steps take) and reported as taking too long, whatever it was doing.
    @Test(arguments: [
        ("fit 50 batch 1\nanswer 1\n", Duration.milliseconds(10), "0.01"),
        ("answer 1\n", Duration.zero, "0"),
    ])
    func anAnswerThatTakesTooLongIsStopped(_ answer: String, _ time: Duration, _ shown: String) throws {
        let lesson = try LessonParser.parse(Self.greedyLesson, file: "greedy.lesson")
        let exercise = try #require(lesson.exercise(named: "train"))
        let work = try CheckTests.workspace([:])
        let answers = AnswerFiles(workspace: work)
        let file = answers.path(lesson: lesson, exercise: exercise)
        try FileManager.default.createDirectory(atPath: answers.folder(lesson: lesson), withIntermediateDirectories: true)
        try answer.write(toFile: file, atomically: true, encoding: .utf8)
        var checker = CheckTests.checker(work)
        checker.limits = RunLimits(maximumEpochs: 50, answerTime: time)
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = checker.check(exercise, in: lesson)
        #expect(clock.now - start < .seconds(30))
        #expect(outcome.status == .error)
        #expect(outcome.message == "\(file): took longer than \(shown) s, the most an answer may run, and was stopped")
    }

    /// In `tutor lesson` the learner is held to the same limits as the answer `tutor check` will
    /// judge, and the lesson's own greedy command is refused where it stands.
    @Test func theLearnerIsHeldToTheLessonsLimits() throws {
        let lesson = try LessonParser.parse(Self.greedyLesson, file: "greedy.lesson")
        let run = LessonEngineTests.Run(lesson)
        #expect(run.shown.contains("error: \(Self.capMessage)"))
        #expect(run.engine.learner.limits == .lesson)
        #expect(run.engine.prompt == .exercise(name: "train", number: 1, total: 1))
        run.type("fit 60")
        #expect(run.shown.contains("error: `fit 60` trains more epochs than a lesson or an answer may: at most 50"))
        #expect(run.engine.learner.session.history.isEmpty)
        run.type("fit 1")
        #expect(run.engine.prompt == .done)
    }
}
