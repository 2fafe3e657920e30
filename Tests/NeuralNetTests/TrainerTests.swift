import Foundation
@testable import NeuralNet
import Testing
import TextFormat

@Suite struct TrainerTests {
    /// A small model on generated 4×4 "images": flatten → dense 8 relu → dense 10 softmax.
    func smallModel(seed: UInt64 = 3, shape: [Int] = [4, 4]) throws -> Model {
        let model = Model(inputShape: shape, seed: seed)
        model.addFlatten()
        try model.addDense(units: 8, activation: .relu)
        try model.addDense(units: 10, activation: .softmax)
        return model
    }

    // MARK: validate

    @Test func outputTooNarrow() throws {
        let model = Model(inputShape: [4, 4], seed: 1)
        model.addFlatten()
        try model.addDense(units: 5, activation: .softmax)
        let trainer = Trainer(model: model, seed: 1)
        let data = generatedDataset(count: 20)
        let error = #expect(throws: ModelError.self) { try trainer.validate(for: data) }
        #expect(error == .outputTooNarrow(units: 5, classes: 10))
        #expect(error?.description == "the last layer has 5 outputs but the labels go up to 9; it needs 10 (one per class)")
        #expect(throws: ModelError.outputTooNarrow(units: 5, classes: 10)) { try trainer.fit(data, epochs: 1) }
        #expect(throws: ModelError.outputTooNarrow(units: 5, classes: 10)) { try trainer.evaluate(data) }
        #expect(throws: ModelError.outputTooNarrow(units: 5, classes: 10)) { try trainer.predict(data, indices: [0]) }
    }

