@testable import NeuralNet
import Testing

/// Training that runs away stops and undoes the epoch it happened in: the weights, the
/// optimizer's state, the dropout generators and the shuffling are, bit for bit, what they were
/// when that epoch began, and the history keeps only the epochs that finished.
@Suite struct DivergenceTests {
    /// flatten → dense 8 relu → dropout 0.25 → dense 10 `output`, on 4×4 examples.
    func model(output: Activation = .softmax, seed: UInt64 = 5) throws -> Model {
        let model = Model(inputShape: [4, 4], seed: seed)
        model.addFlatten()
        try model.addDense(units: 8, activation: .relu)
        try model.addDropout(rate: 0.25)
        try model.addDense(units: 10, activation: output)
        return model
    }

    let data = separableDataset(count: 40, classes: 10)

    /// Everything a further `fit` depends on, compared bit for bit: weights, the optimizer's
    /// state and step count, the history, and the numbers one more epoch gives.
    func expectSameTraining(_ a: Trainer, _ b: Trainer, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let weightsDiffer = weightDifference(weights(of: a.model), weights(of: b.model))
        #expect(weightsDiffer == nil, sourceLocation: sourceLocation)
        #expect(a.trainingState?.iterations == b.trainingState?.iterations, sourceLocation: sourceLocation)
        let stateDiffers = weightDifference(a.trainingState?.slots ?? [], b.trainingState?.slots ?? [])
        #expect(stateDiffers == nil, sourceLocation: sourceLocation)
        #expect(a.history.map(\.loss) == b.history.map(\.loss), sourceLocation: sourceLocation)
        let nextA = try a.fit(data, epochs: 1, batchSize: 8), nextB = try b.fit(data, epochs: 1, batchSize: 8)
        #expect(nextA.records.map(\.loss) == nextB.records.map(\.loss), sourceLocation: sourceLocation)
        let afterDiffer = weightDifference(weights(of: a.model), weights(of: b.model))
        #expect(afterDiffer == nil, sourceLocation: sourceLocation)
    }

    /// The hostile case: a linear output, mse and SGD at 1e30. The first update throws the
    /// weights far out, the next batch's loss overflows; nothing of the epoch is kept.
    @Test func aRunawayFirstEpochLeavesTheModelAsItWas() throws {
        let trainer = Trainer(model: try model(output: .linear), optimizer: .sgd(learningRate: 1e30, momentum: 0), loss: .mse, seed: 3)
        let twin = trainer.copy(for: trainer.model.copy())
        let outcome = try trainer.fit(data, epochs: 3, batchSize: 8)
        let diverged = try #require(outcome.diverged)
        #expect(diverged.quantity == .loss && !diverged.value.isFinite)
        #expect(diverged.epoch == 1 && diverged.epochs == 3 && diverged.steps == 5)
        #expect(diverged.batch == 2)
        #expect(outcome.records.isEmpty && trainer.history.isEmpty && !outcome.stopped)
        #expect(trainer.trainingState == nil)
        #expect(trainer.model.firstNonFiniteWeight == nil)
        // With a learning rate that works, both train alike (the shuffling went back too).
        trainer.setOptimizer(.defaultSGD)
        twin.setOptimizer(.defaultSGD)
        try expectSameTraining(trainer, twin)
    }

    /// A NaN that appears in the middle of epoch 2: the batch after it has a NaN loss, and the
    /// model goes back to where epoch 1 left it.
    @Test func aNaNInTheSecondEpochUndoesThatEpochOnly() throws {
        let trainer = Trainer(model: try model(), optimizer: .adam(learningRate: 0.01), seed: 3)
        let twin = trainer.copy(for: trainer.model.copy())
        try twin.fit(data, epochs: 1, batchSize: 8)
        let bias = try #require(trainer.model.denseLayers.last?.bias)
        let outcome = try trainer.fit(data, epochs: 3, batchSize: 8, onBatch: { progress in
            if progress.epoch == 2 && progress.step == 3 { bias[4] = .nan }
        })
        let diverged = try #require(outcome.diverged)
        #expect(diverged.quantity == .loss && diverged.value.isNaN)
        #expect(diverged.epoch == 2 && diverged.batch == 4)
        #expect(outcome.records.count == 1 && trainer.history.count == 1)
        #expect(trainer.history.allSatisfy { $0.loss.isFinite })
        try expectSameTraining(trainer, twin)
    }

