import NeuralNet
import TextFormat

extension Interpreter {
    func fit(_ s: Statement, epochs: Int, batch: Int?, validate: Double?, emit: (Output) -> Void) throws(Diagnostic) {
        let data = try requireData(s)
        let (model, trainer) = try requireModel(s)
        do {
            try trainer.validate(for: data.train)
        } catch {
            let model = data.classCount == 10 ? "the lesson's model" : "a model for \(data.classCount) classes"
            throw s.diagnostic("cannot train this model: \(Interpreter.explain(error))", suggestion: "\(model): \(suggestedModel)")
        }
        if let validate {
            let kept = Int((Double(data.train.count) * (1 - validate)).rounded(.down))
            if kept < 1 || kept == data.train.count {
                let index = s.tokens.lastIndex { $0.kind == .number && Double($0.text) == validate }
                // The number as typed: rounded to a Float, 5e-324 would read as 0.
                let typed = index.map { s.tokens[$0].text } ?? "\(validate)"
                throw s.diagnostic(
                    "`validate \(typed)` of \(Thousands.counted(data.train.count, "example")) leaves \(Thousands.grouped(kept)) to train on and \(Thousands.grouped(data.train.count - kept)) to validate; both need at least 1",
                    at: index ?? s.tokens.count - 1, suggestion: "try `validate 0.2`, or load more examples")
            }
        }
        for warning in Coach.warnings(layers: model.specs, loss: session.loss, classes: data.classCount) { emit(.warning(warning)) }
        let batchSize = batch ?? session.batchSize
        var progress = EpochProgress(epoch: 0, epochs: epochs, step: 0, steps: 0, seconds: 0, loss: 0, accuracy: 0)
        let outcome: FitOutcome
        do {
            emit(.epochBegan(epoch: 1, epochs: epochs))
            outcome = try trainer.fit(
                data.train, epochs: epochs, batchSize: batchSize, validationSplit: validate ?? 0,
                onBatch: { batch in
                    if batch.step == 1 && batch.epoch > 1 { emit(.epochBegan(epoch: batch.epoch, epochs: epochs)) }
                    progress = EpochProgress(
                        epoch: batch.epoch, epochs: epochs, step: batch.step, steps: batch.steps,
                        seconds: batch.elapsedSeconds, loss: batch.loss, accuracy: batch.accuracy)
                    emit(.batchProgress(progress))
                },
                onEpoch: { record in
                    progress.seconds = record.seconds
                    progress.loss = record.loss
                    progress.accuracy = record.accuracy
                    progress.validationLoss = record.validationLoss
                    progress.validationAccuracy = record.validationAccuracy
                    emit(.epochEnded(progress))
                },
                shouldStop: shouldStop)
        } catch {
            throw s.diagnostic("training failed: \(Interpreter.explain(error))")
        }
        session.trained(epochs: outcome.records.count)
        session.lastValidationSplit = validate
        if let stop = outcome.stoppedAt {
            emit(.message("Stopped in epoch \(stop.epoch) after \(Thousands.grouped(stop.step)) of \(Thousands.grouped(stop.steps)) batches; the weights from the last finished batch are kept."))
        }
    }

    func evaluate(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) {
        let data = try requireData(s)
        let (_, trainer) = try requireModel(s)
        do {
            let result = try trainer.evaluate(data.test)
            session.lastEvaluation = result
            session.journal.append(.evaluated)
            emit(.evaluation(result))
        } catch {
            throw s.diagnostic("cannot evaluate this model: \(Interpreter.explain(error))")
        }
    }

    func predict(_ s: Statement, index: Int, test: Bool, emit: (Output) -> Void) throws(Diagnostic) {
        let picture = try image(s, index: index, test: test)
        let data = try requireData(s)
        let (model, trainer) = try requireModel(s)
        guard let last = model.denseLayers.last else {
            throw s.diagnostic("the model has no dense layer yet", suggestion: "add one: `layer dense \(session.classCount) softmax`")
        }
        let outputs: Matrix
        do {
            outputs = try trainer.predict(test ? data.test : data.train, indices: [index])
        } catch {
            throw s.diagnostic("cannot predict with this model: \(Interpreter.explain(error))")
        }
        let values = outputs.row(0)
        let predicted = values.argmax() ?? 0
        session.shown(ShownOutputs(source: .prediction(index: index, test: test), values: values))
        emit(.prediction(Prediction(image: picture, outputs: values, predicted: predicted, outputActivation: last.activation)))
    }

    func confusion(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) {
        let data = try requireData(s)
        let (_, trainer) = try requireModel(s)
        let outputs: Matrix
        do {
            outputs = try trainer.predict(data.test, indices: Array(0..<data.test.count))
        } catch {
            throw s.diagnostic("cannot run this model on the test set: \(Interpreter.explain(error))")
        }
        // One row per true class, one column per predicted class; a prediction beyond the
        // classes (a model with more outputs than classes) is not counted.
        let classes = data.classCount
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for r in 0..<outputs.rows {
            let row = outputs.row(r)
            let predicted = row.argmax() ?? 0
            let label = Int(data.test.labels[r])
            if label < classes && predicted < classes { counts[label][predicted] += 1 }
        }
        emit(.confusion(ConfusionReport(counts: counts)))
    }

    func plot(_ s: Statement, kind: PlotKind, emit: (Output) -> Void) throws(Diagnostic) {
        let history = session.history
        guard !history.isEmpty else {
            throw s.diagnostic("there is no training history to plot yet", suggestion: "train first: `fit 3`")
        }
        let train = history.map { kind == .loss ? $0.loss : $0.accuracy }
        let validation = history.compactMap { kind == .loss ? $0.validationLoss : $0.validationAccuracy }
        emit(.plot(PlotReport(kind: kind, train: train, validation: validation.count == history.count ? validation : nil)))
    }

    /// The model and its trainer, or an error telling how to build one.
    func requireModel(_ s: Statement) throws(Diagnostic) -> (Model, Trainer) {
        guard let model = session.model, let trainer = session.trainer, !model.denseLayers.isEmpty else {
            throw s.diagnostic(
                "there is no model with a dense layer yet",
                suggestion: "build one: \(suggestedModel)")
        }
        return (model, trainer)
    }

    /// The lesson's model, ending in one output per class: `layer flatten`, `layer dense 256
    /// sigmoid`, `layer dense 10 softmax` for the digits.
    var suggestedModel: String {
        "`layer flatten`, `layer dense 256 sigmoid`, `layer dense \(session.classCount) softmax`"
    }

    /// An engine error in the learner's words: the engine counts classes, the learner digits.
    static func explain(_ error: any Error) -> String {
        switch error as? ModelError {
        case .outputTooNarrow(let units, let classes)?:
            return "the last layer has \(Thousands.counted(units, "output")) but the labels go up to \(classes - 1); it needs \(classes) (one per digit)"
        default:
            return "\(error)"
        }
    }
}
