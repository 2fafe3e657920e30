/// Everything `save model FILE` keeps and `load model FILE` restores: the model's architecture
/// and seed, the training settings, the training history, and the weights. What goes into a
/// file, byte by byte, is in ``ModelFile``.
public struct SavedModel: Equatable, Sendable {
    /// The shape of one example, e.g. [28, 28].
    public var inputShape: [Int]
    public var layers: [LayerSpec]
    /// The seed the model's starting weights were drawn from.
    public var seed: UInt64
    public var optimizer: OptimizerKind
    public var loss: Loss
    public var batchSize: Int
    /// Every finished epoch, first to last.
    public var history: [EpochRecord]
    /// One tensor per trainable parameter, in `Model.parameters` order (kernel, bias, kernel, bias…), row-major.
    public var weights: [[Float]]
    /// The optimizer's state, so that training goes on where it stopped (as Keras' `model.save`
    /// keeps it); nil for a model not trained yet (and in files from before version 2).
    public var trainingState: TrainingState?

    public init(
        inputShape: [Int], layers: [LayerSpec], seed: UInt64, optimizer: OptimizerKind, loss: Loss,
        batchSize: Int, history: [EpochRecord], weights: [[Float]], trainingState: TrainingState? = nil
    ) {
        self.inputShape = inputShape
        self.layers = layers
        self.seed = seed
        self.optimizer = optimizer
        self.loss = loss
        self.batchSize = batchSize
        self.history = history
        self.weights = weights
        self.trainingState = trainingState
    }

    /// Captures a model and its settings (and, with `trainingState`, where its training had got to).
    public init(
        model: Model, optimizer: OptimizerKind, loss: Loss, batchSize: Int, history: [EpochRecord],
        trainingState: TrainingState? = nil
    ) {
        self.init(
            inputShape: model.inputShape, layers: model.specs, seed: model.seed, optimizer: optimizer, loss: loss,
            batchSize: batchSize, history: history, weights: model.parameters.map(\.values), trainingState: trainingState)
    }

    /// The trainer for the rebuilt `model`: these settings and history, and the training state
    /// when there is one.
    public func makeTrainer(for model: Model) -> Trainer {
        let trainer = Trainer(model: model, optimizer: optimizer, loss: loss, seed: seed)
        trainer.restoreHistory(history)
        if let trainingState { trainer.restore(trainingState) }
        return trainer
    }

    /// Rebuilds the model (layers added through `Model.add`, then weights assigned). Throws
    /// ``ModelFileError`` (naming "the saved model") if the layers are invalid or a tensor has
    /// the wrong size.
    public func makeModel() throws(ModelFileError) -> Model {
        let file = "the saved model"
        let tensors = try SavedModel.tensors(inputShape: inputShape, layers: layers, file: file)
        guard weights.count == tensors.count else {
            throw ModelFileError.tensorCount(file, found: weights.count, needed: tensors.map(\.name))
        }
        for (values, tensor) in zip(weights, tensors) where values.count != tensor.count {
            throw ModelFileError.tensorValueCount(file, name: tensor.name, found: values.count, needed: tensor.shape)
        }
        if let trainingState {
            let slots = SavedModel.slotTensors(for: tensors, optimizer: optimizer)
            guard trainingState.slots.count == slots.count else {
                throw ModelFileError.tensorCount(file, found: tensors.count + trainingState.slots.count, needed: (tensors + slots).map(\.name), withOptimizer: true)
            }
            for (values, tensor) in zip(trainingState.slots, slots) where values.count != tensor.count {
                throw ModelFileError.tensorValueCount(file, name: tensor.name, found: values.count, needed: tensor.shape)
            }
            guard trainingState.iterations >= 1 else {
                throw ModelFileError.wrongValue(
                    file, path: "optimizer.iterations", found: String(trainingState.iterations), expected: "a whole number of at least 1")
            }
        }
        let model = Model(inputShape: inputShape, seed: seed)
        for (index, spec) in layers.enumerated() {
            do {
                try model.add(spec)
            } catch {
                // `tensors` checked what `add` checks, so this only happens if the two disagree.
                throw ModelFileError.unbuildable(file, layer: index, error: error)
            }
        }
        for (parameter, values) in zip(model.parameters, weights) { parameter.assign(values) }
        return model
    }
}

/// What training builds up besides the weights — the optimizer's state — kept in a model file
/// so that training after `load model` goes on where it stopped, as after Keras' `load_model`.
/// (The shuffling starts again from the seed, as in a new Keras process with the same seed.)
public struct TrainingState: Equatable, Sendable {
    /// The optimizer's step count (Keras' `iterations`): Adam's bias correction depends on it.
    public var iterations: Int
    /// The optimizer's per-value state, parameter by parameter, in Keras' order: for Adam each
    /// parameter's momentum (m) then velocity (v); for SGD with momentum its velocity; none for
    /// plain SGD.
    public var slots: [[Float]]

    public init(iterations: Int, slots: [[Float]]) {
        self.iterations = iterations
        self.slots = slots
    }
}
