import Foundation
import Testing
@testable import NeuralNet

/// The optimizer's state in model files (format version 2): training after `load model` goes on
/// where it stopped, as after Keras' `load_model`; version 1 files (weights only) still load.
@Suite struct TrainingStateTests {
    static let optimizers: [OptimizerKind] = [.adam(), .sgd(learningRate: 0.1, momentum: 0.9), .sgd(learningRate: 0.1, momentum: 0)]

    /// A trainer on one example, so that every epoch is one step in the same order whatever the
    /// shuffling: only the optimizer decides what the weights become.
    static func trainer(_ optimizer: OptimizerKind) throws -> Trainer {
        let model = Model(inputShape: [4, 4], seed: 3)
        model.addFlatten()
        try model.addDense(units: 5, activation: .sigmoid)
        try model.addDense(units: 10, activation: .softmax)
        return Trainer(model: model, optimizer: optimizer, loss: .crossentropy, seed: 3)
    }

    /// `trainer` saved to a file's bytes (with or without its training state) and loaded back.
    static func reloaded(_ trainer: Trainer, keepingState: Bool) throws -> Trainer {
        let saved = SavedModel(
            model: trainer.model, optimizer: trainer.optimizer.kind, loss: trainer.loss, batchSize: 1,
            history: trainer.history, trainingState: keepingState ? trainer.trainingState : nil)
        let read = try ModelFile.decode(ModelFile.encode(saved), file: "m.tut")
        #expect(read == saved)
        return read.makeTrainer(for: try read.makeModel())
    }

    /// Four epochs straight, and two epochs, a save and a load, then two more.
    static func straightAndResumed(_ optimizer: OptimizerKind, keepingState: Bool) throws -> (straight: Trainer, resumed: Trainer) {
        let data = generatedDataset(count: 1)
        let straight = try trainer(optimizer)
        try straight.fit(data, epochs: 4, batchSize: 1)
        let first = try trainer(optimizer)
        try first.fit(data, epochs: 2, batchSize: 1)
        let resumed = try reloaded(first, keepingState: keepingState)
        #expect(resumed.optimizer.iterations == (keepingState ? 2 : 0))
        try resumed.fit(data, epochs: 2, batchSize: 1)
        return (straight, resumed)
    }

    @Test(arguments: optimizers)
    func trainingGoesOnWhereItStopped(_ optimizer: OptimizerKind) throws {
        let (straight, resumed) = try Self.straightAndResumed(optimizer, keepingState: true)
        #expect(weightDifference(weights(of: resumed.model), weights(of: straight.model)) == nil)
        #expect(resumed.history.map(\.loss) == straight.history.map(\.loss))
    }

    /// Without the state (a version 1 file), momentum and Adam's moments start again from zero,
    /// and the weights come out different: the state is what makes the difference.
    @Test(arguments: optimizers.prefix(2))
    func withoutTheStateTrainingStartsAfresh(_ optimizer: OptimizerKind) throws {
        let (straight, restarted) = try Self.straightAndResumed(optimizer, keepingState: false)
        #expect(weightDifference(weights(of: restarted.model), weights(of: straight.model)) != nil)
    }

    @Test func anUntrainedModelHasNoState() throws {
        let trainer = try Self.trainer(.adam())
        #expect(trainer.trainingState == nil)
        try trainer.fit(generatedDataset(count: 3), epochs: 1, batchSize: 2)
        let state = try #require(trainer.trainingState)
        #expect(state.iterations == 2)
        #expect(state.slots.map(\.count) == [80, 80, 5, 5, 50, 50, 10, 10])
    }

    /// The optimizer's tensors follow the weights, named as Keras 3 names them.
    @Test func theFileListsTheOptimizersTensorsAfterTheWeights() throws {
        let trainer = try Self.trainer(.adam())
        try trainer.fit(generatedDataset(count: 1), epochs: 1, batchSize: 1)
        let saved = SavedModel(
            model: trainer.model, optimizer: .adam(), loss: .crossentropy, batchSize: 1, history: trainer.history,
            trainingState: trainer.trainingState)
        let bytes = ModelFile.encode(saved)
        let length = (0..<4).reduce(0) { $0 | Int(bytes[12 + $1]) << (8 * $1) }
        let header = String(decoding: bytes[16..<(16 + length)], as: UTF8.self)
        #expect(header.contains(#""iterations":1,"learning_rate":0.001,"name":"adam"}"#))
        #expect(header.contains(#""tensors":[{"name":"dense/kernel","shape":[16,5]},{"name":"dense/bias","shape":[5]},{"name":"dense_1/kernel","shape":[5,10]},{"name":"dense_1/bias","shape":[10]},{"name":"adam/dense_kernel_momentum","shape":[16,5]},{"name":"adam/dense_kernel_velocity","shape":[16,5]},{"name":"adam/dense_bias_momentum","shape":[5]},{"name":"adam/dense_bias_velocity","shape":[5]},{"name":"adam/dense_1_kernel_momentum","shape":[5,10]},{"name":"adam/dense_1_kernel_velocity","shape":[5,10]},{"name":"adam/dense_1_bias_momentum","shape":[10]},{"name":"adam/dense_1_bias_velocity","shape":[10]}],"version":2}"#))
        #expect(bytes.count == 16 + length + 4 * 3 * (80 + 5 + 50 + 10))  // the weights, m and v
    }

    /// A file written by a tutor of format version 1 still loads (with no optimizer state).
    @Test func versionOneFilesStillLoad() throws {
        let header = TinyModel.header.replacing(#""version":2"#, with: #""version":1"#)
        let read = try ModelFile.decode(TinyModel.file(header: header, weights: TinyModel.weightBytes), file: "old.tut")
        #expect(read == TinyModel.saved)
        #expect(read.trainingState == nil)
    }
}
