import Foundation
import NeuralNet

/// Whether the caller should go on reading commands.
public enum Control: Equatable, Sendable {
    case proceed
    case quit
}

/// Carries out commands on a ``Session``. It never prints: everything a command shows is handed
/// to `emit` as ``Output`` values, as soon as it exists (so training progress can be drawn live).
/// A command that fails throws a ``Diagnostic`` pointing at the bad token and leaves the session
/// exactly as it was.
public final class Interpreter {
    public let session: Session
    /// Whether to stop (Ctrl-C, or `tutor check`'s time limit), asked by every command that can
    /// take long: `fit` between batches (keeping the weights of the last one), `evaluate` and
    /// `confusion` between chunks of examples, `data mnist` and `load model` once their files
    /// are read, and `run` between a script's lines. A stopped command other than `fit`
    /// changes nothing and throws ``stopped(_:)``; a stopped `run` puts the session back.
    public var shouldStop: () -> Bool = { false }
    /// What commands may ask for (see ``RunLimits``); none by default.
    public var limits = RunLimits.unlimited
    /// How deep `run FILE` may nest before it is refused (a script that runs itself).
    public static let maximumRunDepth = 8
    /// Which files `save`, `load`, `export`, `run` and `data mnist from` may use; by default any.
    public var pathPolicy = PathPolicy.unrestricted
    /// Replays a lesson for `run FILE.lesson` in this interpreter's session, given the file's text
    /// and its path as typed. Lessons are read by a module above this one, so whoever makes the
    /// interpreter sets this; without it `run` refuses `.lesson` files.
    public var lessonReplayer: ((_ text: String, _ file: String) throws(Diagnostic) -> Control)?
    /// Takes the drawing for `draw` (the statement, for errors): 28×28 bytes, above 0 for ink.
    /// The interpreter never reads the terminal, so whoever makes it sets this (a canvas on a
    /// terminal, the next 28 lines of piped input); a script's `draw` reads the 28 lines after it
    /// instead (see ``runScript(_:file:emit:)``). Without it `draw` is refused. Throwing (a
    /// cancelled canvas, a bad line) changes nothing.
    public var drawingPad: ((_ statement: Statement) throws(Diagnostic) -> [UInt8])?
    var runDepth = 0
    /// What `undo` can go back to (bounded; see ``UndoHistory``). Not part of the session: a fork
    /// starts with none, and ``restart(from:)`` (a lesson starting an exercise) empties it so that
    /// `undo` cannot go back before that.
    public var undoHistory = UndoHistory()

    /// Puts the session back as `other` holds it (a copy: `other` stays as it is), from outside
    /// the language — a lesson rebuilding the learner's session or starting an exercise — and
    /// forgets what `undo` could go back to, so that it never goes back before this.
    public func restart(from other: Session) {
        session.restore(other)
        undoHistory.removeAll()
    }

    public init(session: Session) {
        self.session = session
    }

    /// An interpreter of its own on a copy of this session (``Session/copy()``), with the same
    /// path policy, Ctrl-C check and limits: what it runs never changes this one.
    public func fork() -> Interpreter {
        let twin = Interpreter(session: session.copy())
        twin.pathPolicy = pathPolicy
        twin.shouldStop = shouldStop
        twin.limits = limits
        twin.undoHistory = UndoHistory(stepLimit: undoHistory.stepLimit, byteLimit: undoHistory.byteLimit)
        return twin
    }

    /// The error of a command that ``shouldStop`` ended before it finished: it changed nothing.
    public static let stoppedMessage = "stopped (Ctrl-C): nothing changed"

    /// ``stoppedMessage`` at `statement`.
    public static func stopped(_ statement: Statement) -> Diagnostic {
        statement.diagnostic(stoppedMessage)
    }

    /// The error of a script or lesson that ``shouldStop`` ended before `statement` ran.
    public static func stopped(before statement: Statement) -> Diagnostic {
        statement.diagnostic("stopped (Ctrl-C) before this line; the lines before it ran")
    }

    /// Parses and carries out one line. Blank and comment lines do nothing.
    @discardableResult
    public func execute(line text: String, number: Int, file: String? = nil, emit: (Output) -> Void) throws(Diagnostic) -> Control {
        guard let statement = try Parser.parse(text, line: number, file: file) else { return .proceed }
        return try execute(statement, emit: emit)
    }

