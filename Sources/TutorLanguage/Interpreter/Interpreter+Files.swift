import Files
import Foundation
import NeuralNet
import Notebooks
import TextFormat

extension Interpreter {
    /// `save notebook FILE`: checks the path and asks whoever keeps the notebook to write it
    /// (the interpreter never renders, so it does not have the notebook's text).
    func saveNotebook(_ s: Statement, path: String, emit: (Output) -> Void) throws(Diagnostic) {
        let file = try allowedPath(s, path)
        try checkWritable(file, shown: path, s)
        let format = try fileFormat(s, path, among: FileFormat.notebooks, for: "save notebook")
        emit(.saveNotebook(NotebookRequest(file: file, path: path, statement: s, format: format)))
    }

    /// The format `path`'s extension names among `formats`, or the error saying which
    /// extensions `command` takes.
    func fileFormat(_ s: Statement, _ path: String, among formats: [FileFormat], for command: String) throws(Diagnostic) -> FileFormat {
        guard let format = FileFormat.of(path, among: formats) else {
            throw s.diagnostic(
                "`\(path)` does not end in \(formats.map { "`.\($0.fileExtension)`" }.joined(separator: " or ")): `\(command)` writes \(FileFormat.choices(formats))",
                at: s.tokens.count - 1,
                suggestion: "try `\(command) \(Self.renamed(path, to: formats[0].fileExtension))`")
        }
        return format
    }

