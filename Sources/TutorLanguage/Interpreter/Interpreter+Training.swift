import NeuralNet
import TextFormat

extension Interpreter {
    func fit(_ s: Statement, epochs: Int, batch: Int?, validate: Double?, emit: (Output) -> Void) throws(Diagnostic) {
        if let cap = limits.maximumEpochs, epochs > cap {
            throw s.diagnostic(
                "`fit \(Thousands.grouped(epochs))` trains more epochs than a lesson or an answer may: at most \(cap)",
                at: numberTokenIndex(s), suggestion: "try `fit 3`; in the notebook (`tutor`) or your own `tutor run FILE.tut` there is no limit")
        }
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
                let index = s.tokens.lastIndex { $0.kind == .number && Double($0.numberText) == validate }
                // The number as typed: rounded to a Float, 5e-324 would read as 0.
                let typed = index.map { s.tokens[$0].text } ?? "\(validate)"
                throw s.diagnostic(
                    "`validate \(typed)` of \(Thousands.counted(data.train.count, "example")) leaves \(Thousands.grouped(kept)) to train on and \(Thousands.grouped(data.train.count - kept)) to validate; both need at least 1",
                    at: index ?? s.tokens.count - 1, suggestion: "try `validate 0.2`, or load more examples")
            }
        }
        for warning in Coach.warnings(layers: model.specs, loss: session.loss, classes: data.classCount) { emit(.warning(warning)) }
        let batchSize = batch ?? session.batchSize
        if let refusal = trainer.memoryNeeded(training: data.train, batch: batchSize, validationSplit: validate ?? 0).refusal {
            throw s.diagnostic(refusal)
        }
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
        // A `fit` that diverged in its first epoch changed nothing: that epoch is undone.
        if outcome.diverged == nil || !outcome.records.isEmpty {
            session.trained(epochs: outcome.records.count)
            let ending: FitRecord.Ending
            if let stop = outcome.stoppedAt {
                ending = .stopped(epoch: stop.epoch, step: stop.step, steps: stop.steps)
            } else if let diverged = outcome.diverged {
                ending = .diverged(epoch: diverged.epoch)
            } else {
                ending = .finished
            }
            let command = "fit \(epochs)" + (batch.map { " batch \($0)" } ?? "") + (validate.map { " validate \(NumberText.short($0))" } ?? "")
            session.fits.append(FitRecord(
                command: command, epochs: outcome.records.count, batchSize: batchSize, validationSplit: validate, ending: ending))
            recordRun(model, data: data, outcome: outcome, batchSize: batchSize, validate: validate, ending: ending)
        }
        remember(s, .fit(Explainable.FitFacts(
            examples: data.train.count, validationSplit: validate,
            trained: Trainer.trainingCount(data.train.count, validationSplit: validate ?? 0), batchSize: batchSize,
            epochs: epochs, losses: outcome.records.map(\.loss),
            stoppedAt: outcome.stoppedAt.map { Explainable.FitFacts.Stop(epoch: $0.epoch, step: $0.step) },
            divergedIn: outcome.diverged?.epoch, parameters: model.parameterCount, optimizer: session.optimizer.family.rawValue)))
        if let stop = outcome.stoppedAt {
            emit(.message(stop.step == 0 && stop.epoch > 1
                ? "Stopped after epoch \(stop.epoch - 1) of \(epochs); the weights it ended with are kept."
                : "Stopped in epoch \(stop.epoch) after \(Thousands.grouped(stop.step)) of \(Thousands.grouped(stop.steps)) batches; the weights from the last finished batch are kept."))
        }
        if let diverged = outcome.diverged {
            emit(.warning(Interpreter.divergenceText(diverged)))
            emit(.message(divergenceAdvice(model: model)))
        }
    }

    /// What happened when training ran away, and what it left: `training diverged in epoch 1
    /// of 2, at batch 2 of 63: the loss is infinity. …`.
    static func divergenceText(_ d: Divergence) -> String {
        let value = NonFiniteValue.text(d.value)
        let place = "in epoch \(d.epoch) of \(d.epochs)"
        let what: String
        switch d.quantity {
        case .loss:
            what = "\(place), at batch \(Thousands.grouped(d.batch ?? d.steps)) of \(Thousands.grouped(d.steps)): the loss is \(value)"
        case .weights: what = "\(place): after its last batch some weights are \(value)"
        case .optimizerState: what = "\(place): after its last batch some of the optimizer's state is \(value)"
        case .validationLoss: what = "\(place): the validation loss after it is \(value)"
        }
        return "training diverged \(what). Training stopped there, and the weights, the optimizer's state and the shuffling are back to where they were when epoch \(d.epoch) began."
    }

    /// What to try after training diverged: a smaller learning rate (the optimizer's default, or
    /// a tenth of a rate at or below it) — and, for an output nothing bounds trained with mse,
    /// why it runs away.
    func divergenceAdvice(model: Model) -> String {
        let kind = session.optimizer
        let defaultRate = kind.family == .sgd ? OptimizerKind.defaultSGD.learningRate : OptimizerKind.adam().learningRate
        // A tenth of the rate as the learner wrote it (in Float, 0.0005 / 10 is 5.0000002e-05).
        let tenth = (Double("\(kind.learningRate)") ?? Double(kind.learningRate)) / 10
        let rate = kind.learningRate > defaultRate ? NumberText.short(defaultRate) : NumberText.short(tenth)
        let command: String
        switch kind {
        case .sgd(_, let momentum):
            command = "optimizer sgd \(rate)" + (momentum == 0 ? "" : " momentum \(NumberText.short(momentum))")
        case .adam: command = "optimizer adam \(rate)"
        }
        var advice = "Try a smaller learning rate: `\(command)` (now \(NumberText.short(kind.learningRate)))."
        if session.loss == .mse, let output = model.denseLayers.last?.activation, output == .linear || output == .relu {
            advice += " Why a \(output.rawValue) output with mse runs away: nothing bounds its outputs, so a step that is too large overshoots the target, the next error is larger, and the squared error grows with every step until it overflows."
        }
        return advice
    }

    func evaluate(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) {
        let data = try requireData(s)
        let (model, trainer) = try requireModel(s)
        try requireFiniteWeights(s, model)
        let result: Evaluation
        do {
            result = try trainer.evaluate(data.test, shouldStop: shouldStop)
        } catch is Stopped {
            throw Interpreter.stopped(s)
        } catch {
            throw s.diagnostic("cannot evaluate this model: \(Interpreter.explain(error))")
        }
        guard result.loss.isFinite else { throw nonFiniteOutputs(s, "the loss on the test set is \(NonFiniteValue.text(result.loss))") }
        session.lastEvaluation = result
        recordTest(result)
        session.journal.append(.evaluated)
        remember(s, .evaluation(
            result, testCount: data.test.count, classes: data.classCount, loss: session.loss,
            outputActivation: model.denseLayers.last?.activation ?? .linear, epochsTrained: session.history.count))
        emit(.evaluation(result))
    }

    func predict(_ s: Statement, index: Int, test: Bool, emit: (Output) -> Void) throws(Diagnostic) {
        let picture = try image(s, index: index, test: test)
        let data = try requireData(s)
        try showPrediction(
            s, of: picture, example: index, in: test ? data.test : data.train, source: .prediction(index: index, test: test), emit: emit)
    }

    /// The model's outputs for example `example` of `data`, shown as the prediction for `picture`
    /// (`predict N`, `predict drawn`) and kept as the outputs `source` showed.
    func showPrediction(
        _ s: Statement, of picture: DigitImage, example: Int, in data: Dataset, source: ShownOutputs.Source,
        emit: (Output) -> Void
    ) throws(Diagnostic) {
        let (model, trainer) = try requireModel(s)
        guard let last = model.denseLayers.last else {
            throw s.diagnostic("the model has no dense layer yet", suggestion: "add one: `layer dense \(session.classCount) softmax`")
        }
        try requireFiniteWeights(s, model)
        let outputs: Matrix
        do {
            outputs = try trainer.predict(data, indices: [example])
        } catch {
            throw s.diagnostic("cannot predict with this model: \(Interpreter.explain(error))")
        }
        let values = outputs.row(0)
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw nonFiniteOutputs(s, "output \(index) for this image is \(NonFiniteValue.text(Double(values[index])))")
        }
        let predicted = values.argmax() ?? 0
        session.shown(ShownOutputs(source: source, values: values))
        let prediction = Prediction(image: picture, outputs: values, predicted: predicted, outputActivation: last.activation)
        remember(s, prediction, input: data.scaledExample(example), model: model)
        emit(.prediction(prediction))
    }

    func confusion(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) {
        let data = try requireData(s)
        let (model, trainer) = try requireModel(s)
        try requireFiniteWeights(s, model)
        let predicted: [Int]
        do {
            let found = try trainer.predictedClasses(data.test, shouldStop: shouldStop)
            if let bad = found.firstNonFinite {
                throw nonFiniteOutputs(s, "output \(bad.output) for test image \(Thousands.grouped(bad.example)) is \(NonFiniteValue.text(Double(bad.value)))")
            }
            predicted = found.classes
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch is Stopped {
            throw Interpreter.stopped(s)
        } catch {
            throw s.diagnostic("cannot run this model on the test set: \(Interpreter.explain(error))")
        }
        // One row per true class, one column per predicted class; a prediction beyond the
        // classes (a model with more outputs than classes) is not counted.
        let classes = data.classCount
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
        for (example, guess) in predicted.enumerated() {
            let label = Int(data.test.labels[example])
            if label < classes && guess < classes { counts[label][guess] += 1 }
        }
        remember(s, .confusion(ConfusionReport(counts: counts)))
        emit(.confusion(ConfusionReport(counts: counts)))
    }

    func plot(_ s: Statement, kind: PlotKind, emit: (Output) -> Void) throws(Diagnostic) {
        let history = session.history
        guard !history.isEmpty else {
            throw s.diagnostic("there is no training history to plot yet", suggestion: "train first: `fit 3`")
        }
        let train = history.map { kind == .loss ? $0.loss : $0.accuracy }
        let validation = history.map { kind == .loss ? $0.validationLoss : $0.validationAccuracy }
        emit(.plot(PlotReport(kind: kind, train: train, validation: validation.contains { $0 != nil } ? validation : nil)))
    }

    /// Refuses a model with a weight that is not a finite number (NaN or infinity): its outputs
    /// would be NaN bars and a made-up verdict.
    func requireFiniteWeights(_ s: Statement, _ model: Model) throws(Diagnostic) {
        guard let bad = model.firstNonFiniteWeight else { return }
        throw s.diagnostic(
            "the model's weights are not all finite numbers: `\(bad.tensor)` holds \(bad.valueText), so its outputs would be too",
            suggestion: redrawSuggestion)
    }

    /// The error for outputs that are not finite numbers although the weights are (`what`:
    /// `output 3 for this image is infinity`): the weights grew so large that sums overflow.
    func nonFiniteOutputs(_ s: Statement, _ what: String) -> Diagnostic {
        s.diagnostic(
            "\(what): the weights have grown so large that the model's sums overflow",
            suggestion: redrawSuggestion + ", then train with a smaller learning rate")
    }

    /// How to get finite weights back.
    var redrawSuggestion: String {
        "draw the weights again with `seed \(session.seed)`, or `load model FILE` one saved before"
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
