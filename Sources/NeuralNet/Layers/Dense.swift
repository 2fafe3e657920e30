/// A fully connected layer, as Keras' `Dense`:
///
///     output = activation(dot(input, kernel) + bias)
///
/// `input` is a batch of rows (batch × inputs), `kernel` is inputs × units, `bias` has one value
/// per unit. Every input is connected to every unit, so the layer has inputs·units + units
/// parameters (784·256 + 256 = 200,960 for the lesson's hidden layer).
///
/// The kernel starts Glorot-uniform — each weight uniform in [−limit, limit] with
/// limit = √(6 / (inputs + units)) — and the bias at zero, as Keras does. Dense layer number *i*
/// of a model (counting from 0) draws its kernel from the generator stream `i + 1` of the seed.
///
/// Fast paths: on the sparse data batch (the first dense layer, usually) the products skip the
/// zero pixels, the forward pass shares its units among threads, and the kernel gradient is
/// left to ``finishGradient(of:rows:_:)`` in pieces the optimizer's update shares; behind the
/// loss, softmax takes dL/dz = y − onehot straight from cross-entropy (``fusableActivation``).
public final class Dense: Layer {
    /// A dense layer's settings: `units` ≥ 1 and the activation.
    public struct Definition: FileLayerDefinition {
        public var units: Int
        public var activation: Activation

        public static let kerasClassName = "Dense"

        public init(units: Int, activation: Activation) {
            self.units = units
            self.activation = activation
        }

        /// [inputs] → [units]; the input must be one row per example.
        public func outputShape(for input: [Int]) throws(ModelError) -> [Int] {
            guard input.count == 1 else { throw .denseNeedsFlatInput(shape: input) }
            guard units >= 1 else { throw .unitsMustBePositive(units) }
            return [units]
        }

        /// `kernel` [inputs, units] and `bias` [units].
        public func parameterShapes(for input: [Int]) -> [(name: String, shape: [Int])] {
            [("kernel", [input.first ?? 0, units]), ("bias", [units])]
        }

        /// `784·256 + 256`.
        public func parameterFormula(for input: [Int]) -> String? {
            "\(input.first ?? 0)·\(units) + \(units)"
        }

        public var fileFields: [String: ConfigValue] {
            ["units": .int(units), "activation": .string(activation.rawValue)]
        }

        public var kerasCall: KerasCall {
            KerasCall("Dense", [.positional(.int(units)), .keyword("activation", .string(activation.rawValue))])
        }

        public var flowText: String { "dense(\(units), \(activation.rawValue))" }
        public var commandText: String { "dense \(units) \(activation.rawValue)" }

        public func makeLayer(input: [Int], context: LayerContext) -> Dense {
            var generator = SeededGenerator(seed: context.seed, stream: UInt64(context.ordinal + 1))
            return Dense(inputs: input.first ?? 0, units: units, activation: activation, generator: &generator)
        }

        /// `{"type": "dense", "units": 256, "activation": "sigmoid"}` (the units are checked with
        /// the shapes, so that a bad count reads as a model that cannot be built).
        static func read(_ object: HeaderObject) throws(ModelFileError) -> Definition {
            let units = try object.field("units").int()
            let activationField = object.field("activation")
            let name = try activationField.string()
            guard let activation = Activation(rawValue: name) else {
                throw ModelFileError.unknownName(
                    activationField.file, path: activationField.path, found: name, kind: "activation", known: Activation.names)
            }
            return Definition(units: units, activation: activation)
        }
    }

    public let inputs: Int
    public let units: Int
    public let activation: Activation
    public let kernel: Parameter
    public let bias: Parameter

    public var spec: LayerSpec { .dense(units: units, activation: activation) }
    public var inputShape: [Int] { [inputs] }
    public var outputShape: [Int] { [units] }
    /// The kernel, then the bias.
    public var parameters: [Parameter] { [kernel, bias] }
    public var fusableActivation: Activation? { activation }

    /// The number of trainable values: inputs·units + units.
    public var parameterCount: Int { inputs * units + units }

    init(inputs: Int, units: Int, activation: Activation, generator: inout SeededGenerator) {
        self.inputs = inputs
        self.units = units
        self.activation = activation
        let limit = Dense.glorotLimit(inputs: inputs, units: units)
        var weights = [Float](repeating: 0, count: inputs * units)
        for i in weights.indices { weights[i] = generator.nextFloat(in: -limit, limit) }
        kernel = Parameter(shape: [inputs, units], values: weights)
        bias = Parameter(shape: [units], values: [Float](repeating: 0, count: units))
    }

    private init(inputs: Int, units: Int, activation: Activation, kernel: Parameter, bias: Parameter) {
        self.inputs = inputs
        self.units = units
        self.activation = activation
        self.kernel = kernel
        self.bias = bias
    }