    /// `path` with its extension (if any) replaced by `fileExtension`: `notes.txt` → `notes.md`.
    static func renamed(_ path: String, to fileExtension: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        let stem = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : name[..<$0] } ?? name
        return String(path[..<slash]) + stem + "." + fileExtension
    }

    /// `save model FILE`: architecture, settings, history, weights and where training had got to
    /// (the optimizer's state and the shuffling), as Keras' `model.save` keeps the optimizer
    /// (see NeuralNet's ModelFile).
    func saveModel(_ s: Statement, path: String, emit: (Output) -> Void) throws(Diagnostic) {
        let file = try allowedPath(s, path)
        guard let model = session.model, !model.layers.isEmpty else {
            throw s.diagnostic("there is no model to save yet", suggestion: "build one: \(suggestedModel)")
        }
        let trainer = session.trainer
        let saved = SavedModel(
            model: model, optimizer: session.optimizer, loss: session.loss, batchSize: session.batchSize,
            history: session.history,
            trainingState: trainer?.optimizer.kind == session.optimizer ? trainer?.trainingState : nil)
        if let bad = saved.firstNonFiniteTensor {
            throw s.diagnostic(
                "cannot save the model: `\(bad.tensor)` holds \(bad.valueText), not a finite number; the file would keep a model that computes nothing",
                at: s.tokens.count - 1, suggestion: redrawSuggestion)
        }
        do {
            try ModelFile.write(saved, to: file)
        } catch {
            throw s.diagnostic("cannot save the model: \(error.description)", at: s.tokens.count - 1)
        }
        let epochs = session.history.count
        let state = saved.trainingState.map { ", with the optimizer's state after \(Thousands.counted($0.iterations, "step"))" } ?? ""
        emit(.message("Saved the model to \(path): \(Thousands.counted(model.layers.count, "layer")), \(Thousands.counted(model.parameterCount, "parameter")), \(epochs == 0 ? "untrained" : "trained \(Thousands.counted(epochs, "epoch"))")\(state)."))
    }

    /// `load model FILE`: replaces the model, its settings and history — or, on any problem,
    /// changes nothing.
    func loadModel(_ s: Statement, path: String, emit: (Output) -> Void) throws(Diagnostic) {
        let file = try allowedPath(s, path)
        let saved: SavedModel
        let model: Model
        do throws(ModelFileError) {
            saved = try ModelFile.read(from: file)
            if let bad = saved.firstNonFiniteTensor {
                throw ModelFileError(file: file, problem: "holds values that are not finite numbers: `\(bad.tensor)` has \(bad.valueText), as training that diverged leaves them")
            }
            model = try saved.makeModel()
        } catch {
            throw s.diagnostic("cannot load the model: \(error.description)", at: s.tokens.count - 1)
        }
        if shouldStop() { throw Interpreter.stopped(s) }  // Ctrl-C while the file was read.
        if let data = session.data, data.train.exampleShape != model.inputShape {
            throw s.diagnostic(
                "the model in `\(path)` takes examples of shape \(Shape.text(model.inputShape)) but the loaded data has \(Shape.text(data.train.exampleShape))",
                at: s.tokens.count - 1)
        }
        let trainer = saved.makeTrainer(for: model)
        session.model = model
        session.trainer = trainer
        if !saved.history.isEmpty {
            session.fits = [FitRecord(command: nil, epochs: saved.history.count, batchSize: saved.batchSize, validationSplit: nil, ending: .finished)]
        }
        session.optimizer = saved.optimizer
        session.loss = saved.loss
        session.batchSize = saved.batchSize
        session.seed = saved.seed
        session.modelChanged()
        let epochs = saved.history.count
        let state = saved.trainingState.map { " (going on from its state after \(Thousands.counted($0.iterations, "step")))" } ?? ""
        emit(.message("Loaded the model from \(path): \(Thousands.counted(model.layers.count, "layer")), \(Thousands.counted(model.parameterCount, "parameter")), \(epochs == 0 ? "untrained" : "trained \(Thousands.counted(epochs, "epoch"))"); optimizer \(saved.optimizer.name)\(state), loss \(saved.loss.rawValue), batch \(saved.batchSize)."))
    }

    /// `export keras FILE [weights]`: a Keras program with this model and these settings, as a
    /// percent-format script (`.py`) or a Jupyter notebook (`.ipynb`); with `weights`, tutor's
    /// weights too, in a `.npz` file beside it (``KerasExport/weightsPath(for:)``) that the program
    /// loads instead of training. An untrained model's weights are weights too: they are written.
    /// The weights are written first, so that a program never names a file that is not there.
    func exportKeras(_ s: Statement, path: String, weights: Bool = false, emit: (Output) -> Void) throws(Diagnostic) {
        let file = try allowedPath(s, path)
        try checkWritable(file, shown: path, s)
        let format = try fileFormat(s, path, among: FileFormat.kerasExports, for: "export keras")
        guard let model = session.model, !model.denseLayers.isEmpty else {
            throw s.diagnostic(
                "there is no model with a dense layer to export yet",
                suggestion: "build one: \(suggestedModel)")
        }
        let weightsPath = KerasExport.weightsPath(for: path)
        let weightsName = String(weightsPath.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        if weights {
            if let bad = model.firstNonFiniteWeight {
                throw s.diagnostic(
                    "cannot export the weights: `\(bad.tensor)` holds \(bad.valueText), not a finite number; Keras would compute nothing with them",
                    at: s.tokens.count - 1, suggestion: redrawSuggestion)
            }
            let weightsFile = try allowedPath(s, weightsPath)
            let bytes = NumPyArchive.archive(KerasExport.weightArrays(model))
            try checkWritable(weightsFile, shown: weightsPath, s)
            do {
                try AtomicFile.write(bytes, to: weightsFile)
            } catch {
                throw s.diagnostic("cannot write `\(weightsPath)`: \(error.localizedDescription)", at: s.tokens.count - 1)
            }
        }
        let folder = session.dataDirectory ?? session.bundledDataDirectory ?? "lessons/data/mnist"
        let settings = KerasExport.Settings(
            inputShape: model.inputShape, layers: model.specs, optimizer: session.optimizer, loss: session.loss,
            batchSize: session.batchSize, fits: session.fits, history: session.history, evaluation: session.lastEvaluation,
            seed: session.seed, trainLimit: session.dataLimits.train, testLimit: session.dataLimits.test,
            defaultDataDirectory: URL(fileURLWithPath: folder).standardizedFileURL.path,
            weightsFile: weights ? weightsName : nil)
        let text = format == .jupyter ? KerasExport.notebook(settings).json : KerasExport.program(settings)
        try writeText(text, to: file, shown: path, s)
        let run = format == .jupyter ? "open it in Jupyter or VS Code" : "run it with `python3 \(path)`"
        let training = weights
            ? "it loads tutor's weights from \(weightsPath) instead of training"
            : KerasExport.trainingSummary(session.fits)
        emit(.message("Wrote a Keras program for this model to \(path) as \(format.description): \(run) (Keras 3 needed); \(training)."))
    }

    /// Writes `text` to `file` with ``AtomicFile`` (a temporary file, then a rename), or explains why not;
    /// messages name the file as typed (`shown`).
    func writeText(_ text: String, to file: String, shown path: String, _ s: Statement) throws(Diagnostic) {
        try checkWritable(file, shown: path, s)
        do {
            try AtomicFile.write(text, to: file)
        } catch {
            throw s.diagnostic("cannot write `\(path)`: \(error.localizedDescription)", at: s.tokens.count - 1)
        }
    }

    /// Refuses a `file` that is a folder, whose folder does not exist, or that ``AtomicFile``
    /// would not replace (a FIFO, a device, a socket; a name with a NUL character), changing nothing.
    func checkWritable(_ file: String, shown path: String, _ s: Statement) throws(Diagnostic) {
        // A folder has its own wording below.
        if let refusal = AtomicFile.refusal(for: file), refusal != FileError.directoryReason {
            throw s.diagnostic("cannot write `\(path)`: \(refusal)", at: s.tokens.count - 1)
        }
        let url = URL(fileURLWithPath: file)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw s.diagnostic("cannot write `\(path)`: it is a folder", at: s.tokens.count - 1)
        }
        guard FileManager.default.fileExists(atPath: url.deletingLastPathComponent().path) else {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            throw s.diagnostic("cannot write `\(path)`: the folder `\(folder)` does not exist", at: s.tokens.count - 1)
        }
    }
}
