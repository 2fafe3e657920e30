/// A kind of layer without its weights, as a Keras layer's config: everything needed to check,
/// save, export, describe and build one layer of a sequential model. Keras splits the same work
/// over `compute_output_shape`, `build`, `get_config` and `from_config`.
///
/// Each kind lives in a file of its own, with its live ``Layer`` class (``Flatten``, ``Dense``,
/// ``Dropout``); the model file finds a kind by its Keras class name in ``LayerRegistry``.
public protocol LayerDefinition: Equatable, Sendable {
    /// The live layer this definition builds.
    associatedtype Built: Layer

    /// Keras' class name: `Flatten`, `Dense`, `Dropout`.
    static var kerasClassName: String { get }

    /// The model file version that first has this kind (see ``ModelFile``): files of older
    /// versions cannot hold it, and a model with it is written in at least this version.
    static var firstFileVersion: Int { get }

    /// The shape of one example after this layer, given the shape before it (neither has the
    /// batch dimension). Throws when the layer cannot take that input or its settings are out
    /// of range: this is where a layer's rules live, for ``Model/add(_:)`` and the model file.
    func outputShape(for input: [Int]) throws(ModelError) -> [Int]

    /// The trainable tensors for examples of shape `input` (one that ``outputShape(for:)``
    /// accepts), in order, each with the last part of its Keras variable name: a dense layer's
    /// `kernel` [inputs, units] and `bias` [units]; none for a layer without weights.
    func parameterShapes(for input: [Int]) -> [(name: String, shape: [Int])]

    /// How the parameter count comes about, for the line printed when the layer is added:
    /// `784·256 + 256` for a dense layer; nil for a layer without parameters.
    func parameterFormula(for input: [Int]) -> String?

    /// The model file's fields for this layer besides `type`: `units` and `activation` for a
    /// dense layer, `rate` for dropout, none for flatten.
    var fileFields: [String: ConfigValue] { get }

    /// The Keras constructor call, e.g. `Dense(256, activation="sigmoid")`.
    var kerasCall: KerasCall { get }

    /// The layer in the shape-flow line `784 → dense(256, sigmoid) → 256`, and when removed:
    /// `flatten`, `dense(256, sigmoid)`, `dropout(0.2)`.
    var flowText: String { get }

    /// The layer as the `layer` command and `expect layers` write it, without the word `layer`:
    /// `flatten`, `dense 256 sigmoid`, `dropout 0.2`.
    var commandText: String { get }

    /// The live layer, for examples of shape `input` (one that ``outputShape(for:)`` accepts).
    func makeLayer(input: [Int], context: LayerContext) -> Built
}

extension LayerDefinition {
    public static var firstFileVersion: Int { 1 }

    public func parameterShapes(for input: [Int]) -> [(name: String, shape: [Int])] { [] }

    public func parameterFormula(for input: [Int]) -> String? { nil }

    public var fileFields: [String: ConfigValue] { [:] }

    /// Keras' snake-case name for the class, which names its layers and their variables:
    /// `Dense` → `dense`, `BatchNormalization` → `batch_normalization`. The model file's `type`.
    public static var kerasBaseName: String {
        var name = ""
        for character in kerasClassName {
            if character.isUppercase, !name.isEmpty { name.append("_") }
            name += character.lowercased()
        }
        return name
    }
}

/// Where a layer is being built: the model's seed and how many layers of the same kind come
/// before it. A layer's random numbers come from its own generator streams of the seed (see
/// ``SeededGenerator``), chosen by the kind and this count, so they depend only on the seed,
/// the layer's kind, its place among its kind and its size — never on what was added and
/// removed before.
public struct LayerContext: Sendable {
    public var seed: UInt64
    /// 0 for the first layer of its kind, 1 for the second, …
    public var ordinal: Int
}

/// A setting of a layer as the model file and Keras write it.
public enum ConfigValue: Equatable, Sendable, Encodable {
    case int(Int)
    case double(Double)
    case string(String)

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }
}

/// A Keras layer constructor: `Dense(256, activation="sigmoid")` is the class `Dense`, the
/// argument 256 and the argument `activation` set to `"sigmoid"`.
public struct KerasCall: Equatable, Sendable {
    public struct Argument: Equatable, Sendable {
        /// The keyword, or nil for a positional argument.
        public var label: String?
        public var value: ConfigValue

        public init(label: String?, value: ConfigValue) {
            self.label = label
            self.value = value
        }

        /// `256` in `Dense(256)`.
        public static func positional(_ value: ConfigValue) -> Argument { Argument(label: nil, value: value) }

        /// `activation="sigmoid"`.
        public static func keyword(_ label: String, _ value: ConfigValue) -> Argument { Argument(label: label, value: value) }
    }

    public var className: String
    public var arguments: [Argument]

    public init(_ className: String, _ arguments: [Argument] = []) {
        self.className = className
        self.arguments = arguments
    }
}

/// What a layer is, without its weights: enough to rebuild a model (save files, undo, export).
/// Two specs are equal when they are of the same kind with the same settings.
public struct LayerSpec: Equatable, Sendable {
    /// The layer kind and its settings.
    public let definition: any LayerDefinition

    public init(_ definition: some LayerDefinition) {
        self.definition = definition
    }

    public static func == (lhs: LayerSpec, rhs: LayerSpec) -> Bool {
        func equal<D: LayerDefinition>(_ left: D) -> Bool { (rhs.definition as? D) == left }
        return equal(lhs.definition)
    }

    /// Keras' class name: `Flatten`, `Dense`, `Dropout`.
    public var kerasClassName: String { type(of: definition).kerasClassName }

