import NeuralNet
import TutorLanguage

/// One `expect …` line of an exercise: a declarative check on the session state, with numeric
/// tolerance, never on the text the learner typed. Parsed by ``ExpectationParser``; evaluated
/// with ``evaluate(on:)``.
public struct Expectation: Equatable, Sendable {
    /// What is checked.
    public enum Check: Equatable, Sendable {
        /// `expect answer X [within E]`: the last `answer` is X ± E.
        case answer(Double, tolerance: Double)
        /// `expect layers flatten, dense 256 sigmoid, dense 10 softmax`: exactly these layers.
        case layers([LayerSpec])
        /// `expect params N` (`200960` or `200,960`): the total number of trainable parameters.
        case parameters(Int)
        /// `expect accuracy >= X`: the last test evaluation, or the model evaluated on the test set now.
        case accuracy(atLeast: Double)
        /// `expect outputs sum to X [within E]`: the values the last `show ACT V` or `predict` printed.
        case outputsSum(Double, tolerance: Double)
        /// `expect optimizer adam|sgd [LR]`: the optimizer, and its learning rate when given.
        case optimizer(name: String, learningRate: Float?)
        /// `expect loss crossentropy|mse`
        case loss(Loss)
        /// `expect batch N`: the batch size setting.
        case batch(Int)
        /// `expect trained` (at least one epoch) or `expect epochs >= N`: epochs in the history.
        case epochs(atLeast: Int)
        /// `expect output activation ACT`: the activation of the last dense layer.
        case outputActivation(Activation)
    }

    /// The tolerance of `answer` and `outputs sum to` when no `within E` is given: enough for a
    /// number copied with the four decimals tutor prints, tight enough for whole numbers.
    public static let defaultTolerance = 0.0005

    public let check: Check
    /// What follows `expect` on the line, as written (e.g. `answer 1 within 0.001`).
    public let text: String
    /// The line number of the `expect` line.
    public let line: Int

    public init(check: Check, text: String, line: Int) {
        self.check = check
        self.text = text
        self.line = line
    }
}

/// Whether an ``Expectation`` holds, and if not, what was found and what was wanted.
public enum Verdict: Equatable, Sendable {
    case pass
    /// A sentence such as "found 7,850 parameters; wanted 200,960".
    case fail(String)

    public var passed: Bool { self == .pass }
}

extension LayerSpec {
    /// `flatten` or `dense 256 sigmoid`: the layer as `expect layers` writes it.
    public var expectText: String {
        switch self {
        case .flatten: return "flatten"
        case .dense(let units, let activation): return "dense \(units) \(activation.rawValue)"
        }
    }
}
