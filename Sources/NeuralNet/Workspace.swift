/// The scratch memory for passing up to `capacity` examples through a model: the scaled inputs,
/// their labels, and for each dense layer its outputs and the gradient flowing back into it.
/// Made once per `fit`/`evaluate` call, then reused for every batch.
final class Workspace {
    let capacity: Int
    /// The batch's inputs, compressed for the first dense layer.
    let sparseInput: SparseBatch
    let labels: UnsafeMutablePointer<UInt8>
    /// `outputs[i]` and `gradients[i]` belong to dense layer i: capacity × units each.
    let outputs: [FloatBuffer]
    let gradients: [FloatBuffer]

    init(dense: [Dense], features: Int, capacity: Int) {
        self.capacity = capacity
        sparseInput = SparseBatch(capacity: capacity, columns: features)
        labels = .allocate(capacity: capacity)
        labels.initialize(repeating: 0, count: capacity)
        outputs = dense.map { FloatBuffer(count: capacity * $0.units) }
        gradients = dense.map { FloatBuffer(count: capacity * $0.units) }
    }

    deinit { labels.deallocate() }

    /// Loads the examples `order[start ..< start + rows]` of `images` and their labels (the
    /// inputs by rows; ``Model/forward(_:rows:transposing:)`` makes the by-columns copy).
    func load(_ images: SparseImages, order: UnsafePointer<Int>, start: Int, rows: Int) {
        sparseInput.load(images, order: order, start: start, rows: rows)
        images.data.labels.withUnsafeBufferPointer { source in
            for r in 0..<rows { labels[r] = source[order[start + r]] }
        }
    }

    /// Loads already-scaled input rows (labels are left as they are).
    func load(rows input: Matrix) {
        input.values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { sparseInput.load(base, rows: input.rows) }
        }
    }
}

extension Model {
    /// Runs the `rows` examples loaded into `workspace` forward; returns the last dense layer's
    /// outputs (the model's outputs — a flatten after it changes nothing for one row per example).
    /// When `transposing`, the inputs' by-columns copy that backpropagation needs is made at the
    /// same time, by whichever thread is free.
    func forward(_ workspace: Workspace, rows: Int, transposing: Bool = false) -> UnsafeMutablePointer<Float> {
        var last: UnsafeMutablePointer<Float>?
        for (i, dense) in denseLayers.enumerated() {
            let output = workspace.outputs[i].base
            if i == 0 {
                dense.forward(workspace.sparseInput, rows: rows, into: output, transposing: transposing)
            } else {
                dense.forward(workspace.outputs[i - 1].base, rows: rows, into: output)
            }
            last = output
        }
        guard let last else { preconditionFailure("forward needs a dense layer; callers check first") }
        return last
    }

    /// Backpropagates from `workspace.gradients[last]` (already dL/dy, or dL/dz when `fused`),
    /// filling every parameter's gradient.
    func backward(_ workspace: Workspace, rows: Int, fused: Bool) {
        workspace.sparseInput.transpose()
        backwardUpperLayers(workspace, rows: rows, fused: fused)
        guard let first = denseLayers.first else { return }
        backwardFirstLayer(workspace, rows: rows, fused: fused)
        firstKernelGradient(workspace, inputs: 0..<first.inputs)
    }

    /// Backpropagates through every dense layer but the first, down to the first layer's
    /// output gradient.
    func backwardUpperLayers(_ workspace: Workspace, rows: Int, fused: Bool) {
        let dense = denseLayers
        for i in stride(from: dense.count - 1, through: 1, by: -1) {
            dense[i].backward(
                input: workspace.outputs[i - 1].base, output: workspace.outputs[i].base, rows: rows,
                outputGradient: workspace.gradients[i].base, gradientIsPreActivation: fused && i == dense.count - 1,
                inputGradient: workspace.gradients[i - 1].base)
        }
    }

    /// The first dense layer's dL/dz and bias gradient (its kernel gradient comes separately, from
    /// ``firstKernelGradient(_:inputs:)``, so that threads can share it).
    func backwardFirstLayer(_ workspace: Workspace, rows: Int, fused: Bool) {
        denseLayers.first?.backwardToPreActivation(
            output: workspace.outputs[0].base, rows: rows, outputGradient: workspace.gradients[0].base,
            gradientIsPreActivation: fused && denseLayers.count == 1)
    }

    /// The first dense layer's kernel gradient, for the kernel rows in `inputs` (the inputs'
    /// by-columns copy must have been made: see ``forward(_:rows:transposing:)``).
    func firstKernelGradient(_ workspace: Workspace, inputs: Range<Int>) {
        guard let first = denseLayers.first else { return }
        workspace.sparseInput.kernelGradient(workspace.gradients[0].base, for: first, inputs: inputs)
    }
}
