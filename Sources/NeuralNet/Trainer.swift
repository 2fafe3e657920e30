import Foundation

/// One epoch's results, as Keras' `History` keeps them.
public struct EpochRecord: Equatable, Sendable, Codable {
    public var epoch: Int
    public var loss: Double
    public var accuracy: Double
    public var validationLoss: Double?
    public var validationAccuracy: Double?
    public var seconds: Double
}

/// Where training is, after each batch: what Keras' progress bar shows.
public struct BatchProgress: Sendable {
    public var epoch: Int
    public var epochs: Int
    public var step: Int
    public var steps: Int
    /// The mean loss and the accuracy over this epoch's examples so far.
    public var loss: Double
    public var accuracy: Double
    public var elapsedSeconds: Double
}

/// What a `fit` call did.
public struct FitOutcome: Sendable {
    /// One record per finished epoch.
    public var records: [EpochRecord]
    /// True when `shouldStop` ended training early; the weights are those after the last batch.
    public var stopped: Bool
    /// When stopped: the epoch it stopped in and how many of its batches had finished (none
    /// when the stop came between two epochs).
    public var stoppedAt: (epoch: Int, step: Int, steps: Int)?
    /// When training ran away (see ``Divergence``): what stopped being finite, and where. The
    /// epoch it happened in is undone; the epochs before it stay in ``records``.
    public var diverged: Divergence?
}

/// Training that ran away: a loss, the weights or the optimizer's state stopped being finite
/// numbers (NaN or ±infinity), as a learning rate far too large makes them. ``Trainer/fit``
/// stops there and undoes the epoch it happened in: the weights, the optimizer's state, the
/// dropout generators and the shuffling go back to where they were when that epoch began — the
/// last state known to be finite, and the one the history's last record describes.
public struct Divergence: Equatable, Sendable {
    /// What stopped being finite.
    public enum Quantity: String, Equatable, Sendable {
        /// A batch's loss: some outputs overflowed or are NaN.
        case loss
        /// The loss on the validation examples, after the epoch.
        case validationLoss
        /// The weights, after the epoch's last update (or where Ctrl-C stopped it).
        case weights
        /// The optimizer's per-value state (Adam's moments, SGD's velocities), likewise.
        case optimizerState
    }

    public var quantity: Quantity
    /// The value found: NaN, infinity or −infinity.
    public var value: Double
    /// The epoch of this `fit` it happened in, counting from 1, and the `fit`'s epochs.
    public var epoch: Int
    public var epochs: Int
    /// The batch whose loss was not finite, counting from 1 (its update was not made); nil when
    /// found after the epoch's batches (the weights, the optimizer's state, the validation loss).
    public var batch: Int?
    /// The epoch's number of batches.
    public var steps: Int

    public init(quantity: Quantity, value: Double, epoch: Int, epochs: Int, batch: Int?, steps: Int) {
        self.quantity = quantity
        self.value = value
        self.epoch = epoch
        self.epochs = epochs
        self.batch = batch
        self.steps = steps
    }
}

/// A computation over a data set that its `shouldStop` ended early (Ctrl-C); it changed nothing.
public struct Stopped: Error, Equatable, Sendable {
    public init() {}
}

/// Loss and accuracy on a data set.
public struct Evaluation: Equatable, Sendable {
    public var loss: Double
    public var accuracy: Double
}

/// Trains a model as Keras' `fit` does: each epoch shuffles the training examples, walks them in
/// batches (the last one smaller when the count does not divide: 60,000 / 32 → 1,875 steps), and
/// after each batch updates the weights by the optimizer. Reported loss and accuracy are running
/// means over the epoch's examples, computed from the outputs before each batch's update.
public final class Trainer {
    public let model: Model
    /// The optimizer, which keeps its own state for the model's parameters.
    public private(set) var optimizer: any Optimizer
    public var loss: Loss
    /// Every finished epoch across all `fit` calls.
    public private(set) var history: [EpochRecord] = []
    private var shuffler: SeededGenerator

