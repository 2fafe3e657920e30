/// One trainable tensor as a model file lists it: its Keras variable name and its shape.
struct TensorSpec: Equatable, Sendable {
    /// `dense/kernel`, `dense/bias`, `dense_1/kernel`, … as Keras names a fresh model's variables.
    var name: String
    /// `[inputs, units]` for a kernel, `[units]` for a bias.
    var shape: [Int]

    /// The number of values.
    var count: Int { shape.reduce(1, *) }
}

extension SavedModel {
    /// The most values one example may have: a dense layer on more could not fit in
    /// ``Model/memoryLimitBytes`` (16 bytes a parameter) even with a single unit.
    static let maximumInputValues = Model.memoryLimitBytes / 16

    /// The optimizer's state tensors for the model's `weights`, named as Keras 3 names them:
    /// `adam/dense_kernel_momentum`, `adam/dense_kernel_velocity`, `adam/dense_bias_momentum`, …
    /// (`sgd/dense_kernel_momentum`, … for SGD with momentum; none for plain SGD).
    static func slotTensors(for weights: [TensorSpec], optimizer: OptimizerKind) -> [TensorSpec] {
        let names = optimizer.slotNames
        return weights.flatMap { weight in
            names.map { TensorSpec(name: "\(optimizer.name)/\(weight.name.replacing("/", with: "_"))_\($0)", shape: weight.shape) }
        }
    }

    /// The tensors `layers` need on examples of `inputShape`, in `Model.parameters` order, named
    /// after their layers as Keras names them (`dense/kernel`, `dense_1/bias`, …). Checks the
    /// input shape, then each layer as `Model.add` does (``Model/check(_:input:existingParameters:)``),
    /// without allocating any weights; problems are reported for `file`.
    static func tensors(inputShape: [Int], layers: [LayerSpec], file: String) throws(ModelFileError) -> [TensorSpec] {
        var values = 1
        for size in inputShape {
            let (product, overflow) = values.multipliedReportingOverflow(by: max(size, 1))
            values = overflow ? .max : product
        }
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 >= 1 }), values <= maximumInputValues else {
            throw ModelFileError.wrongValue(
                file, path: "input_shape",
                found: inputShape.isEmpty ? "an empty list" : ModelFileError.shapeText(inputShape),
                expected: "one or more sizes of at least 1, with at most \(ModelFileError.grouped(maximumInputValues)) values in all")
        }
        var shape = inputShape
        var tensors: [TensorSpec] = []
        var parameters = 0
        for (index, (layer, name)) in zip(layers, LayerSpec.kerasNames(layers)).enumerated() {
            do throws(ModelError) {
                let (output, shapes) = try Model.check(layer.definition, input: shape, existingParameters: parameters)
                tensors += shapes.map { TensorSpec(name: "\(name)/\($0.name)", shape: $0.shape) }
                parameters += shapes.reduce(0) { $0 + $1.shape.reduce(1, *) }
                shape = output
            } catch {
                throw ModelFileError.unbuildable(file, layer: index, error: error)
            }
        }
        return tensors
    }
}
