import Foundation

/// The optimizers, in order of increasing complexity, with Keras' defaults and update rules.
/// For each parameter w with gradient g (of the batch's mean loss):
///
/// * `sgd` (learning rate η = 0.01, momentum μ = 0):
///   without momentum w ← w − η·g; with momentum v ← μ·v − η·g, w ← w + v.
/// * `adam` (η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-7), at step t = 1, 2, …:
///   m ← m + (1 − β₁)(g − m), v ← v + (1 − β₂)(g² − v),
///   α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ), w ← w − α·m/(√v + ε).
///   (Keras folds the bias correction into α and adds ε to √v uncorrected, so this is exactly its rule.)
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
}

/// An optimizer with its step count. Its per-value state lives in each ``Parameter``'s slots.
///
/// A step is ``beginStep(_:)`` (count it, prepare state) followed by ``update(_:rows:)`` for
/// every parameter — whole, or in shares of its rows (its first dimension) that different
/// threads may update at once, since every value's update depends on that value alone.
public final class Optimizer {
    public let kind: OptimizerKind
    /// The number of updates made so far (Keras' `iterations`).
    public private(set) var iterations = 0
    /// Adam's step size α for the current step.
    private var alpha: Float = 0

    public init(_ kind: OptimizerKind) {
        self.kind = kind
    }

    /// An optimizer of its own at the same step (the per-value state lives in the parameters).
    func copy() -> Optimizer {
        let twin = Optimizer(kind)
        twin.iterations = iterations
        twin.alpha = alpha
        return twin
    }

    /// Keras' names for the per-value state this optimizer keeps for each parameter, in order:
    /// Adam's `momentum` (m) and `velocity` (v), SGD's `momentum` (velocity) when it has momentum.
    static func slotNames(_ kind: OptimizerKind) -> [String] {
        switch kind {
        case .sgd(_, let momentum): momentum == 0 ? [] : ["momentum"]
        case .adam: ["momentum", "velocity"]
        }
    }

    /// Continues from a saved step count (see ``Trainer/restore(_:)``).
    func restore(iterations: Int) {
        self.iterations = iterations
    }

    /// Applies one whole update to every parameter from its current gradient.
    func step(_ parameters: [Parameter]) {
        beginStep(parameters)
        for p in parameters { update(p, rows: 0..<p.rowCount) }
    }

    /// Counts the step, computes Adam's α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ), and makes sure every
    /// parameter has its slots.
    func beginStep(_ parameters: [Parameter]) {
        iterations += 1
        switch kind {
        case .sgd(_, let momentum):
            if momentum != 0 { for p in parameters where p.slot1 == nil { p.slot1 = FloatBuffer(count: p.count) } }
        case .adam(let lr, let beta1, let beta2, _):
            let t = Double(iterations)
            alpha = Float(Double(lr) * (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
            for p in parameters where p.slot1 == nil || p.slot2 == nil {
                p.slot1 = FloatBuffer(count: p.count)
                p.slot2 = FloatBuffer(count: p.count)
            }
        }
    }

    /// Updates the values of `p` in the given rows (whole rows of a kernel; values of a bias).
    func update(_ p: Parameter, rows: Range<Int>) {
        guard !rows.isEmpty, p.rowCount > 0 else { return }
        let width = p.count / p.rowCount
        let range = (rows.lowerBound * width)..<(rows.upperBound * width)
        switch kind {
        case .sgd(let lr, let momentum):
            let w = p.storage.base, g = p.gradientStorage.base
            if let v = p.slot1?.base {
                for i in range {
                    v[i] = momentum * v[i] - lr * g[i]
                    w[i] += v[i]
                }
            } else {
                for i in range { w[i] -= lr * g[i] }
            }
        case .adam(_, let beta1, let beta2, let epsilon):
            guard let m = p.slot1?.base, let v = p.slot2?.base else { return }
            Kernels.adam(p, range: range, m: m, v: v, alpha: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
        }
    }
}
