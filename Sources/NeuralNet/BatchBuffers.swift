/// A batch's values at one place in the model: the data batch as it enters (its nonzeros, see
/// ``SparseBatch``), or `rows × width` values, row-major, as a layer wrote them.
public struct BatchValues {
    enum Storage {
        case sparse(SparseBatch)
        case dense(UnsafeMutablePointer<Float>)
    }

    let storage: Storage

    static func sparse(_ batch: SparseBatch) -> BatchValues { BatchValues(storage: .sparse(batch)) }
    static func dense(_ values: UnsafeMutablePointer<Float>) -> BatchValues { BatchValues(storage: .dense(values)) }

    /// The values, when they are dense.
    var denseValues: UnsafeMutablePointer<Float>? {
        if case .dense(let values) = storage { return values }
        return nil
    }

    var isSparse: Bool { denseValues == nil }
}

/// What a layer's scratch memory is for (see ``Layer/makeBuffers(_:)``).
public struct BufferRequest {
    /// The most examples a batch has.
    let capacity: Int
    /// Whether the layer's input is the sparse data batch.
    let inputIsSparse: Bool
    /// Whether backward passes follow the forward passes.
    let training: Bool
    /// Whether the backward pass must return dL/d(input): some layer before this one has parameters.
    let needsInputGradient: Bool
}

/// One layer's scratch memory, made once per `fit`, `evaluate` or `predict` and reused for every
/// batch, so that a training step allocates no buffer (only the small record of the work it hands
/// a worker: ``Parallel/beside(_:)``). A layer takes the parts it needs (each is
/// `capacity` rows of the width it asked for; the others hold nothing).
public final class LayerBuffers {
    /// Whether the layer's outputs are the sparse data batch form (flatten and dropout keep it).
    let outputIsSparse: Bool
    /// The layer's outputs, when it makes new ones.
    let output: FloatBuffer
    /// dL/d(input), when the layer passes the gradient on in memory of its own.
    let inputGradient: FloatBuffer
    /// Per-value state kept from the forward pass for the backward one (dropout's mask).
    let state: FloatBuffer
    /// Whether the last forward pass left `state` to be used.
    var holdsState = false
    /// A sparse batch of the layer's own (dropout on the data batch).
    let sparse: SparseBatch?
    /// Which rows of the kernel gradient hold values (a dense layer on the data batch, in training).
    let gradientRows: GradientRows?

    init(
        capacity: Int = 0, output: Int = 0, inputGradient: Int = 0, state: Int = 0, sparse: SparseBatch? = nil,
        gradientRows: Int = 0
    ) {
        outputIsSparse = sparse != nil
        self.output = FloatBuffer(count: capacity * output)
        self.inputGradient = FloatBuffer(count: capacity * inputGradient)
        self.state = FloatBuffer(count: capacity * state)
        self.sparse = sparse
        self.gradientRows = gradientRows > 0 ? GradientRows(count: gradientRows) : nil
    }

    /// Buffers holding nothing, for a layer whose outputs are its inputs.
    init(outputIsSparse: Bool) {
        self.outputIsSparse = outputIsSparse
        output = FloatBuffer(count: 0)
        inputGradient = FloatBuffer(count: 0)
        state = FloatBuffer(count: 0)
        sparse = nil
        gradientRows = nil
    }
}

/// What one layer's backward pass works with.
public struct BackwardPass {
    /// The layer's input and output values from the forward pass.
    let input: BatchValues
    let output: BatchValues
    let rows: Int
    /// dL/d(output); the layer may overwrite it. Nil when the layer above passed nothing on
    /// (no layer from here down has parameters).
    let outputGradient: UnsafeMutablePointer<Float>?
    /// Whether `outputGradient` is already dL/dz for the layer's ``Layer/fusableActivation``.
    let gradientIsPreActivation: Bool
    /// Whether the layer must return dL/d(input).
    let needsInputGradient: Bool
    /// Whether gradients may be left to ``Layer/finishGradient(of:rows:_:)``.
    let deferring: Bool
    let buffers: LayerBuffers
}

