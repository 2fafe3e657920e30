import NeuralNet

/// The fixed words of the language, in one place, for the parser, suggestions, completion and help.
/// Lists are in the order the language reference gives them, which is the order messages list them in.
enum Keywords {
    /// Every command's first word (`summary` being an alias of `model`).
    static let commands = [
        "data", "show", "layer", "model", "summary", "pop", "reset", "optimizer", "loss", "batch", "seed",
        "fit", "evaluate", "predict", "confusion", "plot", "let", "answer", "save", "load", "export", "run",
        "help", "history", "clear", "quit",
    ]
    /// Words a learner coming from elsewhere may type for a command, with the command meant.
    static let commandSynonyms = [
        "exit": "quit", "dense": "layer dense", "flatten": "layer flatten", "train": "fit", "test": "evaluate",
        "summarize": "summary", "softmax": "show softmax", "sigmoid": "show sigmoid", "onehot": "show onehot",
    ]
    static let dataSets = ["mnist"]
    /// What may follow `show`.
    static let showSubjects = [
        "image", "pixels", "weights", "softmax", "sigmoid", "relu", "tanh", "linear", "flatten", "onehot",
    ]
    static let layerKinds = ["flatten", "dense", "dropout"]
    /// The activations in the language reference's order.
    static let activations = ["sigmoid", "relu", "tanh", "softmax", "linear"]
    static let optimizers = ["adam", "sgd"]
    static let losses = ["crossentropy", "mse"]
    static let plotKinds = PlotKind.allCases.map(\.rawValue)
    static let fitOptions = ["batch", "validate"]
    static let sgdOptions = ["momentum"]
    static let saveTargets = ["model", "notebook"]
    static let loadTargets = ["model"]
    static let exportFormats = ["keras"]
    /// The optional word after `show image N`, `show pixels N` and `predict N`.
    static let testSet = "test"

    /// `a`, `a or b`, `a, b or c`.
    static func list(_ words: [String]) -> String {
        guard let last = words.last else { return "" }
        let rest = words.dropLast()
        return rest.isEmpty ? last : rest.joined(separator: ", ") + " or " + last
    }
}
