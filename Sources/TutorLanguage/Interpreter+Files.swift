import Foundation
import NeuralNet

extension Interpreter {
    func saveNotebook(_ s: Statement, path: String, emit: (Output) -> Void) throws(Diagnostic) {
        guard let notebookText else {
            throw s.diagnostic("there is no notebook to save here (only the notebook and `tutor run` keep one)")
        }
        try writeText(notebookText(), to: path, s)
        emit(.message("Saved this session as a Markdown notebook: \(path)."))
    }

    /// `export keras FILE`: a Python program for real Keras with this model and these settings.
    func exportKeras(_ s: Statement, path: String, emit: (Output) -> Void) throws(Diagnostic) {
        guard let model = session.model, !model.denseLayers.isEmpty else {
            throw s.diagnostic(
                "there is no model with a dense layer to export yet",
                suggestion: "build one: `layer flatten`, `layer dense 256 sigmoid`, `layer dense 10 softmax`")
        }
        let folder = session.dataDirectory ?? session.bundledDataDirectory ?? "lessons/data/mnist"
        let settings = KerasExport.Settings(
            inputShape: model.inputShape, layers: model.specs, optimizer: session.optimizer, loss: session.loss,
            batchSize: session.batchSize, epochs: max(1, session.history.count),
            validationSplit: session.lastValidationSplit, seed: session.seed,
            trainLimit: session.dataLimits.train, testLimit: session.dataLimits.test,
            defaultDataDirectory: URL(fileURLWithPath: folder).standardizedFileURL.path)
        try writeText(KerasExport.program(settings), to: path, s)
        let epochs = max(1, session.history.count)
        emit(.message("Wrote a Keras program for this model to \(path): run it with `python3 \(path)` (Keras 3 needed); it trains \(epochs) epoch\(epochs == 1 ? "" : "s") as here."))
    }

    /// Writes `text` to `path` atomically (a temporary file, then a rename), or explains why not.
    func writeText(_ text: String, to path: String, _ s: Statement) throws(Diagnostic) {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw s.diagnostic("cannot write `\(path)`: it is a folder", at: s.tokens.count - 1)
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else {
            throw s.diagnostic("cannot write `\(path)`: the folder `\(folder)` does not exist", at: s.tokens.count - 1)
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw s.diagnostic("cannot write `\(path)`: \(error.localizedDescription)", at: s.tokens.count - 1)
        }
    }
}