/// The scratch memory for passing up to `capacity` examples through a model: the scaled inputs
/// and their labels, each layer's own buffers, the values between the layers and the loss's
/// gradient. Made once per `fit`/`evaluate`/`predict` call, then reused for every batch.
final class BatchBuffers {
    let capacity: Int
    /// Whether backward passes can run (gradient memory was made).
    let training: Bool
    /// The batch's inputs, compressed for the first layer.
    private(set) var sparseInput: SparseBatch
    /// With `layingOutAhead`: where the next batch's inputs are laid out while this one's kernel
    /// gradient is still to be computed from its by-columns copy (see ``advance()``).
    private var nextInput: SparseBatch?
    let labels: UnsafeMutablePointer<UInt8>
    /// Each layer's buffers, first to last.
    let layers: [LayerBuffers]
    /// Whether layer i must pass dL/d(input) down: some layer before it has parameters.
    let needsInputGradient: [Bool]
    /// `values[i]` is layer i's input, `values[layers.count]` the model's output, as the last
    /// forward pass left them.
    fileprivate(set) var values: [BatchValues]
    /// The backward pass each layer last ran (for ``Model/finishGradient(_:of:rows:_:)``).
    fileprivate(set) var passes: [BackwardPass?]
    /// dL/d(model output) (capacity × outputs): the loss writes it, the backward pass starts from it.
    let outputGradient: FloatBuffer

    /// Buffers for batches of up to `capacity` examples; with `layingOutAhead` (training, a batch
    /// of at most ``SparseBatch/tileRows``), a second copy of the inputs for the next batch.
    init(model: Model, features: Int, capacity: Int, training: Bool = true, layingOutAhead: Bool = false) {
        self.capacity = capacity
        self.training = training
        sparseInput = SparseBatch(capacity: capacity, columns: features)
        nextInput = layingOutAhead ? SparseBatch(capacity: capacity, columns: features) : nil
        labels = .allocate(capacity: capacity)
        labels.initialize(repeating: 0, count: capacity)
        var inputIsSparse = true
        var parametersBefore = false
        var layers: [LayerBuffers] = []
        var needsInputGradient: [Bool] = []
        for layer in model.layers {
            let request = BufferRequest(
                capacity: capacity, inputIsSparse: inputIsSparse, training: training, needsInputGradient: parametersBefore)
            let buffers = layer.makeBuffers(request)
            layers.append(buffers)
            needsInputGradient.append(parametersBefore)
            inputIsSparse = buffers.outputIsSparse
            parametersBefore = parametersBefore || !layer.parameters.isEmpty
        }
        self.layers = layers
        self.needsInputGradient = needsInputGradient
        values = [BatchValues](repeating: .sparse(sparseInput), count: layers.count + 1)
        passes = [BackwardPass?](repeating: nil, count: layers.count)
        outputGradient = FloatBuffer(count: training ? capacity * model.outputShape.reduce(1, *) : 0)
    }

    deinit { labels.deallocate() }

    /// The data batch's side work from the last forward pass in training (see
    /// ``Model/forward(_:rows:training:beside:)``), until it is finished.
    var sideWork: SideWork?

    /// Waits for the side work of the last forward pass, if any is under way.
    func finishSideWork() {
        sideWork?.finish()
        sideWork = nil
    }

    /// Loads the examples `order[start ..< start + rows]` of `images` and their labels (the
    /// inputs by rows; a forward pass in training makes the by-columns copy).
    func load(_ images: SparseImages, order: UnsafePointer<Int>, start: Int, rows: Int) {
        sparseInput.load(images, order: order, start: start, rows: rows)
        loadLabels(images, order: order, start: start, rows: rows)
    }

    /// The examples `order[start ..< start + rows]` of `images` and their labels, for a forward
    /// pass that does not train: the inputs are read from the images' lists where they are.
    func refer(to images: SparseImages, order: [Int], start: Int, rows: Int) {
        sparseInput.refer(to: images, order: order, start: start, rows: rows)
        order.withUnsafeBufferPointer { order in
            if let base = order.baseAddress { loadLabels(images, order: base, start: start, rows: rows) }
        }
    }

    /// Lays out the inputs of the examples `order[start ..< start + rows]` by rows and by columns
    /// where ``advance()`` will find them (with `layingOutAhead`), or else over this batch's by
    /// rows only (its by-columns copy, made already, stays for the kernel gradient).
    func loadNextInputs(_ images: SparseImages, order: UnsafePointer<Int>, start: Int, rows: Int) {
        guard let nextInput else { return sparseInput.load(images, order: order, start: start, rows: rows) }
        nextInput.load(images, order: order, start: start, rows: rows)
        nextInput.transpose()
    }

    /// Makes the inputs ``loadNextInputs(_:order:start:rows:)`` laid out the batch's.
    func advance() {
        guard let next = nextInput else { return }
        nextInput = sparseInput
        sparseInput = next
        values[0] = .sparse(next)
    }

    /// Loads the labels of those examples only.
    func loadLabels(_ images: SparseImages, order: UnsafePointer<Int>, start: Int, rows: Int) {
        images.labels.withUnsafeBufferPointer { source in
            for r in 0..<rows { labels[r] = source[order[start + r]] }
        }
    }