    /// A layer of its own with the same weights (the optimizer's state is the optimizer's).
    public func copy() -> Dense {
        Dense(inputs: inputs, units: units, activation: activation, kernel: kernel.copy(), bias: bias.copy())
    }

    // MARK: - Layer

    /// The outputs (batch × units); in training, also dL/d(input) when a layer below needs it
    /// (not on the sparse data batch, which needs none), and on the sparse data batch, which of
    /// the kernel gradient's rows hold values.
    public func makeBuffers(_ request: BufferRequest) -> LayerBuffers {
        let inputGradient = request.training && request.needsInputGradient && !request.inputIsSparse
        return LayerBuffers(
            capacity: request.capacity, output: units, inputGradient: inputGradient ? inputs : 0,
            gradientRows: request.training && request.inputIsSparse ? inputs : 0)
    }

    /// output = activation(input · kernel + bias). (On the sparse data batch in training, the
    /// model has the batch's by-columns copy made next: ``Model/forward(_:rows:training:beside:)``.)
    public func forward(_ input: BatchValues, rows: Int, buffers: LayerBuffers, training: Bool) -> BatchValues {
        let output = buffers.output.base
        switch input.storage {
        case .sparse(let batch): forward(batch, rows: rows, into: output)
        case .dense(let values): forward(values, rows: rows, into: output)
        }
        return .dense(output)
    }

    /// dL/dz from dL/dy (in place), then dL/dkernel = inputᵀ · dz, dL/dbias = Σ_rows dz and,
    /// when asked, dL/dinput = dz · kernelᵀ. On the sparse data batch with `pass.deferring`,
    /// the kernel gradient is left to ``finishGradient(of:rows:_:)``.
    public func backward(_ pass: BackwardPass) -> UnsafeMutablePointer<Float>? {
        guard let dz = pass.outputGradient, let output = pass.output.denseValues else { return nil }
        switch pass.input.storage {
        case .sparse(let batch):
            backwardToPreActivation(
                output: output, rows: pass.rows, outputGradient: dz, gradientIsPreActivation: pass.gradientIsPreActivation)
            if !pass.deferring, let rows = pass.buffers.gradientRows {
                batch.transpose()
                batch.kernelGradient(dz, for: self, inputs: 0..<inputs, rows: rows)
            }
            return nil
        case .dense(let input):
            let inputGradient = pass.needsInputGradient ? pass.buffers.inputGradient.base : nil
            backward(
                input: input, output: output, rows: pass.rows, outputGradient: dz,
                gradientIsPreActivation: pass.gradientIsPreActivation, inputGradient: inputGradient)
            return inputGradient
        }
    }

    /// The kernel gradient's rows `rows` = (xᵀ · dz)[rows], when the backward pass on the
    /// sparse data batch left it.
    public func finishGradient(of parameter: Int, rows: Range<Int>, _ pass: BackwardPass) {
        guard parameter == 0, pass.deferring, case .sparse(let batch) = pass.input.storage,
              let dz = pass.outputGradient, let gradientRows = pass.buffers.gradientRows else { return }
        batch.kernelGradient(dz, for: self, inputs: rows, rows: gradientRows)
    }

    /// Glorot's uniform limit √(6 / (fan_in + fan_out)).
    public static func glorotLimit(inputs: Int, units: Int) -> Float {
        (6 / Float(inputs + units)).squareRoot()
    }

    /// Forward pass for `rows` examples: output = activation(input · kernel + bias). The units
    /// are shared among threads in blocks of ``productBlock`` (the same blocks for any thread
    /// count, so the same numbers); softmax, which needs whole rows, comes after all blocks.
    func forward(_ input: UnsafePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>) {
        let b = bias.storage.base, w = kernel.storage.base
        inBlocks(of: units, rows: rows) { share in
            for r in 0..<rows { (output + r * units + share.lowerBound).update(from: b + share.lowerBound, count: share.count) }
            BLAS.gemm(
                transposeA: false, transposeB: false, m: rows, n: share.count, k: inputs,
                a: input, lda: inputs, b: w + share.lowerBound, ldb: units,
                beta: 1, c: output + share.lowerBound, ldc: units)
            if activation != .softmax {
                for r in 0..<rows { activation.apply(output + r * units + share.lowerBound, rows: 1, cols: share.count) }
            }
        }
        if activation == .softmax { activation.apply(output, rows: rows, cols: units) }
    }

    /// The columns of a dense layer's products that one piece of work computes.
    static let productBlock = 128

    /// A product of fewer multiply-adds than this runs on the calling thread: handing half of
    /// it to a worker would cost about as much as it saves (the lesson model's output layer,
    /// 32 · 256 · 10 = 81,920 a batch).
    static let smallestSharedProduct = 1 << 18