    /// Labels above 9 need more outputs than ten.
    @Test func outputTooNarrowForMoreClasses() throws {
        let trainer = Trainer(model: try smallModel(), seed: 1)
        let data = generatedDataset(count: 24, classes: 12)
        let error = #expect(throws: ModelError.self) { try trainer.validate(for: data) }
        #expect(error == .outputTooNarrow(units: 10, classes: 12))
        #expect(error?.description == "the last layer has 10 outputs but the labels go up to 11; it needs 12 (one per class)")
        #expect(ModelError.outputTooNarrow(units: 1, classes: 10).description
            == "the last layer has 1 output but the labels go up to 9; it needs 10 (one per class)")
    }

    /// The number of classes comes from the data: the digits 0–2 train a model of three outputs,
    /// and two outputs are too few for them.
    @Test func threeClassesTrainAThreeUnitModel() throws {
        let data = separableDataset(count: 60, classes: 3)
        #expect(data.classCount == 3)
        let model = Model(inputShape: [4, 4], seed: 2)
        model.addFlatten()
        try model.addDense(units: 8, activation: .relu)
        try model.addDense(units: 3, activation: .softmax)
        let trainer = Trainer(model: model, optimizer: .adam(learningRate: 0.01), seed: 2)
        #expect(throws: Never.self) { try trainer.validate(for: data) }
        let outcome = try trainer.fit(data, epochs: 20, batchSize: 10)
        let first = try #require(outcome.records.first), last = try #require(outcome.records.last)
        #expect(first.loss > last.loss)
        let result = try trainer.evaluate(data)
        #expect(result.accuracy == 1)
        let outputs = try trainer.predict(data, indices: [0, 1, 2])
        #expect(outputs.rows == 3 && outputs.cols == 3)

        let narrow = Model(inputShape: [4, 4], seed: 2)
        narrow.addFlatten()
        try narrow.addDense(units: 2, activation: .softmax)
        let error = #expect(throws: ModelError.self) { try Trainer(model: narrow, seed: 2).validate(for: data) }
        #expect(error == .outputTooNarrow(units: 2, classes: 3))
        #expect(error?.description == "the last layer has 2 outputs but the labels go up to 2; it needs 3 (one per class)")
    }

    /// A subset keeps the classes of its set, even those it has no example of.
    @Test func subsetsKeepTheClassCount() {
        let data = generatedDataset(count: 20, classes: 5)
        #expect(data.classCount == 5)
        #expect(data.prefix(2).classCount == 5)
        #expect(data.examples(3..<4).classCount == 5)
        #expect(data.counting(classes: 7).labelCounts() == [4, 4, 4, 4, 4, 0, 0])
        #expect(Dataset(exampleShape: [1], pixels: [], labels: []).classCount == 0)
    }

    @Test func countedNounsAgreeWithTheirNumber() {
        #expect(Thousands.counted(0, "unit") == "0 units")
        #expect(Thousands.counted(1, "unit") == "1 unit")
        #expect(Thousands.counted(2, "output") == "2 outputs")
        #expect(Thousands.counted(60_000, "example") == "60,000 examples")
    }

    @Test func noDenseLayer() throws {
        let model = Model(inputShape: [4, 4], seed: 1)
        model.addFlatten()
        let trainer = Trainer(model: model, seed: 1)
        let error = #expect(throws: ModelError.self) { try trainer.validate(for: generatedDataset(count: 20)) }
        #expect(error == .noDenseLayer)
        #expect(error?.description == "the model has no dense layer yet")
    }

    @Test func inputShapeMismatch() throws {
        let trainer = Trainer(model: try smallModel(shape: [16]), seed: 1)
        let error = #expect(throws: ModelError.self) { try trainer.validate(for: generatedDataset(count: 20)) }
        #expect(error == .inputShapeMismatch(model: [16], data: [4, 4]))
        #expect(error?.description == "the model expects examples of shape (16,) but the data has (4, 4)")
    }

    @Test func validModelPassesValidation() throws {
        let trainer = Trainer(model: try smallModel(), seed: 1)
        #expect(throws: Never.self) { try trainer.validate(for: generatedDataset(count: 20)) }
    }

    // MARK: fit

    /// 100 examples in batches of 32: steps of 32, 32, 32 and a last one of 4 — four updates.
    @Test func lastPartialBatchIsUsed() throws {
        let data = generatedDataset(count: 100)
        let model = try smallModel()
        let trainer = Trainer(model: model, optimizer: .defaultSGD, seed: 5)
        var progress: [BatchProgress] = []
        var before4: [[Float]] = []
        let outcome = try trainer.fit(data, epochs: 1, batchSize: 32, onBatch: { p in
            progress.append(p)
            if p.step == 3 { before4 = weights(of: model) }
        })
        #expect(outcome.records.count == 1)
        #expect(!outcome.stopped)
        #expect(progress.map(\.step) == [1, 2, 3, 4])
        #expect(progress.allSatisfy { $0.steps == 4 && $0.epoch == 1 && $0.epochs == 1 })
        #expect(trainer.optimizer.iterations == 4)
        // The running accuracy after the last step is over all 100 examples.
        let last = try #require(progress.last)
        #expect(isClose(last.accuracy * 100, (last.accuracy * 100).rounded(), abs: 1e-9, rel: 0))
        #expect(outcome.records[0].accuracy == last.accuracy)
        #expect(outcome.records[0].loss == last.loss)

        // The last update used exactly the 4 examples the shuffle left for it: the gradient the
        // trainer kept equals one computed from those 4 examples at the weights before step 4.
        let kept = model.parameters.map(\.gradient)
        var shuffler = SeededGenerator(seed: 5, stream: 0)
        var order = Array(0..<100)
        shuffler.shuffle(&order)
        let lastFour = Array(order[96..<100])
        for (p, values) in zip(model.parameters, before4) { p.assign(values) }
        let workspace = BatchBuffers(model: model, features: 16, capacity: 4)
        let images = SparseImages(data)
        lastFour.withUnsafeBufferPointer { order in
            if let base = order.baseAddress { workspace.load(images, order: base, start: 0, rows: 4) }
        }
        let output = model.forward(workspace, rows: 4)
        _ = Loss.crossentropy.evaluate(
            outputs: output, labels: workspace.labels, rows: 4, cols: 10,
            gradient: workspace.outputGradient.base, fused: true)
        model.backward(workspace, rows: 4, fused: true)
        for (a, b) in zip(kept, model.parameters.map(\.gradient)) {
            #expect(allClose(a, b, abs: 1e-6, rel: 1e-5))
        }
    }

    /// Each step's gradient is that of its own batch alone, bit for bit as a fresh forward and
    /// backward pass computes it: a batch of at most 64 is read by columns (the next one laid out
    /// ahead in a second copy of the inputs, both writing the same kernel gradient), a larger one
    /// by rows. The images light one or two of 16 pixels each, so most of the kernel gradient's
    /// rows are zero in any one batch and must not keep an earlier batch's values.
    @Test(arguments: [4, 80])
    func eachStepsGradientIsItsOwnBatchs(batch: Int) throws {
        let count = 4 * batch + batch / 2
        var pixels = [UInt8](repeating: 0, count: count * 16)
        for i in 0..<count {
            pixels[i * 16 + i % 16] = UInt8(40 + i % 200)
            if i % 3 == 0 { pixels[i * 16 + (i * 7) % 16] = 255 }
        }
        let data = Dataset(exampleShape: [4, 4], pixels: pixels, labels: (0..<count).map { UInt8($0 % 10) })
        let model = try smallModel()
        let trainer = Trainer(model: model, optimizer: .adam(), seed: 11)
        var before = [weights(of: model)]
        var gradients: [[[Float]]] = []
        try trainer.fit(data, epochs: 1, batchSize: batch, onBatch: { _ in
            gradients.append(model.parameters.map(\.gradient))
            before.append(weights(of: model))
        })
        var shuffler = SeededGenerator(seed: 11, stream: 0)
        var order = Array(0..<count)
        shuffler.shuffle(&order)
        let images = SparseImages(data)
        #expect(gradients.count == 5)
        for (step, kept) in gradients.enumerated() {
            let start = step * batch, rows = min(batch, count - start)
            for (p, values) in zip(model.parameters, before[step]) { p.assign(values) }
            let workspace = BatchBuffers(model: model, features: 16, capacity: rows)
            order.withUnsafeBufferPointer { order in
                if let base = order.baseAddress { workspace.load(images, order: base, start: start, rows: rows) }
            }
            let output = model.forward(workspace, rows: rows)
            _ = Loss.crossentropy.evaluate(
                outputs: output, labels: workspace.labels, rows: rows, cols: 10,
                gradient: workspace.outputGradient.base, fused: true)
            model.backward(workspace, rows: rows, fused: true)
            #expect(model.parameters.map(\.gradient) == kept, "step \(step + 1) of batch \(batch)")
        }
    }

    /// Keras holds out the *last* fraction of the data, before shuffling.
    @Test func validationSplitTakesTheLastFraction() throws {
        let data = generatedDataset(count: 100)
        let model = try smallModel()
        let trainer = Trainer(model: model, seed: 2)
        var steps: [Int] = []
        let outcome = try trainer.fit(data, epochs: 1, batchSize: 10, validationSplit: 0.2, onBatch: { steps.append($0.steps) })
        #expect(steps == [Int](repeating: 8, count: 8))  // 80 training examples
        let record = try #require(outcome.records.first)
        let validationLoss = try #require(record.validationLoss)
        let validationAccuracy = try #require(record.validationAccuracy)
        let last = try trainer.evaluate(data.examples(80..<100))
        #expect(isClose(validationLoss, last.loss, abs: 1e-6, rel: 1e-6))
        #expect(validationAccuracy == last.accuracy)
        let first = try trainer.evaluate(data.examples(0..<20))
        #expect(!isClose(validationLoss, first.loss, abs: 1e-6, rel: 1e-6))
        // 0.25 of 10 examples: floor(10 · 0.75) = 7 train, 3 held out.
        let small = Trainer(model: try smallModel(), seed: 2)
        var smallSteps = 0
        try small.fit(generatedDataset(count: 10), epochs: 1, batchSize: 1, validationSplit: 0.25, onBatch: { smallSteps = $0.steps })
        #expect(smallSteps == 7)
    }

    @Test func noValidationWithoutSplit() throws {
        let trainer = Trainer(model: try smallModel(), seed: 2)
        let outcome = try trainer.fit(generatedDataset(count: 30), epochs: 2, batchSize: 10)
        #expect(outcome.records.map(\.epoch) == [1, 2])
        #expect(outcome.records.allSatisfy { $0.validationLoss == nil && $0.validationAccuracy == nil })
        // History keeps counting across fit calls.
        try trainer.fit(generatedDataset(count: 30), epochs: 1, batchSize: 10)
        #expect(trainer.history.map(\.epoch) == [1, 2, 3])
    }

    /// Stopping after k batches leaves exactly the weights an uninterrupted run had after k batches.
    @Test(arguments: [0, 1, 3])
    func shouldStopAfterKBatches(k: Int) throws {
        let data = generatedDataset(count: 64)
        let full = try smallModel(seed: 9)
        var snapshots: [[[Float]]] = [weights(of: full)]
        try Trainer(model: full, seed: 4).fit(data, epochs: 1, batchSize: 8, onBatch: { _ in snapshots.append(weights(of: full)) })
        #expect(snapshots.count == 9)

        let stopped = try smallModel(seed: 9)
        var asked = 0
        let trainer = Trainer(model: stopped, seed: 4)
        let outcome = try trainer.fit(data, epochs: 3, batchSize: 8, shouldStop: {
            asked += 1
            return asked > k
        })
        #expect(outcome.stopped)
        let at = try #require(outcome.stoppedAt)
        #expect(at.epoch == 1 && at.step == k && at.steps == 8)
        #expect(outcome.records.isEmpty)
        #expect(trainer.history.isEmpty)
        #expect(trainer.optimizer.iterations == k)
        let difference = weightDifference(weights(of: stopped), snapshots[k])
        #expect(difference == nil)
        if k > 0 {
            let moved = weightDifference(weights(of: stopped), snapshots[0])
            #expect(moved != nil)
        }
    }

    /// A stop between epochs reports the next epoch at step 0 and keeps the finished epoch.
    @Test func shouldStopBetweenEpochs() throws {
        let trainer = Trainer(model: try smallModel(), seed: 4)
        var asked = 0
        let outcome = try trainer.fit(generatedDataset(count: 20), epochs: 3, batchSize: 10, shouldStop: {
            asked += 1
            return asked > 2
        })
        #expect(outcome.stopped)
        #expect(outcome.records.count == 1)
        let at = try #require(outcome.stoppedAt)
        #expect(at.epoch == 2 && at.step == 0 && at.steps == 2)
    }

    @Test func zeroEpochsChangeNothing() throws {
        let model = try smallModel()
        let before = weights(of: model)
        let outcome = try Trainer(model: model, seed: 1).fit(generatedDataset(count: 20), epochs: 0)
        #expect(outcome.records.isEmpty && !outcome.stopped)
        #expect(weightDifference(weights(of: model), before) == nil)
    }

    // MARK: evaluate and predict

    @Test func evaluateIsIndependentOfBatchSizeAndChangesNothing() throws {
        let model = try smallModel()
        let trainer = Trainer(model: model, seed: 1)
        let data = generatedDataset(count: 50)
        try trainer.fit(data, epochs: 2, batchSize: 5)
        let before = weights(of: model)
        let whole = try trainer.evaluate(data)
        let batched = try trainer.evaluate(data, batchSize: 7)
        #expect(isClose(whole.loss, batched.loss, abs: 1e-6, rel: 1e-6))
        #expect(whole.accuracy == batched.accuracy)
        #expect(weightDifference(weights(of: model), before) == nil)
        // Accuracy is the share of rows whose first largest output is the label.
        let outputs = try trainer.predict(data, indices: Array(0..<50))
        let correct = (0..<50).filter { r in
            let row = outputs.row(r)
            return row.firstIndex(of: row.max()!) == Int(data.labels[r])
        }.count
        #expect(whole.accuracy == Double(correct) / 50)
        // Mean loss is the mean of −log y_label.
        let meanLoss = (0..<50).map { -Foundation.log(Double(max(outputs[$0, Int(data.labels[$0])], 1e-7))) }.reduce(0, +) / 50
        #expect(isClose(whole.loss, meanLoss, abs: 1e-5, rel: 1e-5))
    }

    @Test func predictGivesSoftmaxRowsForTheChosenExamples() throws {
        let model = try smallModel()
        let trainer = Trainer(model: model, seed: 1)
        let data = generatedDataset(count: 10)
        let outputs = try trainer.predict(data, indices: [3, 0])
        #expect(outputs.rows == 2 && outputs.cols == 10)
        for r in 0..<2 { #expect(isClose(outputs.row(r).reduce(0, +), 1, abs: 1e-5, rel: 0)) }
        let direct = model.predict(rows: Matrix(rows: 2, cols: 16, values: data.scaledExample(3) + data.scaledExample(0)))
        #expect(allClose(outputs.values, direct.values))
        #expect(try trainer.predict(data, indices: []).rows == 0)
    }

    @Test func argmaxTakesTheFirstMaximum() {
        let values: [Float] = [0.1, 0.4, 0.4, 0.1]
        #expect(values.argmax() == 1)
        #expect([1, Float.nan, 3, 3].argmax() == 2)
        #expect([Float]().argmax() == nil)
        let rows: [Float] = [0.1, 0.9, 0.5, 0.5]
        let labels: [UInt8] = [1, 0]
        #expect(Trainer.countCorrect(rows, labels: labels, rows: 2, cols: 2) == 2)
    }
}
