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

    public init(
        inputShape: [Int], layers: [LayerSpec], seed: UInt64, optimizer: OptimizerKind, loss: Loss,
        batchSize: Int, history: [EpochRecord], weights: [[Float]]
    ) {
        self.inputShape = inputShape
        self.layers = layers
        self.seed = seed
        self.optimizer = optimizer
        self.loss = loss
        self.batchSize = batchSize
        self.history = history
        self.weights = weights
    }

    /// Captures a model and its settings.
    public init(model: Model, optimizer: OptimizerKind, loss: Loss, batchSize: Int, history: [EpochRecord]) {
        self.init(
            inputShape: model.inputShape, layers: model.specs, seed: model.seed, optimizer: optimizer, loss: loss,
            batchSize: batchSize, history: history, weights: model.parameters.map(\.values))
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
