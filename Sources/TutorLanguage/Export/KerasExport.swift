import NeuralNet
import Notebooks
import TextFormat

/// `export keras FILE.py|FILE.ipynb [weights]`: the learner's model and training settings as a
/// program for real Keras 3, so the two can be run side by side — the same cells laid out as a
/// Python script in the percent format (``JupyterNotebook/percentScript``: it runs with
/// `python3 FILE.py` and opens as cells in VS Code and Jupyter) or as a Jupyter notebook.
///
/// The cells: markdown quoting what tutor printed at each step (the layers, each `fit`'s epochs,
/// the evaluation, from the session's records, not run again), then the Keras code. It reads the
/// same MNIST files (from the folder `$TUTOR_DATA` names, or the one tutor read; it never
/// downloads, and reads no command line), scales and subsets them as tutor did, builds the same
/// layers (Keras' Dense starts from Glorot-uniform kernels and zero biases, as tutor does),
/// compiles the same optimizer with the same hyper-parameters and the same loss, trains as tutor
/// did — one `model.fit` per `fit` command, with its batch size and validation split, a `fit`
/// stopped with Ctrl-C or by divergence as the epochs it finished (a comment says where it
/// stopped) — and prints its test accuracy and loss beside tutor's:
/// `test accuracy: tutor 0.9663, Keras 0.9658`.
///
/// With ``Settings/weightsFile`` (`export keras FILE weights`), it trains nothing: it loads the
/// weights tutor has from that `.npz` file beside it (``NumPyArchive``, ``weightArrays(_:)``),
/// so that Keras' forward pass, which is tutor's, gives tutor's test accuracy and loss.
///
/// Every number is written so that Python reads back exactly the value tutor used (see
/// ``PythonLiteral``). Keras draws its random numbers differently, so trained in Keras the results
/// agree closely but not digit for digit. Nothing calls `sys.exit`, which would stop a notebook's
/// kernel: a missing file raises an exception that says which.
public enum KerasExport {
    /// What the program reproduces: the model, how it was trained, and where the data is.
    public struct Settings: Equatable, Sendable {
        /// The shape of one example, e.g. `[28, 28]`.
        public var inputShape: [Int]
        /// The layers in order.
        public var layers: [LayerSpec]
        /// The optimizer with its hyper-parameters.
        public var optimizer: OptimizerKind
        /// The loss; `mse` makes the program one-hot encode the labels.
        public var loss: Loss
        /// The `batch N` setting: what a `fit` would train with, shown for a model not trained yet.
        public var batchSize: Int
        /// How the model was trained, in order (see ``Session/fits``); empty when it was not.
        public var fits: [FitRecord]
        /// What tutor printed after each epoch of those fits, in order (``Session/history``).
        public var history: [EpochRecord]
        /// tutor's last `evaluate` of this model, if it was evaluated since it last changed.
        public var evaluation: Evaluation?
        /// The `seed N` in force.
        public var seed: UInt64
        /// `data mnist N`: only the first N training examples (nil: all of them).
        public var trainLimit: Int?
        /// `data mnist N M`: only the first M test examples (nil: all of them).
        public var testLimit: Int?
        /// The absolute path of the MNIST folder tutor read (or would read), used when
        /// `$TUTOR_DATA` is not set.
        public var defaultDataDirectory: String
        /// The name of the `.npz` file beside the program holding tutor's weights, for
        /// `export keras FILE weights`; nil to train in Keras instead.
        public var weightsFile: String?

        /// The settings, one by one.
        public init(
            inputShape: [Int], layers: [LayerSpec], optimizer: OptimizerKind, loss: Loss,
            batchSize: Int, fits: [FitRecord], history: [EpochRecord] = [], evaluation: Evaluation? = nil, seed: UInt64,
            trainLimit: Int?, testLimit: Int?, defaultDataDirectory: String, weightsFile: String? = nil
        ) {
            self.inputShape = inputShape
            self.layers = layers
            self.optimizer = optimizer
            self.loss = loss
            self.batchSize = batchSize
            self.fits = fits
            self.history = history
            self.evaluation = evaluation
            self.seed = seed
            self.trainLimit = trainLimit
            self.testLimit = testLimit
            self.defaultDataDirectory = defaultDataDirectory
            self.weightsFile = weightsFile
        }
    }