    /// A trainer whose shuffling is drawn from `seed` (stream 0; weights use other streams).
    public init(model: Model, optimizer: OptimizerKind = .adam(), loss: Loss = .crossentropy, seed: UInt64) {
        self.model = model
        self.optimizer = optimizer.makeOptimizer()
        self.loss = loss
        self.shuffler = SeededGenerator(seed: seed, stream: 0)
    }

    /// A trainer of its own for `model` (a ``Model/copy()`` of this trainer's model): the same
    /// optimizer step and state (each parameter's moved to its copy), history and place in the
    /// shuffling, so training either one gives the numbers the other would have given.
    public func copy(for model: Model) -> Trainer {
        let twin = Trainer(model: model, optimizer: optimizer.kind, loss: loss, seed: 0)
        twin.optimizer = optimizer.copy(from: self.model.parameters, to: model.parameters)
        twin.history = history
        twin.shuffler = shuffler
        return twin
    }

    /// Replaces the history (a model loaded from a file brings its own).
    public func restoreHistory(_ records: [EpochRecord]) {
        history = records
    }

    /// What training has built up besides the weights — the optimizer's step count and per-value
    /// state, parameter by parameter, slot by slot — or nil before the first step.
    public var trainingState: TrainingState? {
        guard optimizer.iterations > 0 else { return nil }
        let slots = optimizer.slots
        let values = model.parameters.flatMap { p in
            slots.map { $0.values(of: p) ?? [Float](repeating: 0, count: p.count) }
        }
        return TrainingState(iterations: optimizer.iterations, slots: values)
    }

    /// Continues the optimizer from `state`, as Keras' `load_model` does: the next update is the
    /// one the optimizer would have made without the break (for the same batch). The state must
    /// suit this model and optimizer (``SavedModel/makeModel()`` and the model file check that).
    public func restore(_ state: TrainingState) {
        let restored = optimizer.kind.makeOptimizer()
        let slots = restored.slots
        let parameters = model.parameters
        guard state.slots.count == slots.count * parameters.count else {
            preconditionFailure("a training state that does not suit the model")
        }
        restored.iterations = state.iterations
        for (index, p) in parameters.enumerated() {
            for (number, slot) in slots.enumerated() { slot.assign(state.slots[index * slots.count + number], to: p) }
        }
        optimizer = restored
    }

    /// Switches optimizer; its state (moments, step count) starts afresh, as after a Keras `compile`.
    public func setOptimizer(_ kind: OptimizerKind) {
        optimizer = kind.makeOptimizer()
    }

    /// Checks that the model can learn from `data`: it has a dense layer, takes this example
    /// shape, and has an output for each of the data's ``Dataset/classCount`` classes.
    public func validate(for data: Dataset) throws {
        guard model.inputShape == data.exampleShape else {
            throw ModelError.inputShapeMismatch(model: model.inputShape, data: data.exampleShape)
        }
        guard !model.denseLayers.isEmpty else { throw ModelError.noDenseLayer }
        let units = model.outputShape.first ?? 0
        let classes = data.classCount
        guard units >= classes else { throw ModelError.outputTooNarrow(units: units, classes: classes) }
    }

