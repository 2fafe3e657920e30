/// The scratch memory for passing up to `capacity` examples through a model: the scaled inputs,
/// their labels, and for each dense layer its outputs and the gradient flowing back into it.
/// Made once per `fit`/`evaluate` call, then reused for every batch.
final class Workspace {
    let capacity: Int
    let input: FloatBuffer
    let labels: UnsafeMutablePointer<UInt8>
    /// `outputs[i]` and `gradients[i]` belong to dense layer i: capacity × units each.
    let outputs: [FloatBuffer]
    let gradients: [FloatBuffer]

    init(dense: [Dense], features: Int, capacity: Int) {
        self.capacity = capacity
        input = FloatBuffer(count: capacity * features)
        labels = .allocate(capacity: capacity)
        labels.initialize(repeating: 0, count: capacity)
        outputs = dense.map { FloatBuffer(count: capacity * $0.units) }
        gradients = dense.map { FloatBuffer(count: capacity * $0.units) }
    }

    deinit { labels.deallocate() }
}

extension Model {
    /// Runs `rows` examples already in `workspace.input` forward; returns the last dense layer's
    /// outputs (the model's outputs — a flatten after it changes nothing for one row per example).
    func forward(_ workspace: Workspace, rows: Int) -> UnsafeMutablePointer<Float> {
        var input = UnsafePointer(workspace.input.base)
        var last = workspace.input.base
        for (i, dense) in denseLayers.enumerated() {
            let output = workspace.outputs[i].base
            dense.forward(input, rows: rows, into: output)
            input = UnsafePointer(output)
            last = output
        }
        return last
    }

    /// Backpropagates from `workspace.gradients[last]` (already dL/dy, or dL/dz when `fused`),
    /// filling every parameter's gradient.
    func backward(_ workspace: Workspace, rows: Int, fused: Bool) {
        let dense = denseLayers
        for i in stride(from: dense.count - 1, through: 0, by: -1) {
            let input = i == 0 ? workspace.input.base : workspace.outputs[i - 1].base
            dense[i].backward(
                input: input, output: workspace.outputs[i].base, rows: rows,
                outputGradient: workspace.gradients[i].base,
                gradientIsPreActivation: fused && i == dense.count - 1,
                inputGradient: i == 0 ? nil : workspace.gradients[i - 1].base)
        }
    }
}
