import NeuralNet

/// Everything a learner has built in one sitting: the data, the model and its training, the
/// settings, and the names given with `let`. The ``Interpreter`` changes it; nothing else does.
public final class Session {
    /// Where `data mnist` (without `from`) loads from: the bundled MNIST folder.
    public let bundledDataDirectory: String?

    /// The loaded digits, and a few words on where they came from.
    public internal(set) var data: MNIST?
    public internal(set) var dataSource = ""
    /// The folder the data came from and the subset asked for (`data mnist N M`), for `export keras`.
    public internal(set) var dataDirectory: String?
    public internal(set) var dataLimits: (train: Int?, test: Int?) = (nil, nil)
    /// The last `fit`'s `validate X`, for `export keras`.
    public internal(set) var lastValidationSplit: Double?

    /// The model being built; nil until the first `layer` (or after `reset`).
    public internal(set) var model: Model?
    /// Its trainer (optimizer state and history); made with the model.
    public internal(set) var trainer: Trainer?

    public internal(set) var optimizer: OptimizerKind = .adam()
    public internal(set) var loss: Loss = .crossentropy
    public internal(set) var batchSize = 32
    public internal(set) var seed: UInt64 = 42

    /// Values named with `let`.
    public internal(set) var names: [String: Operand] = [:]
    /// The last `answer X` (for exercises).
    public internal(set) var answer: Double?
    /// The values the last `show ACTIVATION V` or `predict` printed (for `expect outputs …`).
    public internal(set) var lastOutputs: [Float]?
    /// The last `evaluate` on the test set.
    public internal(set) var lastEvaluation: Evaluation?
    /// Every command run, as typed.
    public internal(set) var commands: [String] = []

    public init(bundledDataDirectory: String?) {
        self.bundledDataDirectory = bundledDataDirectory
    }

    /// The per-epoch history of every `fit` since the model was made.
    public var history: [EpochRecord] { trainer?.history ?? [] }

    /// Forgets the model and its training; data, settings and names stay.
    func forgetModel() {
        model = nil
        trainer = nil
        lastEvaluation = nil
    }

    /// The model, made (empty, for the loaded data's example shape) if there is none yet.
    func modelForAdding(inputShape: [Int]) -> Model {
        if let model { return model }
        let fresh = Model(inputShape: inputShape, seed: seed)
        model = fresh
        trainer = Trainer(model: fresh, optimizer: optimizer, loss: loss, seed: seed)
        return fresh
    }
}
