/// Keras' `Dropout`: in training, each value is zeroed with probability `rate` and the others
/// are scaled by 1 / (1 − rate), so that every value keeps its expected size:
///
///     y = x · m,   m = 0 with probability rate, else 1 / (1 − rate)
///     dL/dx = dL/dy · m   (the same m)
///
/// Outside training (`evaluate`, `predict`, `confusion`, validation) the values pass through
/// unchanged. No parameters; the output shape is the input shape.
///
/// The masks come from the layer's own generator: dropout layer number *j* of a model (counting
/// from 0) draws from the stream 2⁶³ + j of the model's seed (see ``SeededGenerator``), which no
/// other stream uses. Each value takes 32 random bits, two values from each 64-bit draw (the low
/// half first); the value is dropped when those bits, read as a whole number, are below
/// ⌈rate · 2³²⌉. On the sparse data batch (dropout right after the input, or after flatten)
/// only the stored values draw, in order: a zero pixel stays zero whether dropped or not.
///
/// The generator goes on from batch to batch and from one `fit` to the next, as the shuffling
/// does; a model copy continues from the same place, and a model rebuilt (a new seed, a saved
/// model loaded) starts the stream again.
public final class Dropout: Layer {
    /// A dropout layer's setting: the fraction of values dropped in training, 0 ≤ rate < 1.
    public struct Definition: FileLayerDefinition {
        public var rate: Double

        public static let kerasClassName = "Dropout"

        /// Model files before version 3 have no dropout layers.
        public static var firstFileVersion: Int { 3 }

        public init(rate: Double) {
            self.rate = rate
        }

        /// The input shape, unchanged; refuses a rate outside [0, 1).
        public func outputShape(for input: [Int]) throws(ModelError) -> [Int] {
            guard rate >= 0, rate < 1 else {
                throw .invalidLayerSetting(
                    "a dropout rate is the fraction of values dropped in training: at least 0 and less than 1, got \(Dropout.text(rate))")
            }
            return input
        }

        public var fileFields: [String: ConfigValue] { ["rate": .double(rate)] }
        public var kerasCall: KerasCall { KerasCall("Dropout", [.positional(.double(rate))]) }
        public var flowText: String { "dropout(\(Dropout.text(rate)))" }
        public var commandText: String { "dropout \(Dropout.text(rate))" }

        public func makeLayer(input: [Int], context: LayerContext) -> Dropout {
            Dropout(rate: rate, shape: input, generator: SeededGenerator(seed: context.seed, stream: Dropout.streamBase + UInt64(context.ordinal)))
        }

        /// `{"type": "dropout", "rate": 0.2}`.
        static func read(_ object: HeaderObject) throws(ModelFileError) -> Definition {
            let field = object.field("rate")
            let rate = try field.double()
            guard rate >= 0, rate < 1 else { throw field.wrong("a number at least 0 and less than 1") }
            return Definition(rate: rate)
        }
    }

    /// The first mask stream: 2⁶³ (shuffling is stream 0, dense layer i's weights stream i + 1).
    static let streamBase: UInt64 = 1 << 63

    public let rate: Double
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    public var spec: LayerSpec { .dropout(rate: rate) }
    /// The values per example.
    let width: Int
    /// A value is dropped when its 32 random bits are below this: ⌈rate · 2³²⌉.
    let threshold: UInt64
    /// The survivors' factor 1 / (1 − rate).
    let scale: Float
    /// Where the masks come from (the tests set it back to draw the same mask again).
    var generator: SeededGenerator

    init(rate: Double, shape: [Int], generator: SeededGenerator) {
        self.rate = rate
        inputShape = shape
        width = shape.reduce(1, *)
        threshold = UInt64((rate * 0x1p32).rounded(.up))
        scale = Float(1 / (1 - rate))
        self.generator = generator
    }

    public func copy() -> Dropout {
        Dropout(rate: rate, shape: inputShape, generator: generator)
    }

    /// `0.2` for 0.2, `0` for 0.0: the shortest text that reads back as the rate.
    static func text(_ rate: Double) -> String {
        let text = "\(rate)"
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// In training: the outputs and the mask (batch × width each), or on the sparse batch, a
    /// sparse batch of its own and a factor for each stored value. Nothing otherwise.
    public func makeBuffers(_ request: BufferRequest) -> LayerBuffers {
        guard request.training, rate > 0 else { return LayerBuffers(outputIsSparse: request.inputIsSparse) }
        if request.inputIsSparse {
            return LayerBuffers(
                capacity: request.capacity, state: width, sparse: SparseBatch(capacity: request.capacity, columns: width))
        }
        return LayerBuffers(capacity: request.capacity, output: width, state: width)
    }

    /// y = x · m in training (a new mask each call); y = x otherwise.
    public func forward(_ input: BatchValues, rows: Int, buffers: LayerBuffers, training: Bool) -> BatchValues {
        buffers.holdsState = false
        guard training, rate > 0 else { return input }
        let mask = buffers.state.base
        switch input.storage {
        case .dense(let x):
            let count = rows * width
            drawMask(mask, count: count)
            let y = buffers.output.base
            for i in 0..<count { y[i] = x[i] * mask[i] }
            buffers.holdsState = true
            return .dense(y)
        case .sparse(let batch):
            guard let own = buffers.sparse else { preconditionFailure("dropout buffers made for dense input") }
            drawMask(mask, count: batch.storedCount)
            own.load(batch, multipliedBy: mask)
            return .sparse(own)
        }
    }

    /// dL/dx = dL/dy · m, in place.
    public func backward(_ pass: BackwardPass) -> UnsafeMutablePointer<Float>? {
        guard let dy = pass.outputGradient, pass.needsInputGradient else { return nil }
        guard pass.buffers.holdsState else { return dy }
        let mask = pass.buffers.state.base
        for i in 0..<(pass.rows * width) { dy[i] *= mask[i] }
        return dy
    }

    /// Fills `mask[0 ..< count]` with 0 (dropped) or `scale` (kept).
    private func drawMask(_ mask: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i < count {
            let bits = generator.next()
            mask[i] = bits & 0xFFFF_FFFF < threshold ? 0 : scale
            if i + 1 < count { mask[i + 1] = bits >> 32 < threshold ? 0 : scale }
            i += 2
        }
    }
}

extension LayerSpec {
    /// `layer dropout RATE`.
    public static func dropout(rate: Double) -> LayerSpec {
        LayerSpec(Dropout.Definition(rate: rate))
    }
}

extension Model {
    /// Appends a dropout layer dropping `rate` of the values in training. Throws unless
    /// 0 ≤ rate < 1.
    @discardableResult
    public func addDropout(rate: Double) throws(ModelError) -> Dropout {
        try append(Dropout.Definition(rate: rate))
    }
}
