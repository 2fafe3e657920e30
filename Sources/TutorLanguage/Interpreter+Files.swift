import Foundation
import NeuralNet

extension Interpreter {
    func saveNotebook(_ s: Statement, path: String, emit: (Output) -> Void) throws(Diagnostic) {
        guard let notebookText else {
            throw s.diagnostic("there is no notebook to save here (only the notebook and `tutor run` keep one)")
        }
        try writeText(notebookText(), to: path, s)
        emit(.message("Saved this session as a Markdown notebook: \(path)."))
    }

    /// Writes `text` to `path` atomically (a temporary file, then a rename), or explains why not.
    func writeText(_ text: String, to path: String, _ s: Statement) throws(Diagnostic) {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw s.diagnostic("cannot write `\(path)`: it is a folder", at: s.tokens.count - 1)
        }
        let folder = url.deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder) else {
            throw s.diagnostic("cannot write `\(path)`: the folder `\(folder)` does not exist", at: s.tokens.count - 1)
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw s.diagnostic("cannot write `\(path)`: \(error.localizedDescription)", at: s.tokens.count - 1)
        }
    }
}
