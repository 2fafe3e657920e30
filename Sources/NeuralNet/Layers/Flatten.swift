/// Keras' `Flatten`: reshapes each example to one row, e.g. 28×28 → 784. No parameters.
///
/// The values are stored row-major already, so flattening moves nothing: the outputs are the
/// inputs, and the gradient flows back unchanged.
public final class Flatten: Layer {
    /// A flatten layer has no settings.
    public struct Definition: FileLayerDefinition {
        public static let kerasClassName = "Flatten"

        public init() {}

        /// [d₁, d₂, …] → [d₁ · d₂ · …].
        public func outputShape(for input: [Int]) throws(ModelError) -> [Int] {
            [input.reduce(1, *)]
        }

        public var kerasCall: KerasCall { KerasCall("Flatten") }
        public var flowText: String { "flatten" }
        public var commandText: String { "flatten" }

        public func makeLayer(input: [Int], context: LayerContext) -> Flatten {
            Flatten(inputShape: input)
        }

        static func read(_ object: HeaderObject) throws(ModelFileError) -> Definition {
            Definition()
        }
    }

    public let inputShape: [Int]
    public let outputShape: [Int]
    public var spec: LayerSpec { .flatten }
    public var passesValuesThrough: Bool { true }

    init(inputShape: [Int]) {
        self.inputShape = inputShape
        outputShape = [inputShape.reduce(1, *)]
    }

    public func copy() -> Flatten { Flatten(inputShape: inputShape) }

    public func makeBuffers(_ request: BufferRequest) -> LayerBuffers {
        LayerBuffers(outputIsSparse: request.inputIsSparse)
    }

    public func forward(_ input: BatchValues, rows: Int, buffers: LayerBuffers, training: Bool) -> BatchValues {
        input
    }

    /// dL/dx = dL/dy, the same values in the same place.
    public func backward(_ pass: BackwardPass) -> UnsafeMutablePointer<Float>? {
        pass.needsInputGradient ? pass.outputGradient : nil
    }
}

extension LayerSpec {
    /// `layer flatten`.
    public static let flatten = LayerSpec(Flatten.Definition())
}
