import NeuralNet

/// The last result a command printed that `explain` can take apart, with the facts the
/// explanation needs (the learner's own numbers), and the command as typed. Each command that
/// ``followed`` lists keeps one in ``Session/lastResult``; every other command that succeeds
/// clears it, so `explain` only ever explains the result just above it.
public struct Explainable: Equatable, Sendable {
    /// The command that printed the result, as typed (`show softmax [2, 1, 0.1]`).
    public var command: String
    public var subject: Subject

    public init(command: String, subject: Subject) {
        self.command = command
        self.subject = subject
    }

    /// What was printed, and what it was computed from.
    public enum Subject: Equatable, Sendable {
        /// `show ACT V`, `show derivative ACT V`: the function, the values it was given and the
        /// values it printed.
        case function(VectorFunction, input: [Float], output: [Float])
        /// `show onehot N` for data of `classes` classes.
        case onehot(digit: Int, classes: Int)
        /// `show flatten M`: the matrix's rows.
        case flatten(rows: [[Float]])
        /// `layer …`: the layer added, and the model's parameters with it.
        case layer(LayerFacts, modelParameters: Int)
        /// `model`/`summary`: each layer's name, parameter formula (nil for none) and count.
        case summary([SummaryLine])
        /// `fit`: how the training went.
        case fit(FitFacts)
        /// `evaluate`: the result on `testCount` test images of `classes` classes, for a model
        /// whose output layer has `outputActivation`, trained `epochsTrained` epochs with `loss`.
        case evaluation(Evaluation, testCount: Int, classes: Int, loss: Loss, outputActivation: Activation, epochsTrained: Int)
        /// `predict`: the prediction, the output layer's raw scores (before its activation) and
        /// the loss the model trains with.
        case prediction(Prediction, scores: [Float], loss: Loss)
        /// `confusion`: the matrix.
        case confusion(ConfusionReport)
    }

    /// A layer just added: its kind and what its parameter count follows from.
    public enum LayerFacts: Equatable, Sendable {
        /// `layer flatten` on examples of `input` shape.
        case flatten(input: [Int])
        /// `layer dense N ACT` on `inputs` values.
        case dense(inputs: Int, units: Int, activation: Activation)
        /// `layer dropout RATE` on values of `input` shape.
        case dropout(rate: Double, input: [Int])
    }

    /// One row of the summary table: `dense_1`, `256·10 + 10`, 2,570.
    public struct SummaryLine: Equatable, Sendable {
        public var name: String
        public var formula: String?
        public var parameters: Int
    }

    /// What one `fit` did, for `explain`.
    public struct FitFacts: Equatable, Sendable {
        /// The training examples loaded, before any were held out.
        public var examples: Int
        /// `validate X`, if given.
        public var validationSplit: Double?
        /// The examples trained on (``examples`` less those held out).
        public var trained: Int
        /// The batch size asked for (a batch holds at most ``trained`` examples).
        public var batchSize: Int
        /// The epochs asked for, and the mean loss of each that finished, in order.
        public var epochs: Int
        public var losses: [Double]
        /// Where Ctrl-C stopped it: the epoch and the batches of it that finished.
        public var stoppedAt: Stop?
        /// The epoch it diverged in (undone), if it did.
        public var divergedIn: Int?
        /// The model's parameters, every one of which each step updates, and the optimizer's name.
        public var parameters: Int
        public var optimizer: String

        /// Where Ctrl-C stopped a `fit`: in `epoch`, after `step` of its batches.
        public struct Stop: Equatable, Sendable {
            public var epoch: Int
            public var step: Int
        }
    }

    /// The commands whose results `explain` takes apart, each with what it shows: the one list
    /// that `help explain` and the error with nothing to explain give.
    public static let followed: [(command: String, shows: String)] = [
        ("show softmax V", "e^x of each value, their sum, each divided by it"),
        ("show sigmoid|relu|tanh|linear V", "the formula at each value, and what the sum means"),
        ("show derivative ACT V", "the slope at each value"),
        ("show onehot N", "its positions, and crossentropy against it"),
        ("show flatten M", "where element (r, c) goes: r·cols + c"),
        ("layer flatten|dense|dropout", "the shapes and the parameter count"),
        ("model", "each layer's parameters adding up to the total"),
        ("fit", "examples, steps per epoch, updates, the loss from first epoch to last"),
        ("evaluate", "the loss as a mean of −ln p, e^(−loss), accuracy as right / total"),
        ("predict", "the scores through the activation, beside the label's one-hot vector"),
        ("confusion", "the diagonal and the accuracy, the most frequent mistake"),
    ]
}
