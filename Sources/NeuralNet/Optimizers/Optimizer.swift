import Foundation

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
