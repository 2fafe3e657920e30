import NeuralNet

/// One command of the language as `help` lists it: its forms (how it is written and what ``Command``
/// each makes), its description and a line that runs as is. A command whose forms belong to several
/// groups (`show`) has one entry per group, all with the same ``topic``.
public struct CommandEntry: Sendable {
    /// The command's first word, which `help TOPIC` takes.
    public let topic: String
    public let group: HelpCatalog.Group
    /// What the word after the command word is called in errors ("layer kind"), when the forms
    /// differ there.
    public let noun: String?
    public let forms: [Grammar.Form]
    /// What the command does, in one line.
    public let summary: String
    /// A line that runs as is: the one `help` lists.
    public let example: String
    /// More lines that run as is, for the other forms: `help TOPIC` shows them after ``example``.
    public let moreExamples: [String]
    /// Lines that `help TOPIC` shows under the summary (what `explain` follows); none for most.
    public let details: [String]

    public init(
        _ topic: String, _ group: HelpCatalog.Group, noun: String? = nil, forms: [Grammar.Form], summary: String,
        example: String, more moreExamples: [String] = [], details: [String] = []
    ) {
        self.topic = topic
        self.group = group
        self.noun = noun
        self.forms = forms
        self.summary = summary
        self.example = example
        self.moreExamples = moreExamples
        self.details = details
    }

    /// Every example, ``example`` first.
    public var examples: [String] { [example] + moreExamples }

    /// Other first words that mean the same command (`summary` for `model`).
    public var aliases: [String] {
        var seen: Set<String> = [topic]
        return forms.compactMap(\.words.first?.text).filter { seen.insert($0).inserted }
    }
}

/// Every command of the language, in the order of the language reference (docs/LANGUAGE.md).
/// This is the one place a command is described: add a form here and the parser, Tab completion,
/// `help` and the usage notes in errors know it.
public enum CommandTable {
    public static let entries: [CommandEntry] = data + model + training + playground + exercises + files

    typealias Form = Grammar.Form
    typealias Word = Grammar.Word
    typealias Element = Grammar.Element

    // MARK: - Arguments used by several commands

    private static let imageIndex = Element.whole(.index, placeholder: "N", what: "the image index", .atLeast(0))
    /// `train` or `test` after an image index: the training set when left out.
    private static let imageSet = Element.optionalWord(.imageSet, words: ["train", "test"])
    private static let file = Element.path(.file, placeholder: "FILE", what: "a file name")
    private static func batchSize(_ field: Grammar.Field) -> Element {
        .whole(field, placeholder: "N", what: "the batch size", .atLeast(1))
    }

    // MARK: - Data

    private static let data: [CommandEntry] = [
        CommandEntry(
            "data", .data, noun: "data set",
            forms: [
                Form([Word("data"), Word("mnist")], [
                    .optional([
                        .whole(.trainCount, placeholder: "N", what: "the number of training examples", .atLeast(1)),
                        .optional([.whole(.testCount, placeholder: "M", what: "the number of test examples", .atLeast(1))]),
                    ]),
                ]) { .dataMNIST(train: $0.optionalWhole(.trainCount), test: $0.optionalWhole(.testCount)) },
                Form([Word("data"), Word("mnist"), Word("from")], [.path(.folder, placeholder: "DIR", what: "a folder")]) {
                    .dataMNISTFrom(path: $0.text(.folder))
                },
                Form("data", command: .dataInfo),
            ],
            summary: "load MNIST (all, the first N train and M test, or from DIR); `data` tells what is loaded",
            example: "data mnist 1000 200", more: ["data mnist from lessons/data/mnist", "data"]),
        CommandEntry(
            "show", .data, noun: "thing to show",
            forms: [
                Form([Word("show"), Word("image")], [imageIndex, imageSet]) {
                    .showImage(index: $0.whole(.index), test: $0.optionalWord(.imageSet) == "test")
                },
                Form([Word("show"), Word("pixels")], [
                    imageIndex, imageSet,
                    .options([Grammar.Option("row", [.whole(.row, placeholder: "R", what: "the row", .atLeast(0))])]),
                ]) { values in
                    let index = values.whole(.index), test = values.optionalWord(.imageSet) == "test"
                    return values.optionalWhole(.row).map { .showPixelRow(index: index, test: test, row: $0) }
                        ?? .showPixels(index: index, test: test)
                },
            ],
            summary: "draw training (or test) example N with its label, or print its 28×28 values, or row R's with their flattened positions",
            example: "show image 0", more: ["show pixels 7 test", "show pixels 1 row 14"]),
        CommandEntry(
            "draw", .data, forms: [Form("draw", command: .draw)],
            summary: "draw a digit yourself (arrow keys and space, or 28 piped lines where `#` is ink), then see it fitted and centred as MNIST's digits were",
            example: "draw"),
    ]

