import Foundation
import Testing
import TutorLanguage
import TutorTerminal

/// `save notebook FILE`: the interpreter asks, the console (which keeps the notebook) writes.
struct ConsoleNotebookTests {
    final class Transcript {
        var text = ""
    }

    static func console(_ transcript: Transcript) -> Console {
        Console(
            interpreter: Interpreter(session: Session(bundledDataDirectory: nil)),
            terminal: Terminal(isTTY: false, width: 80, colorEnabled: false), write: { transcript.text += $0 })
    }

    /// The interpreter only checks the path and hands over a request; it writes nothing itself.
    @Test func theInterpreterAsksAndWritesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-notebook-ask-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("n.md").path
        let interpreter = Interpreter(session: Session(bundledDataDirectory: nil))
        var outputs: [Output] = []
        try interpreter.execute(line: "save notebook \(file)", number: 1) { outputs.append($0) }
        guard case .saveNotebook(let request)? = outputs.first, outputs.count == 1 else {
            Issue.record("not one request: \(outputs)")
            return
        }
        #expect(request.file == file && request.path == file)
        #expect(request.saved == .message("Saved this session as a Markdown notebook: \(file)."))
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(interpreter.session.commands == ["save notebook \(file)"])
    }

    @Test func theConsoleWritesTheNotebookThenConfirms() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tn-\(UUID().uuidString.prefix(8))")  // short: the message fits one line
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("n.md").path
        let transcript = Transcript()
        let console = Self.console(transcript)
        console.run(line: "answer 2", cell: 1)
        console.run(line: "save notebook \(file)", cell: 2)
        #expect(transcript.text == "Answer: 2\nSaved this session as a Markdown notebook: \(file).\n")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == """
            # tutor notebook

            ```tutor
            [1]> answer 2
            ```

            ```text
            Answer: 2
            ```

            ```tutor
            [2]> save notebook \(file)
            ```

            """)
        // The confirmation is kept in the notebook, under its command.
        #expect(console.notebook.cells.last?.output == ["Saved this session as a Markdown notebook: \(file)."])
        #expect(console.errorCount == 0)
    }

    /// A file that cannot be written although its path passed the interpreter's checks (here one
    /// in /proc, where no file can be made) is reported as an error of the command.
    @Test func aFileThatCannotBeWrittenIsAnError() throws {
        let transcript = Transcript()
        let console = Self.console(transcript)
        let statement = try #require(try Parser.parse("save notebook /proc/tutor.md", line: 3, file: nil))
        console.show(.saveNotebook(NotebookRequest(file: "/proc/tutor.md", path: "/proc/tutor.md", statement: statement)))
        #expect(transcript.text.hasPrefix("error: cannot write `/proc/tutor.md`: "))
        #expect(transcript.text.contains("3 | save notebook /proc/tutor.md\n  |               ^^^^^^^^^^^^^^"))
        #expect(console.errorCount == 1)
    }
}