    /// Keras' snake-case name for the class: `flatten`, `dense`, `dropout`.
    public var kerasBaseName: String { type(of: definition).kerasBaseName }

    public var flowText: String { definition.flowText }
    public var commandText: String { definition.commandText }
    public var kerasCall: KerasCall { definition.kerasCall }

    public func outputShape(for input: [Int]) throws(ModelError) -> [Int] {
        try definition.outputShape(for: input)
    }

    public func parameterFormula(for input: [Int]) -> String? {
        definition.parameterFormula(for: input)
    }

    /// Keras' names for the layers `specs`, as a fresh model gets them: each kind numbered on
    /// its own — `flatten`, `dense`, `dropout`, `dense_1`, `dropout_1`, …
    public static func kerasNames(_ specs: [LayerSpec]) -> [String] {
        var seen: [String: Int] = [:]
        return specs.map { spec in
            let base = spec.kerasBaseName
            let count = seen[base, default: 0]
            seen[base] = count + 1
            return count == 0 ? base : "\(base)_\(count)"
        }
    }
}

/// The layer kinds the model file knows, found by their Keras class name. A new layer kind is a
/// file of its own (its ``LayerDefinition``, its ``Layer``) and one line here.
enum LayerRegistry {
    static let kinds: [any FileLayerDefinition.Type] = [
        Flatten.Definition.self,
        Dense.Definition.self,
        Dropout.Definition.self,
    ]

    /// The kind whose model file `type` (its snake-case Keras name) is `type`.
    static func kind(named type: String) -> (any FileLayerDefinition.Type)? {
        kinds.first { $0.kerasBaseName == type }
    }
}

/// A layer definition the model file can read (the header's field readers are internal, so
/// this part is not in ``LayerDefinition``).
protocol FileLayerDefinition: LayerDefinition {
    /// Reads the layer's fields besides `type` from its object in the header's `layers` list,
    /// checking each (the caller then refuses any other field).
    static func read(_ object: HeaderObject) throws(ModelFileError) -> Self
}

extension FileLayerDefinition {
    /// ``read(_:)`` as a spec.
    static func readSpec(_ object: HeaderObject) throws(ModelFileError) -> LayerSpec {
        LayerSpec(try read(object))
    }
}

/// One live layer of a sequential model, with its weights: it runs batches forward and
/// gradients backward, in the scratch memory it asks for (``makeBuffers(_:)``).
///
/// The model walks every layer in order for the forward pass and in reverse for the backward
/// pass. The data batch enters as a sparse batch (the pixels' nonzeros); a layer that cannot
/// work on it gives dense values (see ``BatchValues``). Special fast paths are the layers' own:
/// a dense layer multiplies the sparse batch directly, takes dL/dz instead of dL/dy when the
/// loss fuses with its activation (``fusableActivation``), and may leave its kernel gradient to
/// ``finishGradient(of:rows:_:)`` so that threads can share it with the optimizer's update.
public protocol Layer: AnyObject {
    /// What the layer is, without its weights.
    var spec: LayerSpec { get }
    /// The shape of one example before and after the layer.
    var inputShape: [Int] { get }
    var outputShape: [Int] { get }
    /// The trainable tensors, in the order of ``LayerDefinition/parameterShapes(for:)``.
    var parameters: [Parameter] { get }
    /// The activation the layer applies last, when its backward pass can take dL/dz in place
    /// of dL/dy (softmax with cross-entropy: dL/dz = y − onehot); nil when there is none.
    var fusableActivation: Activation? { get }
    /// True when the outputs are always the inputs, unchanged in value and place (a reshape
    /// such as flatten): the model's outputs then come from the layer before, and a loss fused
    /// with that layer's activation still fuses.
    var passesValuesThrough: Bool { get }

    /// A layer of its own with the same weights, optimizer state and random generators.
    func copy() -> Self

    /// The scratch memory this layer needs for batches as `request` describes them.
    func makeBuffers(_ request: BufferRequest) -> LayerBuffers

    /// Runs `rows` examples forward; returns the layer's outputs (which may be its input, when
    /// it changes nothing). `training` is Keras' argument of the same name: dropout only drops
    /// in training; a dense layer then also prepares what its backward pass needs.
    func forward(_ input: BatchValues, rows: Int, buffers: LayerBuffers, training: Bool) -> BatchValues

    /// Runs the gradient back through the layer, after a forward pass in training: fills the
    /// parameters' gradients (except those `pass.deferring` lets it leave to
    /// ``finishGradient(of:rows:_:)``) and returns dL/d(input), or nil when `pass` does not
    /// ask for it. It may overwrite `pass.outputGradient`.
    func backward(_ pass: BackwardPass) -> UnsafeMutablePointer<Float>?

    /// After ``backward(_:)`` with `deferring`: computes the rows `rows` (of the first
    /// dimension) of parameter number `parameter`'s gradient if the backward pass left them.
    /// Called once for every range of every parameter, possibly from several threads at once
    /// for different ranges.
    func finishGradient(of parameter: Int, rows: Range<Int>, _ pass: BackwardPass)
}

extension Layer {
    public var parameters: [Parameter] { [] }

    public var fusableActivation: Activation? { nil }

    public var passesValuesThrough: Bool { false }

    public func finishGradient(of parameter: Int, rows: Range<Int>, _ pass: BackwardPass) {}

    /// Keras' class name, as the summary table shows it: `Flatten`, `Dense`, `Dropout`.
    public var typeName: String { spec.kerasClassName }

    /// The number of trainable values.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The dense layer, if this is one.
    public var dense: Dense? { self as? Dense }
}
