import NeuralNet

/// What a command produced, as values. The interpreter returns these and never prints; a renderer
/// (in TutorTerminal) turns them into terminal text or Markdown.
public enum Output: Equatable, Sendable {
    /// A command from a script being replayed (`run FILE`), shown before its output.
    case echo(SourceLine)
    /// A sentence of information ("Loaded MNIST: …").
    case message(String)
    /// A mistake-coach warning, shown before training; never a refusal.
    case warning(String)
    /// `data`: what is loaded.
    case dataInfo(DataInfo)
    /// `show image N`: the digit drawn.
    case image(DigitImage)
    /// `show pixels N`: the grid of values.
    case pixels(DigitImage)
    /// `show pixels N row R`: one row of the grid, with its places in the flattened image.
    case pixelRow(PixelRow)
    /// `layer …`: the shape flow and parameter formula of the new layer.
    case layerAdded(LayerReport)
    /// `model`/`summary`: Keras' table.
    case summary(ModelSummary)
    /// `fit`: an epoch begins (`Epoch 1/3`).
    case epochBegan(epoch: Int, epochs: Int)
    /// `fit`: live progress inside an epoch (transient: drawn on a terminal, not kept in transcripts).
    case batchProgress(EpochProgress)
    /// `fit`: an epoch's final progress line.
    case epochEnded(EpochProgress)
    /// `evaluate`: test loss and accuracy.
    case evaluation(Evaluation)
    /// `draw`: the drawing, its ink fitted into 20×20 and centred by its centre of mass in 28×28,
    /// as MNIST did every digit, with the numbers of each step.
    case drawing(DigitNormalization)
    /// `predict N`, `predict drawn`: the image, the ten outputs, the verdict.
    case prediction(Prediction)
    /// `confusion`: counts[true digit][predicted digit] on the test set.
    case confusion(ConfusionReport)
    /// `plot loss|accuracy`: the per-epoch history.
    case plot(PlotReport)
    /// `runs`: this session's trainings, oldest first (empty before the first).
    case runs([RunRecord])
    /// `show softmax V` and friends: values with their sum.
    case vector(VectorReport)
    /// `show flatten M`: the matrix, then the vector it becomes.
    case flattened(matrix: [[Float]], vector: [Float])
    /// `show weights N`: one unit's incoming weights as a picture.
    case weights(WeightsReport)
    /// `explain`: the arithmetic behind the last result, with its own numbers.
    case explanation(Explanation)
    /// `help`: the whole list or one topic, laid out to the terminal's width when shown.
    case help(HelpPage)
    /// `history`: the commands typed so far.
    case history([String])
    /// `clear`: the screen should be cleared.
    case clearScreen
    /// `save notebook FILE`: the session so far should be written as a notebook (Markdown or Jupyter). The
    /// notebook is kept by whoever shows the outputs, which writes it (nothing is shown for this
    /// output itself; see ``NotebookRequest``).
    case saveNotebook(NotebookRequest)

    /// True for output that only makes sense live on a terminal (progress redraws).
    public var isTransient: Bool {
        if case .batchProgress = self { return true }
        return false
    }
}

/// `save notebook FILE`: where to write the notebook, the path checked already (allowed, not a
/// folder, in a folder that exists). Whoever keeps the notebook — the terminal's console —
/// writes it there, then shows ``saved``; if the file cannot be written, ``failure(_:)``.
/// Where no notebook is kept (checking an answer, replaying a lesson's reference), nothing is written.
public struct NotebookRequest: Equatable, Sendable {
    /// The file to write, as the path policy resolved it.
    public var file: String
    /// The path as typed.
    public var path: String
    /// The `save notebook` command, for an error.
    public var statement: Statement
    /// Markdown (`.md`) or Jupyter (`.ipynb`), from the name's extension.
    public var format: FileFormat

    public init(file: String, path: String, statement: Statement, format: FileFormat = .markdown) {
        self.file = file
        self.path = path
        self.statement = statement
        self.format = format
    }

    /// What to show once the notebook is written.
    public var saved: Output { .message("Saved this session as \(format.description): \(path).") }

    /// The error to show when the file cannot be written, for `reason`.
    public func failure(_ reason: String) -> Diagnostic {
        statement.diagnostic("cannot write `\(path)`: \(reason)", at: statement.tokens.count - 1)
    }
}

/// `data`: shapes, range and label counts of what is loaded.
public struct DataInfo: Equatable, Sendable {
    public var source: String
    public var trainCount: Int
    public var testCount: Int
    public var exampleShape: [Int]
    public var minimum: Float
    public var maximum: Float
    public var trainLabelCounts: [Int]
    public var testLabelCounts: [Int]
}