    /// The program as a Python script in the percent format, ending with a newline.
    public static func program(_ settings: Settings) -> String {
        notebook(settings).percentScript
    }

    /// The program as a Jupyter notebook for Python 3 (its cells not run).
    public static func notebook(_ settings: Settings) -> JupyterNotebook {
        JupyterNotebook(cells: cells(settings), kernel: .python3)
    }

    /// The program's cells, in order.
    static func cells(_ s: Settings) -> [JupyterNotebook.Cell] {
        var cells: [JupyterNotebook.Cell] = [
            .markdown(introduction(s)),
            code(header),
            code(dataFolder(s.defaultDataDirectory) + loaders),
            code(seedSection(s.seed) + "\n" + dataSection(s)),
            .markdown(layerQuote(s)),
            code(modelSection(s)),
            code(compileSection(s)),
        ]
        cells += trainingCells(s)
        cells += [.markdown(evaluationQuote(s.evaluation)), code(evaluateSection(s.evaluation))]
        return cells
    }

    /// A code cell that has not run.
    private static func code(_ source: String) -> JupyterNotebook.Cell {
        .code(source: source.hasSuffix("\n") ? String(source.dropLast()) : source, outputs: [], executionCount: nil)
    }

    // MARK: - The fixed parts

    /// The first cell: what the program is and how to run it.
    private static func introduction(_ s: Settings) -> String {
        var paragraphs = [
            "# A Keras version of a model built in tutor",
            "Exported from tutor with `export keras`: the same data, layers, optimizer, loss, batch size and epochs, written for Keras 3. Run it as a script (`python3 FILE.py`) or cell by cell in Jupyter or VS Code, with Keras 3 and a backend such as TensorFlow.",
            "The digits are read from the folder that `TUTOR_DATA` names, as tutor reads them, or else from the folder tutor read them from. Nothing is downloaded.",
        ]
        if let file = s.weightsFile {
            paragraphs.append("It does not train: it loads the weights tutor had when it was exported, from `\(file)` beside it, so that Keras tests tutor's model itself and prints tutor's test accuracy and loss.")
        } else {
            paragraphs.append("Keras draws its random numbers differently from tutor, so the losses and accuracies will be close to tutor's but not the same digits. The last cell prints both.")
        }
        return paragraphs.map(paragraph).joined(separator: "\n\n")
    }

    /// The imports and the quieting of TensorFlow.
    private static let header = #"""
        import gzip
        import os

        # Quiet TensorFlow's start-up messages; this must come before Keras loads.
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

        import keras  # noqa: E402
        import numpy as np  # noqa: E402
        from keras import layers  # noqa: E402

        """#

    /// Where the digits are: `$TUTOR_DATA`, then the folder tutor read.
    private static func dataFolder(_ folder: String) -> String {
        (comment("The MNIST folder: the one that TUTOR_DATA names, as for tutor, or else the one tutor read the digits from.")
            + ["MNIST_DIR = os.environ.get(\"TUTOR_DATA\") or \(PythonLiteral.string(folder))"]).joined(separator: "\n") + "\n"
    }

    /// The functions reading the IDX files.
    private static let loaders = #"""


