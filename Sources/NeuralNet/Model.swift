/// A sequential model: layers applied one after another, as Keras' `Sequential`.
///
/// The model knows the shape of one example (`inputShape`, e.g. [28, 28]) and checks every layer
/// as it is added, so a shape problem is reported when the layer is added, not during training.
/// Each layer is a value of its own (``Layer``), built from its definition (``LayerSpec``), which
/// holds the layer's rules; training walks every layer forward and back (see ``BatchBuffers``).
/// Weights are drawn from the model's seed: dense layer number *i* (counting from 0) uses the
/// generator stream `i + 1` of that seed, so a layer's starting weights depend only on the seed,
/// its position and its size — never on what was added and removed before (see ``LayerContext``).
public final class Model {
    /// The most memory tutor lets a model take, 2 GiB — one cap, checked twice before anything is
    /// allocated: when a layer is added (its values, gradients and two optimizer slots, 16 bytes a
    /// parameter) and when `fit` or an evaluation starts (all that plus the batch's scratch memory
    /// and the data's index: ``MemoryEstimate``). Anything larger is refused with the size it would
    /// need. A quarter of a small laptop's memory: the lessons' models need a few MB.
    public static let memoryLimitBytes = 2 << 30

    /// The shape of one example, without the batch dimension.
    public let inputShape: [Int]
    /// The layers, first to last. Changed only through ``append(_:)``, ``removeLast()`` and
    /// ``replaceLayers(_:)``, which keep the tallies below, so adding a layer costs the same
    /// however many the model has.
    public private(set) var layers: [any Layer] = []
    /// The dense layers, first to last (kept, not recomputed: `show weights`, `predict` and the
    /// checks before training ask for them).
    public private(set) var denseLayers: [Dense] = []
    /// The total number of trainable values (kept with the layers).
    public private(set) var parameterCount = 0
    /// How many layers of each kind the model has, by Keras class name: the next one's ordinal.
    private var kindCounts: [String: Int] = [:]
    /// The seed the weights were drawn from.
    public private(set) var seed: UInt64

    public init(inputShape: [Int], seed: UInt64) {
        self.inputShape = inputShape
        self.seed = seed
    }

    /// The output shape of each layer, without the batch dimension.
    public var outputShapes: [[Int]] { layers.map(\.outputShape) }

    /// The shape the model produces for one example (the input shape when there are no layers).
    public var outputShape: [Int] { layers.last?.outputShape ?? inputShape }

    /// All trainable tensors, layer by layer: each dense layer's kernel, then its bias.
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// What the model is, without weights.
    public var specs: [LayerSpec] { layers.map(\.spec) }

    /// Keras' names for the layers: `flatten`, `dense`, `dropout`, `dense_1`, …
    public var layerNames: [String] { LayerSpec.kerasNames(specs) }

    /// A model of its own with the same layers, weights and dropout generators: changing one
    /// never changes the other (a snapshot for `undo`, or the state an exercise starts from;
    /// ``Trainer/copy(for:)`` copies the optimizer's state for it).
    public func copy() -> Model {
        let twin = Model(inputShape: inputShape, seed: seed)
        twin.replaceLayers(layers.map { $0.copy() })
        return twin
    }

    /// Appends a `Flatten` layer.
    public func addFlatten() {
        _ = try? append(Flatten.Definition())  // a flatten takes any input and has no parameters.
    }

    /// Appends a dense layer of `units` units. Throws when the input is not one row per example,
    /// when `units < 1`, or when the model would outgrow ``memoryLimitBytes``.
    @discardableResult
    public func addDense(units: Int, activation: Activation) throws(ModelError) -> Dense {
        try append(Dense.Definition(units: units, activation: activation))
    }

    /// Appends a layer described by `spec`. Throws when it cannot take the model's output (see
    /// ``LayerDefinition/outputShape(for:)``) or the model would outgrow ``memoryLimitBytes``.
    public func add(_ spec: LayerSpec) throws(ModelError) {
        _ = try append(spec.definition)
    }

