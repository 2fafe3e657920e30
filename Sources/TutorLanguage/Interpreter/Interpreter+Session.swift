import Files
import Foundation
import NeuralNet

extension Interpreter {
    /// What `run` and `tutor run` read, in errors about the file: `is a FIFO (named pipe), not a
    /// script or lesson file`. Both read it with ``RegularFile`` up to ``FileLimits/textFileBytes``.
    public static let scriptKind = "a script or lesson file"

    /// `run FILE`: replays a script in this session, or a lesson (`FILE.lesson`) through
    /// ``lessonReplayer``; the path policy and the nesting limit hold for both. All or nothing:
    /// when a line fails, or Ctrl-C stops the run (even inside a `fit`, which alone would keep
    /// its weights), the session goes back to what it was before `run` — model, weights,
    /// settings, history, names, answer, data — while what the script printed stays printed.
    /// The copy kept meanwhile is ``Session/copy()``: the data is shared, the model copied.
    func run(_ s: Statement, path: String, emit: (Output) -> Void) throws(Diagnostic) -> Control {
        guard runDepth < Interpreter.maximumRunDepth else {
            throw s.diagnostic("`run` is nested \(Interpreter.maximumRunDepth) deep; does a script run itself?", at: s.tokens.count - 1)
        }
        let file = try allowedPath(s, path)
        let text: String
        do {
            text = try RegularFile.readText(file, limit: FileLimits.textFileBytes, expected: Interpreter.scriptKind)
        } catch {
            throw s.diagnostic("cannot run `\(path)`: it \(error.problem)", at: s.tokens.count - 1)
        }
        let isLesson = path.hasSuffix(".lesson")
        if isLesson, lessonReplayer == nil {
            throw s.diagnostic(
                "cannot replay the lesson `\(path)` here", at: s.tokens.count - 1,
                suggestion: "replay it with `tutor run \(path)`, or take it with `tutor lesson`")
        }
        runDepth += 1
        defer { runDepth -= 1 }
        // The script's own steps can be undone inside it; the whole run is one step outside.
        let outerUndo = undoHistory
        undoHistory = outerUndo.nested()
        defer { undoHistory = outerUndo }
        let before = session.copy()
        let control: Control
        do {
            if isLesson, let lessonReplayer {
                control = try lessonReplayer(text, path)
            } else {
                control = try runScript(text, file: path, emit: emit)
            }
        } catch {
            session.restore(before)
            throw shouldStop() ? Interpreter.stopped(s) : error
        }
        if shouldStop() {
            session.restore(before)
            throw Interpreter.stopped(s)
        }
        return control
    }

    func help(_ s: Statement, topic: String?, emit: (Output) -> Void) throws(Diagnostic) {
        guard let topic else {
            emit(.help(.all))
            return
        }
        guard let found = HelpCatalog.topic(named: topic) else {
            throw s.diagnostic("there is no help on `\(topic)`", at: 1)
        }
        emit(.help(.topic(found)))
    }
}
