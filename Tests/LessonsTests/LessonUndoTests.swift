import Foundation
import Lessons
import Testing
import TutorLanguage

/// `undo` in a lesson never goes back before the exercise began, so the checks, which look at
/// the journal after the exercise's start, always find it there.
struct LessonUndoTests {
    @Test func undoInAnExerciseStopsAtItsStart() throws {
        let lesson = try LessonEngineTests.course("04-training")
        let run = LessonEngineTests.Run(lesson)
        LessonEngineTests.reach("train-your-own", in: run, of: lesson)
        let session = run.engine.learner.session
        let start = (journal: session.journal, commands: session.commands, specs: session.model?.specs, history: session.history)
        run.type("undo")
        #expect(run.shown.hasSuffix("error: there is nothing to undo: no command has changed the session since it began\n --> 1:1\n  |\n1 | undo\n  | ^^^^\n"))
        run.type("layer flatten", "layer dense 64 relu", "undo", "undo", "undo")
        #expect(run.shown.contains("Undid `layer dense 64 relu`: "))
        #expect(run.shown.contains("Undid `layer flatten`: "))
        #expect(run.shown.contains("error: there is nothing more to undo: the session is back as it began\n"))
        #expect(session.journal == start.journal)
        #expect(session.commands == start.commands)
        #expect(session.model?.specs == start.specs)
        #expect(session.history == start.history)
        // The checks still look from the exercise's start: the training undone, `evaluate` does not pass.
        run.type("layer flatten", "layer dense 64 relu", "layer dense 10 softmax", "fit 2", "undo", "evaluate")
        #expect(run.engine.prompt == .exercise(name: "train-your-own", number: 3, total: 3))
        run.type("fit 2", "evaluate")
        #expect(run.all.contains(.solved(exercise: "train-your-own", answerFile: run.workspace + "/answers/04-training/train-your-own.tut")))
    }

    /// After `skip`, what was typed in the exercise cannot be undone.
    @Test func afterSkipWhatWasTypedCannotBeUndone() throws {
        let lesson = try LessonEngineTests.course("03-sigmoid-versus-softmax")
        let run = LessonEngineTests.Run(lesson)
        LessonEngineTests.reach("softmax-output", in: run, of: lesson)
        run.type("let v = [1]", "skip")
        #expect(run.engine.learner.undoHistory.steps.map(\.text).contains("let v = [1]") == false)
    }
}