        def read_idx(directory, stem):
            """Read one IDX file of `directory` as a NumPy array in its own shape.

            The file may be gzipped (stem.gz) or raw (stem), as tutor accepts.
            """
            names = [stem + ".gz", stem, stem.replace("-idx", ".idx")]
            paths = [os.path.join(directory, name) for name in names]
            path = next((p for p in paths if os.path.isfile(p)), None)
            if path is None:
                missing = f"{paths[0]} is missing (also looked for {stem})"
                raise FileNotFoundError(missing)
            with open(path, "rb") as file:
                data = file.read()
            if data[:2] == b"\x1f\x8b":  # the two bytes every gzip file starts with
                data = gzip.decompress(data)
            # An IDX file starts with 0, 0, the type of its values (8: unsigned
            # bytes) and the number of dimensions; then come the dimensions as
            # big-endian 32-bit numbers, and then the values.
            if len(data) < 4 or data[:3] != b"\x00\x00\x08":
                raise ValueError(f"{path} is not an IDX file of unsigned bytes")
            ndim = data[3]
            shape = [int(n) for n in np.frombuffer(data, ">u4", ndim, offset=4)]
            return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(shape)


        def load_mnist(directory):
            """Load MNIST from `directory` as (x_train, y_train), (x_test, y_test).

            Pixels are scaled from 0...255 to 0...1 as float32, as tutor does;
            labels are the digits 0...9.
            """
            x_train = read_idx(directory, "train-images-idx3-ubyte").astype("float32")
            y_train = read_idx(directory, "train-labels-idx1-ubyte").astype("int64")
            x_test = read_idx(directory, "t10k-images-idx3-ubyte").astype("float32")
            y_test = read_idx(directory, "t10k-labels-idx1-ubyte").astype("int64")
            return (x_train / 255, y_train), (x_test / 255, y_test)

