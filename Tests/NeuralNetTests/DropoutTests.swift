import Foundation
import Testing
@testable import NeuralNet

/// Keras' `Dropout`: in training each value is zeroed with probability rate and the others scaled
/// by 1/(1 − rate); otherwise the values pass through. Tested through the layer, through a whole
/// model (the gradient against finite differences, with the mask held fixed) and through the
/// model file.
@Suite struct DropoutTests {
    // MARK: The rate

    @Test(arguments: [-0.1, 1, 1.5, Double.nan, Double.infinity])
    func rateOutside0To1IsRefused(rate: Double) throws {
        let model = Model(inputShape: [4], seed: 1)
        let error = #expect(throws: ModelError.self) { try model.addDropout(rate: rate) }
        guard case .invalidLayerSetting(let text) = error else {
            Issue.record("not an invalid setting: \(String(describing: error))")
            return
        }
        #expect(text.hasPrefix("a dropout rate is the fraction of values dropped in training: at least 0 and less than 1, got "))
        #expect(model.layers.isEmpty)
    }

    @Test func rateErrorNamesTheRate() throws {
        let model = Model(inputShape: [4], seed: 1)
        let error = #expect(throws: ModelError.self) { try model.add(.dropout(rate: 1.5)) }
        #expect(error?.description == "a dropout rate is the fraction of values dropped in training: at least 0 and less than 1, got 1.5")
    }

    @Test func dropoutKeepsTheShapeAndHasNoParameters() throws {
        let model = Model(inputShape: [28, 28], seed: 1)
        try model.addDropout(rate: 0)
        model.addFlatten()
        try model.addDropout(rate: 0.2)
        try model.addDense(units: 8, activation: .relu)
        try model.addDropout(rate: 0.5)
        #expect(model.outputShapes == [[28, 28], [784], [784], [8], [8]])
        #expect(model.layers.map(\.typeName) == ["Dropout", "Flatten", "Dropout", "Dense", "Dropout"])
        #expect(model.layers.map(\.parameterCount) == [0, 0, 0, 784 * 8 + 8, 0])
        #expect(model.layerNames == ["dropout", "flatten", "dropout_1", "dense", "dropout_2"])
        #expect(model.specs == [.dropout(rate: 0), .flatten, .dropout(rate: 0.2), .dense(units: 8, activation: .relu), .dropout(rate: 0.5)])
        #expect(model.specs.map(\.flowText) == ["dropout(0)", "flatten", "dropout(0.2)", "dense(8, relu)", "dropout(0.5)"])
        #expect(model.specs.map(\.commandText) == ["dropout 0", "flatten", "dropout 0.2", "dense 8 relu", "dropout 0.5"])
    }

    /// Dropout draws no weights: the dense layers around it start as in the model without it.
    @Test func dropoutLeavesTheDenseWeightsAlone() throws {
        let plain = try makeMNISTModel(seed: 42, hidden: 32)
        let model = Model(inputShape: [28, 28], seed: 42)
        model.addFlatten()
        try model.addDropout(rate: 0.3)
        try model.addDense(units: 32, activation: .sigmoid)
        try model.addDropout(rate: 0.3)
        try model.addDense(units: 10, activation: .softmax)
        #expect(weightDifference(weights(of: model), weights(of: plain)) == nil)
    }

    // MARK: Training and evaluation

    /// A dropout layer alone on `rows × width` dense values, with buffers for training.
    func dropoutOnDenseValues(rate: Double, rows: Int, width: Int, seed: UInt64 = 3) throws -> (Dropout, LayerBuffers) {
        let model = Model(inputShape: [width], seed: seed)
        let layer = try model.addDropout(rate: rate)
        let buffers = layer.makeBuffers(BufferRequest(capacity: rows, inputIsSparse: false, training: true, needsInputGradient: true))
        return (layer, buffers)
    }