    // MARK: - Model

    private static let model: [CommandEntry] = [
        CommandEntry(
            "layer", .model, noun: "layer kind",
            forms: [
                Form("layer", "flatten", command: .layer(.flatten)),
                Form([Word("layer"), Word("dense")], [
                    .whole(.units, placeholder: "N", what: "the number of units", .atLeast(1)),
                    .optional([.choice(.activation, placeholder: "ACT", noun: "activation", words: Activation.names)]),
                ]) { values in
                    let activation = values.optionalWord(.activation).flatMap(Activation.named) ?? .linear
                    return .layer(.dense(units: values.whole(.units), activation: activation))
                },
                Form([Word("layer"), Word("dropout")], [
                    .number(.rate, placeholder: "RATE", what: "the dropout rate", .fromUpTo(0, 1), single: false),
                ]) { .layer(.dropout(rate: $0.number(.rate))) },
            ],
            summary: "add a layer: flatten 28×28 into 784, N dense units (ACT: \(Activation.names.joined(separator: " "))), or dropout",
            example: "layer dense 256 sigmoid", more: ["layer flatten", "layer dropout 0.2"]),
        CommandEntry(
            "model", .model, forms: [Form("model", command: .model), Form("summary", command: .model)],
            summary: "the model as a Keras-style table: layers, output shapes, parameter counts", example: "model"),
        CommandEntry("pop", .model, forms: [Form("pop", command: .pop)], summary: "remove the last layer", example: "pop"),
        CommandEntry(
            "reset", .model, forms: [Form("reset", command: .reset)],
            summary: "forget the model and its training (the data stays)", example: "reset"),
        CommandEntry(
            "show", .model,
            forms: [
                Form([Word("show"), Word("weights")], [.whole(.unit, placeholder: "N", what: "the unit index", .atLeast(0))]) {
                    .showWeights(unit: $0.whole(.unit))
                },
            ],
            summary: "the incoming weights of unit N of the first dense layer, drawn as an image",
            example: "show weights 0"),
    ]

    // MARK: - Training

    private static let learningRate = Element.optional([
        .number(.learningRate, placeholder: "LR", what: "the learning rate", .above(0), single: true),
    ])

