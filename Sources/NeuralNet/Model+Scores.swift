extension Model {
    /// The output layer's raw scores for one example — its pre-activations
    /// z = x · kernel + bias, before the activation turns them into the outputs that `predict`
    /// shows (softmax(z), sigmoid(z), …) — with x the values reaching that layer from the
    /// layers before it (run forward as `predict` runs them: dropout passes values through).
    /// `example` is one example's scaled input (``Dataset/scaledExample(_:)``: pixels / 255),
    /// as many values as one example of ``inputShape`` has. Nil when the layer the outputs come
    /// from (``outputLayerIndex``) is not a dense layer, or `example` has the wrong size.
    public func outputScores(for example: [Float]) -> [Float]? {
        guard let index = outputLayerIndex, let dense = layers[index].dense,
              example.count == inputShape.reduce(1, *) else { return nil }
        let buffers = BatchBuffers(model: self, features: example.count, capacity: 1, training: false)
        buffers.load(rows: Matrix(rows: 1, cols: example.count, values: example))
        _ = forward(buffers, rows: 1)
        // The output layer's input: a layer before it wrote it, or it is the example itself
        // (only flatten and dropout came before, which pass the data batch through).
        let input: [Float]
        if let values = buffers.values[index].denseValues {
            input = Array(UnsafeBufferPointer(start: values, count: dense.inputs))
        } else {
            guard example.count == dense.inputs else { return nil }
            input = example
        }
        let kernel = dense.kernel.values
        return dense.bias.values.enumerated().map { unit, bias in
            var sum = Double(bias)
            for i in 0..<dense.inputs { sum += Double(input[i]) * Double(kernel[i * dense.units + unit]) }
            return Float(sum)
        }
    }
}
