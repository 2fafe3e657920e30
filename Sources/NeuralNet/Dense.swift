/// A fully connected layer, as Keras' `Dense`:
///
///     output = activation(dot(input, kernel) + bias)
///
/// `input` is a batch of rows (batch × inputs), `kernel` is inputs × units, `bias` has one value
/// per unit. Every input is connected to every unit, so the layer has inputs·units + units
/// parameters (784·256 + 256 = 200,960 for the lesson's hidden layer).
///
/// The kernel starts Glorot-uniform — each weight uniform in [−limit, limit] with
/// limit = √(6 / (inputs + units)) — and the bias at zero, as Keras does.
public final class Dense {
    public let inputs: Int
    public let units: Int
    public let activation: Activation
    public let kernel: Parameter
    public let bias: Parameter

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

    /// A layer of its own with the same weights.
    func copy() -> Dense {
        Dense(inputs: inputs, units: units, activation: activation, kernel: kernel.copy(), bias: bias.copy())
    }

    /// Glorot's uniform limit √(6 / (fan_in + fan_out)).
    public static func glorotLimit(inputs: Int, units: Int) -> Float {
        (6 / Float(inputs + units)).squareRoot()
    }

    /// Forward pass for `rows` examples: output = activation(input · kernel + bias).
    func forward(_ input: UnsafePointer<Float>, rows: Int, into output: UnsafeMutablePointer<Float>) {
        let b = bias.storage.base
        for r in 0..<rows { (output + r * units).update(from: b, count: units) }
        BLAS.gemm(
            transposeA: false, transposeB: false, m: rows, n: units, k: inputs,
            a: input, lda: inputs, b: kernel.storage.base, ldb: units,
            beta: 1, c: output, ldc: units)
        activation.apply(output, rows: rows, cols: units)
    }

    /// Forward pass for the first layer, whose input is the data batch in sparse form.
    /// The units are computed in blocks of 64, shared among threads (softmax, which needs whole
    /// rows, is applied after all blocks are done). When `transposing`, one more piece of work
    /// makes the batch's by-columns copy for backpropagation.
    func forward(_ input: SparseBatch, rows: Int, into output: UnsafeMutablePointer<Float>, transposing: Bool = false) {
        let blocks = (units + 63) / 64
        Parallel.forEach(blocks + (transposing ? 1 : 0)) { block in
            guard block < blocks else { return input.transpose() }
            let share = (block * 64)..<min(units, (block + 1) * 64)
            input.multiply(by: self, units: share, into: output)
            if activation != .softmax {
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
    func backward(
        input: UnsafePointer<Float>, output: UnsafePointer<Float>, rows: Int,
        outputGradient dz: UnsafeMutablePointer<Float>, gradientIsPreActivation: Bool,
        inputGradient: UnsafeMutablePointer<Float>?
    ) {
        biasGradient(output: output, rows: rows, outputGradient: dz, gradientIsPreActivation: gradientIsPreActivation)
        BLAS.gemm(
            transposeA: true, transposeB: false, m: inputs, n: units, k: rows,
            a: input, lda: inputs, b: dz, ldb: units,
            beta: 0, c: kernel.gradientStorage.base, ldc: units)
        if let dx = inputGradient {
            BLAS.gemm(
                transposeA: false, transposeB: true, m: rows, n: inputs, k: units,
                a: dz, lda: units, b: kernel.storage.base, ldb: units,
                beta: 0, c: dx, ldc: inputs)
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