    private static let training: [CommandEntry] = [
        CommandEntry(
            "optimizer", .training, noun: "optimizer",
            forms: OptimizerKind.Family.allCases.map { family in
                switch family {
                case .sgd:
                    return Form([Word("optimizer"), Word(family.rawValue)], [
                        learningRate,
                        .options([
                            Grammar.Option("momentum", [
                                .number(.momentum, placeholder: "X", what: "the momentum", .fromUpTo(0, 1), single: true),
                            ]),
                        ]),
                    ]) { values in
                        .optimizer(.sgd(
                            learningRate: values.optionalNumber(.learningRate).map(Float.init) ?? OptimizerKind.defaultSGD.learningRate,
                            momentum: values.optionalNumber(.momentum).map(Float.init) ?? 0))
                    }
                case .adam:
                    return Form([Word("optimizer"), Word(family.rawValue)], [learningRate]) { values in
                        .optimizer(values.optionalNumber(.learningRate).map { .adam(learningRate: Float($0)) } ?? .adam())
                    }
                }
            },
            summary: "choose the optimizer; Keras' defaults: sgd 0.01 without momentum, adam 0.001",
            example: "optimizer sgd 0.1 momentum 0.9", more: ["optimizer adam"]),
        CommandEntry(
            "loss", .training, noun: "loss",
            forms: Loss.allCases.map { loss in
                Form([Word("loss"), Word(loss.rawValue, alternatives: loss.otherNames)], build: { _ in .loss(loss) })
            },
            summary: "choose the loss; default crossentropy (labels as digits, as sparse_categorical_crossentropy)",
            example: "loss mse", more: ["loss crossentropy"]),
        CommandEntry(
            "batch", .training, forms: [Form([Word("batch")], [batchSize(.batch)]) { .batch($0.whole(.batch)) }],
            summary: "examples per training step (default 32)", example: "batch 64"),
        CommandEntry(
            "seed", .training,
            forms: [Form([Word("seed")], [.whole(.seed, placeholder: "N", what: "the seed", .unsigned)]) { .seed($0.unsigned(.seed)) }],
            summary: "seed the weights and the shuffling (default 42): same seed, same numbers", example: "seed 7"),
        CommandEntry(
            "fit", .training,
            forms: [
                Form([Word("fit")], [
                    .whole(.epochs, placeholder: "N", what: "the number of epochs", .atLeast(1)),
                    .options([
                        Grammar.Option("batch", [batchSize(.batch)]),
                        Grammar.Option("validate", [
                            .number(.validation, placeholder: "X", what: "the validation fraction", .between(0, 1), single: false),
                        ]),
                    ]),
                ]) { .fit(epochs: $0.whole(.epochs), batch: $0.optionalWhole(.batch), validate: $0.optionalNumber(.validation)) },
            ],
            summary: "train N epochs, holding out a fraction X for validation; Ctrl-C stops after a batch",
            example: "fit 3 batch 64 validate 0.1", more: ["fit 1"]),
        CommandEntry(
            "evaluate", .training, forms: [Form("evaluate", command: .evaluate)],
            summary: "accuracy and loss on the test set", example: "evaluate"),
        CommandEntry(
            "predict", .training,
            forms: [
                Form([Word("predict")], [imageIndex, imageSet]) { .predict(index: $0.whole(.index), test: $0.optionalWord(.imageSet) == "test") },
                Form("predict", "drawn", command: .predictDrawn),
            ],
            summary: "example N, the ten outputs as bars, the predicted digit and the true label; `drawn`: your `draw`",
            example: "predict 0 test", more: ["predict drawn"]),
        CommandEntry(
            "confusion", .training, forms: [Form("confusion", command: .confusion)],
            summary: "the 10×10 confusion matrix on the test set", example: "confusion"),
        CommandEntry(
            "plot", .training, noun: "plot",
            forms: PlotKind.allCases.map { kind in Form([Word("plot"), Word(kind.rawValue)], build: { _ in .plot(kind) }) },
            summary: "chart the loss or the accuracy of every epoch so far", example: "plot loss",
            more: ["plot accuracy"]),
        CommandEntry(
            "runs", .training, forms: [Form("runs", command: .runs)],
            summary: "a table of this session's trainings: layers, settings, epochs, loss and accuracy, test accuracy",
            example: "runs"),
    ]

    // MARK: - The math playground

