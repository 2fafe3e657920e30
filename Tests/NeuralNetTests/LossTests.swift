import Foundation
import Testing
@testable import NeuralNet

@Suite struct LossTests {
    /// The summed loss and the gradient of the mean loss for rows of outputs.
    func evaluate(_ loss: Loss, _ outputs: [[Float]], labels: [UInt8], fused: Bool = false) -> (total: Double, gradient: [Float]) {
        let rows = outputs.count, cols = outputs[0].count
        let y = outputs.flatMap { $0 }
        var gradient = [Float](repeating: .nan, count: y.count)
        let total = y.withUnsafeBufferPointer { yp in
            labels.withUnsafeBufferPointer { lp in
                gradient.withUnsafeMutableBufferPointer { gp in
                    loss.evaluate(
                        outputs: yp.baseAddress!, labels: lp.baseAddress!, rows: rows, cols: cols,
                        gradient: gp.baseAddress!, fused: fused)
                }
            }
        }
        return (total, gradient)
    }

    /// Keras rescales non-softmax outputs to sum to one: sigmoid outputs [0.9, 0.6, 0.3] with
    /// label 1 give −log(0.6 / 1.8) = log 3.
    @Test func crossEntropyOfSigmoidOutputsIsRescaled() {
        let (total, gradient) = evaluate(.crossentropy, [[0.9, 0.6, 0.3]], labels: [1])
        #expect(isClose(total, log(3.0), abs: 1e-6, rel: 1e-6))
        // dL/dy_j = 1/Σc − [j = t]/c_t = 1/1.8, 1/1.8 − 1/0.6, 1/1.8.
        #expect(allClose(gradient, [1 / 1.8, 1 / 1.8 - 1 / 0.6, 1 / 1.8]))
    }

    /// For a softmax row (sum 1) it is the familiar −log y_t.
    @Test func crossEntropyOfSoftmaxOutputsIsMinusLogOfTheTarget() {
        let y = Activation.softmax([2, 1, 0.1])
        let (total, _) = evaluate(.crossentropy, [y], labels: [0])
        #expect(isClose(total, -log(Double(y[0])), abs: 1e-6, rel: 1e-6))
        #expect(isClose(total, 0.4170, abs: 1e-4, rel: 0))
    }

    /// Outputs are clipped to [1e-7, 1 − 1e-7]; clipped outputs get no gradient.
    @Test func crossEntropyClipsAndStopsTheGradientOutsideTheRange() {
        let (total, gradient) = evaluate(.crossentropy, [[0, 1, 0]], labels: [0])
        // c = [1e-7, 1 − 1e-7, 1e-7] in Float32; L = −log(1e-7 / Σc) ≈ 16.118.
        let eps = Double(Loss.epsilon)
        let sum = Double(Float(eps) + (1 - Float(eps)) + Float(eps))
        #expect(isClose(total, -log(eps / sum), abs: 1e-4, rel: 1e-5))
        #expect(total.isFinite)
        #expect(gradient == [0, 0, 0])
    }

    /// The batch loss is summed here; the gradient is that of the mean, so divided by the rows.
    @Test func gradientIsOfTheMeanOverRows() {
        let rows: [[Float]] = [[0.9, 0.6, 0.3], [0.2, 0.2, 0.6]]
        let (total, gradient) = evaluate(.crossentropy, rows, labels: [1, 2])
        #expect(isClose(total, log(3.0) + -log(0.6), abs: 1e-6, rel: 1e-6))
        let expected: [Float] = [1 / 1.8, 1 / 1.8 - 1 / 0.6, 1 / 1.8, 1, 1, 1 - 1 / 0.6].map { $0 / 2 }
        #expect(allClose(gradient, expected))
    }

    /// mse against one-hot: y = [0.1, 0.7, 0.2], label 1 → (0.01 + 0.09 + 0.04)/3 = 0.046667,
    /// dL/dy = (2/3)(y − onehot) = [0.066667, −0.2, 0.133333].
    @Test func meanSquaredErrorOnAHandExample() {
        let (total, gradient) = evaluate(.mse, [[0.1, 0.7, 0.2]], labels: [1])
        #expect(isClose(total, 0.14 / 3, abs: 1e-7, rel: 1e-6))
        #expect(allClose(gradient, [0.2 / 3, -0.6 / 3, 0.4 / 3]))
        // Two rows: summed loss, gradient of the mean.
        let (two, twoGradient) = evaluate(.mse, [[0.1, 0.7, 0.2], [1, 0, 0]], labels: [1, 0])
        #expect(isClose(two, 0.14 / 3, abs: 1e-7, rel: 1e-6))
        #expect(allClose(twoGradient, [0.1 / 3, -0.3 / 3, 0.2 / 3, 0, 0, 0]))
    }

    /// Fused with softmax, the gradient is dL/dz = (y − onehot)/rows.
    @Test func fusedGradientIsOutputMinusOneHot() {
        let y = Activation.softmax([2, 1, 0.1])
        let (_, gradient) = evaluate(.crossentropy, [y, y], labels: [2, 0], fused: true)
        let expected = [y[0], y[1], y[2] - 1, y[0] - 1, y[1], y[2]].map { $0 / 2 }
        #expect(allClose(gradient, expected))
        #expect(Loss.crossentropy.fusesWithSoftmax(.softmax))
        #expect(!Loss.crossentropy.fusesWithSoftmax(.sigmoid))
        #expect(!Loss.mse.fusesWithSoftmax(.softmax))
    }

    @Test func namesIncludeKerasLongNames() {
        #expect(Loss.named("sparse_categorical_crossentropy") == .crossentropy)
        #expect(Loss.named("CrossEntropy") == .crossentropy)
        #expect(Loss.named("mean_squared_error") == .mse)
        #expect(Loss.named("hinge") == nil)
        #expect(Loss.crossentropy.kerasName == "sparse_categorical_crossentropy")
        #expect(Loss.mse.kerasName == "mean_squared_error")
    }
}
