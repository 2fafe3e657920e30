import NeuralNet

/// A vector or matrix argument (`V` in the language reference): a literal or a name given with `let`.
public enum Operand: Equatable, Sendable {
    /// `[2, 1, 0.1]` (commas optional), never empty.
    case vector([Float])
    /// `[[1, 2], [3, 4]]`: at least one row, every row the same length (at least 1).
    case matrix([[Float]])
    /// A name defined earlier with `let NAME = V`, exactly as typed (names are case-sensitive).
    case name(String)
}

/// What `plot` draws.
public enum PlotKind: String, Equatable, Sendable, CaseIterable {
    case loss, accuracy
}

/// One command of the tutor language, checked by the ``Parser`` against everything the grammar can
/// know (numbers in range, known words); what depends on the session (is data loaded? is index 70000
/// in range?) is the interpreter's to check. See LANGUAGE.md for what each command does.
public enum Command: Equatable, Sendable {
    /// `data mnist [N [M]]`: the bundled MNIST, optionally only the first N training (and M test) examples.
    case dataMNIST(train: Int?, test: Int?)
    /// `data mnist from DIR`: the four IDX files from DIR.
    case dataMNISTFrom(path: String)
    /// `data`: what is loaded.
    case dataInfo
    /// `show image N [train|test]`: draw example N (≥ 0) of the training set, or of the test set.
    case showImage(index: Int, test: Bool)
    /// `show pixels N [train|test]`: the 28×28 values of example N (≥ 0).
    case showPixels(index: Int, test: Bool)
    /// `show pixels N [train|test] row R`: row R (≥ 0) of example N, with where its values land
    /// in the flattened image.
    case showPixelRow(index: Int, test: Bool, row: Int)
    /// `draw`: a 28×28 digit drawn by the learner (on a canvas, or as 28 lines of `#` after the
    /// command), kept as ``Session/drawing`` with MNIST's fitting and centring of it.
    case draw
    /// `show weights N`: the incoming weights of unit N (≥ 0) of the first dense layer.
    case showWeights(unit: Int)
    /// `layer flatten`, `layer dense N [ACT]`, `layer dropout RATE`: a layer to add.
    case layer(LayerSpec)
    /// `model` or `summary`
    case model
    /// `pop`: remove the last layer.
    case pop
    /// `reset`: forget the model and its training.
    case reset
    /// `optimizer adam [LR]` or `optimizer sgd [LR] [momentum X]`, with Keras' defaults;
    /// LR > 0, 0 ≤ momentum < 1.
    case optimizer(OptimizerKind)
    /// `loss crossentropy` or `loss mse` (Keras' long names accepted).
    case loss(Loss)
    /// `batch N`: N ≥ 1.
    case batch(Int)
    /// `seed N`: N ≥ 0.
    case seed(UInt64)
    /// `fit N [batch N] [validate X]`: N ≥ 1 epochs; batch ≥ 1; 0 < X < 1. Options in any order.
    case fit(epochs: Int, batch: Int?, validate: Double?)
    /// `evaluate`
    case evaluate
    /// `predict N [train|test]`: N ≥ 0.
    case predict(index: Int, test: Bool)
    /// `predict drawn`: the model on the last `draw`, fitted and centred as MNIST's digits.
    case predictDrawn
    /// `confusion`
    case confusion
    /// `plot loss` or `plot accuracy`
    case plot(PlotKind)
    /// `runs`: the table of this session's trainings.
    case runs
    /// `show softmax V`, `show sigmoid V`, …: a vector through a playground function.
    case showFunction(VectorFunction, Operand)
    /// `show flatten M`
    case showFlatten(Operand)
    /// `show onehot N`: N in 0…9.
    case showOnehot(Int)
    /// `let NAME = V`: NAME is letters, digits and `_`, starting with a letter or `_`.
    case assign(name: String, value: Operand)
    /// `explain`: the arithmetic behind the last result (see ``Explainable``).
    case explain
    /// `answer X`: the answer to an exercise (any finite number), and the arithmetic it was
    /// written as (`784*32+32`), nil for a number (`25,120`).
    case answer(Double, expression: String?)
    /// `save model FILE`
    case saveModel(path: String)
    /// `load model FILE`
    case loadModel(path: String)
    /// `save notebook FILE`
    case saveNotebook(path: String)
    /// `export keras FILE`
    case exportKeras(path: String)
    /// `export keras FILE weights`: the program, and tutor's weights beside it for it to load.
    case exportKerasWeights(path: String)
    /// `run FILE`
    case run(path: String)
    /// `help` or `help COMMAND`; the topic is a ``HelpCatalog`` topic (a command's first keyword,
    /// lowercased, aliases resolved: `help summary` gives `"model"`).
    case help(topic: String?)
    /// `history`
    case history
    /// `undo`: the session back as it was before the last command that changed it.
    case undo
    /// `clear`
    case clear
    /// `quit`
    case quit
}

/// One parsed line: the command plus where it came from, so later errors (e.g. an index out of range)
/// can point at a token.
public struct Statement: Equatable, Sendable {
    public let command: Command
    public let line: SourceLine
    /// The line's tokens in order (comments left out). A FILE argument is one token, even when it
    /// contains characters such as `,` or `=` that otherwise stand alone.
    public let tokens: [Token]

    public init(command: Command, line: SourceLine, tokens: [Token]) {
        self.command = command
        self.line = line
        self.tokens = tokens
    }

    /// A diagnostic pointing at token number `index` (0 is the command word), or at the end of the
    /// command when there is no such token.
    public func diagnostic(_ message: String, at index: Int, suggestion: String? = nil) -> Diagnostic {
        guard tokens.indices.contains(index) else {
            return Diagnostic(message, in: line, columns: endColumn...endColumn, suggestion: suggestion)
        }
        return Diagnostic(message, at: tokens[index], in: line, suggestion: suggestion)
    }

    /// A diagnostic underlining the whole command.
    public func diagnostic(_ message: String, suggestion: String? = nil) -> Diagnostic {
        let start = tokens.first?.columns.lowerBound ?? 1
        let end = tokens.last?.columns.upperBound ?? start
        return Diagnostic(message, in: line, columns: start...end, suggestion: suggestion)
    }

    /// One column past the last token.
    private var endColumn: Int { (tokens.last?.columns.upperBound ?? 0) + 1 }
}
