import Testing
@testable import NeuralNet

/// Backpropagation against central finite differences, for every activation × loss, on a
/// 6 → 5 → 4 model. The weights are small and the biases chosen so that no pre-activation is
/// near relu's kink and no output is near cross-entropy's clip range [1e-7, 1 − 1e-7]: there the
/// loss is smooth and (L(w + h) − L(w − h)) / 2h approximates dL/dw to O(h²).
@Suite struct GradientTests {
    static let rows = 3
    static let inputs = 6, hidden = 5, outputs = 4
    static let labels: [UInt8] = [0, 3, 1]
    /// Finite-difference step and tolerances. The Float32 loss (≈ 0.1…1.5) is accurate to ~1e-7,
    /// so the difference quotient carries ~1e-5 of rounding noise plus O(h²) truncation; the
    /// observed disagreement is below 0.6 % everywhere.
    static let step: Float = 1e-2
    static let absoluteTolerance: Float = 2e-5
    static let relativeTolerance: Float = 1e-2

    /// The model and a workspace filled with inputs and labels. Weights: first kernel uniform in
    /// ±0.08, first bias alternating ±0.6 (so |z₁| ≥ 0.6 − 6·0.08 = 0.12: half the relu units are
    /// off, half on, none near 0); second kernel ±0.08, second bias 0.5 (so every output is in
    /// roughly 0.5 ± 0.45, inside (0, 1) for every activation).
    func setUp(_ activation: Activation, outputActivation: Activation) throws -> (Model, BatchBuffers, [Float]) {
        let model = Model(inputShape: [Self.inputs], seed: 11)
        let first = try model.addDense(units: Self.hidden, activation: activation)
        let second = try model.addDense(units: Self.outputs, activation: outputActivation)
        var generator = SeededGenerator(seed: 2024)
        first.kernel.assign((0..<first.kernel.count).map { _ in generator.nextFloat(in: -0.08, 0.08) })
        first.bias.assign((0..<Self.hidden).map { $0 % 2 == 0 ? 0.6 : -0.6 })
        second.kernel.assign((0..<second.kernel.count).map { _ in generator.nextFloat(in: -0.08, 0.08) })
        second.bias.assign([Float](repeating: 0.5, count: Self.outputs))

        let workspace = BatchBuffers(model: model, features: Self.inputs, capacity: Self.rows)
        let input = (0..<(Self.rows * Self.inputs)).map { _ in generator.nextFloat(in: -1, 1) }
        workspace.load(rows: Matrix(rows: Self.rows, cols: Self.inputs, values: input))
        for (r, label) in Self.labels.enumerated() { workspace.labels[r] = label }
        return (model, workspace, input)
    }

    /// The mean loss of the batch with the current weights (no gradient).
    func meanLoss(_ model: Model, _ workspace: BatchBuffers, _ loss: Loss) -> Double {
        let output = model.forward(workspace, rows: Self.rows)
        return loss.evaluate(
            outputs: output, labels: workspace.labels, rows: Self.rows, cols: Self.outputs,
            gradient: nil, fused: false) / Double(Self.rows)
    }

    /// (f(+h) − f(−h)) / 2h where `set` moves the value by the given offset.
    func centralDifference(set: (Float) -> Void, loss: () -> Double) -> Float {
        set(Self.step)
        let plus = loss()
        set(-Self.step)
        let minus = loss()
        set(0)
        return Float((plus - minus) / (2 * Double(Self.step)))
    }

