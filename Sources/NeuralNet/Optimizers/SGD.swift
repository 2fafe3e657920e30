import Foundation

/// Stochastic gradient descent, as Keras' `SGD` (learning rate η = 0.01 and momentum μ = 0 by
/// default). For each value w with gradient g:
///
///     without momentum (μ = 0):  w ← w − η·g
///     with momentum:             v ← μ·v − η·g,   w ← w + v
///
/// The velocity v, one per value, is Keras' `momentum` slot; it starts at 0. Plain SGD keeps no state.
public final class SGD: Optimizer {
    /// η.
    public let learningRate: Float
    /// μ.
    public let momentum: Float
    public var iterations = 0
    /// The velocities v (Keras' `momentums`, each variable named `…_momentum`); nil without momentum.
    public let momentums: OptimizerSlot?

    public init(learningRate: Float = 0.01, momentum: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        momentums = momentum == 0 ? nil : OptimizerSlot("momentum")
    }

    public var kind: OptimizerKind { .sgd(learningRate: learningRate, momentum: momentum) }

    public var slots: [OptimizerSlot] { momentums.map { [$0] } ?? [] }

    public func beginStep(_ parameters: [Parameter]) {
        iterations += 1
        momentums?.build(for: parameters)
    }

    public func update(_ parameter: Parameter, at index: Int, rows: Range<Int>) {
        let range = parameter.valueRange(rows: rows)
        let w = parameter.storage.base, g = parameter.gradientStorage.base
        let lr = learningRate, mu = momentum
        if let momentums {
            let v = momentums[index]
            for i in range {
                v[i] = mu * v[i] - lr * g[i]
                w[i] += v[i]
            }
        } else {
            for i in range { w[i] -= lr * g[i] }
        }
    }
}