    /// Runs `body` for each block of ``productBlock`` of `0 ..< count`, sharing them among threads
    /// when there is more than one and the layer's product for `rows` examples (rows · inputs ·
    /// units multiply-adds) is not small (each block writes its own columns; the blocks and so
    /// the numbers are the same either way).
    func inBlocks(of count: Int, rows: Int, _ body: (Range<Int>) -> Void) {
        let blocks = Parallel.pieces(of: count, size: Dense.productBlock)
        guard blocks.count > 1, rows * inputs * units >= Dense.smallestSharedProduct else { return blocks.forEach(body) }
        Parallel.forEach(blocks.count) { body(blocks[$0]) }
    }

    /// Forward pass for the first layer, whose input is the data batch in sparse form.
    /// The units are computed in blocks of 64, shared among threads; the activation follows each
    /// block unless the product applies it itself (``SparseBatch/appliesInProduct(_:)``), and
    /// softmax, which needs whole rows, after all blocks are done.
    func forward(_ input: SparseBatch, rows: Int, into output: UnsafeMutablePointer<Float>) {
        let blocks = (units + 63) / 64
        let appliedInProduct = SparseBatch.appliesInProduct(activation)
        Parallel.forEach(blocks) { block in
            let share = (block * 64)..<min(units, (block + 1) * 64)
            input.multiply(by: self, units: share, into: output)
            if activation != .softmax && !appliedInProduct {
                for r in 0..<rows {
                    activation.apply(output + r * units + share.lowerBound, rows: 1, cols: share.count)
                }
            }
        }
        if activation == .softmax { activation.apply(output, rows: rows, cols: units) }
    }

    /// Backward pass. On entry `outputGradient` holds dL/dy for each output (or already dL/dz when
    /// `gradientIsPreActivation`, as for softmax fused with cross-entropy); it is turned into dL/dz
    /// in place. Then:
    ///
    ///     dL/dkernel = inputᵀ · dz        dL/dbias = Σ_rows dz        dL/dinput = dz · kernelᵀ
    ///
    /// The input gradient is computed only when `inputGradient` is given (not for the first layer).
    /// Each product is shared among threads by blocks of its columns (``inBlocks(of:rows:_:)``).
    func backward(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>, rows: Int,
        outputGradient dz: UnsafeMutablePointer<Float>, gradientIsPreActivation: Bool,
        inputGradient: UnsafeMutablePointer<Float>?
    ) {
        biasGradient(output: output, rows: rows, outputGradient: dz, gradientIsPreActivation: gradientIsPreActivation)
        let dw = kernel.gradientStorage.base, w = kernel.storage.base
        // Both products in blocks of columns that threads share: dL/dkernel's units, dL/dinput's inputs.
        inBlocks(of: units, rows: rows) { share in
            BLAS.gemm(
                transposeA: true, transposeB: false, m: inputs, n: share.count, k: rows,
                a: input, lda: inputs, b: dz + share.lowerBound, ldb: units,
                beta: 0, c: dw + share.lowerBound, ldc: units)
        }
        if let dx = inputGradient {
            inBlocks(of: inputs, rows: rows) { share in
                BLAS.gemm(
                    transposeA: false, transposeB: true, m: rows, n: share.count, k: units,
                    a: dz, lda: units, b: w + share.lowerBound * units, ldb: units,
                    beta: 0, c: dx + share.lowerBound, ldc: inputs)
            }
        }
    }

    /// Backward pass for the first layer, whose input is the sparse data batch (no input gradient).
    /// The first part of the backward pass for the first layer (whose input is the sparse data
    /// batch): dL/dy into dL/dz in place, and the bias gradient. The kernel gradient follows from
    /// ``SparseBatch/kernelGradient(_:for:inputs:)``.
    func backwardToPreActivation(
        output: UnsafePointer<Float>, rows: Int, outputGradient dz: UnsafeMutablePointer<Float>,
        gradientIsPreActivation: Bool
    ) {
        biasGradient(output: output, rows: rows, outputGradient: dz, gradientIsPreActivation: gradientIsPreActivation)
    }

    /// Turns dL/dy into dL/dz in place (unless it already is) and sums it over the rows into the
    /// bias gradient.
    private func biasGradient(
        output: UnsafePointer<Float>, rows: Int,
        outputGradient dz: UnsafeMutablePointer<Float>, gradientIsPreActivation: Bool
    ) {
        if !gradientIsPreActivation {
            activation.backpropagate(dz, output: output, rows: rows, cols: units)
        }
        let db = bias.gradientStorage.base
        db.update(repeating: 0, count: units)
        for r in 0..<rows {
            let row = dz + r * units
            for u in 0..<units { db[u] += row[u] }
        }
    }
}

extension LayerSpec {
    /// `layer dense N ACT`.
    public static func dense(units: Int, activation: Activation) -> LayerSpec {
        LayerSpec(Dense.Definition(units: units, activation: activation))
    }
}