/// Which part of the data an example comes from; `drawn` for the learner's own `draw`.
public enum Split: String, Equatable, Sendable {
    case train, test, drawn
}

/// One example's pixels with its label, or the learner's drawing (``Split/drawn``), which has none.
public struct DigitImage: Equatable, Sendable {
    /// The example's position in its set; 0 for a drawing.
    public var index: Int
    public var split: Split
    /// The true digit; nil for a drawing: only the learner knows what it shows.
    public var label: Int?
    public var width: Int
    public var height: Int
    /// Row-major bytes 0…255.
    public var pixels: [UInt8]
}

/// A new layer: `784 → dense(256, sigmoid) → 256   params 784·256 + 256 = 200,960`.
public struct LayerReport: Equatable, Sendable {
    public var inputShape: [Int]
    /// `flatten` or `dense(256, sigmoid)`.
    public var layer: String
    public var outputShape: [Int]
    /// The formula, e.g. `784·256 + 256`; nil for layers without parameters.
    public var formula: String?
    public var parameters: Int
}

/// Keras' summary table.
public struct ModelSummary: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var name: String
        public var type: String
        public var outputShape: String
        public var parameters: Int
    }
    public var rows: [Row]
    public var trainable: Int
    public var nonTrainable: Int
}

/// One progress line: where the epoch is and its metrics so far.
public struct EpochProgress: Equatable, Sendable {
    public var epoch: Int
    public var epochs: Int
    public var step: Int
    public var steps: Int
    public var seconds: Double
    public var loss: Double
    public var accuracy: Double
    public var validationLoss: Double?
    public var validationAccuracy: Double?

    /// Keras' metric names and values in Keras' (alphabetical) order.
    public var metrics: [(String, Double)] {
        var list = [("accuracy", accuracy), ("loss", loss)]
        if let validationAccuracy { list.append(("val_accuracy", validationAccuracy)) }
        if let validationLoss { list.append(("val_loss", validationLoss)) }
        return list
    }
}

/// `predict N`, `predict drawn`.
public struct Prediction: Equatable, Sendable {
    public var image: DigitImage
    public var outputs: [Float]
    public var predicted: Int
    /// The output layer's activation: the bars read as probabilities only after softmax.
    public var outputActivation: Activation
    /// Σ outputs, added up in Double so that the printed sum is exact to its four decimals.
    public var sum: Double { outputs.reduce(0.0) { $0 + Double($1) } }
}

/// `confusion`.
public struct ConfusionReport: Equatable, Sendable {
    /// counts[true][predicted]
    public var counts: [[Int]]
    public var accuracy: Double { 
        let total = counts.joined().reduce(0, +)
        let right = counts.indices.reduce(0) { $0 + counts[$1][$1] }
        return total == 0 ? 0 : Double(right) / Double(total)
    }
}

/// `plot loss|accuracy`.
public struct PlotReport: Equatable, Sendable {
    public var kind: PlotKind
    /// One value per epoch.
    public var train: [Double]
    /// One value per epoch, nil for an epoch trained without `validate X`; nil when none was.
    public var validation: [Double?]?
}

/// `show softmax V` and the other playground activations, `show onehot N`.
public struct VectorReport: Equatable, Sendable {
    /// e.g. `softmax([2, 1, 0.1])` or `onehot(7)`.
    public var title: String
    public var values: [Float]
    /// A sentence under the values, e.g. why sigmoid's sum is not 1.
    public var note: String?
    /// Whether the sum means something here (it does for activations: softmax's is 1, sigmoid's is not).
    public var showsSum = true
    /// Σ values, added up in Double: 200,000 Float additions would be off in the third decimal.
    public var sum: Double { values.reduce(0.0) { $0 + Double($1) } }
}

/// `show weights N`.
public struct WeightsReport: Equatable, Sendable {
    public var unit: Int
    public var width: Int
    public var height: Int
    public var values: [Float]
}

/// `show pixels N row R`: row R of an image, and where its values land when the image is
/// flattened row after row (row R of a 28-wide image is positions 28·R … 28·R + 27).
public struct PixelRow: Equatable, Sendable {
    public var image: DigitImage
    public var row: Int
    /// The row's bytes, 0…255, from column 0.
    public var values: [UInt8] { Array(image.pixels[firstPosition..<min(image.pixels.count, firstPosition + image.width)]) }
    /// The place of the row's first value in the flattened image.
    public var firstPosition: Int { row * image.width }

    public init(image: DigitImage, row: Int) {
        self.image = image
        self.row = row
    }
}
