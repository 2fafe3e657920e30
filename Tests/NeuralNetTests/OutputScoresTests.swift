import Foundation
import Testing
@testable import NeuralNet

/// `Model.outputScores(for:)`: the output layer's pre-activations, which its activation turns
/// into exactly what `predict` returns.
struct OutputScoresTests {
    static func example(_ count: Int) -> [Float] {
        (0..<count).map { Float(($0 * 37) % 11) / 10 }
    }

    static func model(hidden: Bool, dropout: Bool, output: Activation) throws -> Model {
        let model = Model(inputShape: [4, 4], seed: 3)
        model.addFlatten()
        if dropout { try model.addDropout(rate: 0.5) }
        if hidden { try model.addDense(units: 6, activation: .relu) }
        try model.addDense(units: 5, activation: output)
        return model
    }

    @Test(arguments: [(false, false), (true, false), (false, true), (true, true)], Activation.allCases)
    func theActivationOfTheScoresIsThePrediction(layers: (hidden: Bool, dropout: Bool), output: Activation) throws {
        let model = try Self.model(hidden: layers.hidden, dropout: layers.dropout, output: output)
        let x = Self.example(16)
        let scores = try #require(model.outputScores(for: x))
        let outputs = model.predict(rows: Matrix(rows: 1, cols: 16, values: x)).values
        #expect(scores.count == 5)
        for (mine, theirs) in zip(output(scores), outputs) { #expect(abs(mine - theirs) < 1e-5) }
    }

    @Test func theScoresAreTheWeightedSumPlusTheBias() throws {
        let model = Model(inputShape: [3], seed: 5)
        let dense = try model.addDense(units: 2, activation: .sigmoid)
        let x: [Float] = [0.5, -1, 2]
        let w = dense.kernel.values, b = dense.bias.values
        let expected = (0..<2).map { u in b[u] + x[0] * w[u] + x[1] * w[2 + u] + x[2] * w[4 + u] }
        let scores = try #require(model.outputScores(for: x))
        for (mine, theirs) in zip(scores, expected) { #expect(abs(mine - theirs) < 1e-6) }
    }

    @Test func aWrongSizeOrNoDenseLayerGivesNone() throws {
        let model = try Self.model(hidden: true, dropout: false, output: .softmax)
        #expect(model.outputScores(for: Self.example(15)) == nil)
        let flat = Model(inputShape: [4, 4], seed: 1)
        flat.addFlatten()
        #expect(flat.outputScores(for: Self.example(16)) == nil)
    }
}
