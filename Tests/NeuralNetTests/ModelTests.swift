@testable import NeuralNet
import Testing
import TextFormat

@Suite struct ModelTests {
    /// The lessons' seed model: flatten → dense 256 sigmoid → dense 10 softmax on 28×28 digits.
    func seedModel(seed: UInt64 = 42) throws -> Model {
        try makeMNISTModel(seed: seed, hidden: 256)
    }

    @Test func seedModelShapesAndParameterCounts() throws {
        let model = try seedModel()
        #expect(model.layers.map(\.typeName) == ["Flatten", "Dense", "Dense"])
        #expect(model.layers.map(\.parameterCount) == [0, 200_960, 2_570])
        #expect(model.parameterCount == 203_530)
        #expect(model.outputShapes == [[784], [256], [10]])
        #expect(model.outputShape == [10])
        #expect(model.parameters.map(\.shape) == [[784, 256], [256], [256, 10], [10]])
        #expect(model.parameters.map(\.count).reduce(0, +) == 203_530)
        #expect(model.specs == [.flatten, .dense(units: 256, activation: .sigmoid), .dense(units: 10, activation: .softmax)])
        #expect(Shape.text(model.outputShapes[0], batch: true) == "(None, 784)")
        #expect(ByteCount.text(model.parameterCount * 4) == "795.04 KB")
    }

    @Test func emptyModelOutputsItsInput() {
        let model = Model(inputShape: [28, 28], seed: 1)
        #expect(model.outputShape == [28, 28])
        #expect(model.parameterCount == 0)
        #expect(model.denseLayers.isEmpty)
        #expect(model.removeLast() == nil)
    }

    /// Glorot-uniform kernels within ±√(6/(in+out)), zero biases; layer i draws from stream i + 1.
    @Test func initialWeightsFollowGlorotFromTheLayersStream() throws {
        let model = try seedModel(seed: 42)
        let dense = model.denseLayers
        for layer in dense {
            let limit = Dense.glorotLimit(inputs: layer.inputs, units: layer.units)
            #expect(layer.kernel.values.allSatisfy { abs($0) <= limit })
            #expect(layer.bias.values.allSatisfy { $0 == 0 })
            // Spread over the whole range, not a constant.
            #expect((layer.kernel.values.max() ?? 0) > 0.9 * limit)
            #expect((layer.kernel.values.min() ?? 0) < -0.9 * limit)
        }
        #expect(isClose(Dense.glorotLimit(inputs: 784, units: 256), (6.0 / 1040).squareRoot()))
        for (i, layer) in dense.enumerated() {
            var generator = SeededGenerator(seed: 42, stream: UInt64(i + 1))
            let limit = Dense.glorotLimit(inputs: layer.inputs, units: layer.units)
            let expected = (0..<layer.kernel.count).map { _ in generator.nextFloat(in: -limit, limit) }
            let difference = weightDifference([layer.kernel.values], [expected])
            #expect(difference == nil)
        }
    }

    @Test func denseWithoutFlattenThrows() throws {
        let model = Model(inputShape: [28, 28], seed: 1)
        let error = #expect(throws: ModelError.self) { try model.addDense(units: 10, activation: .softmax) }
        #expect(error == .denseNeedsFlatInput(shape: [28, 28]))
        #expect(error?.description == "a dense layer needs each example as one row of numbers, but it gets shape (28, 28)")
        #expect(model.layers.isEmpty)
    }

    @Test(arguments: [0, -3])
    func unitsMustBePositive(units: Int) throws {
        let model = Model(inputShape: [4], seed: 1)
        let error = #expect(throws: ModelError.self) { try model.addDense(units: units, activation: .relu) }
        #expect(error == .unitsMustBePositive(units))
        #expect(error?.description == "a dense layer needs at least 1 unit, got \(units)")
        #expect(model.layers.isEmpty)
    }

