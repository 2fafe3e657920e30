import Foundation
import NeuralNet
import Testing
@testable import TutorLanguage

/// Training that runs away, as the learner sees it: `fit` says what happened and what to try and
/// leaves the model as the diverged epoch found it; a model whose weights or outputs are not
/// finite numbers is neither shown, evaluated, saved nor loaded.
@Suite struct DivergenceCommandTests {
    static let runaway = ["data mnist 100 20", "layer flatten", "layer dense 10 linear", "loss mse", "optimizer sgd 1e30"]

    /// Every output of `line`, rendered plainly (messages and warnings as their text).
    static func texts(_ interpreter: Interpreter, _ line: String) throws -> [String] {
        try InterpreterTests.outputs(interpreter, line).compactMap { output in
            switch output {
            case .message(let text): return text
            case .warning(let text): return "warning: " + text
            case .epochBegan(let epoch, let epochs): return "Epoch \(epoch)/\(epochs)"
            case .epochEnded(let progress): return "epoch \(progress.epoch) ended"
            case .batchProgress: return nil
            default: return "\(output)"
            }
        }
    }

    @Test func aLinearOutputWithMSERunsAwayAndIsUndone() throws {
        let interpreter = try InterpreterTests.interpreter(Self.runaway)
        let model = try #require(interpreter.session.model)
        let before = model.parameters.map(\.values)
        let journal = interpreter.session.journal
        let texts = try Self.texts(interpreter, "fit 2")
        #expect(texts == [
            "Epoch 1/2",
            "warning: training diverged in epoch 1 of 2, at batch 2 of 4: the loss is infinity. Training stopped there, and the weights, the optimizer's state and the shuffling are back to where they were when epoch 1 began.",
            "Try a smaller learning rate: `optimizer sgd 0.01` (now 1e+30). Why a linear output with mse runs away: nothing bounds its outputs, so a step that is too large overshoots the target, the next error is larger, and the squared error grows with every step until it overflows.",
        ])
        #expect(model.parameters.map(\.values) == before)
        #expect(interpreter.session.history.isEmpty)
        #expect(interpreter.session.trainer?.trainingState == nil)
        #expect(interpreter.session.journal == journal)  // nothing was trained
        // The model still computes: a prediction with numbers, not NaN bars.
        let outputs = try InterpreterTests.outputs(interpreter, "predict 0")
        guard case .prediction(let prediction) = outputs.last else {
            Issue.record("no prediction: \(outputs)")
            return
        }
        #expect(prediction.outputs.allSatisfy { $0.isFinite })
    }

    /// The advice follows the optimizer: a tenth of a rate already at or below the default,
    /// momentum kept; the sentence about mse only for an output nothing bounds.
    @Test func adviceNamesTheOptimizersSmallerRate() throws {
        let adam = try InterpreterTests.interpreter(["data mnist 100 20", "layer flatten", "layer dense 10 softmax", "optimizer adam 0.0005"])
        let model = try #require(adam.session.model)
        #expect(adam.divergenceAdvice(model: model) == "Try a smaller learning rate: `optimizer adam 5e-05` (now 0.0005).")
        try adam.execute(line: "optimizer sgd 5 momentum 0.9", number: 1) { _ in }
        #expect(adam.divergenceAdvice(model: model) == "Try a smaller learning rate: `optimizer sgd 0.01 momentum 0.9` (now 5).")
    }

    /// How each kind of divergence is told.
    @Test func whatDivergedIsNamed() {
        let loss = Divergence(quantity: .loss, value: .nan, epoch: 2, epochs: 3, batch: 1_234, steps: 1_875)
        #expect(Interpreter.divergenceText(loss) == "training diverged in epoch 2 of 3, at batch 1,234 of 1,875: the loss is NaN (not a number). Training stopped there, and the weights, the optimizer's state and the shuffling are back to where they were when epoch 2 began.")
        let weights = Divergence(quantity: .weights, value: -.infinity, epoch: 1, epochs: 1, batch: nil, steps: 4)
        #expect(Interpreter.divergenceText(weights).hasPrefix("training diverged in epoch 1 of 1: after its last batch some weights are −infinity. Training stopped there"))
        let state = Divergence(quantity: .optimizerState, value: .infinity, epoch: 1, epochs: 1, batch: nil, steps: 4)
        #expect(Interpreter.divergenceText(state).hasPrefix("training diverged in epoch 1 of 1: after its last batch some of the optimizer's state is infinity. "))
        let validation = Divergence(quantity: .validationLoss, value: .infinity, epoch: 3, epochs: 5, batch: nil, steps: 4)
        #expect(Interpreter.divergenceText(validation).hasPrefix("training diverged in epoch 3 of 5: the validation loss after it is infinity. "))
    }

    static let trained = ["data mnist 100 20", "layer flatten", "layer dense 10 softmax", "fit 1"]

    /// A weight that is NaN (poked in: training no longer leaves one) stops every command that
    /// would show what the model computes, and `save model`.
    @Test(arguments: [
        ("evaluate", "evaluate", "^^^^^^^^"),
        ("predict 0", "predict 0", "^^^^^^^^^"),
        ("confusion", "confusion", "^^^^^^^^^"),
    ])
    func nonFiniteWeightsAreNotShown(_ line: String, _ shown: String, _ carets: String) throws {
        let interpreter = try InterpreterTests.interpreter(Self.trained)
        let model = try #require(interpreter.session.model)
        model.denseLayers[0].bias[3] = .nan
        #expect(InterpreterTests.error(interpreter, line) == """
            error: the model's weights are not all finite numbers: `dense/bias` holds NaN (not a number), so its outputs would be too
             --> 1:1
              |
            1 | \(shown)
              | \(carets) draw the weights again with `seed 42`, or `load model FILE` one saved before
            """)
    }

    @Test func aModelWithNonFiniteWeightsIsNotSaved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("divergence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.tutormodel").path
        let interpreter = try InterpreterTests.interpreter(Self.trained)
        let model = try #require(interpreter.session.model)
        model.denseLayers[0].kernel[100] = -.infinity
        #expect(InterpreterTests.error(interpreter, "save model \(file)") == """
            error: cannot save the model: `dense/kernel` holds −infinity, not a finite number; the file would keep a model that computes nothing
             --> 1:12
              |
            1 | save model \(file)
              |            \(String(repeating: "^", count: file.count)) draw the weights again with `seed 42`, or `load model FILE` one saved before
            """)
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    /// A file with such values (an older tutor wrote them after a diverged `fit`) is refused
    /// with the file and the tensor named, and the session stays as it was.
    @Test(arguments: [false, true])
    func aFileWithNonFiniteValuesIsNotLoaded(inOptimizerState: Bool) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("divergence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("nan.tutormodel").path
        let interpreter = try InterpreterTests.interpreter(Self.trained)
        let model = try #require(interpreter.session.model)
        let trainer = try #require(interpreter.session.trainer)
        var saved = SavedModel(
            model: model, optimizer: .adam(), loss: .crossentropy, batchSize: 32, history: trainer.history,
            trainingState: trainer.trainingState)
        if inOptimizerState {
            saved.trainingState?.slots[3][2] = .infinity
        } else {
            saved.weights[1][7] = .nan
        }
        try ModelFile.write(saved, to: file)
        let before = model.parameters.map(\.values)
        let tensor = inOptimizerState ? "`adam/dense_bias_velocity` has infinity" : "`dense/bias` has NaN (not a number)"
        #expect(InterpreterTests.error(interpreter, "load model \(file)") == """
            error: cannot load the model: \(file) holds values that are not finite numbers: \(tensor), as training that diverged leaves them
             --> 1:12
              |
            1 | load model \(file)
              |            \(String(repeating: "^", count: file.count))
            """)
        #expect(interpreter.session.model === model && model.parameters.map(\.values) == before)
    }

    /// Weights that are finite but so large that sums overflow: the outputs are not shown either.
    @Test(arguments: [
        ("predict 0", "output 0 for this image is infinity"),
        ("evaluate", "the loss on the test set is infinity"),
        ("confusion", "output 0 for test image 0 is infinity"),
    ])
    func outputsThatOverflowAreNotShown(_ line: String, _ what: String) throws {
        let interpreter = try InterpreterTests.interpreter(["data mnist 100 20", "layer flatten", "layer dense 10 linear", "loss mse"])
        let dense = try #require(interpreter.session.model?.denseLayers.first)
        for row in 0..<784 { dense.kernel[row * 10] = .greatestFiniteMagnitude }
        dense.bias[0] = .greatestFiniteMagnitude
        let error = try #require(InterpreterTests.error(interpreter, line))
        #expect(error.hasPrefix("error: \(what): the weights have grown so large that the model's sums overflow\n"))
        #expect(error.hasSuffix(" draw the weights again with `seed 42`, or `load model FILE` one saved before, then train with a smaller learning rate"))
    }
}