    private static let playground: [CommandEntry] = [
        CommandEntry(
            "show", .playground,
            forms: VectorFunction.all.map { function in
                Form([Word("show")] + function.words.map { Word($0) }, [.operand(.operand, placeholder: "V")]) {
                    .showFunction(function, $0.operand(.operand))
                }
            } + [
                Form([Word("show"), Word("flatten")], [.operand(.operand, placeholder: "M")]) { .showFlatten($0.operand(.operand)) },
                Form([Word("show"), Word("onehot")], [.whole(.digit, placeholder: "N", what: "the digit", .within(0...9))]) {
                    .showOnehot($0.whole(.digit))
                },
            ],
            summary: "an activation applied to a vector, a matrix flattened, the one-hot vector of digit N",
            example: "show softmax [2, 1, 0.1]", more: ["show derivative sigmoid [0, 2]", "show flatten [[1, 2], [3, 4]]", "show onehot 7"]),
        CommandEntry(
            "let", .playground,
            forms: [Form([Word("let")], [.name(.name), .equals, .operand(.operand, placeholder: "V")]) {
                .assign(name: $0.text(.name), value: $0.operand(.operand))
            }],
            summary: "name a vector or matrix, to use wherever V fits", example: "let scores = [2, 1, 0.1]"),
        CommandEntry(
            "explain", .playground, forms: [Form("explain", command: .explain)],
            summary: "the arithmetic behind the last result, with its own numbers (`help explain` lists what it follows)",
            example: "explain",
            details: ["It explains the result of the command just before it:"]
                + Explainable.followed.map { "  - \($0.command): \($0.shows)" }),
    ]

    // MARK: - Exercises

    private static let exercises: [CommandEntry] = [
        CommandEntry(
            "answer", .exercises,
            forms: [Form([Word("answer")], [.arithmetic(.answer, placeholder: "X", what: "the answer")]) {
                let (value, expression) = $0.arithmetic(.answer)
                return .answer(value, expression: expression)
            }],
            summary: "answer an exercise with a number, written as tutor prints it (25,120) or as arithmetic (784*32+32)",
            example: "answer 784*32+32"),
    ]

    // MARK: - Files and session

    private static let files: [CommandEntry] = [
        CommandEntry(
            "save", .files, noun: "thing to save",
            forms: [
                Form([Word("save"), Word("model")], [file]) { .saveModel(path: $0.text(.file)) },
                Form([Word("save"), Word("notebook")], [file]) { .saveNotebook(path: $0.text(.file)) },
            ],
            summary: "save the model (architecture, settings, weights, optimizer state), or this session as a notebook (.md or .ipynb)",
            example: "save notebook session.md", more: ["save model digits.model"]),
        CommandEntry(
            "load", .files, noun: "thing to load",
            forms: [Form([Word("load"), Word("model")], [file]) { .loadModel(path: $0.text(.file)) }],
            summary: "load a model saved with `save model`", example: "load model digits.model"),
        CommandEntry(
            "export", .files, noun: "export format",
            forms: [Form([Word("export"), Word("keras")], [file, .optionalWord(.exportWeights, words: ["weights"])]) {
                $0.optionalWord(.exportWeights) == nil ? .exportKeras(path: $0.text(.file)) : .exportKerasWeights(path: $0.text(.file))
            }],
            summary: "write the model and its training as an equivalent Keras program (.py or .ipynb); with `weights`, tutor's weights too",
            example: "export keras digits.py", more: ["export keras digits.ipynb weights"]),
        CommandEntry(
            "run", .files, forms: [Form([Word("run")], [file]) { .run(path: $0.text(.file)) }],
            summary: "replay a script or lesson in this session", example: "run experiment.tut"),
        CommandEntry(
            "help", .files,
            forms: [
                Form("help", command: .help(topic: nil)),
                Form([Word("help")], [.topic(.topic)]) { .help(topic: $0.optionalText(.topic)) },
            ],
            summary: "list the commands, or show one in full with examples", example: "help fit", more: ["help"]),
        CommandEntry("history", .files, forms: [Form("history", command: .history)], summary: "the commands typed so far", example: "history"),
        CommandEntry(
            "undo", .files, forms: [Form("undo", command: .undo)],
            summary: "put the session back as it was before the last command that changed it", example: "undo"),
        CommandEntry("clear", .files, forms: [Form("clear", command: .clear)], summary: "clear the screen", example: "clear"),
        CommandEntry("quit", .files, forms: [Form("quit", command: .quit)], summary: "leave tutor", example: "quit"),
    ]
}
