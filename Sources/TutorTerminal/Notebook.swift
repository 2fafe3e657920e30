import Files
import Foundation
import TextFormat
import TutorLanguage

/// The session as a notebook: each command run, in order, with what it printed, kept as plain
/// text (no colour, no live progress) so it can be saved as Markdown with `save notebook FILE.md`,
/// and as the values shown, for the Jupyter form (`save notebook FILE.ipynb`, ``jupyter()``).
/// Notes (a lesson's narration, comment lines) sit between the commands.
/// Every line typed or read from a script, and every output, is shown with its control
/// characters visible (``VisibleText``), so a notebook printed on a terminal is only text.
public struct Notebook: Sendable {
    /// One command and its output, or a note (a lesson's narration, a comment line).
    public struct Cell: Equatable, Sendable {
        /// The command as typed, or the note's text.
        public var source: String
        /// What the command showed, as plain text, one entry per output or error.
        public var output: [String]
        /// Whether this is a note rather than a command: text to read, with no output.
        public var isNote = false
        /// What the command showed, as values in order, for the Jupyter form (``jupyter()``),
        /// which draws them again in colour and with pictures.
        public var shown: [Shown] = []
        /// Outputs with a Markdown form of their own (`runs`' table), shown after ``output``.
        public var markdown: [String] = []
    }

    /// One thing a command showed.
    public enum Shown: Equatable, Sendable {
        case output(Output)
        case error(Diagnostic)
    }

    public private(set) var cells: [Cell] = []
    private let renderer = OutputRenderer(terminal: Terminal(isTTY: false, width: 100, colorEnabled: false))

    public init() {}

    /// Starts a new cell for `source`.
    public mutating func begin(_ source: String) {
        cells.append(Cell(source: source.trimmingCharacters(in: " \t"), output: []))
    }

    /// Adds an output to the current cell. A command echoed from a script starts a cell of its own.
    public mutating func record(_ output: Output) {
        if case .echo(let line) = output {
            begin(line.text)
            return
        }
        if case .runs(let runs) = output {
            // Markdown gets a table of its own; the Jupyter form draws the output as the terminal does.
            if cells.isEmpty || cells[cells.count - 1].isNote { begin("") }
            cells[cells.count - 1].markdown.append(RunsTable.markdown(runs))
            cells[cells.count - 1].shown.append(.output(output))
            return
        }
        guard let text = renderer.render(output), !text.isEmpty else { return }
        if cells.isEmpty || cells[cells.count - 1].isNote { begin("") }
        cells[cells.count - 1].output.append(text)
        cells[cells.count - 1].shown.append(.output(output))
    }

    /// Adds an error to the current cell.
    public mutating func record(_ error: Diagnostic) {
        if cells.isEmpty || cells[cells.count - 1].isNote { begin("") }
        cells[cells.count - 1].output.append(error.rendered())
        cells[cells.count - 1].shown.append(.error(error))
    }

    /// Adds a note: text to read between the commands (a lesson's narration, a comment line
    /// without its `#`), Markdown in the Jupyter form.
    public mutating func note(_ text: String) {
        cells.append(Cell(source: text, output: [], isNote: true))
    }

    /// The commands' numbers, cell by cell (nil for a note): 1, 2, … as the Markdown form shows
    /// them (`[2]> fit 3`) and as the Jupyter form's execution counts.
    var numbers: [Int?] {
        var count = 0
        return cells.map { cell in
            guard !cell.isNote else { return nil }
            count += 1
            return count
        }
    }

    /// The notebook as Markdown: a title, then each command in a code block with its output in
    /// a text block below it.
    public func markdown(title: String = "tutor notebook") -> String {
        var lines = ["# \(title)", ""]
        for (cell, number) in zip(cells, numbers) {
            guard let number else {
                lines += [VisibleText.of(cell.source, keeping: .lineBreaks), ""]
                continue
            }
            lines.append("```tutor")
            lines.append("[\(number)]> \(VisibleText.of(cell.source))")
            lines.append("```")
            if !cell.output.isEmpty {
                lines.append("")
                lines.append(fence(for: cell.output) + "text")
                lines += cell.output
                lines.append(fence(for: cell.output))
            }
            for text in cell.markdown {
                lines.append("")
                lines.append(text)
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// Writes the notebook as Markdown, or with `.jupyter` as a Jupyter notebook (``jupyter()``),
    /// to `path` with ``AtomicFile`` (the old file stays whole until the new one is complete),
    /// creating the folder if needed.
    public func keep(at path: String, as format: FileFormat = .markdown) throws {
        let text = format == .jupyter ? jupyter().json : markdown()
        try AtomicFile.write(text, to: path, creatingDirectories: true)
    }

    /// A code fence longer than any run of backticks in the text, so the text cannot close it.
    private func fence(for output: [String]) -> String {
        var longest = 0
        for text in output {
            var run = 0
            for ch in text {
                run = ch == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return String(text)
    }
}