    /// 784 · 10⁸ + 10⁸ = 78,500,000,000 parameters at 16 bytes each: 1,256,000,000,000 bytes.
    @Test func hugeDenseLayerIsTooLarge() throws {
        let model = Model(inputShape: [28, 28], seed: 1)
        model.addFlatten()
        let error = #expect(throws: ModelError.self) { try model.addDense(units: 100_000_000, activation: .sigmoid) }
        #expect(error == .tooLarge(parameters: 78_500_000_000, bytes: 1_256_000_000_000, limitBytes: 2_147_483_648))
        #expect(error?.description == "this model would have 78500000000 parameters and need 1.14 TB to train, more than the 2.00 GB allowed")
        #expect(model.layers.count == 1)
    }

    /// The limit counts the layers already there.
    @Test func sizeLimitCountsExistingParameters() throws {
        let model = try seedModel()
        let error = #expect(throws: ModelError.self) { try model.addDense(units: 100_000_000, activation: .sigmoid) }
        let parameters = 203_530 + 10 * 100_000_000 + 100_000_000
        #expect(error == .tooLarge(parameters: parameters, bytes: parameters * 16, limitBytes: Model.memoryLimitBytes))
        // Exactly at the limit (2³¹ bytes = 2²⁷ parameters) is allowed, one unit more is not.
        #expect(throws: Never.self) { try Model.checkSize(existing: 0, inputs: 1, units: 1 << 26) }
        #expect(throws: ModelError.self) { try Model.checkSize(existing: 0, inputs: 1, units: (1 << 26) + 1) }
    }

    @Test func overflowingSizeIsTooLarge() throws {
        let model = Model(inputShape: [1000], seed: 1)
        let error = #expect(throws: ModelError.self) { try model.addDense(units: Int.max, activation: .linear) }
        #expect(error == .tooLarge(parameters: Int.max, bytes: Int.max, limitBytes: Model.memoryLimitBytes))
    }

    /// Removing the last layer and adding it again gives the same weights: a layer's start
    /// depends on the seed, its position and its size only.
    @Test func popAndAddAgain() throws {
        let model = try seedModel()
        let before = weights(of: model)
        let removed = try #require(model.removeLast())
        #expect(removed.typeName == "Dense")
        #expect(removed.dense?.units == 10)
        #expect(model.parameterCount == 200_960)
        #expect(model.outputShape == [256])
        try model.addDense(units: 10, activation: .softmax)
        let difference = weightDifference(weights(of: model), before)
        #expect(difference == nil)
        // A different layer in that position has different weights.
        model.removeLast()
        try model.addDense(units: 12, activation: .softmax)
        #expect(model.denseLayers[1].kernel.values.prefix(10) != before[2].prefix(10))
    }

    /// The model keeps its dense layers, parameter count and each kind's count as layers come
    /// and go (rather than recounting every layer on each change): after any adds and removes
    /// they are what a model built straight to the same layers has — the same dense layers, the
    /// same Keras names and the same weights (a layer's stream is its place among its kind).
    @Test func talliesFollowAddsAndRemoves() throws {
        let model = Model(inputShape: [28, 28], seed: 42)
        model.addFlatten()
        try model.addDense(units: 16, activation: .relu)
        try model.add(.dropout(rate: 0.5))
        try model.addDense(units: 12, activation: .relu)
        model.removeLast()
        model.removeLast()
        #expect(model.denseLayers.count == 1 && model.parameterCount == 784 * 16 + 16)
        try model.add(.dropout(rate: 0.2))
        try model.addDense(units: 10, activation: .softmax)
        let straight = Model(inputShape: [28, 28], seed: 42)
        for spec in [LayerSpec.flatten, .dense(units: 16, activation: .relu), .dropout(rate: 0.2), .dense(units: 10, activation: .softmax)] {
            try straight.add(spec)
        }
        for built in [model, model.copy()] {
            #expect(built.specs == straight.specs)
            #expect(built.layerNames == ["flatten", "dense", "dropout", "dense_1"])
            #expect(built.denseLayers.map(\.units) == [16, 10])
            #expect(built.parameterCount == 784 * 16 + 16 + 16 * 10 + 10)
            let difference = weightDifference(weights(of: built), weights(of: straight))
            #expect(difference == nil)
        }
        model.reinitialize(seed: 42)
        #expect(model.denseLayers.map(\.units) == [16, 10] && model.parameterCount == straight.parameterCount)
        while model.removeLast() != nil {}
        #expect(model.denseLayers.isEmpty && model.parameterCount == 0 && model.layers.isEmpty)
    }

