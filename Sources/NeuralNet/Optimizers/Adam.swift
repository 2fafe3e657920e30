import Foundation

/// Adam (Kingma & Ba, 2015) exactly as Keras 3 computes it (learning rate η = 0.001, β₁ = 0.9,
/// β₂ = 0.999, ε = 1e-7 by default). At step t = 1, 2, …, for each value w with gradient g and
/// its slots m (`momentum`) and v (`velocity`), both starting at 0:
///
///     m ← m + (1 − β₁)(g − m)
///     v ← v + (1 − β₂)(g² − v)
///     α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ)
///     w ← w − α·m/(√v + ε)
///
/// Keras folds the bias correction into α and adds ε to √v uncorrected, so this is its rule
/// exactly. The update of a range of values runs in C (`tutor_adam`), vectorized.
public final class Adam: Optimizer {
    /// η.
    public let learningRate: Float
    /// β₁, the decay of the first moment m.
    public let beta1: Float
    /// β₂, the decay of the second moment v.
    public let beta2: Float
    /// ε.
    public let epsilon: Float
    public var iterations = 0
    /// The first moments m (Keras' `_momentums`, each variable named `…_momentum`).
    public let momentums = OptimizerSlot("momentum")
    /// The second moments v (Keras' `_velocities`, each variable named `…_velocity`).
    public let velocities = OptimizerSlot("velocity")
    /// The step size α of the current step.
    private var alpha: Float = 0

    public init(learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-7) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
    }

    public var kind: OptimizerKind { .adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon) }

    public var slots: [OptimizerSlot] { [momentums, velocities] }

    /// Counts the step and computes its α = η·√(1 − β₂ᵗ)/(1 − β₁ᵗ) (in Double).
    public func beginStep(_ parameters: [Parameter]) {
        iterations += 1
        let t = Double(iterations)
        alpha = Float(Double(learningRate) * (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
        momentums.build(for: parameters)
        velocities.build(for: parameters)
    }

    public func update(_ parameter: Parameter, at index: Int, rows: Range<Int>) {
        let range = parameter.valueRange(rows: rows)
        guard !range.isEmpty else { return }
        Kernels.adam(
            parameter, range: range, m: momentums[index], v: velocities[index],
            alpha: alpha, beta1: beta1, beta2: beta2, epsilon: epsilon)
    }
}
