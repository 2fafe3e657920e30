import ChildProcess
import Foundation
import Lessons
import Testing
@testable import TutorLanguage
@testable import TutorTerminal

/// `save notebook FILE.ipynb`: the session as a Jupyter notebook — commands as code cells
/// numbered as typed, their output in colour as streams (errors on stderr), pictures also as PNG,
/// notes (comments, a lesson's narration) as markdown — valid nbformat 4.5 for the `tutor` kernel.
struct ConsoleJupyterTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tj-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The notebook file read as JSON: its cells and its metadata.
    static func read(_ file: String) throws -> (cells: [[String: Any]], metadata: [String: Any]) {
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["nbformat"] as? Int == 4 && document["nbformat_minor"] as? Int == 5)
        return (try #require(document["cells"] as? [[String: Any]]), try #require(document["metadata"] as? [String: Any]))
    }

    static func text(_ value: Any?) -> String { (value as? [String])?.joined() ?? "" }

    @Test func theSessionIsWrittenAsCellsWithColouredStreams() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("s.ipynb").path
        let transcript = ConsoleNotebookTests.Transcript()
        let console = ConsoleNotebookTests.console(transcript)
        console.run(line: "answer 2", cell: 1)
        console.run(line: "# now a mistake", cell: 2)
        console.run(line: "show relu q", cell: 3)
        console.run(line: "save notebook \(file)", cell: 4)
        #expect(transcript.text.hasSuffix("Saved this session as a Jupyter notebook: \(file).\n"))
        #expect(console.errorCount == 1)

        let (cells, metadata) = try Self.read(file)
        #expect(metadata["kernelspec"] as? [String: String] == ["name": "tutor", "display_name": "tutor", "language": "tutor"])
        #expect(cells.map { $0["cell_type"] as? String } == ["code", "markdown", "code", "code"])
        #expect(cells.map { $0["id"] as? String } == ["cell-1", "cell-2", "cell-3", "cell-4"])
        #expect(cells.map { Self.text($0["source"]) } == ["answer 2", "now a mistake", "show relu q", "save notebook \(file)"])
        #expect(cells.map { $0["execution_count"] as? Int } == [1, nil, 2, 3])
        let answer = try #require((cells[0]["outputs"] as? [[String: Any]])?.first)
        #expect(answer["output_type"] as? String == "stream" && answer["name"] as? String == "stdout")
        #expect(Self.text(answer["text"]) == "Answer: 2\n")
        // The error in the terminal's colours, on stderr, with its caret line.
        let error = try #require((cells[2]["outputs"] as? [[String: Any]])?.first)
        #expect(error["name"] as? String == "stderr")
        #expect(Self.text(error["text"]).hasPrefix("\u{1B}[1;31merror:\u{1B}[0m `q` is not defined\n"))
        #expect(Self.text(error["text"]).contains("3 | show relu q\n"))
        // The `save notebook` cell itself is there, without its output (written before it).
        #expect((cells[3]["outputs"] as? [Any])?.isEmpty == true)
        #expect(try await Python.nbformatProblemIfInstalled(file) == nil)
    }

    /// A picture is a stream (the terminal's half blocks, in colour) and a PNG image with a text
    /// fallback; the Markdown form of the same notebook has the text only.
    @Test func picturesAreAlsoImages() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("p.ipynb").path
        let console = ConsoleNotebookTests.console(ConsoleNotebookTests.Transcript())
        let digit = DigitImage(index: 0, split: .train, label: 7, width: 28, height: 28, pixels: (0..<784).map { UInt8($0 % 256) })
        console.begin("show image 0")
        console.show(.image(digit))
        let statement = try #require(try Parser.parse("save notebook \(file)", line: 2, file: nil))
        console.show(.saveNotebook(NotebookRequest(file: file, path: file, statement: statement, format: .jupyter)))
        let (cells, _) = try Self.read(file)
        let outputs = try #require(cells.first?["outputs"] as? [[String: Any]])
        #expect(outputs.map { $0["output_type"] as? String } == ["stream", "display_data"])
        #expect(Self.text(outputs[0]["text"]).hasPrefix("Training image 0: label 7\n\u{1B}["))
        let data = try #require(outputs[1]["data"] as? [String: Any])
        let base64 = try #require(data["image/png"] as? String)
        let png = try #require(Data(base64Encoded: base64))
        #expect(Array(png) == NotebookPictures.digit(digit).bytes)
        #expect(Self.text(data["text/plain"]) == "<224×224 picture>")
        #expect(outputs[1]["metadata"] as? [String: [String: Int]] == ["image/png": ["height": 224, "width": 224]])
        #expect(try await Python.nbformatProblemIfInstalled(file) == nil)
    }

    /// A lesson's title and narration are notes: markdown cells in the Jupyter form, paragraphs
    /// in the Markdown form, between the commands, which keep their numbers.
    @Test func narrationIsKeptAsNotes() {
        let console = ConsoleNotebookTests.console(ConsoleNotebookTests.Transcript())
        let view = LessonView(console: console)
        view.show(.title("Softmax"))
        view.show(.narration("Read *this* first."))
        view.show(.output(.echo(SourceLine(text: "answer 1", number: 3))))
        view.show(.output(.message("Answer: 1")))
        #expect(console.notebook.cells.map(\.isNote) == [true, true, false])
        #expect(console.notebook.jupyter().cells == [
            .markdown("# Softmax"), .markdown("Read *this* first."),
            .code(source: "answer 1", outputs: [.stream(name: "stdout", text: "Answer: 1\n")], executionCount: 1),
        ])
        #expect(console.notebook.markdown() == """
            # tutor notebook

            # Softmax

            Read *this* first.

            ```tutor
            [1]> answer 1
            ```

            ```text
            Answer: 1
            ```

            """)
    }

    /// Outputs after a note start a cell of their own; consecutive streams are one.
    @Test func streamsOfACellAreJoined() {
        var notebook = Notebook()
        notebook.begin("fit 1")
        notebook.record(.message("one"))
        notebook.record(.message("two"))
        notebook.note("a note")
        notebook.record(.message("after"))
        let cells = notebook.jupyter().cells
        #expect(cells == [
            .code(source: "fit 1", outputs: [.stream(name: "stdout", text: "one\ntwo\n")], executionCount: 1),
            .markdown("a note"),
            .code(source: "", outputs: [.stream(name: "stdout", text: "after\n")], executionCount: 2),
        ])
    }

    /// Other extensions are refused, naming the two there are; nothing is written.
    @Test(arguments: ["notes.txt", "notes", "notes.md.bak", ".md"])
    func otherExtensionsAreRefused(name: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let interpreter = Interpreter(session: Session(bundledDataDirectory: nil))
        interpreter.pathPolicy = .inside(folder.path)
        var rendered: String?
        do {
            try interpreter.execute(line: "save notebook \(name)", number: 1) { _ in }
        } catch {
            rendered = error.rendered()
        }
        #expect(rendered?.hasPrefix("error: `\(name)` does not end in `.md` or `.ipynb`: `save notebook` writes FILE.md (a Markdown notebook) or FILE.ipynb (a Jupyter notebook)\n") == true, "\(rendered ?? "no error")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(arguments: [("n.md", FileFormat.markdown), ("N.IPYNB", .jupyter), ("dir.ipynb/n.md", .markdown)])
    func theExtensionChoosesTheFormat(name: String, format: FileFormat) {
        #expect(FileFormat.of(name, among: FileFormat.notebooks) == format)
    }
}

extension Python {
    /// ``nbformatProblem(_:)`` when python3 is installed; nil (after saying so) when it is not.
    static func nbformatProblemIfInstalled(_ file: String) async throws -> String? {
        guard isInstalled else {
            print("skipped: checking \(file) with nbformat: python3 is not installed")
            return nil
        }
        return try await nbformatProblem(file)
    }
}
