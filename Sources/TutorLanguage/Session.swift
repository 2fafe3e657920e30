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

    /// The model being built; nil until the first `layer` (or after `reset`).
    public internal(set) var model: Model?
    /// Its trainer (optimizer state and history); made with the model. A new trainer (or none)
    /// starts a new history, and so forgets ``fits``.
    public internal(set) var trainer: Trainer? {
        didSet { fits = [] }
    }
    /// How the trainer's history came about, for `export keras`: each `fit` that changed the
    /// model, in order, after the epochs a loaded model brought. Their finished epochs add up
    /// to the history's.
    public internal(set) var fits: [FitRecord] = []

    /// Every `fit` of this session that trained at least one epoch, in order (`runs`): unlike
    /// ``fits``, kept through `reset`, `load model` and new models.
    public internal(set) var runs: [RunRecord] = []
    /// The position in ``runs`` of the fit that left the model's weights as they are, while the
    /// model and the data stay unchanged (so `evaluate` fills in its test accuracy); nil otherwise.
    public internal(set) var currentRun: Int?

    public internal(set) var optimizer: OptimizerKind = .adam()
    public internal(set) var loss: Loss = .crossentropy
    public internal(set) var batchSize = 32
    public internal(set) var seed: UInt64 = 42

    /// Values named with `let`.
    public internal(set) var names: [String: Operand] = [:]
    /// The last `answer X` (for exercises).
    public internal(set) var answer: Double?
    /// The values the last `show ACTIVATION V`, `show onehot D` or `predict` printed, and which
    /// command printed them (for `expect outputs …`, `expect shown …`, `expect predicted …`).
    public internal(set) var lastOutputs: ShownOutputs?
    /// The last `draw`, with MNIST's fitting and centring of it (what `predict drawn` classifies).
    public internal(set) var drawing: DigitNormalization?
    /// The last `evaluate` on the test set.
    public internal(set) var lastEvaluation: Evaluation?
    /// The last result `explain` can take apart; nil when the last command that succeeded
    /// printed none (see ``Explainable``).
    public internal(set) var lastResult: Explainable?
    /// Every command run, as typed.
    public internal(set) var commands: [String] = []
    /// What was done to the model, in order: the facts an exercise's checks ask about (was it
    /// trained after it last changed? evaluated after that?). See ``SessionEvent``.
    public internal(set) var journal: [SessionEvent] = []

    public init(bundledDataDirectory: String?) {
        self.bundledDataDirectory = bundledDataDirectory
    }

    /// The number of classes the model should tell apart: the loaded data's (``MNIST/classCount``),
    /// or, before any is loaded, the ten digits that `data mnist` loads.
    public var classCount: Int { data?.classCount ?? 10 }

    /// The per-epoch history of every `fit` since the model was made.
    public var history: [EpochRecord] { trainer?.history ?? [] }

    /// Forgets the model and its training; data, settings and names stay.
    func forgetModel() {
        model = nil
        trainer = nil
        modelChanged()
    }

    /// Notes that the model's layers or weights were replaced: its evaluation no longer holds.
    func modelChanged() {
        lastEvaluation = nil
        currentRun = nil
        journal.append(.modelChanged)
    }

    /// Notes a `fit` that finished `epochs` epochs (the weights changed even when it was stopped early).
    func trained(epochs: Int) {
        lastEvaluation = nil
        currentRun = nil
        journal.append(.trained(epochs: epochs))
    }

    /// Keeps the values a command printed (for `expect outputs …`).
    func shown(_ outputs: ShownOutputs) {
        lastOutputs = outputs
        journal.append(.outputsShown)
    }

    /// Forgets the last answer and the last outputs shown: an exercise starts with "no answer yet".
    public func clearAnswer() {
        answer = nil
        lastOutputs = nil
    }

    // MARK: - Snapshots

    /// A session of its own with the same data, model, weights, optimizer state, history,
    /// settings and names: changing one never changes the other. What an exercise starts from,
    /// what `skip`, `undo` and a failed `run` go back to.
    ///
    /// The data is shared, not copied: ``MNIST`` holds its pixels and labels in `let` arrays of
    /// ``Dataset``, which Swift shares copy-on-write and nothing ever writes, so a copy costs
    /// nothing for them. The model's parameters and the optimizer's state are copied.
    public func copy() -> Session {
        let twin = Session(bundledDataDirectory: bundledDataDirectory)
        twin.replaceContents(with: self)
        return twin
    }

    /// Makes this session a copy of `other` (which stays as it is).
    public func restore(_ other: Session) {
        replaceContents(with: other)
    }

    /// Every stored fact of `other`, the model and trainer copied: the one list of what a session holds.
    private func replaceContents(with other: Session) {
        data = other.data
        dataSource = other.dataSource
        dataDirectory = other.dataDirectory
        dataLimits = other.dataLimits
        let modelCopy = other.model?.copy()
        model = modelCopy
        trainer = modelCopy.flatMap { copied in other.trainer?.copy(for: copied) }
        fits = other.fits
        runs = other.runs
        currentRun = other.currentRun
        optimizer = other.optimizer
        loss = other.loss
        batchSize = other.batchSize
        seed = other.seed
        names = other.names
        answer = other.answer
        lastOutputs = other.lastOutputs
        lastEvaluation = other.lastEvaluation
        lastResult = other.lastResult
        drawing = other.drawing
        commands = other.commands
        journal = other.journal
    }
}

