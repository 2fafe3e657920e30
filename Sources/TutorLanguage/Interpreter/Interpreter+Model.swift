import NeuralNet
import TextFormat

extension Interpreter {
    /// `layer …`: checks the layer on the model's output (making the model with the first layer)
    /// and shows the shape flow, `784 → dense(256, sigmoid) → 256   params 784·256 + 256 = 200,960`.
    func addLayer(_ s: Statement, _ spec: LayerSpec, emit: (Output) -> Void) throws(Diagnostic) {
        let data = try requireData(s, toAdd: "layer " + (spec.commandText.split(separator: " ").first.map(String.init) ?? ""))
        let existing = session.model
        let model = existing ?? Model(inputShape: data.train.exampleShape, seed: session.seed)
        let input = model.outputShape
        do {
            try model.add(spec)
        } catch .denseNeedsFlatInput(let shape) {
            throw s.diagnostic(
                "a dense layer needs each example as one row of numbers, but here each example is \(Shape.text(shape))",
                at: 1, suggestion: "add `layer flatten` first: it turns \(shape.map(String.init).joined(separator: "×")) into \(shape.reduce(1, *))")
        } catch .tooLarge(let parameters, let bytes, let limit) {
            let size = parameters == Int.max ? "more memory than any computer has" : "\(ByteCount.text(bytes)) for its \(Thousands.grouped(parameters)) parameters"
            let dense = spec.definition as? Dense.Definition
            let layer = dense.map { "dense \(Thousands.grouped($0.units))" } ?? spec.commandText
            throw s.diagnostic(
                "`\(layer)` would need \(size) (weights, gradients and optimizer state); the limit is \(ByteCount.text(limit))",
                at: 2, suggestion: dense.map { "try fewer units, e.g. `layer dense 256 \($0.activation.rawValue)`" })
        } catch .invalidLayerSetting(let problem) {
            throw s.diagnostic(problem, at: 2)
        } catch {
            throw s.diagnostic("cannot add this layer: \(error)")
        }
        session.modelChanged()
        if existing == nil {
            session.model = model
            session.trainer = Trainer(model: model, optimizer: session.optimizer, loss: session.loss, seed: session.seed)
        }
        let parameters = model.layers.last?.parameterCount ?? 0
        rememberLayer(s, spec, input: input, model: model)
        emit(.layerAdded(LayerReport(
            inputShape: input, layer: spec.flowText, outputShape: model.outputShape,
            formula: spec.parameterFormula(for: input), parameters: parameters)))
    }

    /// Keras' summary rows: `flatten (Flatten)`, `dense (Dense)`, `dense_1 (Dense)`, …
    func summary() -> ModelSummary {
        guard let model = session.model else { return ModelSummary(rows: [], trainable: 0, nonTrainable: 0) }
        let rows = zip(model.layers, model.layerNames).map { layer, name in
            ModelSummary.Row(
                name: name, type: layer.typeName,
                outputShape: Shape.text(layer.outputShape, batch: true), parameters: layer.parameterCount)
        }
        return ModelSummary(rows: rows, trainable: model.parameterCount, nonTrainable: 0)
    }

    func pop(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) {
        guard let model = session.model, let last = model.layers.last else {
            throw s.diagnostic("the model has no layers to remove")
        }
        model.removeLast()
        session.modelChanged()
        let what = last.spec.flowText
        let now = model.layers.isEmpty ? "the model is empty" : "the model now ends in \(Shape.text(model.outputShape, batch: true))"
        emit(.message("Removed \(what); \(now)."))
    }

    func reset(emit: (Output) -> Void) {
        session.forgetModel()
        emit(.message("The model and its training are forgotten; the data and settings stay."))
    }

    func showWeights(_ s: Statement, unit: Int, emit: (Output) -> Void) throws(Diagnostic) {
        guard let dense = session.model?.denseLayers.first else {
            throw s.diagnostic("the model has no dense layer yet", suggestion: "add one: `layer dense 256 sigmoid`")
        }
        guard unit < dense.units else {
            throw s.diagnostic(
                "the first dense layer has \(Thousands.counted(dense.units, "unit")), numbered 0 to \(dense.units - 1)", at: numberTokenIndex(s))
        }
        let shape = session.model?.inputShape ?? [dense.inputs]
        let kernel = dense.kernel.values
        let column = (0..<dense.inputs).map { kernel[$0 * dense.units + unit] }
        emit(.weights(WeightsReport(
            unit: unit, width: shape.last ?? dense.inputs, height: shape.count > 1 ? shape[0] : 1, values: column)))
    }

    func setOptimizer(_ kind: OptimizerKind, emit: (Output) -> Void) {
        session.optimizer = kind
        session.trainer?.setOptimizer(kind)
        switch kind {
        case .adam(let lr, let b1, let b2, let eps):
            emit(.message("Optimizer: adam, learning rate \(NumberText.short(lr)) (β1 \(NumberText.short(b1)), β2 \(NumberText.short(b2)), ε \(eps))."))
        case .sgd(let lr, let momentum):
            emit(.message("Optimizer: sgd, learning rate \(NumberText.short(lr))" + (momentum == 0 ? "." : ", momentum \(NumberText.short(momentum)).")))
        }
    }

    func setLoss(_ loss: Loss, emit: (Output) -> Void) {
        session.loss = loss
        session.trainer?.loss = loss
        switch loss {
        case .crossentropy: emit(.message("Loss: crossentropy (Keras' sparse_categorical_crossentropy: labels are digits 0…\(session.classCount - 1))."))
        case .mse: emit(.message("Loss: mse (mean squared error against the one-hot label)."))
        }
    }

    func setBatch(_ size: Int, emit: (Output) -> Void) {
        session.batchSize = size
        emit(.message("Batch size: \(Thousands.counted(size, "example")) per step."))
    }

    func setSeed(_ seed: UInt64, emit: (Output) -> Void) {
        session.seed = seed
        guard let model = session.model else {
            emit(.message("Seed: \(seed). New weights and shuffles will be drawn from it."))
            return
        }
        model.reinitialize(seed: seed)
        session.trainer = Trainer(model: model, optimizer: session.optimizer, loss: session.loss, seed: seed)
        session.modelChanged()
        emit(.message("Seed: \(seed). The model's weights were drawn again from it; its training history starts afresh."))
    }

    private func requireData(_ s: Statement, toAdd command: String) throws(Diagnostic) -> MNIST {
        guard let data = session.data else {
            throw s.diagnostic(
                "a layer needs to know the shape of its input, and no data is loaded yet",
                suggestion: "load the digits first: `data mnist`, then `\(command) …`")
        }
        return data
    }
}
