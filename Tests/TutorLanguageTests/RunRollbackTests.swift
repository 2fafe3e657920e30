import Foundation
import NeuralNet
import Testing
@testable import TutorLanguage

/// `run FILE` is all or nothing: a line that fails, or Ctrl-C, puts the session back as it was
/// before the `run` (what the script printed stays printed). Commands that Ctrl-C stops change
/// nothing; lessons and answers are held to ``RunLimits/lesson``.
@Suite struct RunRollbackTests {
    /// Every fact a session holds, comparable: weights bit for bit, the optimizer's state, the
    /// data's examples, settings, history, names, answer, outputs, commands and journal.
    struct State: Equatable {
        /// The data's examples, hashed (a failure report stays short).
        var data: Int?
        var dataSource: String, dataDirectory: String?, trainLimit: Int?, testLimit: Int?
        var fits: [FitRecord], runs: [RunRecord], currentRun: Int?
        var specs: [LayerSpec]?, weights: [[UInt32]]?, modelSeed: UInt64?
        var iterations: Int?, slots: [[UInt32]]?, history: [EpochRecord]
        var optimizer: OptimizerKind, loss: Loss, batchSize: Int, seed: UInt64
        var names: [String: Operand], answer: Double?, lastOutputs: ShownOutputs?, lastEvaluation: Evaluation?
        var drawing: DigitNormalization?
        var commands: [String], journal: [SessionEvent]

        init(_ s: Session) {
            data = s.data.map { data in
                var hasher = Hasher()
                for set in [data.train, data.test] {
                    hasher.combine(set.pixels)
                    hasher.combine(set.labels)
                }
                return hasher.finalize()
            }
            dataSource = s.dataSource
            dataDirectory = s.dataDirectory
            (trainLimit, testLimit) = s.dataLimits
            fits = s.fits
            runs = s.runs
            currentRun = s.currentRun
            specs = s.model?.specs
            weights = s.model?.parameters.map { $0.values.map(\.bitPattern) }
            modelSeed = s.model?.seed
            iterations = s.trainer?.trainingState?.iterations
            slots = s.trainer?.trainingState?.slots.map { $0.map(\.bitPattern) }
            history = s.history
            optimizer = s.optimizer
            loss = s.loss
            batchSize = s.batchSize
            seed = s.seed
            names = s.names
            answer = s.answer
            lastOutputs = s.lastOutputs
            lastEvaluation = s.lastEvaluation
            drawing = s.drawing
            commands = s.commands
            journal = s.journal
        }
    }

    static let trained = ["data mnist 100 20", "layer flatten", "layer dense 8 sigmoid", "layer dense 10 softmax", "fit 1", "let v = [1, 2]", "answer 3"]

    /// A script that changes everything and then fails at its last line.
    static let failing = """
        batch 64
        seed 7
        fit 2 validate 0.2
        evaluate
        optimizer sgd 0.5
        let w = [3]
        answer 9
        show onehot 3
        layer dense 4 relu
        show image 1000
        """

