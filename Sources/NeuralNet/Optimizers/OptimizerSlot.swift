import Foundation

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

    /// Whether every value of every buffer is a finite number.
    var isFinite: Bool { buffers.allSatisfy(\.isFinite) }

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
