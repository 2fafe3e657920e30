import Foundation
import NeuralNet
import Testing
@testable import TutorLanguage

/// `runs`: a record per `fit` that trained at least one epoch, with the model and settings it
/// trained with, filled in by the next `evaluate` while the model is unchanged.
@Suite struct RunsCommandTests {
    static let model = ["data mnist 100 20", "layer flatten", "layer dense 8 relu", "layer dense 10 softmax"]

    static func runs(_ lines: [String]) throws -> [RunRecord] {
        let interpreter = try InterpreterTests.interpreter(Self.model + lines)
        let outputs = try InterpreterTests.outputs(interpreter, "runs")
        guard case .runs(let runs) = outputs.first, outputs.count == 1 else {
            Issue.record("`runs` showed \(outputs)")
            return []
        }
        #expect(runs == interpreter.session.runs)
        return runs
    }

    @Test func noRunsBeforeTheFirstFit() throws {
        #expect(try Self.runs([]) == [])
    }

    @Test func eachFitWithItsSettings() throws {
        let runs = try Self.runs(["fit 2", "optimizer sgd 0.1 momentum 0.9", "batch 16", "fit 1 validate 0.25", "loss mse", "fit 1 batch 50"])
        #expect(runs.count == 3)
        #expect(runs.map(\.layers) == Array(repeating: ["flatten", "dense 8 relu", "dense 10 softmax"], count: 3))
        #expect(runs.map(\.optimizer) == [.adam(), .sgd(learningRate: 0.1, momentum: 0.9), .sgd(learningRate: 0.1, momentum: 0.9)])
        #expect(runs.map(\.loss) == [.crossentropy, .crossentropy, .mse])
        #expect(runs.map(\.batchSize) == [32, 16, 50])
        #expect(runs.map(\.trainingExamples) == [100, 100, 100])
        #expect(runs.map(\.validationSplit) == [nil, 0.25, nil])
        #expect(runs.map(\.epochs) == [2, 1, 1])
        #expect(runs.map(\.totalEpochs) == [2, 3, 4])
        #expect(runs.map(\.ending) == [.finished, .finished, .finished])
        #expect(runs.map { $0.final.validationAccuracy != nil } == [false, true, false])
        #expect(runs.allSatisfy { $0.test == nil })
    }

    @Test func theRecordHoldsTheLastEpochsNumbers() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model + ["fit 2 validate 0.2"])
        let run = try #require(interpreter.session.runs.first)
        #expect(run.final == interpreter.session.history.last)
    }

    /// `evaluate` fills in the newest run while its model is unchanged — also after a setting
    /// that does not touch the weights — and never an older row.
    @Test func evaluateFillsInTheCurrentRunOnly() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model + ["fit 1", "fit 1", "optimizer sgd 0.1", "evaluate"])
        let evaluation = try #require(interpreter.session.lastEvaluation)
        #expect(interpreter.session.runs.map(\.test) == [nil, evaluation])
    }

    @Test(arguments: ["layer dense 10 softmax", "pop", "seed 3", "data mnist 100 30", "reset"])
    func afterAChangeEvaluateFillsNoOldRow(_ change: String) throws {
        var lines = Self.model + ["fit 1", change]
        if change == "reset" { lines += ["layer flatten", "layer dense 10 softmax"] }
        if change == "pop" { lines += ["layer dense 10 sigmoid"] }
        let interpreter = try InterpreterTests.interpreter(lines + ["evaluate"])
        #expect(interpreter.session.lastEvaluation != nil)
        #expect(interpreter.session.runs.map(\.test) == [nil])
    }

    /// The runs are the session's: `reset` and a new model keep them.
    @Test func runsOutliveReset() throws {
        let runs = try Self.runs(["fit 1", "reset", "layer flatten", "layer dense 10 softmax", "fit 1", "evaluate"])
        #expect(runs.map(\.layers) == [["flatten", "dense 8 relu", "dense 10 softmax"], ["flatten", "dense 10 softmax"]])
        #expect(runs.map(\.totalEpochs) == [1, 1])
        #expect(runs.map { $0.test != nil } == [false, true])
    }

    /// A `fit` that Ctrl-C stopped before its first epoch finished is no run, and the run before it
    /// is no longer the model's (its weights moved).
    @Test func aFitStoppedBeforeAnEpochIsNoRun() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model + ["fit 1"])
        var asked = 0
        interpreter.shouldStop = {
            asked += 1
            return asked > 1
        }
        try interpreter.execute(line: "fit 1", number: 1) { _ in }
        interpreter.shouldStop = { false }
        try interpreter.execute(line: "evaluate", number: 2) { _ in }
        #expect(interpreter.session.runs.count == 1)
        #expect(interpreter.session.runs[0].test == nil)
    }

    /// A fit stopped in its second epoch is a run of one epoch, ended by Ctrl-C.
    @Test func aFitStoppedLaterIsARunOfTheEpochsItFinished() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model)
        var batches = 0
        interpreter.shouldStop = {
            batches += 1
            return batches > 5  // 100 examples in batches of 32: 4 batches an epoch
        }
        try interpreter.execute(line: "fit 3", number: 1) { _ in }
        let run = try #require(interpreter.session.runs.first)
        #expect(run.epochs == 1)
        guard case .stopped(let epoch, _, _) = run.ending else {
            Issue.record("ended \(run.ending)")
            return
        }
        #expect(epoch == 2)
    }

    /// `undo` takes back the run it undoes, and the test accuracy `evaluate` filled in after it.
    @Test func undoTakesTheRunBack() throws {
        let interpreter = try InterpreterTests.interpreter(Self.model + ["fit 1", "evaluate", "fit 1", "evaluate"])
        #expect(interpreter.session.runs.map { $0.test != nil } == [true, true])
        try interpreter.execute(line: "undo", number: 1) { _ in }
        #expect(interpreter.session.runs.map { $0.test != nil } == [true])
        #expect(interpreter.session.currentRun == 0)
    }
}