        """#

    /// Testing, the same way as tutor's `evaluate`, printed beside tutor's numbers.
    private static func evaluateSection(_ evaluation: Evaluation?) -> String {
        func line(_ metric: String, _ tutor: Double?) -> String {
            let quoted = tutor.map { "tutor \(NumberText.fixed($0, 4))" } ?? "not evaluated in tutor"
            return "print(f\"test \(metric): \(quoted), Keras {\(metric):.4f}\")"
        }
        return (comment("`evaluate`: the accuracy and loss on the test set, beside tutor's.") + [
            "results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)",
            "accuracy, loss = results[\"accuracy\"], results[\"loss\"]",
            line("accuracy", evaluation?.accuracy),
            line("loss", evaluation?.loss),
        ]).joined(separator: "\n") + "\n"
    }

    // MARK: - What tutor printed

    /// The layers as tutor reported them when they were added.
    private static func layerQuote(_ s: Settings) -> String {
        var items: [String] = []
        var shape = s.inputShape
        for layer in s.layers {
            let input = shape
            shape = (try? layer.outputShape(for: input)) ?? input
            let count = layer.definition.parameterShapes(for: input).reduce(0) { $0 + $1.shape.reduce(1, *) }
            let parameters = layer.parameterFormula(for: input).map { "\($0) = \(Thousands.grouped(count))" } ?? Thousands.grouped(count)
            items.append(bullet("`layer \(layer.commandText)`: `\(shapeText(input)) → \(layer.flowText) → \(shapeText(shape))`, params `\(parameters)`"))
        }
        return paragraph("## The model") + "\n\n"
            + paragraph("The layers as tutor built them, with what it printed for each:") + "\n\n"
            + items.joined(separator: "\n")
    }

    /// `28×28`, `784`.
    private static func shapeText(_ shape: [Int]) -> String {
        shape.map(String.init).joined(separator: "×")
    }

    /// What tutor's `evaluate` printed, or that it was not run.
    private static func evaluationQuote(_ evaluation: Evaluation?) -> String {
        let quote = evaluation.map {
            "tutor's `evaluate` printed a test accuracy of \(NumberText.fixed($0.accuracy, 4)) and a test loss of \(NumberText.fixed($0.loss, 4)). Keras' follow, beside them."
        } ?? "The model was not evaluated in tutor since it last changed, so only Keras' numbers follow (`evaluate` in tutor, then export again, to have both)."
        return paragraph("## Testing") + "\n\n" + paragraph(quote)
    }

    /// Each fit's epochs as tutor printed them: a table of the metrics per epoch.
    private static func epochTable(_ records: ArraySlice<EpochRecord>) -> String? {
        guard !records.isEmpty else { return nil }
        let validated = records.contains { $0.validationLoss != nil }
        var rows = [validated ? "| epoch | loss | accuracy | val_loss | val_accuracy |" : "| epoch | loss | accuracy |",
                    validated ? "|---|---|---|---|---|" : "|---|---|---|"]
        for record in records {
            var cells = [String(record.epoch), NumberText.fixed(record.loss, 4), NumberText.fixed(record.accuracy, 4)]
            if validated {
                cells += [record.validationLoss, record.validationAccuracy].map { $0.map { NumberText.fixed($0, 4) } ?? "" }
            }
            rows.append("| " + cells.joined(separator: " | ") + " |")
        }
        return rows.joined(separator: "\n")
    }

    /// The training: a markdown cell quoting each fit's epochs, and (when the program trains)
    /// the `model.fit` that repeats it; or the loading of tutor's weights.
    private static func trainingCells(_ s: Settings) -> [JupyterNotebook.Cell] {
        var cells: [JupyterNotebook.Cell] = []
        var intro = [paragraph("## Training")]
        if s.fits.isEmpty {
            intro.append(paragraph(s.weightsFile == nil
                ? "The model was not trained in tutor, so it is not trained here either: the test accuracy below is that of its first weights."
                : "The model was not trained in tutor: the weights loaded below are its first ones."))
        } else if s.weightsFile != nil {
            intro.append(paragraph("tutor trained the model as follows; its weights after this training are loaded below instead of training again, so Keras tests the same model."))
        } else {
            intro.append(paragraph(s.fits.count == 1
                ? "Keras trains as tutor did, shuffling every epoch; tutor printed these numbers after each epoch."
                : "Keras trains as tutor did: one `model.fit` for each `fit`, each going on from where the one before left off, shuffling every epoch; tutor printed these numbers after each epoch."))
        }
        cells.append(.markdown(intro.joined(separator: "\n\n")))
        var next = s.history.startIndex
        for fit in s.fits {
            let end = min(s.history.endIndex, next + max(0, fit.epochs))
            let records = s.history[next..<end]
            next = end
            cells.append(.markdown(([paragraph(description(fit))] + [epochTable(records)].compactMap { $0 }).joined(separator: "\n\n")))
            if s.weightsFile == nil, fit.epochs > 0 { cells.append(code(fitCall(fit))) }
        }
        if let file = s.weightsFile {
            cells.append(code(loadWeights(s, file: file)))
        } else if s.fits.isEmpty {
            cells.append(code((comment("To train it as `fit 1` would, remove the `#` below.")
                + ["# model.fit(x_train, y_train, epochs=1, batch_size=\(s.batchSize))"]).joined(separator: "\n")))
        }
        return cells
    }

    /// One `model.fit` with the fit's epochs, batch size and validation split.
    private static func fitCall(_ fit: FitRecord) -> String {
        let call = "model.fit(x_train, y_train, epochs=\(fit.epochs), batch_size=\(fit.batchSize)"
        guard let split = fit.validationSplit, split > 0 else { return call + ")" }
        return (comment("`validate \(PythonLiteral.float(split))`: that fraction of the training examples, the last ones (taken before shuffling), is held out and measured after every epoch.")
            + [call + ",", "          validation_split=\(PythonLiteral.float(split)))"]).joined(separator: "\n")
    }

    /// `set_weights` on each layer with weights, from the `.npz` file beside the program.
    private static func loadWeights(_ s: Settings, file: String) -> String {
        var lines = comment("tutor's weights: each dense layer's kernel (inputs × units, as Keras keeps it) and bias, as float32, from the file beside this program (in Jupyter, which has no __file__, the notebook's folder, where it starts).")
        lines += [
            "WEIGHTS_FILE = \(PythonLiteral.string(file))",
            "if \"__file__\" in globals():",
            "    folder = os.path.dirname(os.path.abspath(__file__))",
            "else:",
            "    folder = os.getcwd()",
            "weights = np.load(os.path.join(folder, WEIGHTS_FILE))",
        ]
        let names = LayerSpec.kerasNames(s.layers)
        var shape = s.inputShape
        for (index, layer) in s.layers.enumerated() {
            let tensors = layer.definition.parameterShapes(for: shape)
            shape = (try? layer.outputShape(for: shape)) ?? shape
            guard !tensors.isEmpty else { continue }
            let arrays = tensors.map { "weights[\(PythonLiteral.string(names[index] + "/" + $0.name))]" }
            lines.append("model.layers[\(index)].set_weights([\(arrays.joined(separator: ", "))])")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The arrays of the `.npz` file for `model`: each layer's tensors by their Keras paths
    /// (`dense/kernel`, `dense/bias`, `dense_1/kernel`, …), in order, as the program loads them.
    public static func weightArrays(_ model: Model) -> [NumPyArchive.Array] {
        zip(model.layers, model.layerNames).flatMap { layer, name in
            zip(layer.spec.definition.parameterShapes(for: layer.inputShape), layer.parameters).map { tensor, parameter in
                NumPyArchive.Array(name: name + "/" + tensor.name, shape: parameter.shape, values: parameter.values)
            }
        }
    }

    /// The `.npz` file's name for a program at `path`: its stem and `.weights.npz`
    /// (`digits.py` → `digits.weights.npz`), in the same folder.
    public static func weightsPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        let stem = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : name[..<$0] } ?? name
        return String(path[..<slash]) + stem + ".weights.npz"
    }

    /// A Markdown list item (`- text`) laid out as ``paragraph(_:)``, later lines indented under it.
    static func bullet(_ text: String) -> String {
        TextColumns.wrap(words: words(text), width: lineWidth - 4).enumerated()
            .map { ($0.offset == 0 ? "- " : "  ") + $0.element }.joined(separator: "\n")
    }

    /// A Markdown paragraph in lines of at most ``lineWidth`` − 2 characters, so that as `#`
    /// comment lines of the script they fit too (a `code span` is never broken).
    static func paragraph(_ text: String) -> String {
        TextColumns.wrap(words: words(text), width: lineWidth - 2).joined(separator: "\n")
    }

    // MARK: - The parts made from the settings

    /// NumPy accepts seeds up to 2³² − 1 only (and `keras.utils.set_random_seed` passes the seed on
    /// to it), so a larger tutor seed is reduced modulo 2³², and the comment says so.
    private static func seedSection(_ seed: UInt64) -> String {
        let limit = UInt64(UInt32.max) + 1
        var lines = comment("`seed \(seed)`: Keras' initial weights and shuffles come from this seed, so every run gives the same numbers.")
        if seed >= limit {
            lines += comment("NumPy takes seeds up to 2**32 - 1 only, so Keras gets the remainder of \(seed) divided by 2**32.")
        }
        lines.append("keras.utils.set_random_seed(\(seed % limit))")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Loading, subsetting and (for mse) one-hot labels.
    private static func dataSection(_ s: Settings) -> String {
        var lines = comment("`data mnist`: the digits, from MNIST_DIR.")
        lines += ["(x_train, y_train), (x_test, y_test) = load_mnist(MNIST_DIR)"]
        let train = s.trainLimit.map { max(0, $0) }
        let test = s.testLimit.map { max(0, $0) }
        switch (train, test) {
        case (let train?, let test?):
            lines += [""] + comment("`data mnist \(train) \(test)`: only the first \(train) training and \(test) test examples.")
        case (let train?, nil):
            lines += [""] + comment("`data mnist \(train)`: only the first \(train) training examples.")
        case (nil, let test?):
            lines += [""] + comment("Only the first \(test) test examples.")
        case (nil, nil):
            break
        }
        if let train { lines.append("x_train, y_train = x_train[:\(train)], y_train[:\(train)]") }
        if let test { lines.append("x_test, y_test = x_test[:\(test)], y_test[:\(test)]") }
        if s.loss == .mse {
            // One-hot rows as wide as the model's output, as tutor's mse compares them: one per
            // class for a model that fits the data.
            var shape = s.inputShape
            for layer in s.layers { shape = (try? layer.outputShape(for: shape)) ?? shape }
            let width = shape.reduce(1, *)
            lines += [""]
                + comment("`loss mse` compares the \(width) outputs with the label's one-hot row (`show onehot 3` shows the one for 3), so Keras needs the labels one-hot too.")
                + [
                    "y_train = keras.utils.to_categorical(y_train, \(width))",
                    "y_test = keras.utils.to_categorical(y_test, \(width))",
                ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `keras.Sequential([...])` with one line per layer, and its summary.
    private static func modelSection(_ s: Settings) -> String {
        var lines = comment("The layers, in order: `layer flatten` is layers.Flatten() and `layer dense N ACT` is layers.Dense(N, activation=\"ACT\"). Like tutor, Keras starts Dense kernels Glorot-uniform and biases at zero.")
        lines += [
            "model = keras.Sequential([",
            "    keras.Input(shape=\(PythonLiteral.tuple(s.inputShape))),",
        ]
        for layer in s.layers {
            lines.append("    layers.\(call(layer.kerasCall)),")
        }
        lines += ["])", "model.summary()"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A layer's constructor as Python: `Dense(256, activation="sigmoid")`, `Dropout(0.2)`.
    static func call(_ call: KerasCall) -> String {
        let arguments = call.arguments.map { argument in
            (argument.label.map { $0 + "=" } ?? "") + literal(argument.value)
        }
        return call.className + "(" + arguments.joined(separator: ", ") + ")"
    }

    /// A setting as the Python literal that reads back as the same value.
    private static func literal(_ value: ConfigValue) -> String {
        switch value {
        case .int(let number): return String(number)
        case .double(let number): return PythonLiteral.float(number)
        case .string(let text): return PythonLiteral.string(text)
        }
    }

    /// The optimizer with all its hyper-parameters, and `model.compile` with the loss and metric.
    private static func compileSection(_ s: Settings) -> String {
        var lines: [String]
        switch s.optimizer {
        case .adam(let learningRate, let beta1, let beta2, let epsilon):
            lines = comment("`optimizer adam \(PythonLiteral.float(learningRate))`: Adam with all of tutor's hyper-parameters.")
            lines += [
                "optimizer = keras.optimizers.Adam(",
                "    learning_rate=\(PythonLiteral.float(learningRate)),",
                "    beta_1=\(PythonLiteral.float(beta1)),",
                "    beta_2=\(PythonLiteral.float(beta2)),",
                "    epsilon=\(PythonLiteral.float(epsilon)),",
                ")",
            ]
        case .sgd(let learningRate, let momentum):
            let command = "optimizer sgd \(PythonLiteral.float(learningRate))"
                + (momentum == 0 ? "" : " momentum \(PythonLiteral.float(momentum))")
            lines = comment("`\(command)`: SGD with all of tutor's hyper-parameters.")
            lines += [
                "optimizer = keras.optimizers.SGD(",
                "    learning_rate=\(PythonLiteral.float(learningRate)),",
                "    momentum=\(PythonLiteral.float(momentum)),",
                ")",
            ]
        }
        lines.append("")
        switch s.loss {
        case .crossentropy:
            lines += comment("`loss crossentropy`: the labels are digits, as Keras' sparse_categorical_crossentropy expects. Accuracy counts the examples whose largest output is the one at their label, as tutor's does.")
            lines += [
                "model.compile(",
                "    optimizer=optimizer,",
                "    loss=\"sparse_categorical_crossentropy\",",
                "    metrics=[\"accuracy\"],",
                ")",
            ]
        case .mse:
            lines += comment("`loss mse`: the mean of the squared differences between the outputs and the one-hot label. With one-hot labels, tutor's accuracy (an example counts as right when its largest output is at its label) is Keras' categorical accuracy; it is named \"accuracy\" here so that Keras' progress lines read like tutor's.")
            lines += [
                "model.compile(",
                "    optimizer=optimizer,",
                "    loss=\"mean_squared_error\",",
                "    metrics=[keras.metrics.CategoricalAccuracy(name=\"accuracy\")],",
                ")",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// What one `model.fit` repeats: "`fit 5` was stopped in epoch 4, after 1,616 of its 1,875
    /// batches: the 3 epochs it finished, in batches of 32."
    static func description(_ fit: FitRecord) -> String {
        let epochs = Thousands.counted(fit.epochs, "epoch")
        let batches = "in batches of \(Thousands.grouped(fit.batchSize))"
        guard let command = fit.command else {
            return "`load model`: the \(epochs) the model was trained before it was saved, \(batches), the batch size saved with it (the model file does not keep how they were validated)."
        }
        switch fit.ending {
        case .finished:
            return "`\(command)`: \(epochs) \(batches)."
        case .stopped(let epoch, let step, let steps):
            let stop = "`\(command)` was stopped in epoch \(epoch), after \(Thousands.grouped(step)) of its \(Thousands.grouped(steps)) batches"
            guard fit.epochs > 0 else {
                return stop + ", before it finished an epoch: nothing of it is repeated here (its batches changed tutor's weights a little)."
            }
            return stop + ": the \(fit.epochs == 1 ? "epoch" : epochs) it finished, \(batches)."
        case .diverged(let epoch):
            return "`\(command)` diverged in epoch \(epoch), which tutor undid: the \(fit.epochs == 1 ? "epoch" : epochs) before it, \(batches)."
        }
    }

    /// What the program trains, for the message after `export keras`: "it trains as here: `fit 3`",
    /// "it trains as here, one `model.fit` per `fit`: 3 epochs of `fit 5` (stopped in epoch 4),
    /// then `fit 1 validate 0.1`".
    public static func trainingSummary(_ fits: [FitRecord]) -> String {
        let parts = fits.map { fit -> String in
            guard let command = fit.command else { return "the \(Thousands.counted(fit.epochs, "epoch")) of the loaded model" }
            switch fit.ending {
            case .finished: return "`\(command)`"
            case .stopped(let epoch, _, _):
                return "\(fit.epochs == 0 ? "no epoch" : Thousands.counted(fit.epochs, "epoch")) of `\(command)` (stopped in epoch \(epoch))"
            case .diverged(let epoch):
                return "\(fit.epochs == 0 ? "no epoch" : Thousands.counted(fit.epochs, "epoch")) of `\(command)` (diverged in epoch \(epoch))"
            }
        }
        switch parts.count {
        case 0: return "it does not train the model, which was not trained here"
        case 1: return "it trains as here: \(parts[0])"
        default: return "it trains as here, one `model.fit` per `fit`: " + parts.joined(separator: ", then ")
        }
    }

    // MARK: - Layout

    /// The longest line PEP 8 allows.
    static let lineWidth = 79

    /// `text` as `#` comment lines of at most ``lineWidth`` characters, broken between words but
    /// never inside a `code span` (a word or span longer than a line keeps a line of its own).
    static func comment(_ text: String) -> [String] {
        TextColumns.wrap(words: words(text), width: lineWidth - 2).map { $0.isEmpty ? "#" : "# " + $0 }
    }

    /// The words of `text`, with each `code span` kept whole as one word.
    private static func words(_ text: String) -> [String] {
        var words: [String] = []
        var insideCode = false
        for piece in text.split(separator: " ") {
            if insideCode, let last = words.popLast() {
                words.append(last + " " + piece)
            } else {
                words.append(String(piece))
            }
            if piece.filter({ $0 == "`" }).count % 2 == 1 { insideCode.toggle() }
        }
        return words
    }
}
