import Foundation
import NeuralNet
import Testing
@testable import TutorLanguage

/// `undo` puts the session back as it was before the last command that changed it — weights,
/// optimizer state and history bit for bit after `fit` — and again further back, within
/// ``UndoHistory``'s bound.
@Suite struct UndoTests {
    typealias State = RunRollbackTests.State

    /// The messages of one line.
    static func messages(_ interpreter: Interpreter, _ line: String) throws -> [String] {
        try InterpreterTests.outputs(interpreter, line).compactMap { output in
            if case .message(let text) = output { return text }
            return nil
        }
    }

    /// A trained model (with Adam's state), a name and an answer.
    static func trained() throws -> Interpreter {
        try InterpreterTests.interpreter(RunRollbackTests.trained)
    }

    @Test(arguments: [
        "data mnist 50 10", "layer dense 4 relu", "pop", "reset", "optimizer sgd 0.5 momentum 0.9", "loss mse",
        "batch 8", "seed 9", "fit 1", "fit 2 validate 0.2", "let v = [3, 4]", "let w = [[1], [2]]", "answer 7",
    ])
    func undoPutsBackEverythingTheCommandChanged(_ line: String) throws {
        let interpreter = try Self.trained()
        let before = State(interpreter.session)
        try interpreter.execute(line: line, number: 1) { _ in }
        #expect(State(interpreter.session) != before, "`\(line)` changed nothing: the test would prove nothing")
        _ = try Self.messages(interpreter, "undo")
        #expect(State(interpreter.session) == before)
    }

