import NeuralNet

extension Interpreter {
    /// Keeps a `fit` that finished at least one epoch as a row of `runs`, with the model and the
    /// settings it trained with; it is the current run until the model, its weights or the data change.
    func recordRun(_ model: Model, data: MNIST, outcome: FitOutcome, batchSize: Int, validate: Double?, ending: FitRecord.Ending) {
        guard let final = outcome.records.last else { return }
        session.runs.append(RunRecord(
            layers: model.specs.map(\.commandText), optimizer: session.optimizer, loss: session.loss, batchSize: batchSize,
            trainingExamples: data.train.count, validationSplit: validate, epochs: outcome.records.count,
            totalEpochs: session.history.count, final: final, ending: ending))
        session.currentRun = session.runs.count - 1
    }

    /// Fills in the test loss and accuracy of the current run (``Session/currentRun``), if any.
    func recordTest(_ evaluation: Evaluation) {
        guard let index = session.currentRun, session.runs.indices.contains(index) else { return }
        session.runs[index].test = evaluation
    }
}
