import NeuralNet
import TextFormat

/// The mistake coach: before training, one sentence for each usual mistake, naming the fix.
/// These are warnings, never refusals — learners are allowed to experiment.
enum Coach {
    /// The warnings for a model of `layers` trained with `loss` on data of `classes` classes.
    static func warnings(layers: [LayerSpec], loss: Loss, classes: Int) -> [String] {
        var found: [String] = []
        let dense = layers.compactMap { $0.definition as? Dense.Definition }
        guard let last = dense.last else { return found }
        if !layers.contains(.flatten) {
            found.append("The model has no `layer flatten`: each 28×28 image must become one row of 784 numbers before a dense layer.")
        }
        if last.units != classes {
            found.append("The output layer has \(Thousands.counted(last.units, "unit")) but there are \(classes) digits: end with `layer dense \(classes) softmax`.")
        }
        if dense.dropLast().contains(where: { $0.activation == .softmax }) {
            found.append("Softmax is used before the last layer: it belongs only on the output layer (try `sigmoid` or `relu` in hidden layers).")
        }
        if loss == .crossentropy && last.activation == .sigmoid {
            found.append("The output layer is sigmoid with crossentropy: \(last.units == 10 ? "its ten outputs" : "its outputs") do not sum to 1, so they are not probabilities; use `softmax` for the output layer.")
        }
        if loss == .crossentropy && (last.activation == .linear || last.activation == .relu || last.activation == .tanh) {
            found.append("The output layer is \(last.activation.rawValue) with crossentropy, which expects probabilities: use `softmax` for the output layer.")
        }
        if loss == .mse && last.activation == .softmax {
            found.append("`loss mse` with a softmax classifier learns slowly: `loss crossentropy` is the loss made for probabilities.")
        }
        if let end = layers.last?.definition as? Dropout.Definition {
            found.append("`layer \(end.commandText)` is the last layer: in training it zeroes some of the outputs the loss compares with the labels; put dropout between hidden layers, before the output layer.")
        }
        return found
    }
}