    /// Loads already-scaled input rows (labels are left as they are).
    func load(rows input: Matrix) {
        input.values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { sparseInput.load(base, rows: input.rows) }
        }
    }

    /// Layer `index`'s outputs from the last forward pass, when they are dense values.
    func output(ofLayer index: Int) -> UnsafeMutablePointer<Float>? {
        values[index + 1].denseValues
    }
}

extension Model {
    /// The position of the layer whose outputs are the model's: the last one that does not just
    /// pass its values through (a flatten at the end changes nothing). Nil without such a layer.
    var outputLayerIndex: Int? {
        layers.lastIndex { !$0.passesValuesThrough }
    }

    /// Whether `loss` takes dL/dz straight from the outputs (cross-entropy behind softmax), so
    /// that the output layer skips its activation's derivative.
    func fuses(with loss: Loss) -> Bool {
        guard let index = outputLayerIndex, let activation = layers[index].fusableActivation else { return false }
        return loss.fusesWithSoftmax(activation)
    }

    /// Runs the `rows` examples loaded into `buffers` forward through every layer, in order, and
    /// returns the model's outputs. `training` as Keras' argument: dropout drops only then.
    /// Subnormal floats are flushed to zero meanwhile (``Kernels/withSubnormalsFlushed(_:)``).
    ///
    /// In training, once the layer that reads the data batch (the first dense layer) is done, a
    /// worker makes that batch's by-columns copy, which the kernel gradient reads, and then runs
    /// `beside`, while this thread goes on with the layers above (``Parallel/beside(_:)``); the
    /// backward pass waits for it. `beside` may load the next batch's inputs over this one's
    /// (the trainer does) only when the backward pass that follows defers the kernel gradient.
    func forward(
        _ buffers: BatchBuffers, rows: Int, training: Bool = false, beside: (() -> Void)? = nil
    ) -> UnsafeMutablePointer<Float> {
        precondition(buffers.layers.count == layers.count, "buffers made for another model")
        buffers.finishSideWork()
        var values = buffers.values[0]
        Kernels.withSubnormalsFlushed {
            for (index, layer) in layers.enumerated() {
                let input = values
                values = layer.forward(input, rows: rows, buffers: buffers.layers[index], training: training)
                buffers.values[index + 1] = values
                if training, case .sparse(let batch) = input.storage, !values.isSparse {
                    buffers.sideWork = Parallel.beside {
                        batch.transpose()
                        if let beside { Kernels.withSubnormalsFlushed(beside) }
                    }
                }
            }
        }
        guard let output = values.denseValues else {
            preconditionFailure("forward needs a layer that computes (a dense layer); callers check first")
        }
        return output
    }

    /// Backpropagates from `buffers.outputGradient` (already dL/dy, or dL/dz when `fused`) through
    /// every layer, last to first, filling every parameter's gradient — except, with `deferring`,
    /// the parts a layer leaves to ``finishGradient(_:of:rows:_:)``. The forward pass's side work
    /// (the data batch's by-columns copy) is finished before a layer reads the data batch, and
    /// in any case before this returns.
    func backward(_ buffers: BatchBuffers, rows: Int, fused: Bool, deferring: Bool = false) {
        precondition(buffers.training && buffers.layers.count == layers.count, "buffers not made for training this model")
        defer { buffers.finishSideWork() }
        let fusedLayer = fused ? outputLayerIndex : nil
        var gradient: UnsafeMutablePointer<Float>? = buffers.outputGradient.base
        for index in layers.indices.reversed() {
            if !deferring && buffers.values[index].isSparse { buffers.finishSideWork() }
            let pass = BackwardPass(
                input: buffers.values[index], output: buffers.values[index + 1], rows: rows, outputGradient: gradient,
                gradientIsPreActivation: index == fusedLayer, needsInputGradient: buffers.needsInputGradient[index],
                deferring: deferring, buffers: buffers.layers[index])
            buffers.passes[index] = pass
            gradient = layers[index].backward(pass)
        }
    }

    /// After ``backward(_:rows:fused:deferring:)`` with `deferring`: the rows `rows` of the
    /// gradient of parameter `parameter` of layer `layer`, if that layer left them.
    func finishGradient(_ buffers: BatchBuffers, of layer: Int, parameter: Int, rows: Range<Int>) {
        guard let pass = buffers.passes[layer] else { return }
        layers[layer].finishGradient(of: parameter, rows: rows, pass)
    }
}
