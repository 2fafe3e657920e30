import ChildProcess
import Foundation
@testable import NeuralNet
import Testing
@testable import TutorLanguage

/// `export keras FILE`'s program: the whole text for the seed model, the lines that change with
/// each setting, Python literals that read back exactly, and (when python3 is installed) that
/// Python accepts what is written.
@Suite struct KerasExportTests {
    /// The seed lesson's model and training: flatten, dense 256 sigmoid, dense 10 softmax,
    /// adam with Keras' defaults, batch 32, 3 epochs, seed 42, the whole of MNIST.
    static let seedSettings = KerasExport.Settings(
        inputShape: [28, 28],
        layers: [.flatten, .dense(units: 256, activation: .sigmoid), .dense(units: 10, activation: .softmax)],
        optimizer: .adam(), loss: .crossentropy, batchSize: 32,
        fits: [FitRecord(command: "fit 3", epochs: 3, batchSize: 32, validationSplit: nil, ending: .finished)],
        history: [
            EpochRecord(epoch: 1, loss: 0.26021, accuracy: 0.92518, validationLoss: nil, validationAccuracy: nil, seconds: 9),
            EpochRecord(epoch: 2, loss: 0.11712, accuracy: 0.96515, validationLoss: nil, validationAccuracy: nil, seconds: 9),
            EpochRecord(epoch: 3, loss: 0.07649, accuracy: 0.97738, validationLoss: nil, validationAccuracy: nil, seconds: 9),
        ],
        evaluation: Evaluation(loss: 0.08604, accuracy: 0.97331), seed: 42,
        trainLimit: nil, testLimit: nil, defaultDataDirectory: "/opt/tutor/lessons/data/mnist")

    /// The seed settings changed by `change`.
    static func settings(_ change: (inout KerasExport.Settings) -> Void) -> KerasExport.Settings {
        var settings = seedSettings
        change(&settings)
        return settings
    }

    /// The program's lines.
    static func lines(_ settings: KerasExport.Settings) -> [String] {
        KerasExport.program(settings).components(separatedBy: "\n")
    }

    /// Whether `expected` occurs in the program as consecutive whole lines.
    static func contains(_ settings: KerasExport.Settings, _ expected: [String]) -> Bool {
        let all = lines(settings)
        guard expected.count <= all.count else { return false }
        return (0...(all.count - expected.count)).contains { Array(all[$0..<($0 + expected.count)]) == expected }
    }

    // MARK: - The seed model, whole