    /// Trains for `epochs` epochs. `validationSplit` (0 ≤ x < 1) holds out the *last* fraction of
    /// `data`, before any shuffling, as Keras does, and reports loss and accuracy on it after each
    /// epoch. `shouldStop` is asked between batches; when it answers true, training ends there.
    /// Refuses to start (``ModelError/needsTooMuchMemory(_:)``) when the memory it would hold
    /// does not fit ``Model/memoryLimitBytes`` (see ``memoryNeeded(training:batch:validationSplit:)``).
    ///
    /// Training that runs away (``Divergence``) stops and undoes the epoch it happened in. Each
    /// batch's loss is checked as it is computed (a number already at hand); the weights, the
    /// optimizer's state and the validation loss after each epoch's last batch. So that an epoch
    /// can be undone, `fit` keeps one copy of the weights and the optimizer's state as each epoch
    /// begins (12 bytes a parameter with Adam), made once an epoch: the training step itself
    /// does no more work than before.
    @discardableResult
    public func fit(
        _ data: Dataset, epochs: Int, batchSize: Int = 32, validationSplit: Double = 0,
        onBatch: (BatchProgress) -> Void = { _ in },
        onEpoch: (EpochRecord) -> Void = { _ in },
        shouldStop: () -> Bool = { false }
    ) throws -> FitOutcome {
        // Subnormal floats count as 0 throughout (FTZ/DAZ): Adam's moments of rarely lit pixels
        // decay through that range, where every operation is many times slower.
        try Kernels.withSubnormalsFlushed { () throws -> FitOutcome in
            try train(data, epochs: epochs, batchSize: batchSize, validationSplit: validationSplit,
                      onBatch: onBatch, onEpoch: onEpoch, shouldStop: shouldStop)
        }
    }

