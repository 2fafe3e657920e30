import Notebooks
import TextFormat
import TutorLanguage

/// The notebook as a Jupyter notebook (`save notebook FILE.ipynb`): each command a code cell for
/// the `tutor` kernel (which no Jupyter has, so nothing tries to run it), numbered as in the
/// Markdown form; each note a markdown cell.
///
/// A code cell's outputs are what the terminal shows, drawn again as on a 100-column terminal
/// with colour (Jupyter and VS Code show ANSI colours): each output a `stdout` stream, each error
/// a `stderr` one; a picture (`show image`, `predict`, `show weights`) is also given as a PNG
/// image (``NotebookPictures``), its text as the fallback where pictures are not shown. Every
/// text is shown with its control characters visible, as in the Markdown form: only the
/// renderer's own colours remain.
extension Notebook {
    /// The renderer of the Jupyter form: colour on, 100 columns, not a terminal (no screen clearing).
    static let colourRenderer = OutputRenderer(terminal: Terminal(isTTY: false, width: 100, colorEnabled: true))

    /// The notebook as a Jupyter notebook.
    public func jupyter() -> JupyterNotebook {
        let renderer = Notebook.colourRenderer
        let cells = zip(cells, numbers).map { cell, number -> JupyterNotebook.Cell in
            guard let number else { return .markdown(VisibleText.of(cell.source, keeping: .lineBreaks)) }
            var outputs: [JupyterNotebook.Output] = []
            for shown in cell.shown {
                switch shown {
                case .output(let output):
                    guard let text = renderer.render(output), !text.isEmpty else { continue }
                    outputs.append(.stream(name: "stdout", text: text + "\n"))
                    for picture in NotebookPictures.pictures(output) {
                        outputs.append(.png(picture.bytes, width: picture.width, height: picture.height, text: "<\(picture.width)×\(picture.height) picture>"))
                    }
                case .error(let diagnostic):
                    outputs.append(.stream(name: "stderr", text: renderer.terminal.palette.diagnostic(diagnostic, width: renderer.width) + "\n"))
                }
            }
            return .code(source: VisibleText.of(cell.source), outputs: Self.merged(outputs), executionCount: number)
        }
        return JupyterNotebook(cells: cells, kernel: .tutor)
    }

    /// Consecutive streams of the same name joined into one, as Jupyter keeps them.
    static func merged(_ outputs: [JupyterNotebook.Output]) -> [JupyterNotebook.Output] {
        var result: [JupyterNotebook.Output] = []
        for output in outputs {
            if case .stream(let name, let text) = output, case .stream(let lastName, let lastText)? = result.last, lastName == name {
                result[result.count - 1] = .stream(name: name, text: lastText + text)
            } else {
                result.append(output)
            }
        }
        return result
    }
}