    func expectMatches(
        analytic: [Float], numeric: [Float], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(analytic.count == numeric.count, sourceLocation: sourceLocation)
        for (i, (a, n)) in zip(analytic, numeric).enumerated() {
            #expect(
                isClose(a, n, abs: Self.absoluteTolerance, rel: Self.relativeTolerance),
                "\(what)[\(i)]: backprop \(a), finite difference \(n)", sourceLocation: sourceLocation)
        }
    }

    static let cases: [(Activation, Loss)] = Activation.allCases.flatMap { a in Loss.allCases.map { (a, $0) } }

    @Test("parameter and input gradients match finite differences", arguments: cases)
    func gradientsMatchFiniteDifferences(activation: Activation, loss: Loss) throws {
        // Softmax only makes sense on the output layer; its hidden counterpart is sigmoid.
        let hiddenActivation = activation == .softmax ? Activation.sigmoid : activation
        let (model, workspace, input) = try setUp(hiddenActivation, outputActivation: activation)
        let dense = model.denseLayers
        try #require(dense.count == 2)

        // The pre-activations stay clear of relu's kink by more than any finite-difference move.
        let z1 = preActivations(model, input)
        try #require(z1.allSatisfy { abs($0) > 0.1 }, "first-layer pre-activations too close to 0: \(z1)")

        // Backprop.
        let fused = loss.fusesWithSoftmax(activation)
        let output = model.forward(workspace, rows: Self.rows)
        let y = Array(UnsafeBufferPointer(start: output, count: Self.rows * Self.outputs))
        if loss == .crossentropy {
            try #require(y.allSatisfy { $0 > 0.01 && $0 < 0.99 }, "outputs near the clip range: \(y)")
        }
        _ = loss.evaluate(
            outputs: output, labels: workspace.labels, rows: Self.rows, cols: Self.outputs,
            gradient: workspace.outputGradient.base, fused: fused)
        model.backward(workspace, rows: Self.rows, fused: fused)

        // Every kernel and bias value.
        for (p, parameter) in model.parameters.enumerated() {
            let analytic = parameter.gradient
            // The comparison means something only if the gradients are well above the tolerance.
            #expect((analytic.map(abs).max() ?? 0) > 20 * Self.absoluteTolerance, "parameter \(p): \(analytic)")
            let numeric = (0..<parameter.count).map { i -> Float in
                let original = parameter[i]
                return centralDifference(
                    set: { parameter[i] = original + $0 },
                    loss: { meanLoss(model, workspace, loss) })
            }
            expectMatches(analytic: analytic, numeric: numeric, "\(activation)/\(loss) parameter \(p) \(parameter.shape)")
        }

        // The second layer's input gradient dL/dy₁, against moving the hidden outputs themselves.
        _ = model.forward(workspace, rows: Self.rows)
        let hiddenOutput = try #require(workspace.output(ofLayer: 0))
        let lastOutput = try #require(workspace.output(ofLayer: 1))
        let outputGradient = FloatBuffer(count: Self.rows * Self.outputs)
        _ = loss.evaluate(
            outputs: lastOutput, labels: workspace.labels, rows: Self.rows, cols: Self.outputs,
            gradient: outputGradient.base, fused: fused)
        let inputGradient = FloatBuffer(count: Self.rows * Self.hidden)
        dense[1].backward(
            input: hiddenOutput, output: lastOutput, rows: Self.rows, outputGradient: outputGradient.base,
            gradientIsPreActivation: fused, inputGradient: inputGradient.base)
        let numeric = (0..<(Self.rows * Self.hidden)).map { i -> Float in
            let original = hiddenOutput[i]
            return centralDifference(
                set: { hiddenOutput[i] = original + $0 },
                loss: {
                    dense[1].forward(hiddenOutput, rows: Self.rows, into: lastOutput)
                    return loss.evaluate(
                        outputs: lastOutput, labels: workspace.labels, rows: Self.rows, cols: Self.outputs,
                        gradient: nil, fused: false) / Double(Self.rows)
                })
        }
        expectMatches(analytic: inputGradient.array, numeric: numeric, "\(activation)/\(loss) dL/d(hidden output)")
        #expect((inputGradient.array.map(abs).max() ?? 0) > 20 * Self.absoluteTolerance)
    }

    /// z₁ = x · W₁ + b₁ computed naively.
    func preActivations(_ model: Model, _ input: [Float]) -> [Float] {
        let dense = model.denseLayers[0]
        var z: [Float] = []
        for r in 0..<Self.rows {
            for u in 0..<Self.hidden {
                var sum = dense.bias[u]
                for i in 0..<Self.inputs { sum += input[r * Self.inputs + i] * dense.kernel[i * Self.hidden + u] }
                z.append(sum)
            }
        }
        return z
    }

    /// Softmax with cross-entropy fuses into dL/dz = (y − onehot)/rows; the fused gradient must
    /// equal the unfused chain (cross-entropy's dL/dy, then softmax's Jacobian).
    @Test func fusedSoftmaxCrossEntropyEqualsTheChainRule() throws {
        let (model, workspace, _) = try setUp(.tanh, outputActivation: .softmax)
        let output = model.forward(workspace, rows: Self.rows)
        let count = Self.rows * Self.outputs
        let fusedGradient = FloatBuffer(count: count)
        _ = Loss.crossentropy.evaluate(
            outputs: output, labels: workspace.labels, rows: Self.rows, cols: Self.outputs,
            gradient: fusedGradient.base, fused: true)
        let chained = FloatBuffer(count: count)
        _ = Loss.crossentropy.evaluate(
            outputs: output, labels: workspace.labels, rows: Self.rows, cols: Self.outputs,
            gradient: chained.base, fused: false)
        Activation.softmax.backpropagate(chained.base, output: output, rows: Self.rows, cols: Self.outputs)
        #expect(allClose(fusedGradient.array, chained.array, abs: 1e-6, rel: 1e-4))
        // And it is (y − onehot) / rows.
        let y = Array(UnsafeBufferPointer(start: output, count: count))
        for r in 0..<Self.rows {
            for c in 0..<Self.outputs {
                let expected = (y[r * Self.outputs + c] - (c == Int(Self.labels[r]) ? 1 : 0)) / Float(Self.rows)
                #expect(isClose(fusedGradient.array[r * Self.outputs + c], expected))
            }
        }
    }
}
