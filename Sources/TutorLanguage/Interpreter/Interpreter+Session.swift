import Files
import Foundation
import NeuralNet

extension Interpreter {
    /// What `run` and `tutor run` read, in errors about the file: `is a FIFO (named pipe), not a
    /// script or lesson file`. Both read it with ``RegularFile`` up to ``FileLimits/textFileBytes``.
    public static let scriptKind = "a script or lesson file"

    /// `run FILE`: replays a script in this session, or a lesson (`FILE.lesson`) through
    /// ``lessonReplayer``; the path policy and the nesting limit hold for both.
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
        if isLesson, let lessonReplayer { return try lessonReplayer(text, path) }
        return try runScript(text, file: path, emit: emit)
    }

    func help(_ s: Statement, topic: String?, emit: (Output) -> Void) throws(Diagnostic) {
        guard let topic else {
            emit(.help(HelpCatalog.renderAll()))
            return
        }
        guard let text = HelpCatalog.render(topic: topic) else {
            throw s.diagnostic("there is no help on `\(topic)`", at: 1)
        }
        emit(.help(text))
    }
}
