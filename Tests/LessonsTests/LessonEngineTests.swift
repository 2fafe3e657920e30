import Foundation
import Lessons
import Testing
import TutorLanguage
import TutorTerminal

/// The lesson engine without a terminal: a line in, events out. One test per way a learner found
/// the exercises untrustworthy (issue #8), each written as the learner met it.
struct LessonEngineTests {
    /// What a lesson showed, as a learner reads it, and the engine for further questions.
    final class Run {
        var text = ""
        var events: [LessonEvent] = []
        let engine: LessonEngine
        let workspace: String

        init(_ lesson: Lesson, record: ProgressRecord = ProgressRecord(), workspace: String? = nil,
             interactive: Bool = false, guarded: ((() -> Void) -> Void)? = nil, prepare: (LessonEngine) -> Void = { _ in }) {
            let folder = workspace ?? FileManager.default.temporaryDirectory.appendingPathComponent("tutor-engine-\(UUID().uuidString)").path
            self.workspace = folder
            // A wide terminal, so that the tests read each message on one line.
            let renderer = LessonRenderer(terminal: Terminal(isTTY: true, width: 200, colorEnabled: false))
            let outputs = OutputRenderer(terminal: Terminal(isTTY: false, width: 200, colorEnabled: false))
            var text = ""
            var events: [LessonEvent] = []
            engine = LessonEngine(
                lesson: lesson, stem: AnswerFiles.name(of: lesson), learner: LessonEngineTests.interpreter(),
                makeInterpreter: LessonEngineTests.interpreter, workspace: folder, store: ProgressStore(workspace: folder),
                record: record, interactive: interactive) { event in
                    events.append(event)
                    if case .output(let output) = event {
                        if let line = outputs.render(output) { text += line + "\n" }
                    } else if let line = renderer.render(event) {
                        text += line + "\n"
                    }
                }
            if let guarded { engine.guarded = guarded }
            prepare(engine)
            self.textBox = { text }
            self.eventsBox = { events }
            engine.start()
        }

        private let textBox: () -> String
        private let eventsBox: () -> [LessonEvent]
        var shown: String { textBox() }
        var all: [LessonEvent] { eventsBox() }

        /// Types each line at whatever the lesson waits for.
        func type(_ lines: String...) {
            for line in lines { engine.receive(.line(line)) }
        }
    }

    static func interpreter() -> Interpreter {
        Interpreter(session: Session(bundledDataDirectory: Support.mnist))
    }

    static func course(_ name: String) throws -> Lesson {
        let path = Support.root.appendingPathComponent("lessons/\(name).lesson").path
        return try LessonParser.parse(try String(contentsOfFile: path, encoding: .utf8), file: "lessons/\(name).lesson")
    }

    /// Moves through the lesson typing each exercise's solution (and no guess, at a guess) until
    /// exercise `name` begins.
    static func reach(_ name: String, in run: Run, of lesson: Lesson) {
        while true {
            switch run.engine.prompt {
            case .guess: run.type("")
            case .exercise(let current, _, _) where current != name:
                guard let exercise = lesson.exercise(named: current) else { return }
                for statement in exercise.solution { run.type(statement.commandText) }
            default: return
            }
        }
    }

    /// `skip` after a wrong model: the solution runs on the state the exercise started from, not on
    /// top of what the learner built (`10 → flatten → 10` was printed).
    @Test func skipStartsAgainFromTheExercisesState() throws {
        let lesson = try Self.course("03-sigmoid-versus-softmax")
        let run = Run(lesson)
        Self.reach("softmax-output", in: run, of: lesson)
        run.type("data mnist 100 10", "layer flatten", "layer dense 256 sigmoid", "layer dense 10 sigmoid", "skip")
        let afterSkip = run.shown.components(separatedBy: "solution:").last ?? ""
        #expect(afterSkip.contains("28×28 → flatten → 784   params 0"))
        #expect(afterSkip.contains("784 → dense(256, sigmoid) → 256   params 784·256 + 256 = 200,960"))
        #expect(!afterSkip.contains("10 → flatten → 10"))
        #expect(run.engine.learner.session.model?.specs == [.flatten, .dense(units: 256, activation: .sigmoid), .dense(units: 10, activation: .softmax)])
    }