    /// Carries out one parsed statement. A command that changes the session and succeeds is a
    /// step `undo` can go back over (``undoHistory``). The command is kept in
    /// ``Session/commands`` — before the lines of a script it runs — except `undo`, which puts
    /// back the commands as they were before the step it undid.
    @discardableResult
    public func execute(_ statement: Statement, emit: (Output) -> Void) throws(Diagnostic) -> Control {
        let position = session.commands.count  // a script run by this command records its lines after it.
        // Only the result just printed can be explained: a command that prints none clears it.
        let explainable = session.lastResult
        if statement.command != .explain { session.lastResult = nil }
        let pending = pendingStep(statement, emit: emit)
        let control: Control
        do {
            control = try dispatch(statement, emit: emit)
        } catch {
            session.lastResult = explainable
            throw error
        }
        if statement.command != .undo {
            // An `undo` inside a script this command ran may have left fewer commands than there were.
            session.commands.insert(statement.line.text.trimmingCharacters(in: .whitespaces), at: min(position, session.commands.count))
        }
        finish(pending)
        return control
    }

    /// Replays a whole script, echoing each command before its output; stops at the first error,
    /// and before the next command once ``shouldStop`` answers true (``stopped(before:)``). A
    /// `draw` in it takes the 28 lines after it as its drawing (``DrawingLines``).
    @discardableResult
    public func runScript(_ text: String, file: String?, emit: (Output) -> Void) throws(Diagnostic) -> Control {
        let lines = ScriptLines(text, file: file)
        while let line = lines.next() {
            guard let statement = try Parser.parse(line.text, line: line.number, file: file) else { continue }
            if shouldStop() { throw Interpreter.stopped(before: statement) }
            emit(.echo(statement.line))
            if try drawing(from: lines, { () throws(Diagnostic) in try execute(statement, emit: emit) }) == .quit { return .quit }
        }
        return .proceed
    }

    private func dispatch(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) -> Control {
        switch s.command {
        case .dataMNIST(let train, let test): try loadBundledData(s, train: train, test: test, emit: emit)
        case .dataMNISTFrom(let path): try loadData(s, from: path, emit: emit)
        case .dataInfo: try showDataInfo(s, emit: emit)
        case .showImage(let index, let test): emit(.image(try image(s, index: index, test: test)))
        case .showPixels(let index, let test): emit(.pixels(try image(s, index: index, test: test)))
        case .showPixelRow(let index, let test, let row): emit(.pixelRow(try pixelRow(s, index: index, test: test, row: row)))
        case .draw: try draw(s, emit: emit)
        case .showWeights(let unit): try showWeights(s, unit: unit, emit: emit)
        case .layer(let spec): try addLayer(s, spec, emit: emit)
        case .model:
            session.journal.append(.summaryShown)
            rememberSummary(s)
            emit(.summary(summary()))
        case .pop: try pop(s, emit: emit)
        case .reset: reset(emit: emit)
        case .optimizer(let kind): setOptimizer(kind, emit: emit)
        case .loss(let loss): setLoss(loss, emit: emit)
        case .batch(let size): setBatch(size, emit: emit)
        case .seed(let seed): setSeed(seed, emit: emit)
        case .fit(let epochs, let batch, let validate): try fit(s, epochs: epochs, batch: batch, validate: validate, emit: emit)
        case .evaluate: try evaluate(s, emit: emit)
        case .predict(let index, let test): try predict(s, index: index, test: test, emit: emit)
        case .predictDrawn: try predictDrawn(s, emit: emit)
        case .confusion: try confusion(s, emit: emit)
        case .plot(let kind): try plot(s, kind: kind, emit: emit)
        case .runs: emit(.runs(session.runs))
        case .showFunction(let function, let operand): try show(s, function, operand, emit: emit)
        case .showFlatten(let operand): try showFlatten(s, operand, emit: emit)
        case .showOnehot(let digit): try showOnehot(s, digit, emit: emit)
        case .assign(let name, let value): try assign(s, name: name, value: value, emit: emit)
        case .explain: try explain(s, emit: emit)
        case .answer(let value, let expression): setAnswer(value, expression: expression, emit: emit)
        case .saveNotebook(let path): try saveNotebook(s, path: path, emit: emit)
        case .exportKeras(let path): try exportKeras(s, path: path, emit: emit)
        case .exportKerasWeights(let path): try exportKeras(s, path: path, weights: true, emit: emit)
        case .saveModel(let path): try saveModel(s, path: path, emit: emit)
        case .loadModel(let path): try loadModel(s, path: path, emit: emit)
        case .run(let path): return try run(s, path: path, emit: emit)
        case .help(let topic): try help(s, topic: topic, emit: emit)
        case .history: emit(.history(session.commands))
        case .undo: try undo(s, emit: emit)
        case .clear: emit(.clearScreen)
        case .quit: return .quit
        }
        return .proceed
    }
}
