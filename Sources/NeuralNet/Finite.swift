/// A value that is not a finite number — NaN (not a number), infinity or −infinity — and the
/// tensor holding it, by its name in a model file (`dense/kernel`, `adam/dense_kernel_velocity`):
/// what training that diverged leaves behind, and what tutor refuses to show, save or load.
public struct NonFiniteValue: Equatable, Sendable {
    /// The tensor's Keras name.
    public var tensor: String
    public var value: Float

    public init(tensor: String, value: Float) {
        self.tensor = tensor
        self.value = value
    }

    /// `NaN (not a number)`, `infinity` or `−infinity`.
    public var valueText: String { NonFiniteValue.text(Double(value)) }

    /// The words for a value that is not finite: `NaN (not a number)`, `infinity`, `−infinity`
    /// (for a finite value, its digits).
    public static func text(_ value: Double) -> String {
        if value.isNaN { return "NaN (not a number)" }
        if value.isInfinite { return value < 0 ? "−infinity" : "infinity" }
        return "\(value)"
    }
}

extension Model {
    /// The first weight, parameter by parameter, that is not a finite number; nil when every
    /// weight is one.
    public var firstNonFiniteWeight: NonFiniteValue? {
        let names = (try? SavedModel.tensors(inputShape: inputShape, layers: specs, file: "")).map { $0.map(\.name) } ?? []
        for (index, parameter) in parameters.enumerated() {
            if let value = parameter.storage.firstNonFinite {
                return NonFiniteValue(tensor: names.indices.contains(index) ? names[index] : "parameter \(index)", value: value)
            }
        }
        return nil
    }
}

extension SavedModel {
    /// The first value of the weights, then of the optimizer's state, that is not a finite
    /// number, with its tensor named as the model file names it; nil when all are finite.
    public var firstNonFiniteTensor: NonFiniteValue? {
        let tensors = (try? SavedModel.tensors(inputShape: inputShape, layers: layers, file: "")) ?? []
        let slots = SavedModel.slotTensors(for: tensors, optimizer: optimizer)
        let named = Array(zip(weights, tensors.map(\.name))) + zip(trainingState?.slots ?? [], slots.map(\.name))
        for (values, name) in named {
            if let value = values.first(where: { !$0.isFinite }) { return NonFiniteValue(tensor: name, value: value) }
        }
        return nil
    }
}

extension FloatBuffer {
    /// The first value that is not a finite number, if any.
    var firstNonFinite: Float? {
        UnsafeBufferPointer(start: base, count: count).first { !$0.isFinite }
    }

    /// Whether every value is a finite number.
    var isFinite: Bool { firstNonFinite == nil }
}