    /// A miss says which requirement failed and what was found — never the wanted value, until the
    /// last hint has been shown.
    @Test func aMissDoesNotGiveTheAnswerAway() throws {
        let lesson = try Self.course("02-dense-layers")
        let run = Run(lesson)
        Self.reach("count-params", in: run, of: lesson)
        run.type("answer 25088")
        #expect(run.shown.hasSuffix("""
            Answer: 25,088
            ✗ not yet: Count one weight per input for each of the 32 neurons, then add one bias per neuron. (found answer 25088)

            """))
        #expect(!run.shown.contains("25120"))
        run.type("hint", "hint", "hint", "answer 25000")
        #expect(run.shown.hasSuffix("(found answer 25000); wanted answer 25120 (within 0.0005)\n"))
    }

    /// The answer of one exercise does not carry over into the next.
    @Test func theAnswerDoesNotCarryOver() throws {
        let lesson = try Self.course("03-sigmoid-versus-softmax")
        let run = Run(lesson)
        run.type("show softmax [1, 1, 1]", "answer 0.3333", "show softmax [6, -6, -6]")
        Self.reach("sigmoid-sum", in: run, of: lesson)
        run.type("show sigmoid [0, 0, 0]")
        #expect(run.shown.hasSuffix("✗ not yet: Add up the three outputs, or read the sum line. (found no answer yet)\n"))
        #expect(!run.shown.contains("found answer 0.3333"))
    }

    /// Checks as strict as the task: training for 1 epoch without evaluating does not pass
    /// "train it for 2 epochs and evaluate it".
    @Test func aStepTheTaskNamesCannotBeLeftOut() throws {
        let lesson = try Self.course("04-training")
        let run = Run(lesson)
        Self.reach("train-your-own", in: run, of: lesson)
        run.type("layer flatten", "layer dense 64 relu", "layer dense 10 softmax", "fit 1")
        #expect(run.engine.prompt == .exercise(name: "train-your-own", number: 3, total: 3))
        run.type("fit 1")
        #expect(run.shown.hasSuffix("✗ not yet: Evaluate the model once it has trained, with `evaluate`. (found no `evaluate` here yet)\n"))
        run.type("evaluate")
        #expect(run.all.contains(.solved(exercise: "train-your-own", answerFile: run.workspace + "/answers/04-training/train-your-own.tut")))
    }

    /// `show onehot 3` sums to 1 but is not softmax of the task's scores.
    @Test func theTasksVectorAndActivationAreChecked() throws {
        let lesson = try Self.course("03-sigmoid-versus-softmax")
        let run = Run(lesson)
        Self.reach("make-probabilities", in: run, of: lesson)
        run.type("show onehot 3")
        #expect(run.engine.prompt == .exercise(name: "make-probabilities", number: 2, total: 4))
        #expect(run.shown.hasSuffix("✗ not yet: The scores [6, -6, -6] must go through an activation whose outputs add up to exactly 1. (found `show onehot 3`)\n"))
    }

    /// Any correct path passes: the sigmoid model trained in batches of 64 (its outputs sum to
    /// something else than the lesson's own path gives).
    @Test func aCheckDoesNotNeedOnePathsExactNumbers() throws {
        let lesson = try Self.course("05-reading-predictions")
        let run = Run(lesson)
        Self.reach("sigmoid-output", in: run, of: lesson)
        run.type("layer flatten", "layer dense 256 sigmoid", "layer dense 10 sigmoid", "fit 3 batch 64", "predict 0 test")
        #expect(run.all.contains { if case .solved(exercise: "sigmoid-output", _) = $0 { true } else { false } })
    }

    /// A `quit` in a lesson would end a replay before it proves the rest.
    @Test(arguments: ["quit", "solution quit", "also answer 1; quit"])
    func aLessonCannotQuit(_ line: String) {
        let inExercise = line != "quit"
        let text = "# Q\n" + (inExercise ? "exercise e\nsolution answer 1\n\(line)\nexpect answer 1\nend\n" : "\(line)\n")
        let lineNumber = inExercise ? 4 : 2
        let column = (line as NSString).range(of: "quit").location + 1
        #expect(Support.parseError(text) == """
            error: a lesson cannot `quit`: replaying it must reach every exercise
             --> t.lesson:\(lineNumber):\(column)
              |
            \(lineNumber) | \(line)
              | \(String(repeating: " ", count: column - 1))^^^^ remove the line; the learner leaves with `quit` themselves
            """)
    }

    /// Ctrl-C while the session is rebuilt leaves no half-built session: the lesson says so and
    /// offers to build it again; saying yes rebuilds it whole.
    @Test func anInterruptedRestoreSaysSoAndOffersAgain() throws {
        let lesson = try Self.course("04-training")
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-engine-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        let loss = try #require(lesson.items.firstIndex { if case .exercise(let e) = $0 { e.name == "loss-drop" } else { false } })
        var record = ProgressRecord()
        record.lessons["04-training"] = LessonProgress(next: loss, exercises: ["compile-settings": .done])
        // The first rebuild is interrupted in its first training (Ctrl-C), the second is not.
        let stopped = StopOnce()
        let run = Run(lesson, record: record, workspace: workspace, interactive: true)
        #expect(run.engine.prompt == .resume(place: "at exercise loss-drop (2/3)"))
        run.engine.learner.shouldStop = { stopped.ask() }
        run.engine.guarded = { body in
            stopped.begin()
            body()
        }
        run.type("y")
        #expect(run.shown.contains("warning: Restoring was interrupted, so your session is not as the lesson left it.\n"))
        #expect(run.engine.prompt == .restoreAgain)
        run.type("y")
        #expect(run.engine.prompt == .exercise(name: "loss-drop", number: 2, total: 3))
        #expect(run.engine.learner.session.history.count == 3)
    }

    /// What is typed at a pause runs (or, for exercise words, is explained), then the pause waits on.
    @Test func aLineTypedAtAPauseIsNotLost() throws {
        let lesson = try LessonParser.parse(try String(contentsOfFile: Support.sampleLesson, encoding: .utf8), file: "lessons/00-sample.lesson")
        let run = Run(lesson, interactive: true)
        #expect(run.engine.prompt == .pause)
        run.type("show onehot 2")
        #expect(run.shown.contains("onehot(2)"))
        run.type("hint")
        #expect(run.shown.hasSuffix("There is no exercise here to `hint`: press Enter to go on, or type a command to try it.\n"))
        #expect(run.engine.prompt == .pause)
        run.type("")
        #expect(run.engine.prompt == .exercise(name: "softmax-sum", number: 1, total: 2))
    }

    /// After three misses the next hint is offered; progress keeps attempts, misses and hints.
    @Test func threeMissesOfferAHintAndEffortIsKept() throws {
        let lesson = try LessonParser.parse(try String(contentsOfFile: Support.sampleLesson, encoding: .utf8), file: "lessons/00-sample.lesson")
        let run = Run(lesson)
        run.type("answer 2", "answer 3", "answer 4")
        #expect(run.shown.hasSuffix("(found answer 4)\nStuck? Type `hint` for hint 1 of 2.\n"))
        run.type("hint", "answer 1")
        #expect(run.engine.record.lessons["00-sample"]?.effort["softmax-sum"] == ExerciseEffort(attempts: 4, misses: 3, hints: 1))
        let saved = ProgressStore(workspace: run.workspace).load().record
        #expect(saved.lessons["00-sample"]?.effort["softmax-sum"] == ExerciseEffort(attempts: 4, misses: 3, hints: 1))
    }

    /// An answer saved by the lesson passes `tutor check`, even one that saves a notebook.
    @Test func anAnswerSavedByTheLessonPassesTheCheck() throws {
        let lesson = try LessonParser.parse(try String(contentsOfFile: Support.sampleLesson, encoding: .utf8), file: "lessons/00-sample.lesson")
        let run = Run(lesson)
        run.engine.learner.pathPolicy = .inside(run.workspace)
        run.type("save notebook notes.md", "answer 1")
        let checker = Checker(answers: AnswerFiles(workspace: run.workspace), makeInterpreter: Self.interpreter)
        let outcome = checker.check(try #require(lesson.exercise(named: "softmax-sum")), in: lesson)
        #expect(outcome.status == .passed, "\(outcome)")
    }
}

/// Ctrl-C during the first command run: "stop" is the answer while that command runs, as the
/// terminal's flag is (it is cleared when each command begins).
final class StopOnce: @unchecked Sendable {
    private var commands = 0

    func begin() { commands += 1 }
    func ask() -> Bool { commands == 1 }
}