    /// Checks `definition` on the model's output, builds its layer from the model's seed and
    /// appends it.
    @discardableResult
    func append<D: LayerDefinition>(_ definition: D) throws(ModelError) -> D.Built {
        let input = outputShape
        try Model.check(definition, input: input, existingParameters: parameterCount)
        let ordinal = kindCounts[D.kerasClassName, default: 0]
        let layer = definition.makeLayer(input: input, context: LayerContext(seed: seed, ordinal: ordinal))
        layers.append(layer)
        tally(layer, adding: true)
        return layer
    }

    /// Removes and returns the last layer, if any.
    @discardableResult
    public func removeLast() -> (any Layer)? {
        guard let layer = layers.popLast() else { return nil }
        tally(layer, adding: false)
        return layer
    }

    /// Makes `newLayers` the model's layers, with their tallies.
    private func replaceLayers(_ newLayers: [any Layer]) {
        layers = []
        denseLayers = []
        parameterCount = 0
        kindCounts = [:]
        for layer in newLayers {
            layers.append(layer)
            tally(layer, adding: true)
        }
    }

    /// Counts `layer` in (just appended) or out (just removed, it was the last) of the tallies.
    private func tally(_ layer: any Layer, adding: Bool) {
        let kind = layer.spec.kerasClassName
        if adding {
            if let dense = layer.dense { denseLayers.append(dense) }
            parameterCount += layer.parameterCount
            kindCounts[kind, default: 0] += 1
        } else {
            if layer.dense != nil { denseLayers.removeLast() }
            parameterCount -= layer.parameterCount
            kindCounts[kind, default: 1] -= 1
        }
    }

    /// Draws every layer's weights (biases back to zero) and dropout generator again from `seed`.
    public func reinitialize(seed newSeed: UInt64) {
        seed = newSeed
        let kept = specs
        replaceLayers([])
        for spec in kept { try? add(spec) }  // the same specs were valid a moment ago.
    }

    /// Checks `definition` as the layer after one producing `input`, in a model that already has
    /// `existingParameters` parameters; returns its output shape and its parameters' names and
    /// shapes. The one place the layers' rules are applied: ``add(_:)`` and the model file both
    /// come here.
    @discardableResult
    static func check(
        _ definition: some LayerDefinition, input: [Int], existingParameters: Int
    ) throws(ModelError) -> (outputShape: [Int], parameters: [(name: String, shape: [Int])]) {
        let output = try definition.outputShape(for: input)
        let parameters = definition.parameterShapes(for: input)
        try checkSize(existing: existingParameters, adding: parameters.map(\.shape))
        return (output, parameters)
    }

    /// Refuses a dense layer whose parameters, with gradients and optimizer slots, would not fit.
    static func checkSize(existing: Int, inputs: Int, units: Int) throws(ModelError) {
        try checkSize(existing: existing, adding: [[inputs, units], [units]])
    }

    /// Refuses new tensors of the given shapes when the model's parameters, with gradients and
    /// two optimizer slots (16 bytes a parameter), would then not fit ``memoryLimitBytes``.
    static func checkSize(existing: Int, adding shapes: [[Int]]) throws(ModelError) {
        var total = existing
        var overflow = false
        for shape in shapes {
            var count = 1
            for size in shape {
                let (product, o) = count.multipliedReportingOverflow(by: size)
                count = product
                overflow = overflow || o
            }
            let (sum, o) = total.addingReportingOverflow(count)
            total = sum
            overflow = overflow || o
        }
        let (bytes, o) = total.multipliedReportingOverflow(by: 16)
        if overflow || o {
            throw ModelError.tooLarge(parameters: Int.max, bytes: Int.max, limitBytes: memoryLimitBytes)
        }
        if bytes > memoryLimitBytes {
            throw ModelError.tooLarge(parameters: total, bytes: bytes, limitBytes: memoryLimitBytes)
        }
    }
}
