import Foundation
import Testing
@testable import NeuralNet

@Suite struct ActivationTests {
    /// LANGUAGE.md: `show softmax [2,1,0.1]` → `0.6590 0.2424 0.0986`, `sum = 1.0000`.
    @Test func softmaxReferenceValues() {
        let y = Activation.softmax([2, 1, 0.1])
        #expect(allClose(y, [0.6590, 0.2424, 0.0986], abs: 5e-5, rel: 0))
        #expect(y.map { String(format: "%.4f", $0) } == ["0.6590", "0.2424", "0.0986"])
        #expect(String(format: "%.4f", y.reduce(0, +)) == "1.0000")
    }

    /// LANGUAGE.md: `show sigmoid [2,1,0.1]` → `0.8808 0.7311 0.5250`, `sum = 2.1368`.
    @Test func sigmoidReferenceValues() {
        let y = Activation.sigmoid([2, 1, 0.1])
        #expect(y.map { String(format: "%.4f", $0) } == ["0.8808", "0.7311", "0.5250"])
        #expect(String(format: "%.4f", y.reduce(0, +)) == "2.1368")
    }

    @Test func softmaxOfExtremeValuesIsFinite() {
        let y = Activation.softmax([1000, 0, -1000])
        #expect(y.allSatisfy { $0.isFinite })
        #expect(y == [1, 0, 0])
        let equal = Activation.softmax([-1000, -1000])
        #expect(equal == [0.5, 0.5])
    }

    @Test(arguments: [
        [Float](arrayLiteral: 2, 1, 0.1), [0], [1000, 0, -1000], [-3, 88, 88, -1e30], [5, 5, 5, 5, 5],
    ])
    func softmaxRowsSumToOne(row: [Float]) {
        let y = Activation.softmax(row)
        #expect(y.allSatisfy { $0.isFinite && $0 >= 0 && $0 <= 1 })
        #expect(isClose(y.reduce(0, +), 1, abs: 1e-6, rel: 0))
    }

    /// Softmax works per row of a batch: each row is normalised on its own.
    @Test func softmaxIsPerRow() {
        var values: [Float] = [2, 1, 0.1, 1000, 0, -1000, 0, 0, 0]
        values.withUnsafeMutableBufferPointer { Activation.softmax.apply($0.baseAddress!, rows: 3, cols: 3) }
        #expect(allClose(Array(values[0..<3]), Activation.softmax([2, 1, 0.1])))
        #expect(Array(values[3..<6]) == [1, 0, 0])
        let third: Float = 1.0 / 3
        #expect(allClose(Array(values[6..<9]), [third, third, third]))
    }

    @Test func elementwiseActivations() {
        let z: [Float] = [-2, -0.5, 0, 0.5, 2]
        #expect(Activation.linear(z) == z)
        #expect(Activation.relu(z) == [0, 0, 0, 0.5, 2])
        #expect(allClose(Activation.tanh(z), z.map { Float(Foundation.tanh(Double($0))) }))
        #expect(allClose(Activation.sigmoid(z), z.map { Float(1 / (1 + Foundation.exp(-Double($0)))) }))
        #expect(Activation.sigmoid([-1000, 1000]) == [0, 1])
        #expect(Activation.tanh([-1000, 1000]) == [-1, 1])
        #expect(Activation.softmax([]) == [])
    }

    /// The derivatives, written in terms of the output y, against the documented table.
    @Test func backpropagateUsesTheDocumentedDerivatives() {
        let dy: [Float] = [0.3, -0.7, 1.1]
        func backprop(_ activation: Activation, _ y: [Float]) -> [Float] {
            var g = dy
            g.withUnsafeMutableBufferPointer { gp in
                y.withUnsafeBufferPointer { activation.backpropagate(gp.baseAddress!, output: $0.baseAddress!, rows: 1, cols: 3) }
            }
            return g
        }
        let y: [Float] = [0.2, 0.5, 0.9]
        #expect(backprop(.linear, y) == dy)
        let sigmoidExpected: [Float] = [0.3 * 0.2 * 0.8, -0.7 * 0.5 * 0.5, 1.1 * 0.9 * 0.1]
        #expect(allClose(backprop(.sigmoid, y), sigmoidExpected))
        let tanhExpected: [Float] = [0.3 * (1 - 0.04), -0.7 * (1 - 0.25), 1.1 * (1 - 0.81)]
        #expect(allClose(backprop(.tanh, y), tanhExpected))
        #expect(backprop(.relu, [0, 0.5, 2]) == [0, -0.7, 1.1])
        let s = Activation.softmax([2, 1, 0.1])
        let dot = zip(dy, s).map(*).reduce(0, +)
        #expect(allClose(backprop(.softmax, s), zip(dy, s).map { $1 * ($0 - dot) }))
    }

    @Test func namesLookUpCaseInsensitively() {
        #expect(Activation.named("ReLU") == .relu)
        #expect(Activation.named("Softmax") == .softmax)
        #expect(Activation.named("swish") == nil)
        #expect(Activation.names == ["sigmoid", "relu", "tanh", "softmax", "linear"])
    }
}