    @Test func aFailingScriptChangesNothing() throws {
        let folder = try RunLessonTests.folder(["bad.tut": Self.failing])
        let interpreter = try InterpreterTests.interpreter(Self.trained)
        let before = State(interpreter.session)
        var shown: [Output] = []
        #expect(throws: Diagnostic.self) {
            try interpreter.execute(line: "run \(folder)/bad.tut", number: 8) { shown.append($0) }
        }
        #expect(State(interpreter.session) == before)
        // What it printed stays printed: every line up to the failing one ran and was shown.
        #expect(shown.contains(.message("Batch size: 64 examples per step.")))
        #expect(shown.contains { if case .epochEnded(let progress) = $0 { progress.epoch == 2 } else { false } })
        #expect(shown.contains { if case .evaluation = $0 { true } else { false } })
        // And the session goes on as before the run: the next `fit` is the one it would have been.
        let twin = try InterpreterTests.interpreter(Self.trained)
        try interpreter.execute(line: "fit 1", number: 9) { _ in }
        try twin.execute(line: "fit 1", number: 8) { _ in }
        #expect(State(interpreter.session).weights == State(twin.session).weights)
    }

    /// A script run by a script that fails undoes both; a script that succeeds keeps what it did.
    @Test func nestedRunsAndASucceedingRun() throws {
        let folder = try RunLessonTests.folder([
            "good.tut": "batch 16\nseed 3\n",
            "outer.tut": "batch 128\nrun bad.tut\n",
            "bad.tut": "loss mse\nlayer dense 99999999999 relu\n",
        ])
        let interpreter = try InterpreterTests.interpreter(Self.trained)
        interpreter.pathPolicy = .inside(folder)
        let before = State(interpreter.session)
        let error = InterpreterTests.error(interpreter, "run outer.tut")
        #expect(error?.hasSuffix("""
             --> bad.tut:2:13
              |
            2 | layer dense 99999999999 relu
              |             ^^^^^^^^^^^ try fewer units, e.g. `layer dense 256 relu`
            """) == true)
        #expect(State(interpreter.session) == before)
        #expect(InterpreterTests.error(interpreter, "run good.tut") == nil)
        #expect(interpreter.session.batchSize == 16 && interpreter.session.seed == 3)
        #expect(interpreter.session.commands.suffix(3) == ["run good.tut", "batch 16", "seed 3"])
    }

    /// Ctrl-C in a `run` — here in its `fit`, which alone would keep its weights — stops the
    /// script before its next line and puts the session back.
    @Test func anInterruptedRunChangesNothing() throws {
        let folder = try RunLessonTests.folder(["long.tut": "batch 8\nfit 50\nshow onehot 1\n"])
        let interpreter = try InterpreterTests.interpreter(Self.trained)
        let before = State(interpreter.session)
        var batches = 0
        interpreter.shouldStop = { batches >= 3 }
        var shown: [Output] = []
        let line = "run \(folder)/long.tut"
        do {
            try interpreter.execute(line: line, number: 1) { output in
                if case .batchProgress = output { batches += 1 }
                shown.append(output)
            }
            Issue.record("the run was not stopped")
        } catch {
            #expect(error.rendered() == """
                error: stopped (Ctrl-C): nothing changed
                 --> 1:1
                  |
                1 | \(line)
                  | \(String(repeating: "^", count: line.count))
                """)
        }
        #expect(State(interpreter.session) == before)
        #expect(shown.contains { if case .message(let text) = $0 { text.hasPrefix("Stopped in epoch 1 after 3 of 13 batches") } else { false } })
        #expect(!shown.contains(.echo(SourceLine(text: "show onehot 1", number: 3, file: "\(folder)/long.tut"))))
    }

    /// A script run by itself (`tutor run FILE`) stops before its next line once Ctrl-C was
    /// pressed; the lines before it ran.
    @Test func aScriptStopsBeforeItsNextLine() throws {
        let interpreter = try InterpreterTests.interpreter()
        var asked = 0
        interpreter.shouldStop = {
            asked += 1
            return asked > 1
        }
        do {
            try interpreter.runScript("batch 8\nseed 4\n", file: "s.tut") { _ in }
            Issue.record("the script was not stopped")
        } catch {
            #expect(error.rendered() == """
                error: stopped (Ctrl-C) before this line; the lines before it ran
                 --> s.tut:2:1
                  |
                2 | seed 4
                  | ^^^^^^
                """)
        }
        #expect(interpreter.session.batchSize == 8 && interpreter.session.seed == 42)
    }

    /// The long commands other than `fit` hear Ctrl-C and change nothing.
    @Test(arguments: ["evaluate", "confusion", "data mnist 50 10", "load model MODEL"])
    func aStoppedCommandChangesNothing(_ command: String) throws {
        let folder = try RunLessonTests.folder([:])
        let interpreter = try InterpreterTests.interpreter(Self.trained + ["save model \(folder)/m.tutormodel", "evaluate"])
        let line = command.replacingOccurrences(of: "MODEL", with: "\(folder)/m.tutormodel")
        let before = State(interpreter.session)
        interpreter.shouldStop = { true }
        #expect(InterpreterTests.error(interpreter, line) == """
            error: stopped (Ctrl-C): nothing changed
             --> 1:1
              |
            1 | \(line)
              | \(String(repeating: "^", count: line.count))
            """)
        #expect(State(interpreter.session) == before)
    }

    /// Lessons and answers may not `fit` more than 50 epochs; the notebook may.
    @Test func lessonsCapTheEpochs() throws {
        let interpreter = try InterpreterTests.interpreter(Self.trained)
        interpreter.limits = .lesson
        #expect(InterpreterTests.error(interpreter, "fit 100000000") == """
            error: `fit 100,000,000` trains more epochs than a lesson or an answer may: at most 50
             --> 1:5
              |
            1 | fit 100000000
              |     ^^^^^^^^^ try `fit 3`; in the notebook (`tutor`) or your own `tutor run FILE.tut` there is no limit
            """)
        #expect(InterpreterTests.error(interpreter.fork(), "fit 51 batch 100")?.hasPrefix("error: `fit 51` trains more epochs") == true)
        #expect(InterpreterTests.error(interpreter, "fit 50 batch 100") == nil)
        #expect(interpreter.session.history.count == 51)
        #expect(RunLimits.lesson == RunLimits(maximumEpochs: 50, answerTime: .seconds(120)))
        #expect(Interpreter(session: Session(bundledDataDirectory: nil)).limits == .unlimited)
    }
}
