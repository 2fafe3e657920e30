import Foundation
import NeuralNet
import TextFormat
import Testing
@testable import TutorLanguage

/// What the views say agrees with what happened: `plot` draws the validation epochs there are,
/// and `export keras` trains as the session did, one `model.fit` per `fit`.
struct ViewsAgreeCommandTests {
    /// A fresh folder for files, removed by the caller.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-views-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `line`, stopping it (as Ctrl-C does) once `batches` batches have run.
    static func run(_ interpreter: Interpreter, _ line: String, stoppingAfter batches: Int) throws -> [Output] {
        var seen = 0
        interpreter.shouldStop = { seen >= batches }
        defer { interpreter.shouldStop = { false } }
        var outputs: [Output] = []
        try interpreter.execute(line: line, number: 1) { output in
            if case .batchProgress = output { seen += 1 }
            outputs.append(output)
        }
        return outputs
    }

    @Test func plotDrawsTheValidationEpochsThereAre() throws {
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.model + ["fit 2 batch 10", "fit 1 batch 10 validate 0.2"])
        let outputs = try InterpreterTests.outputs(interpreter, "plot loss")
        guard case .plot(let report)? = outputs.first else {
            Issue.record("no plot: \(outputs)")
            return
        }
        #expect(report.train.count == 3)
        #expect(report.validation?.count == 3)
        #expect(report.validation?[0] == nil && report.validation?[1] == nil)
        #expect(report.validation?[2] == interpreter.session.history.last?.validationLoss)
        let none = try InterpreterTests.interpreter(InterpreterTests.model + ["fit 1 batch 10"])
        #expect(try InterpreterTests.outputs(none, "plot accuracy") == [.plot(PlotReport(
            kind: .accuracy, train: none.session.history.map(\.accuracy), validation: nil))])
    }

    /// The issue's session: `fit 5` stopped in epoch 4, then `fit 1 validate 0.1`.
    @Test func exportRepeatsEachFitAsItHappened() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.model)
        // 100 examples in batches of 10: 10 batches an epoch, so the 36th is in epoch 4.
        let stopped = try Self.run(interpreter, "fit 5 batch 10", stoppingAfter: 36)
        #expect(stopped.last == .message("Stopped in epoch 4 after 6 of 10 batches; the weights from the last finished batch are kept."))
        try interpreter.execute(line: "fit 1 validate 0.1", number: 2) { _ in }
        #expect(interpreter.session.fits == [
            FitRecord(command: "fit 5 batch 10", epochs: 3, batchSize: 10, validationSplit: nil, ending: .stopped(epoch: 4, step: 6, steps: 10)),
            FitRecord(command: "fit 1 validate 0.1", epochs: 1, batchSize: 32, validationSplit: 0.1, ending: .finished),
        ])
        #expect(interpreter.session.history.count == 4)

        let file = folder.appendingPathComponent("digits.py").path
        let messages = try NumbersCommandTests.messages(interpreter, "export keras \(file)")
        #expect(messages == [
            "Wrote a Keras program for this model to \(file) as a Python script: run it with `python3 \(file)` (Keras 3 needed); it trains as here, one `model.fit` per `fit`: 3 epochs of `fit 5 batch 10` (stopped in epoch 4), then `fit 1 validate 0.1`.",
        ])
        let program = try String(contentsOfFile: file, encoding: .utf8)
        // Each fit's epochs as tutor printed them, from the session's history, then its model.fit.
        let history = interpreter.session.history
        func row(_ record: EpochRecord, validated: Bool) -> String {
            let values = [record.loss, record.accuracy] + (validated ? [record.validationLoss ?? .nan, record.validationAccuracy ?? .nan] : [])
            return "# | \(record.epoch) | " + values.map { NumberText.fixed($0, 4) }.joined(separator: " | ") + " |"
        }
        #expect(program.contains(([
            "# `fit 5 batch 10` was stopped in epoch 4, after 6 of its 10 batches: the 3",
            "# epochs it finished, in batches of 10.",
            "#",
            "# | epoch | loss | accuracy |",
            "# |---|---|---|",
        ] + history.prefix(3).map { row($0, validated: false) } + [
            "",
            "# %%",
            "model.fit(x_train, y_train, epochs=3, batch_size=10)",
            "",
            "# %% [markdown]",
            "# `fit 1 validate 0.1`: 1 epoch in batches of 32.",
            "#",
            "# | epoch | loss | accuracy | val_loss | val_accuracy |",
            "# |---|---|---|---|---|",
            row(history[3], validated: true),
        ]).joined(separator: "\n")))
        #expect(program.contains("""
            model.fit(x_train, y_train, epochs=1, batch_size=32,
                      validation_split=0.1)
            """))
        #expect(program.components(separatedBy: "\nmodel.fit(").count == 3)
    }

    /// A loaded model's epochs come first, with the batch size saved with it; a new seed (new
    /// weights, a history afresh) or `reset` forgets the fits.
    @Test func fitsFollowTheHistory() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("m.model").path
        let interpreter = try InterpreterTests.interpreter(InterpreterTests.model + ["batch 20", "fit 2", "save model \(file)", "batch 50"])
        let loaded = try InterpreterTests.interpreter(InterpreterTests.data + ["load model \(file)", "fit 1"])
        #expect(loaded.session.fits == [
            FitRecord(command: nil, epochs: 2, batchSize: 20, validationSplit: nil, ending: .finished),
            FitRecord(command: "fit 1", epochs: 1, batchSize: 20, validationSplit: nil, ending: .finished),
        ])
        #expect(KerasExport.trainingSummary(loaded.session.fits)
            == "it trains as here, one `model.fit` per `fit`: the 2 epochs of the loaded model, then `fit 1`")
        try interpreter.execute(line: "seed 3", number: 9) { _ in }
        #expect(interpreter.session.fits.isEmpty && interpreter.session.history.isEmpty)
        try interpreter.execute(line: "fit 1", number: 10) { _ in }
        #expect(interpreter.session.fits.map(\.batchSize) == [50])
        try interpreter.execute(line: "reset", number: 11) { _ in }
        #expect(interpreter.session.fits.isEmpty)
    }
}
