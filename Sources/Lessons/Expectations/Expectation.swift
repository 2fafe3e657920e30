import NeuralNet
import TutorLanguage

/// One `expect …` line of an exercise: a declarative check on the session state, with numeric
/// tolerance, never on the text the learner typed. Parsed by ``ExpectationParser``; evaluated
/// with ``evaluate(on:since:)``. Checks that say "here" look only at what was done since the
/// exercise began (the session's ``Session/journal`` from the exercise's start on).
public struct Expectation: Equatable, Sendable {
    /// What is checked.
    public enum Check: Equatable, Sendable {
        /// `expect answer X [within E]`: the last `answer` is X ± E; X written as `answer` takes it
        /// (`200,960`, `784*256+256`).
        case answer(Double, tolerance: Double)
        /// `expect answer top output` / `second output` / `third output` [within E]: the last
        /// `answer` is the largest (second, third largest) of the outputs shown last, ± E — what
        /// the learner read off their own `predict`, whatever their model.
        case answerRanked(Int, tolerance: Double)
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
        /// `expect epochs >= N`: epochs in the model's history, wherever they were trained.
        case epochs(atLeast: Int)
        /// `expect trained` (at least one epoch) or `expect trained N epochs` (exactly N): epochs
        /// trained here, on the model as it is now (after its last change).
        case trainedHere(epochs: Int?)
        /// `expect evaluated`: an `evaluate` here, after the model's last change and training.
        case evaluatedHere
        /// `expect summary shown`: `model` here, after the model's last change.
        case summaryShown
        /// `expect shown softmax [6, -6, -6]`: the outputs shown last are `show ACT V` of this vector, here.
        case shown(Activation, input: [Float])
        /// `expect predicted 8 test`: the outputs shown last are `predict N [test]`, here, after
        /// the model's last change and training.
        case predicted(index: Int, test: Bool)
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
    /// The words a learner sees when this check fails (a `miss > …` line after the `expect`),
    /// in the task's words; nil for the check's own plain sentence.
    public let miss: String?

    public init(check: Check, text: String, line: Int, miss: String? = nil) {
        self.check = check
        self.text = text
        self.line = line
        self.miss = miss
    }

    /// The same check with `words` shown when it fails.
    func missing(_ words: String) -> Expectation {
        Expectation(check: check, text: text, line: line, miss: words)
    }
}

/// Whether an ``Expectation`` holds.
public enum Verdict: Equatable, Sendable {
    case pass
    case miss(Miss)

    public var passed: Bool { self == .pass }
}

/// A check that does not hold: which requirement, what was found, and what was wanted. A learner
/// is shown the requirement and what was found; the wanted value only with the last hint or `skip`.
public struct Miss: Equatable, Sendable {
    /// The requirement in the task's words: the lesson's `miss >` text, or the check's own sentence.
    public let requirement: String
    /// What the session holds, e.g. "7,850 parameters".
    public let found: String
    /// What would pass, e.g. "200,960 parameters".
    public let wanted: String

    public init(requirement: String, found: String, wanted: String) {
        self.requirement = requirement
        self.found = found
        self.wanted = wanted
    }

    /// `requirement (found …)`: what a learner sees.
    public var withoutWanted: String { "\(requirement) (found \(found))" }
    /// `found …; wanted …`: what a lesson author sees when a solution fails.
    public var foundAndWanted: String { "found \(found); wanted \(wanted)" }
}

extension LayerSpec {
    /// `flatten` or `dense 256 sigmoid`: the layer as `expect layers` writes it.
    public var expectText: String { commandText }
}
