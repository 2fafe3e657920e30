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
    /// The buffers of the parameters of the last ``build(for:)``, in their order.
    private var entries: [Entry] = []

    private struct Entry {
        weak var parameter: Parameter?
        let buffer: FloatBuffer
    }

    init(_ name: String) {
        self.name = name
    }

    /// The state of `parameter`, or nil when it has none yet (it was never updated).
    public func values(of parameter: Parameter) -> [Float]? {
        entries.first { $0.parameter === parameter }?.buffer.array
    }

    /// The buffer of the parameter at `index` of the last ``build(for:)``.
    subscript(index: Int) -> UnsafeMutablePointer<Float> {
        entries[index].buffer.base
    }

    /// Lines the buffers up with `parameters`: each keeps its buffer, one without gets zeros,
    /// and the buffers of parameters not among them are dropped.
    func build(for parameters: [Parameter]) {
        if entries.count == parameters.count, zip(entries, parameters).allSatisfy({ $0.parameter === $1 }) { return }
        let kept = entries.filter { entry in parameters.contains { $0 === entry.parameter } }
        entries = parameters.map { p in
            kept.first { $0.parameter === p } ?? Entry(parameter: p, buffer: FloatBuffer(count: p.count))
        }
    }

    /// Makes `values` the state of `parameter` (continuing from a saved state); the count must match.
    func assign(_ values: [Float], to parameter: Parameter) {
        precondition(values.count == parameter.count, "optimizer state and parameter sizes differ")
        entries.removeAll { $0.parameter === parameter }
        entries.append(Entry(parameter: parameter, buffer: FloatBuffer(values)))
    }

    /// Takes copies of `other`'s buffers: the one for `originals[i]` becomes the one for `parameters[i]`.
    func copy(_ other: OptimizerSlot, from originals: [Parameter], to parameters: [Parameter]) {
        entries = zip(originals, parameters).compactMap { original, parameter in
            other.entries.first { $0.parameter === original }.map { Entry(parameter: parameter, buffer: $0.buffer.copy()) }
        }
    }
}
