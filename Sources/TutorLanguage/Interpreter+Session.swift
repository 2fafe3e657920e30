import Foundation
import NeuralNet

extension Interpreter {
    func run(_ s: Statement, path: String, emit: (Output) -> Void) throws(Diagnostic) -> Control {
        guard runDepth < Interpreter.maximumRunDepth else {
            throw s.diagnostic("`run` is nested \(Interpreter.maximumRunDepth) deep; does a script run itself?", at: s.tokens.count - 1)
        }
        let file = try allowedPath(s, path)
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw s.diagnostic("cannot read `\(path)`: no such readable text file", at: s.tokens.count - 1)
        }
        runDepth += 1
        defer { runDepth -= 1 }
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