    /// The whole script: markdown cells quoting tutor, code cells doing what it did, in the
    /// percent format.
    @Test func seedModelProgram() {
        let expected = #"""
        # %% [markdown]
        # # A Keras version of a model built in tutor
        #
        # Exported from tutor with `export keras`: the same data, layers, optimizer,
        # loss, batch size and epochs, written for Keras 3. Run it as a script
        # (`python3 FILE.py`) or cell by cell in Jupyter or VS Code, with Keras 3 and a
        # backend such as TensorFlow.
        #
        # The digits are read from the folder that `TUTOR_DATA` names, as tutor reads
        # them, or else from the folder tutor read them from. Nothing is downloaded.
        #
        # Keras draws its random numbers differently from tutor, so the losses and
        # accuracies will be close to tutor's but not the same digits. The last cell
        # prints both.

        # %%
        import gzip
        import os

        # Quiet TensorFlow's start-up messages; this must come before Keras loads.
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

        import keras  # noqa: E402
        import numpy as np  # noqa: E402
        from keras import layers  # noqa: E402

        # %%
        # The MNIST folder: the one that TUTOR_DATA names, as for tutor, or else the
        # one tutor read the digits from.
        MNIST_DIR = os.environ.get("TUTOR_DATA") or "/opt/tutor/lessons/data/mnist"


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

        # %%
        # `seed 42`: Keras' initial weights and shuffles come from this seed, so every
        # run gives the same numbers.
        keras.utils.set_random_seed(42)

        # `data mnist`: the digits, from MNIST_DIR.
        (x_train, y_train), (x_test, y_test) = load_mnist(MNIST_DIR)

        # %% [markdown]
        # ## The model
        #
        # The layers as tutor built them, with what it printed for each:
        #
        # - `layer flatten`: `28×28 → flatten → 784`, params `0`
        # - `layer dense 256 sigmoid`: `784 → dense(256, sigmoid) → 256`, params
        #   `784·256 + 256 = 200,960`
        # - `layer dense 10 softmax`: `256 → dense(10, softmax) → 10`, params
        #   `256·10 + 10 = 2,570`

        # %%
        # The layers, in order: `layer flatten` is layers.Flatten() and
        # `layer dense N ACT` is layers.Dense(N, activation="ACT"). Like tutor, Keras
        # starts Dense kernels Glorot-uniform and biases at zero.
        model = keras.Sequential([
            keras.Input(shape=(28, 28)),
            layers.Flatten(),
            layers.Dense(256, activation="sigmoid"),
            layers.Dense(10, activation="softmax"),
        ])
        model.summary()

        # %%
        # `optimizer adam 0.001`: Adam with all of tutor's hyper-parameters.
        optimizer = keras.optimizers.Adam(
            learning_rate=0.001,
            beta_1=0.9,
            beta_2=0.999,
            epsilon=1e-07,
        )

        # `loss crossentropy`: the labels are digits, as Keras'
        # sparse_categorical_crossentropy expects. Accuracy counts the examples whose
        # largest output is the one at their label, as tutor's does.
        model.compile(
            optimizer=optimizer,
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )

        # %% [markdown]
        # ## Training
        #
        # Keras trains as tutor did, shuffling every epoch; tutor printed these numbers
        # after each epoch.

        # %% [markdown]
        # `fit 3`: 3 epochs in batches of 32.
        #
        # | epoch | loss | accuracy |
        # |---|---|---|
        # | 1 | 0.2602 | 0.9252 |
        # | 2 | 0.1171 | 0.9651 |
        # | 3 | 0.0765 | 0.9774 |

        # %%
        model.fit(x_train, y_train, epochs=3, batch_size=32)

        # %% [markdown]
        # ## Testing
        #
        # tutor's `evaluate` printed a test accuracy of 0.9733 and a test loss of
        # 0.0860. Keras' follow, beside them.

        # %%
        # `evaluate`: the accuracy and loss on the test set, beside tutor's.
        results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
        accuracy, loss = results["accuracy"], results["loss"]
        print(f"test accuracy: tutor 0.9733, Keras {accuracy:.4f}")
        print(f"test loss: tutor 0.0860, Keras {loss:.4f}")

        """#
        #expect(KerasExport.program(Self.seedSettings) == expected)
    }

    /// The notebook holds the same cells as the script: markdown cells for the `# %% [markdown]`
    /// ones, code cells (not run) for the `# %%` ones, for Python 3.
    @Test func theNotebookHoldsTheScriptsCells() {
        let notebook = KerasExport.notebook(Self.seedSettings)
        #expect(notebook.kernel == .python3)
        #expect(notebook.percentScript == KerasExport.program(Self.seedSettings))
        let kinds = notebook.cells.map { cell -> String in
            if case .markdown = cell { return "markdown" }
            if case .code(_, let outputs, let count) = cell, outputs.isEmpty, count == nil { return "code" }
            return "ran"
        }
        #expect(kinds == ["markdown", "code", "code", "code", "markdown", "code", "code", "markdown", "markdown", "code", "markdown", "code"])
    }

    // MARK: - Each setting's lines

    @Test func sgdWithMomentum() {
        let settings = Self.settings { $0.optimizer = .sgd(learningRate: 0.05, momentum: 0.9) }
        #expect(Self.contains(settings, [
            "# `optimizer sgd 0.05 momentum 0.9`: SGD with all of tutor's hyper-parameters.",
            "optimizer = keras.optimizers.SGD(",
            "    learning_rate=0.05,",
            "    momentum=0.9,",
            ")",
        ]))
        #expect(!KerasExport.program(settings).contains("Adam("))
    }

    @Test func sgdWithKerasDefaults() {
        let settings = Self.settings { $0.optimizer = .defaultSGD }
        #expect(Self.contains(settings, [
            "# `optimizer sgd 0.01`: SGD with all of tutor's hyper-parameters.",
            "optimizer = keras.optimizers.SGD(",
            "    learning_rate=0.01,",
            "    momentum=0.0,",
            ")",
        ]))
    }

    @Test func adamWithOtherHyperParameters() {
        let settings = Self.settings {
            $0.optimizer = .adam(learningRate: 3e-4, beta1: 0.8, beta2: 0.99, epsilon: 1e-8)
        }
        #expect(Self.contains(settings, [
            "# `optimizer adam 0.0003`: Adam with all of tutor's hyper-parameters.",
            "optimizer = keras.optimizers.Adam(",
            "    learning_rate=0.0003,",
            "    beta_1=0.8,",
            "    beta_2=0.99,",
            "    epsilon=1e-08,",
            ")",
        ]))
    }

    @Test func meanSquaredErrorUsesOneHotLabelsAndCategoricalAccuracy() {
        let settings = Self.settings { $0.loss = .mse }
        let program = KerasExport.program(settings)
        #expect(Self.contains(settings, [
            "y_train = keras.utils.to_categorical(y_train, 10)",
            "y_test = keras.utils.to_categorical(y_test, 10)",
        ]))
        #expect(Self.contains(settings, [
            "model.compile(",
            "    optimizer=optimizer,",
            "    loss=\"mean_squared_error\",",
            "    metrics=[keras.metrics.CategoricalAccuracy(name=\"accuracy\")],",
            ")",
        ]))
        #expect(program.contains("is Keras' categorical\n# accuracy"))
        #expect(!program.contains("sparse_categorical_crossentropy"))
        // The labels become one-hot after the subsets are taken and before the model sees them.
        let oneHot = program.range(of: "to_categorical")?.lowerBound
        let fit = program.range(of: "model.fit(")?.lowerBound
        let load = program.range(of: "= load_mnist(MNIST_DIR)")?.lowerBound
        #expect(load != nil && oneHot != nil && fit != nil)
        if let load, let oneHot, let fit { #expect(load < oneHot && oneHot < fit) }
    }

    /// The one-hot rows are as wide as the model's output: one per class of its data.
    @Test func meanSquaredErrorOneHotsAsManyClassesAsTheModelHasOutputs() {
        let settings = Self.settings {
            $0.loss = .mse
            $0.layers = [.flatten, .dense(units: 8, activation: .relu), .dense(units: 3, activation: .softmax)]
        }
        #expect(Self.contains(settings, [
            "y_train = keras.utils.to_categorical(y_train, 3)",
            "y_test = keras.utils.to_categorical(y_test, 3)",
        ]))
        #expect(KerasExport.program(settings).contains("compares the 3 outputs"))
    }

    /// The seed settings trained by `fits` instead.
    static func trained(_ fits: [FitRecord]) -> KerasExport.Settings {
        settings {
            $0.fits = fits
            $0.history = []
        }
    }

    @Test func validationSplit() {
        let settings = Self.trained([FitRecord(command: "fit 3 validate 0.1", epochs: 3, batchSize: 32, validationSplit: 0.1, ending: .finished)])
        #expect(Self.contains(settings, [
            "# `fit 3 validate 0.1`: 3 epochs in batches of 32.",
            "",
            "# %%",
            "# `validate 0.1`: that fraction of the training examples, the last ones (taken",
            "# before shuffling), is held out and measured after every epoch.",
            "model.fit(x_train, y_train, epochs=3, batch_size=32,",
            "          validation_split=0.1)",
        ]))
        #expect(!KerasExport.program(Self.seedSettings).contains("validation_split"))
    }

    @Test func epochsAndBatchSize() {
        let settings = Self.trained([FitRecord(command: "fit 1 batch 128", epochs: 1, batchSize: 128, validationSplit: nil, ending: .finished)])
        #expect(Self.contains(settings, [
            "# %% [markdown]",
            "# `fit 1 batch 128`: 1 epoch in batches of 128.",
            "",
            "# %%",
            "model.fit(x_train, y_train, epochs=1, batch_size=128)",
        ]))
    }

    /// An untrained model is evaluated untrained, as `evaluate` in tutor would; the call that
    /// would train it is there, commented out.
    @Test func anUntrainedModelIsNotTrained() {
        let untrained = Self.trained([])
        #expect(Self.contains(untrained, [
            "# %% [markdown]",
            "# ## Training",
            "#",
            "# The model was not trained in tutor, so it is not trained here either: the",
            "# test accuracy below is that of its first weights.",
            "",
            "# %%",
            "# To train it as `fit 1` would, remove the `#` below.",
            "# model.fit(x_train, y_train, epochs=1, batch_size=32)",
        ]))
        #expect(!KerasExport.program(untrained).contains("\nmodel.fit("))
        #expect(KerasExport.trainingSummary([]) == "it does not train the model, which was not trained here")
    }

    /// One `model.fit` per `fit`: a stopped one as the epochs it finished, one that diverged as
    /// the epochs before, one stopped in its first epoch as a comment only; a loaded model's
    /// epochs first.
    @Test func oneModelFitPerFit() {
        let fits = [
            FitRecord(command: nil, epochs: 2, batchSize: 64, validationSplit: nil, ending: .finished),
            FitRecord(command: "fit 5", epochs: 3, batchSize: 32, validationSplit: nil, ending: .stopped(epoch: 4, step: 1616, steps: 1875)),
            FitRecord(command: "fit 1 validate 0.1", epochs: 1, batchSize: 32, validationSplit: 0.1, ending: .finished),
            FitRecord(command: "fit 2 batch 8", epochs: 0, batchSize: 8, validationSplit: nil, ending: .stopped(epoch: 1, step: 90, steps: 7500)),
            FitRecord(command: "fit 4", epochs: 1, batchSize: 32, validationSplit: nil, ending: .diverged(epoch: 2)),
        ]
        let program = KerasExport.program(Self.trained(fits))
        #expect(program.contains("""
            # %% [markdown]
            # ## Training
            #
            # Keras trains as tutor did: one `model.fit` for each `fit`, each going on from
            # where the one before left off, shuffling every epoch; tutor printed these
            # numbers after each epoch.

            # %% [markdown]
            # `load model`: the 2 epochs the model was trained before it was saved, in
            # batches of 64, the batch size saved with it (the model file does not keep how
            # they were validated).

            # %%
            model.fit(x_train, y_train, epochs=2, batch_size=64)

            # %% [markdown]
            # `fit 5` was stopped in epoch 4, after 1,616 of its 1,875 batches: the 3
            # epochs it finished, in batches of 32.

            # %%
            model.fit(x_train, y_train, epochs=3, batch_size=32)

            # %% [markdown]
            # `fit 1 validate 0.1`: 1 epoch in batches of 32.

            # %%
            # `validate 0.1`: that fraction of the training examples, the last ones (taken
            # before shuffling), is held out and measured after every epoch.
            model.fit(x_train, y_train, epochs=1, batch_size=32,
                      validation_split=0.1)

            # %% [markdown]
            # `fit 2 batch 8` was stopped in epoch 1, after 90 of its 7,500 batches, before
            # it finished an epoch: nothing of it is repeated here (its batches changed
            # tutor's weights a little).

            # %% [markdown]
            # `fit 4` diverged in epoch 2, which tutor undid: the epoch before it, in
            # batches of 32.

            # %%
            model.fit(x_train, y_train, epochs=1, batch_size=32)

            # %% [markdown]
            # ## Testing
            """))
        #expect(KerasExport.trainingSummary(fits) == "it trains as here, one `model.fit` per `fit`: "
            + "the 2 epochs of the loaded model, then 3 epochs of `fit 5` (stopped in epoch 4), then `fit 1 validate 0.1`, "
            + "then no epoch of `fit 2 batch 8` (stopped in epoch 1), then 1 epoch of `fit 4` (diverged in epoch 2)")
        #expect(KerasExport.trainingSummary([fits[2]]) == "it trains as here: `fit 1 validate 0.1`")
    }

    @Test func subsets() {
        let both = Self.settings { $0.trainLimit = 1000; $0.testLimit = 500 }
        #expect(Self.contains(both, [
            "(x_train, y_train), (x_test, y_test) = load_mnist(MNIST_DIR)",
            "",
            "# `data mnist 1000 500`: only the first 1000 training and 500 test examples.",
            "x_train, y_train = x_train[:1000], y_train[:1000]",
            "x_test, y_test = x_test[:500], y_test[:500]",
        ]))
        let train = Self.settings { $0.trainLimit = 2000 }
        #expect(Self.contains(train, [
            "# `data mnist 2000`: only the first 2000 training examples.",
            "x_train, y_train = x_train[:2000], y_train[:2000]",
        ]))
        #expect(!KerasExport.program(train).contains("x_test[:"))
        #expect(!KerasExport.program(Self.seedSettings).contains("x_train[:"))
    }

    @Test func everyActivationAndInputShape() {
        let settings = Self.settings {
            $0.inputShape = [784]
            $0.layers = [
                .dense(units: 64, activation: .relu), .dense(units: 32, activation: .tanh),
                .dense(units: 16, activation: .linear), .dense(units: 10, activation: .softmax),
            ]
        }
        #expect(Self.contains(settings, [
            "model = keras.Sequential([",
            "    keras.Input(shape=(784,)),",
            "    layers.Dense(64, activation=\"relu\"),",
            "    layers.Dense(32, activation=\"tanh\"),",
            "    layers.Dense(16, activation=\"linear\"),",
            "    layers.Dense(10, activation=\"softmax\"),",
            "])",
            "model.summary()",
        ]))
    }

    @Test func pathWithQuotesAndBackslashes() {
        let settings = Self.settings { $0.defaultDataDirectory = #"/home/o'neil/my "data"\mnist"# }
        #expect(Self.contains(settings, [#"MNIST_DIR = os.environ.get("TUTOR_DATA") or "/home/o'neil/my \"data\"\\mnist""#]))
    }

    @Test func seedBeyondNumPy() {
        let settings = Self.settings { $0.seed = 5_000_000_000 }
        #expect(Self.contains(settings, [
            "# `seed 5000000000`: Keras' initial weights and shuffles come from this seed,",
            "# so every run gives the same numbers.",
            "# NumPy takes seeds up to 2**32 - 1 only, so Keras gets the remainder of",
            "# 5000000000 divided by 2**32.",
            "keras.utils.set_random_seed(705032704)",
        ]))
        #expect(Self.contains(Self.settings { $0.seed = 4_294_967_295 }, ["keras.utils.set_random_seed(4294967295)"]))
    }

    /// The settings that vary the most at once, with the longest numbers there can be.
    static let everything = settings {
        $0.layers = [.flatten, .dense(units: 1_000_000, activation: .linear), .dense(units: 10, activation: .softmax)]
        $0.optimizer = .adam(learningRate: 1.2345678e-05, beta1: 0.87654321, beta2: 0.9999999, epsilon: 1.1754944e-38)
        $0.loss = .mse
        $0.batchSize = 1_000_000
        $0.fits = [
            FitRecord(command: "fit 1000000 batch 1000000 validate 0.123456789012345", epochs: 999_999, batchSize: 1_000_000,
                      validationSplit: 0.123456789012345, ending: .stopped(epoch: 1_000_000, step: 999_999, steps: 1_000_000)),
            FitRecord(command: nil, epochs: 1_000_000, batchSize: 1_000_000, validationSplit: nil, ending: .finished),
            FitRecord(command: "fit 1000000", epochs: 999_999, batchSize: 1_000_000, validationSplit: nil, ending: .diverged(epoch: 1_000_000)),
        ]
        $0.seed = .max
        $0.trainLimit = 1_000_000
        $0.testLimit = 1_000_000
        $0.defaultDataDirectory = "/tmp/o'neil \"x\"\\\n\t\u{0}é"
    }

    @Test func linesFitPEP8Width() {
        for settings in [Self.seedSettings, Self.everything, Self.settings { $0.optimizer = .sgd(learningRate: 1.2345678e-05, momentum: 0.87654321) }] {
            for line in Self.lines(settings) where !line.hasPrefix("MNIST_DIR = ") {
                #expect(line.count <= 79, "\(line)")
            }
        }
        #expect(!KerasExport.program(Self.everything).contains("\t"))
    }

    @Test(arguments: [
        ("", ["#"]),
        ("short words", ["# short words"]),
        (String(repeating: "a ", count: 40) + "`code span stays whole`",
         ["# " + Array(repeating: "a", count: 39).joined(separator: " "), "# a `code span stays whole`"]),
    ])
    func commentsWrapBetweenWords(text: String, expected: [String]) {
        #expect(KerasExport.comment(text) == expected)
    }

    // MARK: - Python literals

    @Test(arguments: [
        (Float(0.001), "0.001"), (0.9, "0.9"), (0.999, "0.999"), (1e-7, "1e-07"), (0.01, "0.01"),
        (1, "1.0"), (0, "0.0"), (-0.0, "-0.0"), (2.5e10, "2.5e+10"), (.infinity, "float(\"inf\")"),
        (-.infinity, "-float(\"inf\")"), (.nan, "float(\"nan\")"),
    ])
    func floatLiterals(value: Float, text: String) {
        #expect(PythonLiteral.float(value) == text)
    }

    @Test func floatLiteralsReadBackAsTheSameFloat32() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<100_000 {
            let value = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator))
            guard value.isFinite else { continue }
            let text = PythonLiteral.float(value)
            let parsed = Double(text).map { Float($0) }
            #expect(parsed?.bitPattern == value.bitPattern, "\(value) → \(text)")
        }
    }

    @Test func doubleLiterals() {
        #expect(PythonLiteral.float(0.1 as Double) == "0.1")
        #expect(PythonLiteral.float(0.123456789012345 as Double) == "0.123456789012345")
        #expect(PythonLiteral.float(1e-5 as Double) == "1e-05")
    }

    @Test(arguments: [
        ("/plain/path", #""/plain/path""#),
        (#"C:\data\mnist"#, #""C:\\data\\mnist""#),
        (#"it's "quoted""#, #""it's \"quoted\"""#),
        ("a\nb\tc\r\u{0}\u{7F}\u{2028}", #""a\nb\tc\r\x00\x7f\u2028""#),
        ("données/數字", #""données/數字""#),
    ])
    func stringLiterals(text: String, literal: String) {
        #expect(PythonLiteral.string(text) == literal)
    }

    @Test func tupleLiterals() {
        #expect(PythonLiteral.tuple([28, 28]) == "(28, 28)")
        #expect(PythonLiteral.tuple([784]) == "(784,)")
        #expect(PythonLiteral.tuple([]) == "()")
    }

    // MARK: - Python itself

    /// The python3 on the PATH, if any.
    static let python3: URL? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent("python3") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs python3 with `arguments`; its exit status and standard output.
    static func runPython(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let python = try #require(python3)
        let result = try await ChildProcess.run(python.path, arguments, limit: .seconds(120))
        return (result.status, result.stdout)
    }

    @Test(.enabled(if: python3 != nil, "python3 is not installed"))
    func exportedProgramsCompile() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("keras-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let quoted = Self.settings {
            $0.defaultDataDirectory = #"/home/o'neil/my "data"\mnist"#
            $0.optimizer = .sgd(learningRate: 0.1, momentum: 0.5)
            $0.loss = .mse
            $0.fits = [
                FitRecord(command: "fit 2 validate 0.2", epochs: 1, batchSize: 32, validationSplit: 0.2, ending: .stopped(epoch: 2, step: 3, steps: 4)),
                FitRecord(command: "fit 1", epochs: 1, batchSize: 32, validationSplit: nil, ending: .finished),
            ]
            $0.trainLimit = 100
        }
        for (name, settings) in [("seed", Self.seedSettings), ("quoted", quoted), ("everything", Self.everything), ("untrained", Self.trained([]))] {
            let file = directory.appendingPathComponent("\(name).py")
            try KerasExport.program(settings).write(to: file, atomically: true, encoding: .utf8)
            let result = try await Self.runPython(["-m", "py_compile", file.path])
            #expect(result.status == 0, "\(name).py does not compile")
        }
    }

    @Test(.enabled(if: python3 != nil, "python3 is not installed"))
    func pythonReadsTheLiteralsBack() async throws {
        let strings = [
            #"/home/o'neil/my "data"\mnist"#, "a\nb\tc\r\u{0}\u{1B}\u{7F}\u{85}\u{2028}", "données/數字 🙂",
        ]
        let script = "import ast, sys; print(' '.join(ast.literal_eval(a).encode().hex() for a in sys.argv[1:]))"
        let read = try await Self.runPython(["-c", script] + strings.map(PythonLiteral.string))
        #expect(read.status == 0)
        let expected = strings.map { $0.utf8.map { String(format: "%02x", $0) }.joined() }.joined(separator: " ")
        #expect(read.output.trimmingCharacters(in: .whitespacesAndNewlines) == expected)

        let floats: [Float] = [0.001, 0.9, 0.999, 1e-7, 0.01, 3e-4, 1.2345678e-05, 0.87654321, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 16777216, 0.1]
        let packing = "import ast, struct, sys; print(' '.join(str(struct.unpack('<I', struct.pack('<f', ast.literal_eval(a)))[0]) for a in sys.argv[1:]))"
        let packed = try await Self.runPython(["-c", packing] + floats.map(PythonLiteral.float))
        #expect(packed.status == 0)
        #expect(packed.output.trimmingCharacters(in: .whitespacesAndNewlines)
            == floats.map { String($0.bitPattern) }.joined(separator: " "))
    }
}
