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

    /// Carries out one parsed statement.
    @discardableResult
    public func execute(_ statement: Statement, emit: (Output) -> Void) throws(Diagnostic) -> Control {
        let position = session.commands.count  // a script run by this command records its lines after it.
        let control = try dispatch(statement, emit: emit)
        session.commands.insert(statement.line.text.trimmingCharacters(in: .whitespaces), at: position)
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
        case .draw: try draw(s, emit: emit)
        case .showWeights(let unit): try showWeights(s, unit: unit, emit: emit)
        case .layer(let spec): try addLayer(s, spec, emit: emit)
        case .model:
            session.journal.append(.summaryShown)
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
        case .showFunction(let function, let operand): try show(s, function, operand, emit: emit)
        case .showFlatten(let operand): try showFlatten(s, operand, emit: emit)
        case .showOnehot(let digit): try showOnehot(s, digit, emit: emit)
        case .assign(let name, let value): try assign(s, name: name, value: value, emit: emit)
        case .answer(let value, let expression): setAnswer(value, expression: expression, emit: emit)
        case .saveNotebook(let path): try saveNotebook(s, path: path, emit: emit)
        case .exportKeras(let path): try exportKeras(s, path: path, emit: emit)
        case .saveModel(let path): try saveModel(s, path: path, emit: emit)
        case .loadModel(let path): try loadModel(s, path: path, emit: emit)
        case .run(let path): return try run(s, path: path, emit: emit)
        case .help(let topic): try help(s, topic: topic, emit: emit)
        case .history: emit(.history(session.commands))
        case .clear: emit(.clearScreen)
        case .quit: return .quit
        }
        return .proceed
    }
}
