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
public final class Optimizer {
    public let kind: OptimizerKind
    /// The number of updates made so far (Keras' `iterations`).
    public private(set) var iterations = 0

    public init(_ kind: OptimizerKind) {
        self.kind = kind
    }

    /// Applies one update to every parameter from its current gradient.
    func step(_ parameters: [Parameter]) {
        iterations += 1
        switch kind {
        case .sgd(let lr, let momentum):
            for p in parameters { sgd(p, lr: lr, momentum: momentum) }
        case .adam(let lr, let beta1, let beta2, let epsilon):
            let t = Double(iterations)
            let alpha = Float(Double(lr) * (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
            let moments = parameters.map { p in (slot(&p.slot1, count: p.count), slot(&p.slot2, count: p.count)) }
            Parallel.run(Parallel.parts) { part in
                for (p, (m, v)) in zip(parameters, moments) {
                    let range = Parallel.share(part, of: Parallel.parts, count: p.count)
                    Kernels.adam(p, range: range, m: m, v: v, alpha: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
                }
            }
        }
    }

    private func sgd(_ p: Parameter, lr: Float, momentum: Float) {
        let w = p.storage.base, g = p.gradientStorage.base, n = p.count
        if momentum == 0 {
            for i in 0..<n { w[i] -= lr * g[i] }
            return
        }
        let v = slot(&p.slot1, count: n)
        for i in 0..<n {
            v[i] = momentum * v[i] - lr * g[i]
            w[i] += v[i]
        }
    }

    private func slot(_ buffer: inout FloatBuffer?, count: Int) -> UnsafeMutablePointer<Float> {
        if let existing = buffer { return existing.base }
        let fresh = FloatBuffer(count: count)
        buffer = fresh
        return fresh.base
    }
}
