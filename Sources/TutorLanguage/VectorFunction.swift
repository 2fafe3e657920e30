import NeuralNet

/// What `show … V` puts a vector through in the math playground. Each case brings its words, its
/// math and the sentence shown under the values; the command table makes one form per function,
/// so a new case is a new `show` subject.
public enum VectorFunction: Equatable, Sendable {
    /// An activation, applied as a dense layer applies it (`show softmax V`).
    case activation(Activation)
    /// The slope of an elementwise activation at each value (`show derivative sigmoid V`): what
    /// backpropagation multiplies the incoming gradient by.
    case derivative(Activation)

    /// Every function, in the order `help` lists them.
    public static let all: [VectorFunction] = Activation.allCases.map(VectorFunction.activation)
        + Activation.allCases.filter(\.isElementwise).map(VectorFunction.derivative)

    /// The words after `show`: `softmax`.
    public var words: [String] {
        switch self {
        case .activation(let activation): return [activation.rawValue]
        case .derivative(let activation): return ["derivative", activation.rawValue]
        }
    }

    /// The values for `input`.
    public func callAsFunction(_ input: [Float]) -> [Float] {
        switch self {
        case .activation(let activation): return activation(input)
        case .derivative(let activation): return activation.derivative(input)
        }
    }

    /// The heading above the values, `softmax([2, 1, 0.1])`, for the input written as `input`.
    func title(_ input: String) -> String {
        switch self {
        case .activation(let activation): return "\(activation.rawValue)(\(input))"
        case .derivative(let activation): return "\(activation.rawValue)′(\(input)), the slope at each value"
        }
    }

    /// Whether adding the values up teaches something (softmax's sum is 1, sigmoid's is not).
    var showsSum: Bool {
        switch self {
        case .activation: return true
        case .derivative: return false
        }
    }

    /// What the values teach, in one sentence.
    var note: String {
        switch self {
        case .activation(.softmax): return "Softmax makes the outputs positive and sum to 1, so they can be read as probabilities."
        case .activation(.sigmoid): return "Sigmoid squashes each value into (0, 1) on its own, so the sum is not 1: these are not probabilities of one choice."
        case .activation(.relu): return "ReLU keeps positive values and turns negative ones into 0."
        case .activation(.tanh): return "Tanh squashes each value into (−1, 1) on its own."
        case .activation(.linear): return "Linear leaves the values as they are."
        case .derivative(.sigmoid): return "Sigmoid's slope y·(1 − y) is at most 0.25 and near 0 far from 0: a saturated sigmoid passes back little gradient."
        case .derivative(.relu): return "ReLU's slope is 1 where the value is positive and 0 elsewhere: a unit with negative input passes back no gradient."
        case .derivative(.tanh): return "Tanh's slope 1 − y² is 1 at 0 and near 0 far from it."
        case .derivative(.linear): return "Linear's slope is 1 everywhere: the gradient passes back unchanged."
        case .derivative(.softmax): return "Softmax has no slope of its own per value: each output moves with every input."
        }
    }
}