    @Test func undoAfterFitSaysWhatIsBack() throws {
        let interpreter = try Self.trained()
        #expect(try Self.messages(interpreter, "fit 2") == [])
        #expect(try Self.messages(interpreter, "undo") == [
            "Undid `fit 2`: the model has 3 layers, 6,370 parameters, trained 1 epoch. 7 more steps to undo.",
        ])
        #expect(interpreter.session.history.count == 1)
    }

    @Test func undoTwiceGoesTwoStepsBack() throws {
        let interpreter = try Self.trained()
        let before = State(interpreter.session)
        try interpreter.execute(line: "optimizer sgd 0.1", number: 1) { _ in }
        let between = State(interpreter.session)
        try interpreter.execute(line: "layer dense 10 softmax", number: 2) { _ in }
        #expect(try Self.messages(interpreter, "undo") == [
            "Undid `layer dense 10 softmax`: the model has 3 layers, 6,370 parameters, trained 1 epoch. 8 more steps to undo.",
        ])
        #expect(State(interpreter.session) == between)
        #expect(try Self.messages(interpreter, "undo") == [
            "Undid `optimizer sgd 0.1`: the optimizer is adam again, learning rate 0.001. 7 more steps to undo.",
        ])
        #expect(State(interpreter.session) == before)
    }

    @Test func eachKindOfStepSaysWhatIsBackInItsOwnTerms() throws {
        let interpreter = try Self.trained()
        for line in ["loss mse", "batch 8", "seed 9", "let v = [5]", "answer 8"] {
            try interpreter.execute(line: line, number: 1) { _ in }
        }
        #expect(try Self.messages(interpreter, "undo") == ["Undid `answer 8`: the answer is 3 again. 11 more steps to undo."])
        #expect(try Self.messages(interpreter, "undo") == ["Undid `let v = [5]`: `v` is [1, 2] again. 10 more steps to undo."])
        #expect(try Self.messages(interpreter, "undo") == [
            "Undid `seed 9`: the seed is 42 again; the model has 3 layers, 6,370 parameters, trained 1 epoch. 9 more steps to undo.",
        ])
        #expect(try Self.messages(interpreter, "undo") == ["Undid `batch 8`: the batch size is 32 again. 8 more steps to undo."])
        #expect(try Self.messages(interpreter, "undo") == ["Undid `loss mse`: the loss is crossentropy again. 7 more steps to undo."])
    }

    @Test func undoingADrawingSaysTheDrawingIsGone() throws {
        let interpreter = try InterpreterTests.interpreter()
        let bar = (0..<28).map { 4...23 ~= $0 ? String(repeating: " ", count: 13) + "###" : "" }
        try interpreter.runScript((["draw"] + bar).joined(separator: "\n"), file: nil) { _ in }
        #expect(interpreter.session.drawing != nil)
        #expect(try Self.messages(interpreter, "undo") == ["Undid `draw`: there is no drawing any more. Nothing more to undo."])
        #expect(interpreter.session.drawing == nil)
    }

    @Test func nothingToUndo() throws {
        let interpreter = try InterpreterTests.interpreter()
        #expect(InterpreterTests.error(interpreter, "undo") == """
            error: there is nothing to undo: no command has changed the session since it began
             --> 1:1
              |
            1 | undo
              | ^^^^
            """)
        try interpreter.execute(line: "let v = [1]", number: 1) { _ in }
        #expect(try Self.messages(interpreter, "undo") == ["Undid `let v = [1]`: `v` is not defined any more. Nothing more to undo."])
        #expect(InterpreterTests.error(interpreter, "undo")?.hasPrefix("error: there is nothing more to undo: the session is back as it began\n") == true)
    }

    /// A command that fails changed nothing and is no step: `undo` goes back over the one before it.
    @Test func aFailedCommandIsSkipped() throws {
        let interpreter = try Self.trained()
        try interpreter.execute(line: "let a = [1]", number: 1) { _ in }
        let afterLet = State(interpreter.session)
        #expect(InterpreterTests.error(interpreter, "let b = missing") != nil)
        #expect(InterpreterTests.error(interpreter, "layer dense 5 relu extra") != nil)
        #expect(InterpreterTests.error(interpreter, "show image 99999") != nil)
        #expect(State(interpreter.session) == afterLet)
        #expect(try Self.messages(interpreter, "undo") == ["Undid `let a = [1]`: `a` is not defined any more. 7 more steps to undo."])
    }

    /// Commands that only show something are not steps; what they kept goes back with the step before them.
    @Test func showingIsNoStep() throws {
        let interpreter = try Self.trained()
        let before = State(interpreter.session)
        for line in ["fit 1", "model", "evaluate", "predict 0", "show softmax [1, 2]", "plot loss", "runs", "history", "help fit"] {
            try interpreter.execute(line: line, number: 1) { _ in }
        }
        #expect(try Self.messages(interpreter, "undo").first?.hasPrefix("Undid `fit 1`:") == true)
        #expect(State(interpreter.session) == before)
    }

    /// `history` after `undo`: the undone command (and what came after it) gone, `undo` itself never listed.
    @Test func historyAfterUndo() throws {
        let interpreter = try InterpreterTests.interpreter(["let a = [1]", "let b = [2]", "history", "let c = [3]"])
        _ = try Self.messages(interpreter, "undo")
        try interpreter.execute(line: "let d = [4]", number: 1) { _ in }
        #expect(try InterpreterTests.outputs(interpreter, "history") == [.history(["let a = [1]", "let b = [2]", "history", "let d = [4]"])])
    }

    /// `run FILE` is one step; inside it, `undo` goes back over the script's own commands only.
    @Test func aRunIsOneStepAndUndoesItsOwnLinesInside() throws {
        let folder = try RunLessonTests.folder(["s.tut": "let a = [1]\nlet a = [2]\nundo\nlet b = [3]\n", "deep.tut": "undo\n"])
        let interpreter = try InterpreterTests.interpreter(["let z = [0]"])
        let before = State(interpreter.session)
        try interpreter.execute(line: "run \(folder)/s.tut", number: 2) { _ in }
        #expect(interpreter.session.names == ["z": .vector([0]), "a": .vector([1]), "b": .vector([3])])
        #expect(interpreter.session.commands == ["let z = [0]", "run \(folder)/s.tut", "let a = [1]", "let b = [3]"])
        #expect(try Self.messages(interpreter, "undo") == [
            "Undid `run \(folder)/s.tut`: there is no model. 1 more step to undo.",
        ])
        #expect(State(interpreter.session) == before)
        // A script cannot undo what came before it: its `undo` fails, and the run with it.
        #expect(InterpreterTests.error(interpreter, "run \(folder)/deep.tut")?.hasPrefix(
            "error: there is nothing to undo: no command has changed the session since it began\n") == true)
        #expect(State(interpreter.session) == before)
    }

    /// The bound: the newest steps are kept, the oldest forgotten first, and `undo` says so when it runs out.
    @Test func theOldestStepsAreForgottenFirst() throws {
        let interpreter = try InterpreterTests.interpreter()
        interpreter.undoHistory = UndoHistory(stepLimit: 2, byteLimit: 1 << 20)
        for line in ["let a = [1]", "let b = [2]", "let c = [3]"] {
            try interpreter.execute(line: line, number: 1) { _ in }
        }
        #expect(try Self.messages(interpreter, "undo") == ["Undid `let c = [3]`: `c` is not defined any more. 1 more step to undo."])
        #expect(try Self.messages(interpreter, "undo") == ["Undid `let b = [2]`: `b` is not defined any more. Nothing more to undo."])
        #expect(InterpreterTests.error(interpreter, "undo")?.hasPrefix(
            "error: there is nothing more to undo: `undo` keeps the newest 2 steps and at most 1.00 MB of copies, and older ones were forgotten\n") == true)
        #expect(interpreter.session.names == ["a": .vector([1])])
    }

    /// The trained model's copy (6,370 parameters: values, gradients and Adam's two slots, 16 bytes
    /// each) is 101,920 bytes: a bound of 150,000 keeps one such step, not two.
    @Test func theByteBoundKeepsTheNewestCopiesThatFit() throws {
        let interpreter = try Self.trained()
        #expect(UndoHistory.bytes(of: interpreter.session) == 101_920)
        interpreter.undoHistory = UndoHistory(stepLimit: 20, byteLimit: 150_000)
        try interpreter.execute(line: "batch 8", number: 1) { _ in }
        try interpreter.execute(line: "batch 16", number: 2) { _ in }
        #expect(interpreter.undoHistory.steps.map(\.text) == ["batch 16"])
        #expect(try Self.messages(interpreter, "undo") == ["Undid `batch 16`: the batch size is 8 again. Nothing more to undo."])
    }

    /// A copy larger than the bound alone is not taken: a note says so before the command runs,
    /// and `undo` cannot go back past it.
    @Test func aCopyTooLargeToKeepIsNotTaken() throws {
        let interpreter = try Self.trained()
        interpreter.undoHistory = UndoHistory(stepLimit: 20, byteLimit: 100_000)
        let note = "Note: `undo` will not go back past this command: copying the model and its optimizer state would take 99.53 KB, more than the 97.66 KB `undo` keeps."
        #expect(try Self.messages(interpreter, "fit 1") == [note])
        #expect(try Self.messages(interpreter, "reset") == [note, "The model and its training are forgotten; the data and settings stay."])
        try interpreter.execute(line: "let v = [9]", number: 3) { _ in }  // nothing large to copy: a step again
        #expect(try Self.messages(interpreter, "undo") == ["Undid `let v = [9]`: `v` is [1, 2] again. Nothing more to undo."])
        #expect(InterpreterTests.error(interpreter, "undo")?.hasPrefix(
            "error: there is nothing more to undo: `undo` does not go back past `reset`, whose copy of the model was too large to keep\n") == true)
    }

    /// A command whose copy is too large and that fails forgets no step.
    @Test func aFailedCommandTooLargeToCopyForgetsNothing() throws {
        let interpreter = try InterpreterTests.interpreter()
        interpreter.undoHistory = UndoHistory(stepLimit: 20, byteLimit: 100_000)
        for line in ["data mnist 100 20", "let v = [1]", "layer flatten", "layer dense 8 sigmoid"] {
            try interpreter.execute(line: line, number: 1) { _ in }
        }
        // 6,280 parameters at 16 bytes (values, gradients and Adam's two slots): 100,480 bytes.
        #expect(UndoHistory.bytes(of: interpreter.session) == 100_480)
        // 8 outputs for 10 digits: `fit` fails, after the note, and the steps stay.
        var shown: [Output] = []
        #expect(throws: Diagnostic.self) { try interpreter.execute(line: "fit 1", number: 7) { shown.append($0) } }
        #expect(shown == [.message("Note: `undo` will not go back past this command: copying the model and its optimizer state would take 98.12 KB, more than the 97.66 KB `undo` keeps.")])
        #expect(interpreter.undoHistory.steps.map(\.text) == ["data mnist 100 20", "let v = [1]", "layer flatten", "layer dense 8 sigmoid"])
        #expect(interpreter.undoHistory.lost == nil)
    }

    /// A fork, and so the starting point of an answer `tutor check` runs, starts with nothing to undo.
    @Test func aForkStartsWithNothingToUndo() throws {
        let interpreter = try Self.trained()
        let twin = interpreter.fork()
        #expect(twin.undoHistory.steps.isEmpty)
        #expect(interpreter.undoHistory.steps.count == 7)
    }

    /// One place decides which commands are steps.
    @Test(arguments: [
        ("data mnist", true), ("layer flatten", true), ("pop", true), ("reset", true), ("optimizer adam", true),
        ("loss mse", true), ("batch 8", true), ("seed 1", true), ("fit 1", true), ("load model m.model", true),
        ("let v = [1]", true), ("answer 1", true), ("run s.tut", true),
        ("data", false), ("show image 0", false), ("model", false), ("evaluate", false), ("predict 0", false),
        ("confusion", false), ("plot loss", false), ("runs", false), ("help", false), ("history", false),
        ("save model m.model", false), ("save notebook n.md", false), ("export keras k.py", false), ("clear", false),
        ("undo", false), ("quit", false),
    ])
    func whichCommandsAreSteps(_ line: String, _ changes: Bool) throws {
        let statement = try #require(try Parser.parse(line, line: 1, file: nil))
        #expect(statement.command.changesSession == changes)
    }
}
