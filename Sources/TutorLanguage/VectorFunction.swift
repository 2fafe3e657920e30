import NeuralNet

/// What `show … V` puts a vector through in the math playground. Each case brings its words, its
/// math and the sentence shown under the values; the command table makes one form per function,
/// so a new case is a new `show` subject.
public enum VectorFunction: Equatable, Sendable {
    /// An activation, applied as a dense layer applies it (`show softmax V`).
    case activation(Activation)

    /// Every function, in the order `help` lists them.
    public static let all: [VectorFunction] = Activation.allCases.map(VectorFunction.activation)

    /// The words after `show`: `softmax`.
    public var words: [String] {
        switch self {
        case .activation(let activation): return [activation.rawValue]
        }
    }

    /// The values for `input`.
    public func callAsFunction(_ input: [Float]) -> [Float] {
        switch self {
        case .activation(let activation): return activation(input)
        }
    }

    /// The heading above the values, `softmax([2, 1, 0.1])`, for the input written as `input`.
    func title(_ input: String) -> String {
        switch self {
        case .activation(let activation): return "\(activation.rawValue)(\(input))"
        }
    }

    /// Whether adding the values up teaches something (softmax's sum is 1, sigmoid's is not).
    var showsSum: Bool {
        switch self {
        case .activation: return true
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
        }
    }
}