    /// Adding a layer takes the same time however many the model has: 20,000 flatten layers
    /// (a script can add them) take well under a second, not the half a minute that recounting
    /// every layer on each add took.
    @Test func manyLayersAddInLinearTime() {
        let model = Model(inputShape: [28, 28], seed: 42)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<20_000 { model.addFlatten() }
        }
        #expect(model.layers.count == 20_000 && model.outputShape == [784])
        #expect(elapsed < .seconds(5), "20,000 flatten layers took \(elapsed)")
    }

    @Test func reinitializeRedrawsFromTheSeed() throws {
        let model = try seedModel(seed: 7)
        let fresh = weights(of: model)
        // Disturb the weights as training would.
        for p in model.parameters { p.assign(p.values.map { $0 + 0.5 }) }
        model.reinitialize(seed: 7)
        let restored = weightDifference(weights(of: model), fresh)
        #expect(restored == nil)
        #expect(model.specs == [.flatten, .dense(units: 256, activation: .sigmoid), .dense(units: 10, activation: .softmax)])
        model.reinitialize(seed: 8)
        #expect(model.seed == 8)
        let redrawn = weightDifference(weights(of: model), fresh)
        #expect(redrawn != nil)
        let asFresh = weightDifference(weights(of: model), weights(of: try seedModel(seed: 8)))
        #expect(asFresh == nil)
    }

    @Test func addSpecBuildsTheSameModel() throws {
        let model = Model(inputShape: [28, 28], seed: 42)
        for spec in try seedModel().specs { try model.add(spec) }
        let difference = weightDifference(weights(of: model), weights(of: try seedModel()))
        #expect(difference == nil)
    }

    /// Forward through the engine equals activation(x · W + b) computed by hand.
    @Test func predictComputesDenseLayers() throws {
        let model = Model(inputShape: [3], seed: 3)
        let first = try model.addDense(units: 2, activation: .relu)
        let second = try model.addDense(units: 2, activation: .softmax)
        first.kernel.assign([1, -1, 2, 0, 0, 1])  // 3×2
        first.bias.assign([0.5, -0.5])
        second.kernel.assign([1, 0, 0, 1])
        second.bias.assign([0, 1])
        let output = model.predict(rows: Matrix([[1, 1, 1], [0, 0, 0]]))
        // Row 1: z₁ = [1 + 2 + 0 + 0.5, −1 + 0 + 1 − 0.5] = [3.5, −0.5] → relu [3.5, 0] → z₂ = [3.5, 1].
        // Row 2: z₁ = [0.5, −0.5] → [0.5, 0] → z₂ = [0.5, 1].
        #expect(allClose(output.row(0), Activation.softmax([3.5, 1])))
        #expect(allClose(output.row(1), Activation.softmax([0.5, 1])))
    }

    @Test func shapeAndByteCountTexts() {
        #expect(Shape.text([28, 28]) == "(28, 28)")
        #expect(Shape.text([784]) == "(784,)")
        #expect(Shape.text([10], batch: true) == "(None, 10)")
        #expect(ByteCount.text(0) == "0.00 B")
        #expect(ByteCount.text(1023) == "1023.00 B")
        #expect(ByteCount.text(1024) == "1.00 KB")
        #expect(ByteCount.text(2 << 30) == "2.00 GB")
    }
}
