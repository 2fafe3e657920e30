import Foundation
import TextFormat

/// Why a model cannot be built or used as asked. Each case carries what the learner needs to fix it.
public enum ModelError: Error, Equatable, Sendable {
    /// A dense layer needs one row of numbers per example; it got this shape (e.g. [28, 28]).
    case denseNeedsFlatInput(shape: [Int])
    /// A dense layer needs at least one unit.
    case unitsMustBePositive(Int)
    /// The model would need more memory than the engine allows.
    case tooLarge(parameters: Int, bytes: Int, limitBytes: Int)
    /// Training or evaluating as asked would need more memory than the engine allows, part by part.
    case needsTooMuchMemory(MemoryEstimate)
    /// The model has no dense layer, so there is nothing to train or predict with.
    case noDenseLayer
    /// The last layer has fewer outputs than the data has classes (e.g. 5 outputs for labels 0…9).
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
            return "a dense layer needs each example as one row of numbers, but it gets shape \(Shape.text(shape))"
        case .unitsMustBePositive(let units):
            return "a dense layer needs at least 1 unit, got \(units)"
        case .tooLarge(let parameters, let bytes, let limit):
            return "this model would have \(parameters) parameters and need \(ByteCount.text(bytes)) to train, more than the \(ByteCount.text(limit)) allowed"
        case .needsTooMuchMemory(let estimate):
            return estimate.description
        case .noDenseLayer:
            return "the model has no dense layer yet"
        case .outputTooNarrow(let units, let classes):
            return "the last layer has \(Thousands.counted(units, "output")) but the labels go up to \(classes - 1); it needs \(classes) (one per class)"
        case .inputShapeMismatch(let model, let data):
            return "the model expects examples of shape \(Shape.text(model)) but the data has \(Shape.text(data))"
        case .invalidLayerSetting(let text):
            return text
        }
    }
}
