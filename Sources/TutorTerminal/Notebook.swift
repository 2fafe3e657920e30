import Files
import Foundation
import TextFormat
import TutorLanguage

/// The session as a notebook: each command run, in order, with what it printed, kept as plain
/// text (no colour, no live progress) so it can be saved as Markdown with `save notebook FILE`.
/// Every line typed or read from a script, and every output, is shown with its control
/// characters visible (``VisibleText``), so a notebook printed on a terminal is only text.
public struct Notebook: Sendable {
    /// One command and its output.
    public struct Cell: Equatable, Sendable {
        public var source: String
        public var output: [String]
        /// Outputs with a Markdown form of their own (`runs`' table), shown after ``output``.
        public var markdown: [String] = []
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
            if cells.isEmpty { begin("") }
            cells[cells.count - 1].markdown.append(RunsTable.markdown(runs))
            return
        }
        guard let text = renderer.render(output), !text.isEmpty else { return }
        if cells.isEmpty { begin("") }
        cells[cells.count - 1].output.append(text)
    }

    /// Adds an error to the current cell.
    public mutating func record(_ error: Diagnostic) {
        if cells.isEmpty { begin("") }
        cells[cells.count - 1].output.append(error.rendered())
    }

    /// The notebook as Markdown: a title, then each command in a code block with its output in
    /// a text block below it.
    public func markdown(title: String = "tutor notebook") -> String {
        var lines = ["# \(title)", ""]
        for (index, cell) in cells.enumerated() {
            lines.append("```tutor")
            lines.append("[\(index + 1)]> \(VisibleText.of(cell.source))")
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

    /// Writes the notebook as Markdown to `path` with ``AtomicFile`` (the old file stays whole
    /// until the new one is complete), creating the folder if needed.
    public func keep(at path: String) throws {
        try AtomicFile.write(markdown(), to: path, creatingDirectories: true)
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