/// Something done to the model that an exercise may ask about. The session keeps them in order
/// (``Session/journal``), so a check can ask what happened since the exercise began.
public enum SessionEvent: Equatable, Sendable {
    /// A layer added or removed, the model forgotten, loaded or its weights drawn again.
    case modelChanged
    /// A `fit` that finished this many epochs.
    case trained(epochs: Int)
    /// An `evaluate` on the test set.
    case evaluated
    /// The summary table (`model`).
    case summaryShown
    /// Values kept as ``Session/lastOutputs`` (`show ACT V`, `show onehot D`, `predict`, `predict drawn`).
    case outputsShown
}

/// The values a command printed for `expect outputs …`, and where they came from.
public struct ShownOutputs: Equatable, Sendable {
    /// Which command printed them.
    public enum Source: Equatable, Sendable {
        /// `show ACTIVATION V` (or another playground function), with the vector it was given.
        case function(VectorFunction, input: [Float])
        /// `show onehot DIGIT`.
        case onehot(Int)
        /// `predict N [test]`.
        case prediction(index: Int, test: Bool)
        /// `predict drawn`.
        case drawing
    }

    public let source: Source
    public let values: [Float]

    public init(source: Source, values: [Float]) {
        self.source = source
        self.values = values
    }
}

/// One part of a model's training, as `export keras` repeats it: a `fit` command that changed
/// the model, or the epochs a model brought from its file.
public struct FitRecord: Equatable, Sendable {
    /// How a `fit` ended.
    public enum Ending: Equatable, Sendable {
        /// It trained every epoch it was asked for.
        case finished
        /// Ctrl-C stopped it in `epoch`, after `step` of that epoch's `steps` batches, whose
        /// changes to the weights were kept.
        case stopped(epoch: Int, step: Int, steps: Int)
        /// Training diverged in `epoch`, which was undone.
        case diverged(epoch: Int)
    }

    /// The command, its options in a fixed order (`fit 5 batch 64 validate 0.1`); nil for the
    /// epochs of a loaded model (`load model`), trained before it was saved.
    public var command: String?
    /// The epochs it finished, which the history keeps.
    public var epochs: Int
    /// The batch size it trained with; for a loaded model, the one saved with it.
    public var batchSize: Int
    /// Its `validate X`, if any (never known for a loaded model).
    public var validationSplit: Double?
    public var ending: Ending

    public init(command: String?, epochs: Int, batchSize: Int, validationSplit: Double?, ending: Ending) {
        self.command = command
        self.epochs = epochs
        self.batchSize = batchSize
        self.validationSplit = validationSplit
        self.ending = ending
    }
}
