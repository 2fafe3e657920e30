import NeuralNet
import TextFormat

extension Interpreter {
    /// What a command that changes the session leaves for ``undoHistory`` once it succeeds.
    enum PendingStep {
        /// The session as it was before the command.
        case keep(UndoHistory.Step)
        /// Its copy would be larger than the bound: `undo` will not go back past it.
        case tooLarge(command: String)
    }

    /// Before a command that changes the session (``Command/changesSession``) runs: a copy of the
    /// session to go back to — or, when that copy alone would be larger than the history's bound,
    /// a note saying `undo` will not go back past this command (and no copy). Nil for any other command.
    func pendingStep(_ s: Statement, emit: (Output) -> Void) -> PendingStep? {
        guard s.command.changesSession else { return nil }
        let text = s.line.text.trimmingCharacters(in: .whitespaces)
        let bytes = UndoHistory.bytes(of: session)
        guard !undoHistory.cannotKeep(bytes) else {
            emit(.message(Interpreter.tooLargeToUndoText(bytes: bytes, limit: undoHistory.byteLimit)))
            return .tooLarge(command: text)
        }
        return .keep(UndoHistory.Step(command: s.command, text: text, before: session.copy(), bytes: bytes))
    }

    /// After the command succeeded: keeps what ``pendingStep(_:emit:)`` made.
    func finish(_ pending: PendingStep?) {
        switch pending {
        case .keep(let step)?: undoHistory.push(step)
        case .tooLarge(let command)?: undoHistory.cannotGoBack(past: command)
        case nil: break
        }
    }

    /// The note before a command whose copy is too large to keep: `Note: \`undo\` will not go
    /// back past this command: copying the model and its optimizer state would take 320.00 MB,
    /// more than the 256.00 MB undo keeps.`
    static func tooLargeToUndoText(bytes: Int, limit: Int) -> String {
        "Note: `undo` will not go back past this command: copying the model and its optimizer state would take \(ByteCount.text(bytes)), more than the \(ByteCount.text(limit)) `undo` keeps."
    }

    /// `undo`: puts back the session as it was before the newest step, and says what it undid and
    /// what is back. With no step left, an error saying why.
    func undo(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) {
        guard let step = undoHistory.popLast() else {
            switch undoHistory.lost {
            case nil where undoHistory.undidAny:
                throw s.diagnostic("there is nothing more to undo: the session is back as it began")
            case nil:
                throw s.diagnostic("there is nothing to undo: no command has changed the session since it began")
            case .forgotten?:
                throw s.diagnostic(
                    "there is nothing more to undo: `undo` keeps the newest \(Thousands.counted(undoHistory.stepLimit, "step")) and at most \(ByteCount.text(undoHistory.byteLimit)) of copies, and older ones were forgotten")
            case .tooLarge(let command)?:
                throw s.diagnostic("there is nothing more to undo: `undo` does not go back past `\(command)`, whose copy of the model was too large to keep")
            }
        }
        session.restore(step.before)
        let left = undoHistory.steps.count
        let more = left == 0 ? "Nothing more to undo." : "\(Thousands.counted(left, "more step")) to undo."
        emit(.message("Undid `\(step.text)`: \(restoredText(after: step.command)). \(more)"))
    }

    /// What is back after undoing `command`, in its own terms: the setting it changed, the name it
    /// gave, or the model it changed.
    private func restoredText(after command: Command) -> String {
        switch command {
        case .dataMNIST, .dataMNISTFrom:
            guard let data = session.data else { return "no data is loaded" }
            return "the data is \(session.dataSource) again, \(Thousands.grouped(data.train.count)) training and \(Thousands.grouped(data.test.count)) test images; \(modelText)"
        case .optimizer:
            let kind = session.optimizer
            let momentum = if case .sgd(_, let m) = kind, m != 0 { ", momentum \(NumberText.short(m))" } else { "" }
            return "the optimizer is \(kind.name) again, learning rate \(NumberText.short(kind.learningRate))\(momentum)"
        case .loss: return "the loss is \(session.loss.rawValue) again"
        case .batch: return "the batch size is \(session.batchSize) again"
        case .seed: return "the seed is \(session.seed) again; \(modelText)"
        case .assign(let name, _):
            guard let value = session.names[name] else { return "`\(name)` is not defined any more" }
            let text = switch value {
            case .vector(let v): Interpreter.text(v)
            case .matrix(let rows): "[" + rows.map(Interpreter.text).joined(separator: ", ") + "]"
            case .name(let other): other
            }
            return "`\(name)` is \(text) again"
        case .draw:
            return session.drawing == nil ? "there is no drawing any more" : "the drawing before it is back"
        case .answer:
            return session.answer.map { "the answer is \(Arithmetic.text($0)) again" } ?? "there is no answer yet"
        default:
            return modelText
        }
    }

    /// `the model has 3 layers, 203,530 parameters, trained 2 epochs`, or `there is no model`.
    private var modelText: String {
        guard let model = session.model, !model.layers.isEmpty else { return "there is no model" }
        let epochs = session.history.count
        let training = epochs == 0 ? "untrained" : "trained \(Thousands.counted(epochs, "epoch"))"
        return "the model has \(Thousands.counted(model.layers.count, "layer")), \(Thousands.counted(model.parameterCount, "parameter")), \(training)"
    }
}