    /// Weights that stop being finite after an epoch's last update are caught before the
    /// epoch is recorded; so is the optimizer's state.
    @Test(arguments: [Divergence.Quantity.weights, .optimizerState])
    func aNonFiniteStateAfterTheLastBatch(_ quantity: Divergence.Quantity) throws {
        let trainer = Trainer(model: try model(), optimizer: .adam(learningRate: 0.01), seed: 3)
        let twin = trainer.copy(for: trainer.model.copy())
        try twin.fit(data, epochs: 1, batchSize: 8)
        let kernel = try #require(trainer.model.denseLayers.first?.kernel)
        let outcome = try trainer.fit(data, epochs: 2, batchSize: 8, onBatch: { progress in
            guard progress.epoch == 2 && progress.step == progress.steps else { return }
            if quantity == .weights {
                kernel[3] = -.infinity
            } else if let adam = trainer.optimizer as? Adam {
                adam.velocities[0][3] = .infinity
            }
        })
        let diverged = try #require(outcome.diverged)
        #expect(diverged.quantity == quantity && diverged.value.isInfinite)
        #expect(diverged.epoch == 2 && diverged.batch == nil && diverged.steps == 5)
        #expect(outcome.records.count == 1)
        try expectSameTraining(trainer, twin)
    }

    /// A validation loss that overflows ends training too, and that epoch is not recorded.
    @Test func aValidationLossThatOverflows() throws {
        let trainer = Trainer(model: try model(output: .linear), optimizer: .sgd(learningRate: 0.001, momentum: 0), loss: .mse, seed: 3)
        let twin = trainer.copy(for: trainer.model.copy())
        let bias = try #require(trainer.model.denseLayers.last?.bias)
        let outcome = try trainer.fit(data, epochs: 2, batchSize: 8, validationSplit: 0.2, onBatch: { progress in
            if progress.step == progress.steps { bias[0] = 1e30 }  // finite, but its square is not
        })
        let diverged = try #require(outcome.diverged)
        #expect(diverged.quantity == .validationLoss && diverged.value == .infinity)
        #expect(diverged.epoch == 1 && diverged.batch == nil && diverged.steps == 4)
        #expect(outcome.records.isEmpty)
        let weightsDiffer = weightDifference(weights(of: trainer.model), weights(of: twin.model))
        #expect(weightsDiffer == nil)
    }

    /// Ctrl-C after the weights went bad is a divergence, not a stop that keeps them.
    @Test func aStopWithNonFiniteWeightsUndoesTheEpoch() throws {
        let trainer = Trainer(model: try model(), seed: 3)
        let twin = trainer.copy(for: trainer.model.copy())
        let kernel = try #require(trainer.model.denseLayers.first?.kernel)
        var batches = 0
        let outcome = try trainer.fit(data, epochs: 2, batchSize: 8, onBatch: { _ in
            batches += 1
            if batches == 2 { kernel[0] = .nan }
        }, shouldStop: { batches == 2 })
        #expect(!outcome.stopped && outcome.stoppedAt == nil)
        let diverged = try #require(outcome.diverged)
        #expect(diverged.quantity == .weights && diverged.epoch == 1 && diverged.batch == nil)
        try expectSameTraining(trainer, twin)
    }

    /// Training that stays finite reports no divergence (its numbers are DeterminismTests' and
    /// TrainingTests' reference values, unchanged).
    @Test func finiteTrainingReportsNoDivergence() throws {
        let trainer = Trainer(model: try model(), seed: 3)
        let outcome = try trainer.fit(data, epochs: 2, batchSize: 8)
        #expect(outcome.diverged == nil && outcome.records.count == 2)
    }

    @Test func namesOfValuesThatAreNotFinite() throws {
        #expect(NonFiniteValue.text(.nan) == "NaN (not a number)")
        #expect(NonFiniteValue.text(.infinity) == "infinity")
        #expect(NonFiniteValue.text(-.infinity) == "−infinity")
        let model = try model()
        #expect(model.firstNonFiniteWeight == nil)
        model.denseLayers[1].bias[2] = .infinity
        #expect(model.firstNonFiniteWeight == NonFiniteValue(tensor: "dense_1/bias", value: .infinity))
        model.denseLayers[0].kernel[5] = .nan
        #expect(model.firstNonFiniteWeight?.tensor == "dense/kernel")
        let saved = SavedModel(
            model: model, optimizer: .adam(), loss: .crossentropy, batchSize: 32, history: [],
            trainingState: TrainingState(iterations: 1, slots: model.parameters.flatMap { p in [[Float](repeating: 0, count: p.count), [Float](repeating: .nan, count: p.count)] }))
        #expect(saved.firstNonFiniteTensor?.tensor == "dense/kernel")
        var finiteWeights = saved
        finiteWeights.weights = finiteWeights.weights.map { $0.map { $0.isFinite ? $0 : 0 } }
        #expect(finiteWeights.firstNonFiniteTensor?.tensor == "adam/dense_kernel_velocity")
    }
}