    private func train(
        _ data: Dataset, epochs: Int, batchSize: Int, validationSplit: Double,
        onBatch: (BatchProgress) -> Void, onEpoch: (EpochRecord) -> Void, shouldStop: () -> Bool
    ) throws -> FitOutcome {
        try validate(for: data)
        precondition(batchSize >= 1 && epochs >= 0 && validationSplit >= 0 && validationSplit < 1)
        let memory = memoryNeeded(training: data, batch: batchSize, validationSplit: validationSplit)
        guard memory.fits else { throw ModelError.needsTooMuchMemory(memory) }
        let trainCount = Trainer.trainingCount(data.count, validationSplit: validationSplit)
        let train = validationSplit > 0 ? data.examples(0..<trainCount) : data
        let validation = validationSplit > 0 ? data.examples(trainCount..<data.count) : nil
        var outcome = FitOutcome(records: [], stopped: false, stoppedAt: nil)
        guard train.count > 0 else { return outcome }

        let parameters = model.parameters
        let plan = Trainer.updatePlan(model)
        let batch = min(batchSize, train.count)
        let buffers = BatchBuffers(
            model: model, features: train.featureCount, capacity: batch, layingOutAhead: Trainer.laysOutAhead(batch: batch))
        let classes = model.outputShape.first ?? 0
        let fused = model.fuses(with: loss)
        let steps = (train.count + batch - 1) / batch
        var order = Array(0..<train.count)
        let images = train.sparseImages
        let clock = ContinuousClock()
        /// Loads the batch that starts at example `start` of this epoch's order: its inputs and
        /// labels, or (`next`) its inputs only, laid out ahead, or (`labels`) its labels only.
        enum Part { case all, next, labels }
        func loadBatch(startingAt start: Int, _ part: Part = .all) {
            order.withUnsafeBufferPointer { o in
                guard let base = o.baseAddress else { return }
                let rows = min(batch, train.count - start)
                switch part {
                case .all: buffers.load(images, order: base, start: start, rows: rows)
                case .next: buffers.loadNextInputs(images, order: base, start: start, rows: rows)
                case .labels: buffers.loadLabels(images, order: base, start: start, rows: rows)
                }
            }
        }
        // However training ends, no side work of a forward pass is left running.
        defer { buffers.finishSideWork() }

        let epochStart = EpochStart(parameters)
        /// Undoes the epoch and says why.
        func diverge(_ quantity: Divergence.Quantity, _ value: Double, epoch: Int, batch: Int?) -> FitOutcome {
            epochStart.restore(into: self)
            outcome.diverged = Divergence(
                quantity: quantity, value: value, epoch: epoch, epochs: epochs, batch: batch, steps: steps)
            return outcome
        }

        for epoch in 1...max(epochs, 1) where epochs > 0 {
            // Ctrl-C between two epochs stops after the one that finished, not in the next
            // before any of its batches (whose shuffle would then have been for nothing).
            if epoch > 1, shouldStop() {
                outcome.stopped = true
                outcome.stoppedAt = (epoch, 0, steps)
                return outcome
            }
            let start = clock.now
            epochStart.capture(from: self)
            shuffler.shuffle(&order)
            var lossSum = 0.0, correct = 0, seen = 0
            // Step s lays out batch s + 1's inputs beside its own upper layers and loss (a worker
            // does, once the first layer has read this batch: see `Model.forward`), and loads its
            // labels once the loss has read this batch's. The first batch of an epoch is loaded
            // here, after the shuffle.
            loadBatch(startingAt: 0)
            for step in 0..<steps {
                if shouldStop() {
                    if let (quantity, value) = nonFiniteState(parameters) {
                        return diverge(quantity, value, epoch: epoch, batch: nil)
                    }
                    outcome.stopped = true
                    outcome.stoppedAt = (epoch, step, steps)
                    return outcome
                }
                let rows = min(batch, train.count - step * batch)
                let next = (step + 1) * batch
                let output = model.forward(buffers, rows: rows, training: true) {
                    if next < train.count { loadBatch(startingAt: next, .next) }
                }
                correct += Trainer.countCorrect(output, labels: buffers.labels, rows: rows, cols: classes)
                let batchLoss = loss.evaluate(
                    outputs: output, labels: buffers.labels, rows: rows, cols: classes,
                    gradient: buffers.outputGradient.base, fused: fused)
                guard batchLoss.isFinite else { return diverge(.loss, batchLoss, epoch: epoch, batch: step + 1) }
                lossSum += batchLoss
                if next < train.count { loadBatch(startingAt: next, .labels) }
                update(buffers, rows: rows, fused: fused, parameters: parameters, plan: plan)
                if next < train.count { buffers.advance() }
                seen += rows
                onBatch(BatchProgress(
                    epoch: epoch, epochs: epochs, step: step + 1, steps: steps,
                    loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen),
                    elapsedSeconds: seconds(since: start, clock)))
            }
            if let (quantity, value) = nonFiniteState(parameters) {
                return diverge(quantity, value, epoch: epoch, batch: nil)
            }
            var record = EpochRecord(
                epoch: history.count + 1, loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen),
                validationLoss: nil, validationAccuracy: nil, seconds: 0)
            if let validation, validation.count > 0 {
                let result = try evaluate(validation)
                guard result.loss.isFinite else { return diverge(.validationLoss, result.loss, epoch: epoch, batch: nil) }
                record.validationLoss = result.loss
                record.validationAccuracy = result.accuracy
            }
            record.seconds = seconds(since: start, clock)
            history.append(record)
            outcome.records.append(record)
            onEpoch(record)
        }
        return outcome
    }

    /// What of the weights and the optimizer's state is not finite, with a value found; nil
    /// when all of it is. One pass over each buffer: made once an epoch, not once a batch.
    private func nonFiniteState(_ parameters: [Parameter]) -> (Divergence.Quantity, Double)? {
        for p in parameters {
            if let value = p.storage.firstNonFinite { return (.weights, Double(value)) }
        }
        for slot in optimizer.slots where !slot.isFinite {
            let value = parameters.lazy.compactMap { slot.values(of: $0)?.first { !$0.isFinite } }.first ?? .nan
            return (.optimizerState, Double(value))
        }
        return nil
    }

    /// Everything an epoch changes, as it was when the epoch began — the weights, the
    /// optimizer (its step count and state), the dropout generators and the shuffling — so that
    /// an epoch that diverged can be undone. The weights' copies are made once per `fit` and
    /// overwritten each epoch.
    private final class EpochStart {
        let parameters: [Parameter]
        let weights: [FloatBuffer]
        var optimizer: (any Optimizer)?
        var generators: [SeededGenerator?] = []
        var shuffler = SeededGenerator(seed: 0, stream: 0)

        init(_ parameters: [Parameter]) {
            self.parameters = parameters
            weights = parameters.map { FloatBuffer(count: $0.count) }
        }

        func capture(from trainer: Trainer) {
            for (copy, p) in zip(weights, parameters) { copy.base.update(from: p.storage.base, count: p.count) }
            optimizer = nil  // the last epoch's copy goes before this one's is made.
            optimizer = trainer.optimizer.copy(from: parameters, to: parameters)
            generators = trainer.model.layers.map { ($0 as? Dropout)?.generator }
            shuffler = trainer.shuffler
        }

        func restore(into trainer: Trainer) {
            for (copy, p) in zip(weights, parameters) { p.storage.base.update(from: copy.base, count: p.count) }
            if let optimizer { trainer.optimizer = optimizer }  // fit returns next: the copy is not needed again.
            for (layer, generator) in zip(trainer.model.layers, generators) {
                if let dropout = layer as? Dropout, let generator { dropout.generator = generator }
            }
            trainer.shuffler = shuffler
        }
    }

    /// Backpropagates through every layer and updates the weights. Every parameter's update is
    /// cut into pieces of whole rows (contiguous memory) that threads share; a piece first
    /// finishes its rows' gradient when the layer's backward pass left it (the first dense
    /// layer's kernel gradient, from the sparse batch's by-columns copy), then updates those rows.
    private func update(
        _ buffers: BatchBuffers, rows: Int, fused: Bool, parameters: [Parameter], plan: [UpdatePiece]
    ) {
        model.backward(buffers, rows: rows, fused: fused, deferring: true)
        optimizer.beginStep(parameters)
        Parallel.forEach(plan.count) { index in
            let piece = plan[index]
            model.finishGradient(buffers, of: piece.layer, parameter: piece.layerParameter, rows: piece.rows)
            optimizer.update(parameters[piece.parameter], at: piece.parameter, rows: piece.rows)
        }
    }

    /// Whether `fit` lays out each next batch in a second copy of the inputs while the step runs:
    /// when the batch fits the forward product's tile, so that the product reads the batch by
    /// columns, which must be made before it (``SparseBatch/multiply(by:units:into:)``). A larger
    /// batch is read by rows, and its next batch laid out over them once the first layer has read them.
    static func laysOutAhead(batch: Int) -> Bool { batch <= SparseBatch.tileRows }

    /// A range of rows of one parameter: by its position in `model.parameters`, and as
    /// parameter `layerParameter` of layer `layer`.
    struct UpdatePiece {
        var parameter: Int
        var layer: Int
        var layerParameter: Int
        var rows: Range<Int>
    }

    /// Every parameter of `model` cut into pieces of about 16,384 values (64 KB of each buffer).
    static func updatePlan(_ model: Model) -> [UpdatePiece] {
        var pieces: [UpdatePiece] = []
        var parameter = 0
        for (layer, live) in model.layers.enumerated() {
            for (own, p) in live.parameters.enumerated() {
                let width = max(1, p.count / max(p.rowCount, 1))
                for rows in Parallel.pieces(of: p.rowCount, size: max(1, 16_384 / width)) {
                    pieces.append(UpdatePiece(parameter: parameter, layer: layer, layerParameter: own, rows: rows))
                }
                parameter += 1
            }
        }
        return pieces
    }

    /// Mean loss and accuracy over `data`, in batches of `batchSize` (no weights change).
    /// `shouldStop` is asked between batches; when it answers true, this throws ``Stopped``.
    public func evaluate(_ data: Dataset, batchSize: Int = 1000, shouldStop: () -> Bool = { false }) throws -> Evaluation {
        try validate(for: data)
        guard data.count > 0 else { return Evaluation(loss: 0, accuracy: 0) }
        let classes = model.outputShape.first ?? 0
        var lossSum = 0.0, correct = 0
        try forEachChunk(of: data, wanted: batchSize, shouldStop: shouldStop) { output, labels, _, rows in
            correct += Trainer.countCorrect(output, labels: labels, rows: rows, cols: classes)
            lossSum += loss.evaluate(outputs: output, labels: labels, rows: rows, cols: classes, gradient: nil, fused: false)
        }
        return Evaluation(loss: lossSum / Double(data.count), accuracy: Double(correct) / Double(data.count))
    }

    /// The class each example of `data` is predicted to be (the position of its largest output),
    /// in chunks of 1,000, holding one chunk's outputs at a time (so a very wide output layer
    /// does not need all of `data`'s outputs at once); and the first output that is not finite,
    /// if any. `shouldStop` is asked between chunks; when it answers true, this throws ``Stopped``.
    public func predictedClasses(_ data: Dataset, shouldStop: () -> Bool = { false }) throws -> (classes: [Int], firstNonFinite: (example: Int, output: Int, value: Float)?) {
        try validate(for: data)
        guard data.count > 0 else { return ([], nil) }
        let units = model.outputShape.first ?? 0
        var classes: [Int] = []
        classes.reserveCapacity(data.count)
        var firstNonFinite: (example: Int, output: Int, value: Float)?
        try forEachChunk(of: data, wanted: 1000, shouldStop: shouldStop) { output, _, start, rows in
            for r in 0..<rows {
                let row = UnsafeBufferPointer(start: output + r * units, count: units)
                if firstNonFinite == nil, let bad = row.firstIndex(where: { !$0.isFinite }) {
                    firstNonFinite = (start + r, bad, row[bad])
                }
                classes.append(row.argmax() ?? 0)
            }
        }
        return (classes, firstNonFinite)
    }

    /// Runs the model forward over all of `data` in order, ``evaluationChunk(_:wanted:)`` examples
    /// at a time, handing `body` each chunk's outputs (`rows × units`), labels, first example and
    /// row count, chunk after chunk. The threads compute ``Parallel/threadCount`` chunks at once,
    /// each its own chunk whole (its own buffers; the products inside run on that thread alone),
    /// when that many chunks fit the memory cap; `body` still sees them in order, on this thread,
    /// so the sums it makes are the same. `shouldStop` is asked before each round of chunks; when
    /// it answers true, this throws ``Stopped``.
    private func forEachChunk(
        of data: Dataset, wanted: Int, shouldStop: () -> Bool,
        _ body: (_ outputs: UnsafePointer<Float>, _ labels: UnsafePointer<UInt8>, _ start: Int, _ rows: Int) -> Void
    ) throws {
        let batch = try evaluationChunk(data, wanted: wanted)
        let chunks = (data.count + batch - 1) / batch
        let wantedLanes = max(1, min(Parallel.threadCount, chunks))
        let lanes = wantedLanes > 1 && memoryNeeded(evaluating: wantedLanes * batch, of: data).fits ? wantedLanes : 1
        let buffers = (0..<lanes).map { _ in BatchBuffers(model: model, features: data.featureCount, capacity: batch, training: false) }
        let order = Array(0..<data.count)
        let images = data.sparseImages
        var outputs = [UnsafePointer<Float>?](repeating: nil, count: lanes)
        for first in stride(from: 0, to: chunks, by: lanes) {
            if shouldStop() { throw Stopped() }
            let round = min(lanes, chunks - first)
            outputs.withUnsafeMutableBufferPointer { made in
                Parallel.forEach(round) { lane in
                    let start = (first + lane) * batch, rows = min(batch, data.count - start)
                    buffers[lane].refer(to: images, order: order, start: start, rows: rows)
                    made[lane] = UnsafePointer(Kernels.withSubnormalsFlushed { model.forward(buffers[lane], rows: rows) })
                }
            }
            for lane in 0..<round {
                let start = (first + lane) * batch, rows = min(batch, data.count - start)
                guard let output = outputs[lane] else { continue }
                // The loss and the counts read the outputs as the forward pass made them: flushed too.
                Kernels.withSubnormalsFlushed { body(output, buffers[lane].labels, start, rows) }
            }
        }
    }

    /// How many examples to evaluate at once: `wanted` (at most all of `data`), or fewer when
    /// that many would not fit the memory cap; refuses (``ModelError/needsTooMuchMemory(_:)``)
    /// when not even one would.
    func evaluationChunk(_ data: Dataset, wanted: Int) throws -> Int {
        let examples = max(1, min(wanted, data.count))
        let estimate = memoryNeeded(evaluating: examples, of: data)
        if estimate.fits { return examples }
        guard let largest = estimate.largestFitting else { throw ModelError.needsTooMuchMemory(estimate) }
        return max(1, min(largest, examples))
    }

    /// The model's outputs for the examples at `indices` of `data`, one row each. `shouldStop`
    /// is asked between chunks of 1,000 examples; when it answers true, this throws ``Stopped``.
    public func predict(_ data: Dataset, indices: [Int], shouldStop: () -> Bool = { false }) throws -> Matrix {
        try validate(for: data)
        guard let outputs = model.outputs(data, indices: indices, shouldStop: shouldStop) else { throw Stopped() }
        return outputs
    }

    /// How many rows have their largest output at the label's position (Keras'
    /// `sparse_categorical_accuracy`; ties go to the first maximum, as `argmax`).
    static func countCorrect(_ y: UnsafePointer<Float>, labels: UnsafePointer<UInt8>, rows: Int, cols: Int) -> Int {
        var correct = 0
        for r in 0..<rows where UnsafeBufferPointer(start: y + r * cols, count: cols).argmax() == Int(labels[r]) { correct += 1 }
        return correct
    }

    private func seconds(since start: ContinuousClock.Instant, _ clock: ContinuousClock) -> Double {
        let d = clock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

extension Model {
    /// The model's outputs for the examples at `indices` of `data` (which must fit the model).
    /// Works through the examples 1,000 at a time, so predicting a whole test set stays small.
    public func predict(_ data: Dataset, indices: [Int]) -> Matrix {
        // Asked never to stop, `outputs` always returns them.
        outputs(data, indices: indices) { false } ?? Matrix(rows: indices.count, cols: outputShape.first ?? 0)
    }

    /// ``predict(_:indices:)``, asking `shouldStop` before each chunk of 1,000 examples: nil
    /// when it answered true.
    func outputs(_ data: Dataset, indices: [Int], shouldStop: () -> Bool) -> Matrix? {
        let units = outputShape.first ?? 0
        guard !indices.isEmpty, !denseLayers.isEmpty else { return Matrix(rows: indices.count, cols: units) }
        let f = data.featureCount
        var values: [Float] = []
        values.reserveCapacity(indices.count * units)
        for chunkStart in stride(from: 0, to: indices.count, by: 1000) {
            if shouldStop() { return nil }
            let chunk = indices[chunkStart..<min(chunkStart + 1000, indices.count)]
            var rows = Matrix(rows: chunk.count, cols: f)
            for (r, i) in chunk.enumerated() {
                rows.values.replaceSubrange((r * f)..<((r + 1) * f), with: data.scaledExample(i))
            }
            values += predict(rows: rows).values
        }
        return Matrix(rows: indices.count, cols: units, values: values)
    }

    /// The model's outputs for rows of already-scaled inputs (`rows × features` values).
    public func predict(rows input: Matrix) -> Matrix {
        let units = outputShape.first ?? 0
        var result = Matrix(rows: input.rows, cols: units)
        guard input.rows > 0, !denseLayers.isEmpty else { return result }
        let buffers = BatchBuffers(model: self, features: input.cols, capacity: input.rows, training: false)
        buffers.load(rows: input)
        let output = forward(buffers, rows: input.rows)
        result.values = Array(UnsafeBufferPointer(start: output, count: input.rows * units))
        return result
    }
}
