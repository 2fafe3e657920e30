import NeuralNet
import TextFormat

/// `export keras FILE`: the learner's model and training settings as a Python program for real
/// Keras 3, so the two can be run side by side.
///
/// The program reads the same MNIST files (from the folder given as its first argument, or tutor's
/// bundled copy; it never downloads), scales and subsets them as tutor did, builds the same layers
/// (Keras' Dense starts from Glorot-uniform kernels and zero biases, as tutor does), compiles the
/// same optimizer with the same hyper-parameters and the same loss, trains as tutor did — one
/// `model.fit` per `fit` command, with its batch size and validation split, a `fit` stopped with
/// Ctrl-C or by divergence as the epochs it finished (a comment says where it stopped) — and
/// prints the test accuracy and loss in the form `test accuracy: 0.XXXX` / `test loss: X.XXXX`.
///
/// Every number is written so that Python reads back exactly the value tutor used (see
/// ``PythonLiteral``). Keras draws its random numbers differently, so the results agree closely
/// but not digit for digit.
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
        /// The `seed N` in force.
        public var seed: UInt64
        /// `data mnist N`: only the first N training examples (nil: all of them).
        public var trainLimit: Int?
        /// `data mnist N M`: only the first M test examples (nil: all of them).
        public var testLimit: Int?
        /// The absolute path of the bundled MNIST folder, read when the program is given none.
        public var defaultDataDirectory: String

        /// The settings, one by one.
        public init(
            inputShape: [Int], layers: [LayerSpec], optimizer: OptimizerKind, loss: Loss,
            batchSize: Int, fits: [FitRecord], seed: UInt64,
            trainLimit: Int?, testLimit: Int?, defaultDataDirectory: String
        ) {
            self.inputShape = inputShape
            self.layers = layers
            self.optimizer = optimizer
            self.loss = loss
            self.batchSize = batchSize
            self.fits = fits
            self.seed = seed
            self.trainLimit = trainLimit
            self.testLimit = testLimit
            self.defaultDataDirectory = defaultDataDirectory
        }
    }

    /// The whole Python program, ending with a newline.
    public static func program(_ settings: Settings) -> String {
        let sections = [
            header,
            "# tutor's bundled MNIST, read when no folder is given on the command line.\n"
                + "DEFAULT_MNIST_DIR = \(PythonLiteral.string(settings.defaultDataDirectory))\n",
            loaders,
            seedSection(settings.seed),
            dataSection(settings),
            modelSection(settings),
            compileSection(settings),
            fitSection(settings),
            evaluateSection,
        ]
        return sections.joined(separator: "\n")
    }

    // MARK: - The fixed parts

    /// The docstring, the imports and the quieting of TensorFlow.
    private static let header = #"""
        """A Keras version of a model built in tutor.

        Exported from tutor with `export keras FILE`: the same data, layers,
        optimizer, loss, batch size and epochs, written for Keras 3.

        Run it with Python 3, Keras 3 and a backend such as TensorFlow:

            python3 FILE [MNIST_DIR]

        FILE is this program. MNIST_DIR is a folder holding the four MNIST IDX
        files (gzipped or raw); without it, tutor's bundled copy is read.
        Nothing is downloaded.

        Keras draws its random numbers differently from tutor, so the losses
        and accuracies will be close to tutor's but not the same digits.
        """

        import gzip
        import os
        import sys

        # Quiet TensorFlow's start-up messages; this must come before Keras loads.
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

        import keras  # noqa: E402
        import numpy as np  # noqa: E402
        from keras import layers  # noqa: E402

        """#

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
                sys.exit(f"{paths[0]} is missing (also looked for {stem})")
            with open(path, "rb") as file:
                data = file.read()
            if data[:2] == b"\x1f\x8b":  # the two bytes every gzip file starts with
                data = gzip.decompress(data)
            # An IDX file starts with 0, 0, the type of its values (8: unsigned
            # bytes) and the number of dimensions; then come the dimensions as
            # big-endian 32-bit numbers, and then the values.
            if len(data) < 4 or data[:3] != b"\x00\x00\x08":
                sys.exit(f"{path} is not an IDX file of unsigned bytes")
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

    /// Testing, the same way as tutor's `evaluate`.
    private static let evaluateSection = #"""
        # `evaluate`: the loss and accuracy on the test set.
        results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
        print(f"test accuracy: {results['accuracy']:.4f}")
        print(f"test loss: {results['loss']:.4f}")

        """#

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
        var lines = comment("`data mnist`: the digits from the folder given on the command line, or the bundled ones.")
        lines += [
            "directory = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_MNIST_DIR",
            "(x_train, y_train), (x_test, y_test) = load_mnist(directory)",
        ]
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

    /// One `model.fit` per fit that finished an epoch, each with its epochs, batch size and
    /// validation split, after a comment on what it repeats.
    private static func fitSection(_ s: Settings) -> String {
        guard !s.fits.isEmpty else {
            let lines = comment("The model was not trained in tutor, so it is not trained here either: the test accuracy below is that of its first weights. To train it as `fit 1` would, remove the `#` below.")
                + ["# model.fit(x_train, y_train, epochs=1, batch_size=\(s.batchSize))"]
            return lines.joined(separator: "\n") + "\n"
        }
        var lines = s.fits.count == 1
            ? comment("Train as tutor did, shuffling every epoch.")
            : comment("Train as tutor did: one model.fit for each `fit`, each going on from where the one before left off, shuffling every epoch.")
        for fit in s.fits {
            if s.fits.count > 1 { lines.append("") }
            lines += comment(description(fit))
            guard fit.epochs > 0 else { continue }
            let call = "model.fit(x_train, y_train, epochs=\(fit.epochs), batch_size=\(fit.batchSize)"
            if let split = fit.validationSplit, split > 0 {
                lines += comment("`validate \(PythonLiteral.float(split))`: that fraction of the training examples, the last ones (taken before shuffling), is held out and measured after every epoch.")
                lines += [call + ",", "          validation_split=\(PythonLiteral.float(split)))"]
            } else {
                lines.append(call + ")")
            }
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
