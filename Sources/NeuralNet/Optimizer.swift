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

/// An optimizer: after each batch it moves every parameter w against its gradient g (of the
/// batch's mean loss), by a rule that may keep per-value state of its own — its ``slots``, named
/// as Keras names them (`momentum`, `velocity`). The two here, in order of increasing complexity,
/// are ``SGD`` and ``Adam``.
///
/// A step is ``beginStep(_:)`` (count it, line the state up with the parameters) followed by
/// ``update(_:at:rows:)`` for every parameter — whole, or in shares of its rows (its first
/// dimension) that different threads may update at once, since every value's update depends on
/// that value, its gradient and its own state alone.
public protocol Optimizer: AnyObject {
    /// The description this optimizer was built from (``OptimizerKind/makeOptimizer()``).
    var kind: OptimizerKind { get }
    /// The number of steps taken (Keras' `iterations`). Setting it continues from that step:
    /// Adam's bias correction depends on it.
    var iterations: Int { get set }
    /// The per-value state, one slot per kind of state, in the order a model file keeps them.
    var slots: [OptimizerSlot] { get }
    /// Counts a step and makes sure each of `parameters` has its state (zero for a parameter
    /// never updated). The next ``update(_:at:rows:)`` calls name parameters by their position here.
    func beginStep(_ parameters: [Parameter])
    /// Updates the values of `parameter` — at position `index` of the last ``beginStep(_:)`` — in
    /// the given rows (whole rows of a kernel; values of a bias).
    func update(_ parameter: Parameter, at index: Int, rows: Range<Int>)
}

extension Optimizer {
    /// Applies one whole update to every parameter from its current gradient.
    public func step(_ parameters: [Parameter]) {
        beginStep(parameters)
        for (index, p) in parameters.enumerated() { update(p, at: index, rows: 0..<p.rowCount) }
    }

    /// An optimizer of its own, of the same kind and at the same step, whose state for
    /// `parameters[i]` is a copy of this one's for `originals[i]` (a copied model's parameters).
    func copy(from originals: [Parameter], to parameters: [Parameter]) -> any Optimizer {
        let twin = kind.makeOptimizer()
        twin.iterations = iterations
        for (mine, theirs) in zip(slots, twin.slots) { theirs.copy(mine, from: originals, to: parameters) }
        return twin
    }
}

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

/// One kind of per-value state an optimizer keeps, named as Keras names it — Adam's `momentum`
/// (m) or `velocity` (v), SGD's `momentum` (its velocity) — holding a buffer the size of each
/// parameter it has updated.
///
/// The buffers belong to parameters, not to positions: each step lines them up with the
/// parameters it is given (``build(for:)``), so a layer added to the model starts from zero state
/// and a removed layer's state is dropped. The parameters are held weakly: the optimizer never
/// keeps a layer alive.
public final class OptimizerSlot {
    /// Keras' name for this state: `momentum` or `velocity`.
    public let name: String
    /// The parameters of the last ``build(for:)`` (or restored), in order, held weakly …
    private var owners: [Owner] = []
    /// … and their buffers, at the same positions (kept apart so an update reads a buffer
    /// without touching a weak reference).
    private var buffers: [FloatBuffer] = []

    private struct Owner {
        weak var parameter: Parameter?
    }

    init(_ name: String) {
        self.name = name
    }

    /// The position of `parameter`'s buffer, if it has one.
    private func position(of parameter: Parameter) -> Int? {
        owners.firstIndex { $0.parameter === parameter }
    }

    /// The state of `parameter`, or nil when it has none yet (it was never updated).
    public func values(of parameter: Parameter) -> [Float]? {
        position(of: parameter).map { buffers[$0].array }
    }

    /// The buffer of the parameter at `index` of the last ``build(for:)``.
    subscript(index: Int) -> UnsafeMutablePointer<Float> {
        buffers[index].base
    }

    /// Lines the buffers up with `parameters`: each keeps its buffer, one without gets zeros,
    /// and the buffers of parameters not among them are dropped.
    func build(for parameters: [Parameter]) {
        if owners.count == parameters.count, parameters.indices.allSatisfy({ owners[$0].parameter === parameters[$0] }) { return }
        let kept = parameters.map { p in position(of: p).map { buffers[$0] } }
        buffers = []  // the dropped buffers go before new ones are made.
        buffers = zip(parameters, kept).map { p, buffer in buffer ?? FloatBuffer(count: p.count) }
        owners = parameters.map(Owner.init)
    }

    /// Makes `values` the state of `parameter` (continuing from a saved state); the count must match.
    func assign(_ values: [Float], to parameter: Parameter) {
        precondition(values.count == parameter.count, "optimizer state and parameter sizes differ")
        if let index = position(of: parameter) {
            buffers[index] = FloatBuffer(values)
        } else {
            owners.append(Owner(parameter: parameter))
            buffers.append(FloatBuffer(values))
        }
    }

    /// Takes copies of `other`'s buffers: the one for `originals[i]` becomes the one for `parameters[i]`.
    func copy(_ other: OptimizerSlot, from originals: [Parameter], to parameters: [Parameter]) {
        let pairs = zip(originals, parameters).compactMap { original, parameter in
            other.position(of: original).map { (parameter, other.buffers[$0].copy()) }
        }
        owners = pairs.map { Owner(parameter: $0.0) }
        buffers = pairs.map(\.1)
    }
}
