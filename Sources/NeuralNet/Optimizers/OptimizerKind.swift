import Foundation

/// Which optimizer, with its hyper-parameters: the description the command language builds and a
/// model file keeps. The live optimizer, with its step count and per-value state, is built from
/// it by ``makeOptimizer()``: ``SGD`` or ``Adam``, each with its update rule.
public enum OptimizerKind: Equatable, Sendable, Codable {
    case sgd(learningRate: Float, momentum: Float)
    case adam(learningRate: Float, beta1: Float, beta2: Float, epsilon: Float)

    /// SGD with Keras' defaults (learning rate 0.01, no momentum).
    public static let defaultSGD = OptimizerKind.sgd(learningRate: 0.01, momentum: 0)

    /// Adam with Keras' defaults unless given.
    public static func adam(learningRate: Float = 0.001) -> OptimizerKind {
        .adam(learningRate: learningRate, beta1: 0.9, beta2: 0.999, epsilon: 1e-7)
    }

    /// `sgd` or `adam`.
    public var name: String {
        switch self {
        case .sgd: return "sgd"
        case .adam: return "adam"
        }
    }

    public var learningRate: Float {
        switch self {
        case .sgd(let lr, _), .adam(let lr, _, _, _): return lr
        }
    }

    /// A new optimizer of this kind, at step 0 and without state.
    public func makeOptimizer() -> any Optimizer {
        switch self {
        case .sgd(let learningRate, let momentum):
            return SGD(learningRate: learningRate, momentum: momentum)
        case .adam(let learningRate, let beta1, let beta2, let epsilon):
            return Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
        }
    }

    /// Keras' names for the per-value state this kind of optimizer keeps for each parameter, in
    /// the order a model file keeps them: Adam's `momentum` and `velocity`; SGD's `momentum` when
    /// it has momentum, none for plain SGD.
    public var slotNames: [String] {
        makeOptimizer().slots.map(\.name)
    }
}