    @Test(arguments: [0.2, 0.5, 0.75])
    func trainingZeroesAboutRateOfTheValuesAndScalesTheRest(rate: Double) throws {
        let rows = 200, width = 500
        let (layer, buffers) = try dropoutOnDenseValues(rate: rate, rows: rows, width: width)
        var generator = SeededGenerator(seed: 9)
        let x = FloatBuffer((0..<(rows * width)).map { _ in generator.nextFloat(in: 0.5, 1.5) })
        let output = layer.forward(.dense(x.base), rows: rows, buffers: buffers, training: true)
        let y = Array(UnsafeBufferPointer(start: try #require(output.denseValues), count: rows * width))
        let zeroed = y.filter { $0 == 0 }.count
        // 100,000 draws: the fraction's standard deviation is at most 0.0016, so 0.01 is > 6σ.
        #expect(abs(Double(zeroed) / Double(y.count) - rate) < 0.01, "\(zeroed) of \(y.count) zeroed")
        let scale = Float(1 / (1 - rate))
        for i in y.indices where y[i] != 0 {
            #expect(y[i] == x.base[i] * scale)
        }
        // The input is left as it was.
        #expect(x.base[0] >= 0.5)
        // The next batch draws a new mask.
        let again = layer.forward(.dense(x.base), rows: rows, buffers: buffers, training: true)
        let second = Array(UnsafeBufferPointer(start: try #require(again.denseValues), count: rows * width))
        #expect(second != y)
    }

    @Test func outsideTrainingValuesPassThrough() throws {
        let (layer, buffers) = try dropoutOnDenseValues(rate: 0.5, rows: 4, width: 10)
        let x = FloatBuffer((0..<40).map { Float($0) + 1 })
        let output = layer.forward(.dense(x.base), rows: 4, buffers: buffers, training: false)
        #expect(output.denseValues == x.base)
        // No buffers at all when made for inference.
        let inference = layer.makeBuffers(BufferRequest(capacity: 4, inputIsSparse: false, training: false, needsInputGradient: false))
        #expect(inference.output.count == 0 && inference.state.count == 0)
    }

    /// `evaluate` and `predict` (and so `confusion`) give exactly what the model without its
    /// dropout layers gives, also after training.
    @Test func evaluateAndPredictPassValuesThrough() throws {
        let data = generatedDataset(count: 60, shape: [4, 4])
        let model = Model(inputShape: [4, 4], seed: 4)
        model.addFlatten()
        try model.addDropout(rate: 0.4)
        try model.addDense(units: 12, activation: .relu)
        try model.addDropout(rate: 0.5)
        try model.addDense(units: 10, activation: .softmax)
        let trainer = Trainer(model: model, seed: 4)
        try trainer.fit(data, epochs: 2, batchSize: 8)

        let plain = Model(inputShape: [4, 4], seed: 4)
        plain.addFlatten()
        try plain.addDense(units: 12, activation: .relu)
        try plain.addDense(units: 10, activation: .softmax)
        for (p, values) in zip(plain.parameters, weights(of: model)) { p.assign(values) }

        let indices = Array(0..<data.count)
        #expect(model.predict(data, indices: indices) == plain.predict(data, indices: indices))
        #expect(try trainer.evaluate(data) == Trainer(model: plain, seed: 4).evaluate(data))
        // And again: evaluation draws no masks.
        #expect(model.predict(data, indices: indices) == plain.predict(data, indices: indices))
    }

    /// On the data batch (dropout before the first dense layer) the stored values are masked.
    @Test func dropoutOnTheDataBatchMasksItsValues() throws {
        let rows = 50, width = 64
        let model = Model(inputShape: [width], seed: 8)
        let layer = try model.addDropout(rate: 0.25)
        let buffers = layer.makeBuffers(BufferRequest(capacity: rows, inputIsSparse: true, training: true, needsInputGradient: false))
        var generator = SeededGenerator(seed: 10)
        let input = Matrix(rows: rows, cols: width, values: (0..<(rows * width)).map { _ in generator.nextFloat(in: 0.5, 1) })
        let batch = SparseBatch(capacity: rows, columns: width)
        input.values.withUnsafeBufferPointer { if let base = $0.baseAddress { batch.load(base, rows: rows) } }
        let output = layer.forward(.sparse(batch), rows: rows, buffers: buffers, training: true)
        guard case .sparse(let masked) = output.storage else {
            Issue.record("dropout made the data batch dense")
            return
        }
        // Multiply by an identity kernel to read the masked values back.
        let identity = Model(inputShape: [width], seed: 1)
        let dense = try identity.addDense(units: width, activation: .linear)
        dense.kernel.assign((0..<(width * width)).map { $0 / width == $0 % width ? 1 : 0 })
        let y = FloatBuffer(count: rows * width)
        masked.multiply(by: dense, units: 0..<width, into: y.base)
        let scale = Float(1 / 0.75)
        var zeroed = 0
        for i in 0..<(rows * width) {
            if y.base[i] == 0 { zeroed += 1 } else { #expect(isClose(y.base[i], input.values[i] * scale)) }
        }
        #expect(abs(Double(zeroed) / Double(rows * width) - 0.25) < 0.05)
        #expect(layer.forward(.sparse(batch), rows: rows, buffers: buffers, training: false).isSparse)
    }

    // MARK: Gradients

    static let rows = 4, inputs = 6, hidden = 7, outputs = 4
    static let labels: [UInt8] = [0, 3, 1, 2]

    /// dropout(inputRate) → dense(7, tanh) → dropout(0.4) → dense(4, softmax) on 6 inputs, with
    /// small weights and the biases chosen to keep outputs clear of cross-entropy's clipping.
    func gradientModel(inputRate: Double) throws -> (Model, BatchBuffers) {
        let model = Model(inputShape: [Self.inputs], seed: 21)
        if inputRate > 0 { try model.addDropout(rate: inputRate) }
        let first = try model.addDense(units: Self.hidden, activation: .tanh)
        try model.addDropout(rate: 0.4)
        let second = try model.addDense(units: Self.outputs, activation: .softmax)
        var generator = SeededGenerator(seed: 77)
        first.kernel.assign((0..<first.kernel.count).map { _ in generator.nextFloat(in: -0.5, 0.5) })
        first.bias.assign((0..<Self.hidden).map { _ in generator.nextFloat(in: -0.3, 0.3) })
        second.kernel.assign((0..<second.kernel.count).map { _ in generator.nextFloat(in: -0.5, 0.5) })
        second.bias.assign([Float](repeating: 0.1, count: Self.outputs))
        let buffers = BatchBuffers(model: model, features: Self.inputs, capacity: Self.rows)
        let input = (0..<(Self.rows * Self.inputs)).map { _ in generator.nextFloat(in: -1, 1) }
        buffers.load(rows: Matrix(rows: Self.rows, cols: Self.inputs, values: input))
        for (r, label) in Self.labels.enumerated() { buffers.labels[r] = label }
        return (model, buffers)
    }

    /// Runs `body` with every dropout layer drawing the same masks each time (its generator set
    /// back before each forward pass): the mask is held fixed while weights move.
    func withFixedMasks(_ model: Model, _ body: (_ restore: () -> Void) throws -> Void) rethrows {
        let dropouts = model.layers.compactMap { $0 as? Dropout }
        let saved = dropouts.map(\.generator)
        try body { for (layer, generator) in zip(dropouts, saved) { layer.generator = generator } }
    }

    @Test("gradients through dropout match finite differences", arguments: [0, 0.3], Loss.allCases)
    func gradientsThroughDropoutMatchFiniteDifferences(inputRate: Double, loss: Loss) throws {
        let (model, buffers) = try gradientModel(inputRate: inputRate)
        try withFixedMasks(model) { restore in
            let fused = model.fuses(with: loss)
            #expect(fused == (loss == .crossentropy))
            restore()
            let output = model.forward(buffers, rows: Self.rows, training: true)
            // The hidden dropout really drops something (so the test sees the mask).
            let dropoutIndex = try #require(model.layers.lastIndex { $0 is Dropout })
            let mask = buffers.layers[dropoutIndex].state.array.prefix(Self.rows * Self.hidden)
            try #require(mask.contains(0) && mask.contains { $0 != 0 }, "mask \(mask)")
            _ = loss.evaluate(
                outputs: output, labels: buffers.labels, rows: Self.rows, cols: Self.outputs,
                gradient: buffers.outputGradient.base, fused: fused)
            model.backward(buffers, rows: Self.rows, fused: fused)

            func meanLoss() -> Double {
                restore()
                let y = model.forward(buffers, rows: Self.rows, training: true)
                return loss.evaluate(outputs: y, labels: buffers.labels, rows: Self.rows, cols: Self.outputs, gradient: nil, fused: false)
                    / Double(Self.rows)
            }
            let step: Float = 1e-2
            for (p, parameter) in model.parameters.enumerated() {
                let analytic = parameter.gradient
                #expect((analytic.map(abs).max() ?? 0) > 1e-3, "parameter \(p): \(analytic)")
                for i in 0..<parameter.count {
                    let original = parameter[i]
                    parameter[i] = original + step
                    let plus = meanLoss()
                    parameter[i] = original - step
                    let minus = meanLoss()
                    parameter[i] = original
                    let numeric = Float((plus - minus) / (2 * Double(step)))
                    #expect(isClose(analytic[i], numeric, abs: 3e-5, rel: 1e-2),
                            "\(loss) input rate \(inputRate) parameter \(p)[\(i)]: backprop \(analytic[i]), finite difference \(numeric)")
                }
            }
        }
    }

    /// The training step's own backward pass (the first kernel's gradient finished piece by
    /// piece, beside the update) gives the gradient a plain backward pass gives, with dropout
    /// on the data batch and between the dense layers.
    @Test func trainingStepGradientEqualsThePlainBackwardPass() throws {
        let data = generatedDataset(count: 40)
        let model = Model(inputShape: [4, 4], seed: 6)
        model.addFlatten()
        try model.addDropout(rate: 0.3)
        try model.addDense(units: 16, activation: .sigmoid)
        try model.addDropout(rate: 0.5)
        try model.addDense(units: 10, activation: .softmax)
        let before = model.copy()  // the same weights and the same place in the mask streams
        let trainer = Trainer(model: model, optimizer: .defaultSGD, seed: 5)
        try trainer.fit(data, epochs: 1, batchSize: 40)
        let kept = model.parameters.map(\.gradient)

        var shuffler = SeededGenerator(seed: 5, stream: 0)
        var order = Array(0..<40)
        shuffler.shuffle(&order)
        let buffers = BatchBuffers(model: before, features: 16, capacity: 40)
        let images = SparseImages(data)
        order.withUnsafeBufferPointer { if let base = $0.baseAddress { buffers.load(images, order: base, start: 0, rows: 40) } }
        let output = before.forward(buffers, rows: 40, training: true)
        _ = Loss.crossentropy.evaluate(
            outputs: output, labels: buffers.labels, rows: 40, cols: 10, gradient: buffers.outputGradient.base, fused: true)
        before.backward(buffers, rows: 40, fused: true)
        for (a, b) in zip(kept, before.parameters.map(\.gradient)) {
            #expect(allClose(a, b, abs: 1e-6, rel: 1e-5))
        }
    }

    /// The same seed gives the same training with dropout; a copy goes on as the original does.
    @Test func trainingWithDropoutIsReproducible() throws {
        func build() throws -> Model {
            let model = Model(inputShape: [4, 4], seed: 12)
            model.addFlatten()
            try model.addDropout(rate: 0.2)
            try model.addDense(units: 16, activation: .relu)
            try model.addDropout(rate: 0.5)
            try model.addDense(units: 10, activation: .softmax)
            return model
        }
        let data = generatedDataset(count: 64)
        let one = try build(), two = try build()
        let first = try Trainer(model: one, seed: 12).fit(data, epochs: 2, batchSize: 16)
        let trainer = Trainer(model: two, seed: 12)
        let second = try trainer.fit(data, epochs: 2, batchSize: 16)
        #expect(first.records.map(\.loss) == second.records.map(\.loss))
        #expect(weightDifference(weights(of: one), weights(of: two)) == nil)

        let twin = trainer.copy(for: two.copy())
        try trainer.fit(data, epochs: 1, batchSize: 16)
        try twin.fit(data, epochs: 1, batchSize: 16)
        #expect(weightDifference(weights(of: two), weights(of: twin.model)) == nil)
    }

    /// The masks come from streams of their own: the shuffles and the dense weights are those of
    /// the model without dropout, and training differs from it only through the masks.
    @Test func masksUseStreamsOfTheirOwn() throws {
        let model = Model(inputShape: [4], seed: 3)
        let first = try model.addDropout(rate: 0.5)
        let second = try model.addDropout(rate: 0.5)
        var expected = SeededGenerator(seed: 3, stream: 1 << 63)
        var actual = first.generator
        #expect(actual.next() == expected.next())
        var otherExpected = SeededGenerator(seed: 3, stream: (1 << 63) + 1)
        var other = second.generator
        #expect(other.next() == otherExpected.next())
        for stream: UInt64 in 0...4 {
            var g = SeededGenerator(seed: 3, stream: stream)
            var d = first.generator
            #expect(g.next() != d.next())
        }
    }

    // MARK: The model file

    func savedDropoutModel() throws -> SavedModel {
        let model = Model(inputShape: [2, 2], seed: 7)
        model.addFlatten()
        try model.addDense(units: 3, activation: .relu)
        try model.addDropout(rate: 0.25)
        try model.addDense(units: 2, activation: .softmax)
        return SavedModel(model: model, optimizer: .adam(), loss: .crossentropy, batchSize: 4, history: [])
    }

    @Test func dropoutIsSavedInVersion3AndReadBack() throws {
        let saved = try savedDropoutModel()
        let bytes = ModelFile.encode(saved)
        let header = String(decoding: bytes.dropFirst(16), as: UTF8.self)
        #expect(header.contains(#"{"rate":0.25,"type":"dropout"}"#))
        #expect(header.contains(#""tensors":[{"name":"dense/kernel","shape":[4,3]},{"name":"dense/bias","shape":[3]},{"name":"dense_1/kernel","shape":[3,2]},{"name":"dense_1/bias","shape":[2]}],"version":3}"#))
        let read = try ModelFile.decode(bytes, file: "d.model")
        #expect(read == saved)
        let rebuilt = try read.makeModel()
        #expect(rebuilt.specs == [.flatten, .dense(units: 3, activation: .relu), .dropout(rate: 0.25), .dense(units: 2, activation: .softmax)])
    }

    @Test func modelsWithoutDropoutStayInVersion2() throws {
        var saved = try savedDropoutModel()
        saved.layers.remove(at: 2)
        let header = String(decoding: ModelFile.encode(saved).dropFirst(16), as: UTF8.self)
        #expect(header.contains(#""version":2}"#))
    }

    func headerError(_ replace: (String) -> String) throws -> String {
        let bytes = ModelFile.encode(try savedDropoutModel())
        let length = (0..<4).reduce(0) { $0 | Int(bytes[12 + $1]) << (8 * $1) }
        let header = replace(String(decoding: bytes[16..<(16 + length)], as: UTF8.self))
        var changed = Array(bytes[0..<12])
        let count = UInt32(header.utf8.count)
        for shift in stride(from: 0, to: 32, by: 8) { changed.append(UInt8(truncatingIfNeeded: count >> UInt32(shift))) }
        changed += Array(header.utf8) + bytes[(16 + length)...]
        do {
            _ = try ModelFile.decode(changed, file: "d.model")
        } catch {
            return error.description
        }
        return "no error"
    }

    @Test func dropoutInAVersion2FileIsRefused() throws {
        let text = try headerError { $0.replacing(#""version":3"#, with: #""version":2"#) }
        #expect(text == #"d.model has `layers[2].type` set to "dropout"; it should be one of flatten and dense, the layer types of version 2 (dropout layers came in version 3 of the model format)"#)
    }

    @Test(arguments: ["1", "1.5", "-0.25"])
    func aRateOutOfRangeInTheFileIsRefused(rate: String) throws {
        let text = try headerError { $0.replacing(#""rate":0.25"#, with: #""rate":"# + rate) }
        #expect(text == "d.model has `layers[2].rate` set to \(rate); it should be a number at least 0 and less than 1")
        let asText = try headerError { $0.replacing(#""rate":0.25"#, with: #""rate":"0.25""#) }
        #expect(asText == #"d.model has `layers[2].rate` set to "0.25"; it should be a number"#)
        let missing = try headerError { $0.replacing(#""rate":0.25,"#, with: "") }
        #expect(missing == "d.model has no `layers[2].rate` in its header")
    }

    @Test func unknownLayerTypeListsTheKindsOfTheVersion() throws {
        let text = try headerError { $0.replacing(#""type":"dropout""#, with: #""type":"conv2d""#) }
        #expect(text == #"d.model has `layers[2].type` set to "conv2d", a layer type this tutor does not know (it knows flatten, dense and dropout)"#)
    }

    /// Every kind in the registry reads back what it writes.
    @Test func everyRegisteredKindRoundTrips() throws {
        let specs: [LayerSpec] = [.flatten, .dense(units: 5, activation: .tanh), .dropout(rate: 0.125)]
        #expect(Set(specs.map(\.kerasClassName)) == Set(LayerRegistry.kinds.map { $0.kerasClassName }))
        for spec in specs { #expect(LayerRegistry.kind(named: spec.kerasBaseName) != nil) }
        let saved = SavedModel(
            inputShape: [3, 3], layers: specs, seed: 1, optimizer: .defaultSGD, loss: .mse, batchSize: 2, history: [],
            weights: [[Float](repeating: 0.5, count: 45), [Float](repeating: 0, count: 5)])
        #expect(try ModelFile.decode(ModelFile.encode(saved), file: "r.model") == saved)
    }

    @Test func kerasCalls() {
        #expect(LayerSpec.dropout(rate: 0.2).kerasCall == KerasCall("Dropout", [.positional(.double(0.2))]))
        #expect(LayerSpec.flatten.kerasCall == KerasCall("Flatten"))
        #expect(LayerSpec.dense(units: 256, activation: .sigmoid).kerasCall
            == KerasCall("Dense", [.positional(.int(256)), .keyword("activation", .string("sigmoid"))]))
    }
}
