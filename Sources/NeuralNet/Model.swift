/// A sequential model: layers applied one after another, as Keras' `Sequential`.
///
/// The model knows the shape of one example (`inputShape`, e.g. [28, 28]) and checks every layer
/// as it is added, so a shape problem is reported when the layer is added, not during training.
/// Weights are drawn from the model's seed: dense layer number *i* (counting from 0) uses the
/// generator stream `i + 1` of that seed, so a layer's starting weights depend only on the seed,
/// its position and its size — never on what was added and removed before.
public final class Model {
    /// The most memory a model may ask for: its values, gradients and two optimizer slots
    /// (16 bytes a parameter). Anything larger is refused with the size it would need.
    public static let memoryLimitBytes = 2 << 30

    /// The shape of one example, without the batch dimension.
    public let inputShape: [Int]
    /// The layers, first to last.
    public private(set) var layers: [Layer] = [] {
        didSet { denseLayers = layers.compactMap(\.dense) }
    }
    /// The dense layers, first to last (kept, not recomputed: the training loop asks each batch).
    public private(set) var denseLayers: [Dense] = []
    /// The seed the weights were drawn from.
    public private(set) var seed: UInt64

    public init(inputShape: [Int], seed: UInt64) {
        self.inputShape = inputShape
        self.seed = seed
    }

    /// The output shape of each layer, without the batch dimension.
    public var outputShapes: [[Int]] {
        var shape = inputShape
        return layers.map { layer in
            shape = Model.outputShape(of: layer, input: shape)
            return shape
        }
    }

    /// The shape the model produces for one example (the input shape when there are no layers).
    public var outputShape: [Int] { outputShapes.last ?? inputShape }


    /// All trainable tensors: each dense layer's kernel, then its bias.
    public var parameters: [Parameter] { denseLayers.flatMap { [$0.kernel, $0.bias] } }

    /// The total number of trainable values.
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

    /// What the model is, without weights.
    public var specs: [LayerSpec] {
        layers.map { layer in
            switch layer {
            case .flatten: return .flatten
            case .dense(let d): return .dense(units: d.units, activation: d.activation)
            }
        }
    }

    /// A model of its own with the same layers and weights: changing one never changes the other
    /// (a snapshot for `undo`, or the state an exercise starts from; ``Trainer/copy(for:)`` copies
    /// the optimizer's state for it).
    public func copy() -> Model {
        let twin = Model(inputShape: inputShape, seed: seed)
        twin.layers = layers.map { layer in
            switch layer {
            case .flatten: return .flatten
            case .dense(let dense): return .dense(dense.copy())
            }
        }
        return twin
    }

    /// Appends a `Flatten` layer.
    public func addFlatten() {
        layers.append(.flatten)
    }

    /// Appends a dense layer of `units` units. Throws when the input is not one row per example,
    /// when `units < 1`, or when the model would outgrow ``memoryLimitBytes``.
    @discardableResult
    public func addDense(units: Int, activation: Activation) throws -> Dense {
        let input = outputShape
        guard input.count == 1, let inputs = input.first else {
            throw ModelError.denseNeedsFlatInput(shape: input)
        }
        guard units >= 1 else { throw ModelError.unitsMustBePositive(units) }
        try Model.checkSize(existing: parameterCount, inputs: inputs, units: units)
        var generator = SeededGenerator(seed: seed, stream: UInt64(denseLayers.count + 1))
        let dense = Dense(inputs: inputs, units: units, activation: activation, generator: &generator)
        layers.append(.dense(dense))
        return dense
    }

    /// Appends a layer described by `spec`.
    public func add(_ spec: LayerSpec) throws {
        switch spec {
        case .flatten: addFlatten()
        case .dense(let units, let activation): try addDense(units: units, activation: activation)
        }
    }

    /// Removes and returns the last layer, if any.
    @discardableResult
    public func removeLast() -> Layer? {
        layers.popLast()
    }

    /// Draws every dense layer's weights again from `seed` (biases back to zero).
    public func reinitialize(seed newSeed: UInt64) {
        seed = newSeed
        let kept = specs
        layers = []
        for spec in kept { try? add(spec) }  // the same specs were valid a moment ago.
    }

    /// Refuses a dense layer whose parameters, with gradients and optimizer slots, would not fit.
    static func checkSize(existing: Int, inputs: Int, units: Int) throws {
        let (weights, o1) = inputs.multipliedReportingOverflow(by: units)
        let (withBias, o2) = weights.addingReportingOverflow(units)
        let (total, o3) = withBias.addingReportingOverflow(existing)
        let (bytes, o4) = total.multipliedReportingOverflow(by: 16)
        if o1 || o2 || o3 || o4 {
            throw ModelError.tooLarge(parameters: Int.max, bytes: Int.max, limitBytes: memoryLimitBytes)
        }
        if bytes > memoryLimitBytes {
            throw ModelError.tooLarge(parameters: total, bytes: bytes, limitBytes: memoryLimitBytes)
        }
    }

    static func outputShape(of layer: Layer, input: [Int]) -> [Int] {
        switch layer {
        case .flatten: return [input.reduce(1, *)]
        case .dense(let d): return [d.units]
        }
    }
}
