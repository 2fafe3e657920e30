@testable import NeuralNet
import Testing
import TextFormat

/// The memory `fit` and an evaluation would hold, against sums worked out by hand from what the
/// engine allocates (a float is 4 bytes; see each comment), and the refusal it gives past the cap.
@Suite struct MemoryEstimateTests {
    /// Six 2×2 images with 0, 1, 2, 3, 4 and 1 nonzero pixels (11 in all).
    static let tiny = Dataset(
        exampleShape: [2, 2],
        pixels: [0, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 5],
        labels: [0, 1, 0, 1, 0, 1])

    /// flatten → dense(3, relu) → dropout(0.5) → dense(2, softmax): 4·3 + 3 + 3·2 + 2 = 23 parameters.
    static func tinyTrainer() throws -> Trainer {
        let model = Model(inputShape: [2, 2], seed: 1)
        model.addFlatten()
        try model.addDense(units: 3, activation: .relu)
        try model.add(.dropout(rate: 0.5))
        try model.addDense(units: 2, activation: .softmax)
        return Trainer(model: model, optimizer: .adam(), seed: 1)
    }

    static func parts(_ estimate: MemoryEstimate) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: estimate.parts.map { ($0.name, $0.bytes) })
    }

    @Test func fitOfATinyModelByHand() throws {
        let estimate = try Self.tinyTrainer().memoryNeeded(training: Self.tiny, batch: 4)
        #expect(Self.parts(estimate) == [
            "parameters": 23 * 2 * 4,  // values and gradients
            "the optimizer's state": 23 * 2 * 4,  // Adam's two slots
            "the copy that undoes a diverged epoch": 23 * 3 * 4,  // the values and both slots
            // (6 + 1) offsets and (11 + 1) entries of 4 bytes, the order's 6 Ints.
            "the training data's index": 7 * 4 + 12 * 4 + 6 * 8,
            // Batch of 4: dense 3 + dropout 3 + dense 2 outputs a row.
            "the batch's activations": 4 * (3 + 3 + 2) * 4,
            // The second dense layer's dL/dinput (3 a row) and the loss's dL/doutput (2 a row); a
            // flag for each of the first dense layer's 4 kernel gradient rows.
            "the batch's gradients": 4 * (3 + 2) * 4 + 4,
            "dropout's masks": 4 * 3 * 4,
            // Row starts (4 + 1) and column starts (4 + 1) of 4 bytes, 16 cells of 16 bytes (column,
            // value, row, value); 4 labels.
            "the batch's inputs by rows and by columns": (5 + 5) * 4 + 16 * 16 + 4,
            // A batch of 4 is read by columns: the next one is laid out ahead in a second copy.
            "the next batch, laid out ahead": (5 + 5) * 4 + 16 * 16,
        ])
        #expect(estimate.totalBytes == 184 + 184 + 276 + 124 + 128 + 84 + 48 + 300 + 296)
        #expect(estimate.fits)
        #expect(estimate.refusal == nil)
        #expect(estimate.largestFitting == 6)
        #expect(estimate.task == "fit with batch 4")
    }

    /// `validate 0.5`: 3 examples to train on (the batch of 4 holds 3), 3 held out — copied, and
    /// evaluated in one batch of 3 without gradients.
    @Test func fitWithValidationByHand() throws {
        let estimate = try Self.tinyTrainer().memoryNeeded(training: Self.tiny, batch: 4, validationSplit: 0.5)
        let evaluation = 3 * (3 + 2) * 4 + (4 + 5) * 4 + 12 * 16 + 3  // outputs, then the inputs and labels
        #expect(Self.parts(estimate) == [
            "parameters": 184,
            "the optimizer's state": 184,
            "the copy that undoes a diverged epoch": 276,
            "the training data's index": 4 * 4 + 4 * 4 + 3 * 8,  // 3 nonzero pixels in the first three
            // All pixels and labels copied once; the held-out scratch; their index (8 nonzero pixels).
            "the copies for `validate`": (24 + 6) + evaluation + (4 * 4 + 9 * 4),
            "the batch's activations": 3 * 8 * 4,
            "the batch's gradients": 3 * 5 * 4 + 4,
            "dropout's masks": 3 * 3 * 4,
            "the batch's inputs by rows and by columns": (4 + 5) * 4 + 12 * 16 + 3,
            "the next batch, laid out ahead": (4 + 5) * 4 + 12 * 16,
        ])
        #expect(estimate.totalBytes == 184 + 184 + 276 + 56 + 373 + 96 + 64 + 36 + 231 + 228)
        #expect(estimate.largestFitting == 3)
    }

    /// 784 inputs → dense(20,000, relu) → dense(10, softmax): 15,900,010 parameters. Per example
    /// of the batch: outputs 20,010 floats, gradients 20,010 floats (dL/dinput of the second
    /// layer and dL/doutput), inputs 784 cells of 16 bytes + a row start + a label = 172,629
    /// bytes; besides them 127,200,080 bytes of parameters, as many of Adam's state, 190,800,120
    /// bytes of the copy that undoes a diverged epoch (12 bytes a parameter), the index
    /// of 60,000 blank images (720,008 bytes) and 3,928 bytes of column starts and flags.
    static func wideTrainer() throws -> (Trainer, Dataset) {
        let model = Model(inputShape: [784], seed: 1)
        try model.addDense(units: 20_000, activation: .relu)
        try model.addDense(units: 10, activation: .softmax)
        let data = Dataset(exampleShape: [784], pixels: [UInt8](repeating: 0, count: 60_000 * 784), labels: [UInt8](repeating: 0, count: 60_000))
        return (Trainer(model: model, optimizer: .adam(), seed: 1), data)
    }

    @Test func aBatchTooLargeIsRefusedWithTheLargestThatFits() throws {
        let (trainer, data) = try Self.wideTrainer()
        let estimate = trainer.memoryNeeded(training: data, batch: 60_000)
        #expect(estimate.totalBytes == 255_124_096 + 190_800_120 + 172_629 * 60_000)
        #expect(!estimate.fits)
        // 1 + (2 GiB − (445,924,216 + 172,629)) / 172,629, rounded down.
        #expect(estimate.largestFitting == 9_856)
        #expect(trainer.memoryNeeded(training: data, batch: 9_856).fits)
        #expect(!trainer.memoryNeeded(training: data, batch: 9_857).fits)
        #expect(estimate.refusal == "fit with batch 60,000 would need 10.06 GB for this model (parameters 121.31 MB, the optimizer's state 121.31 MB, the copy that undoes a diverged epoch 181.96 MB, the training data's index 703.13 KB, the batch's activations 4.47 GB, the batch's gradients 4.47 GB, the batch's inputs by rows and by columns 718.06 MB), more than tutor's 2.00 GB limit: use a smaller batch (at most 9,856 here)")
    }

    /// `fit` itself refuses before taking any of it, and nothing changes.
    @Test func fitRefusesBeforeAllocating() throws {
        let (trainer, data) = try Self.wideTrainer()
        let before = trainer.model.parameters[3].values
        #expect(throws: ModelError.needsTooMuchMemory(trainer.memoryNeeded(training: data, batch: 60_000))) {
            try trainer.fit(data, epochs: 1, batchSize: 60_000)
        }
        #expect(trainer.model.parameters[3].values == before)
        #expect(trainer.history.isEmpty)
        #expect(trainer.optimizer.iterations == 0)
    }

    /// Evaluating: no gradients, no order, no dropout masks; the largest chunk that fits.
    @Test func evaluationAtOnce() throws {
        let (trainer, data) = try Self.wideTrainer()
        let fits = trainer.memoryNeeded(evaluating: 10_000, of: data)
        let fixed = 254_400_160 + 240_008 + 3_144  // parameters and state, the index, column starts
        #expect(fits.totalBytes == fixed + 10_000 * (80_040 + 12_549))
        #expect(fits.fits)
        let all = trainer.memoryNeeded(evaluating: 60_000, of: data)
        #expect(all.largestFitting == 20_443)
        #expect(all.refusal == "evaluating 60,000 examples at once would need 5.41 GB for this model (parameters 121.31 MB, the optimizer's state 121.31 MB, the data's index 234.38 KB, the batch's activations 4.47 GB, the batch's inputs by rows and by columns 718.06 MB), more than tutor's 2.00 GB limit: evaluate at most 20,443 examples at once")
    }

    /// When what does not depend on the batch fills the cap (a model at the cap), no batch fits.
    @Test func noBatchFitsWhenTheModelFillsTheCap() {
        let fixed = [MemoryEstimate.Part(name: "parameters", bytes: Model.memoryLimitBytes)]
        let one = [MemoryEstimate.Part(name: "the batch's activations", bytes: 400)]
        let two = [MemoryEstimate.Part(name: "the batch's activations", bytes: 800)]
        let estimate = MemoryEstimate(
            task: "fit with batch 32", advice: .batch, fixed: fixed, scratchForOne: one, scratchForTwo: two,
            examples: 32, available: 100)
        #expect(estimate.totalBytes == Model.memoryLimitBytes + 32 * 400)
        #expect(estimate.largestFitting == nil)
        #expect(estimate.refusal == "fit with batch 32 would need 2.00 GB for this model (parameters 2.00 GB, the batch's activations 12.50 KB), more than tutor's 2.00 GB limit even with batch 1: use a smaller model")
    }
}

/// `confusion` classifies the test set chunk by chunk: the classes are the outputs' argmax, and
/// the chunk shrinks to what fits the cap.
@Suite struct PredictedClassesTests {
    @Test func classesAreTheArgmaxOfTheOutputs() throws {
        let trainer = try MemoryEstimateTests.tinyTrainer()
        let data = Dataset(exampleShape: [2, 2], pixels: (0..<(2_500 * 4)).map { UInt8(($0 * 37) % 256) }, labels: (0..<2_500).map { UInt8($0 % 2) })
        let found = try trainer.predictedClasses(data)
        let outputs = trainer.model.predict(data, indices: Array(0..<data.count))
        #expect(found.classes == (0..<outputs.rows).map { outputs.row($0).argmax() ?? -1 })
        #expect(found.firstNonFinite == nil)
        #expect(try trainer.evaluationChunk(data, wanted: 1000) == 1000)
        #expect(try trainer.evaluationChunk(data.prefix(10), wanted: 1000) == 10)
    }
}
