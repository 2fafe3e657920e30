import Foundation

/// Why a model cannot be built or used as asked. Each case carries what the learner needs to fix it.
public enum ModelError: Error, Equatable, Sendable {
    /// A dense layer needs one row of numbers per example; it got this shape (e.g. [28, 28]).
    case denseNeedsFlatInput(shape: [Int])
    /// A dense layer needs at least one unit.
    case unitsMustBePositive(Int)
    /// The model would need more memory than the engine allows.
    case tooLarge(parameters: Int, bytes: Int, limitBytes: Int)
    /// The model has no dense layer, so there is nothing to train or predict with.
    case noDenseLayer
    /// The last layer's width does not fit the labels (e.g. 5 outputs for the digits 0…9).
    case outputTooNarrow(units: Int, classes: Int)
    /// The data's example shape differs from the model's input shape.
    case inputShapeMismatch(model: [Int], data: [Int])
    /// A layer setting out of its range; the text says which and why (a dropout rate of 1.5).
    case invalidLayerSetting(String)
}

extension ModelError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .denseNeedsFlatInput(let shape):
            return "a dense layer needs each example as one row of numbers, but it gets shape \(Shape.text(shape)); add `layer flatten` first"
        case .unitsMustBePositive(let units):
            return "a dense layer needs at least 1 unit, got \(units)"
        case .tooLarge(let parameters, let bytes, let limit):
            return "this model would have \(parameters) parameters and need \(ByteCount.text(bytes)) to train, more than the \(ByteCount.text(limit)) allowed"
        case .noDenseLayer:
            return "the model has no dense layer yet"
        case .outputTooNarrow(let units, let classes):
            return "the last layer has \(Thousands.counted(units, "output")) but the labels go up to \(classes - 1); it needs \(classes) (one per digit)"
        case .inputShapeMismatch(let model, let data):
            return "the model expects examples of shape \(Shape.text(model)) but the data has \(Shape.text(data))"
        case .invalidLayerSetting(let text):
            return text
        }
    }
}

/// Shapes written as Keras writes them.
public enum Shape {
    /// `[28, 28]` → `(28, 28)`; with `batch: true` → `(None, 28, 28)`.
    public static func text(_ shape: [Int], batch: Bool = false) -> String {
        let parts = (batch ? ["None"] : []) + shape.map(String.init)
        return "(" + parts.joined(separator: ", ") + (parts.count == 1 ? ",)" : ")")
    }
}

/// Byte counts for people: 795.04 KB, 1.25 TB (powers of 1024, as Keras' summary).
public enum ByteCount {
    public static func text(_ bytes: Int) -> String {
        let units = ["B", "KB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.2f", value) + " " + units[unit]
    }
}

/// Whole numbers for people: 200960 → `200,960` (as Python's `f"{n:,}"`).
public enum Thousands {
    /// `value` and `noun`, the noun in the plural unless the value is 1: `1 unit`, `1,000 examples`.
    public static func counted(_ value: Int, _ noun: String) -> String {
        grouped(value) + " " + (value == 1 ? noun : noun + "s")
    }

    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }
}
