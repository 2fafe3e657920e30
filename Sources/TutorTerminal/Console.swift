import Foundation
import TextFormat
import TutorLanguage

/// Runs commands and shows what they produce: the glue between the interpreter and the screen,
/// shared by the REPL and `tutor run`. On a terminal, training progress is redrawn in place a
/// few times a second; elsewhere only each epoch's final line is printed.
public final class Console {
    public let interpreter: Interpreter
    public let renderer: OutputRenderer
    let write: (String) -> Void
    private var lastDraw = ContinuousClock.now
    private var progressShown = false
    /// The latest progress when a redraw was skipped (redraws are a few a second), drawn before
    /// anything else is shown so that the bar's last count is the one training reached.
    private var undrawnProgress: EpochProgress?
    /// The progress the bar shows now, drawn again to write over an echoed `^C`.
    private var drawnProgress: EpochProgress?
    /// How many commands have failed so far.
    public private(set) var errorCount = 0
    /// Everything run so far, for `save notebook`.
    public private(set) var notebook = Notebook()
    /// Called with the notebook when a typed command begins and when it has finished, so that it
    /// can be kept as the session goes (``SessionNotebook``).
    public var keepNotebook: ((Notebook) -> Void)?

    /// `write` receives text to show (already with its newlines); standard output by default.
    public init(interpreter: Interpreter, terminal: Terminal, write: @escaping (String) -> Void = Console.standardOutput) {
        self.interpreter = interpreter
        self.renderer = OutputRenderer(terminal: terminal)
        self.write = write
        interpreter.shouldStop = { Interrupts.stopRequested }
    }

    /// Runs one line typed at the prompt (`cell` is its notebook number). Errors are shown, not
    /// thrown. With `echo` (input from a pipe) the line is shown before its output.
    @discardableResult
    public func run(line: String, cell: Int, echo: Bool = false) -> Control {
        guard Console.isCommand(line) else {
            if let text = Console.commentText(line) { notebook.note(text) }
            return .proceed
        }
        if echo {
            show(.echo(SourceLine(text: Parser.shown(line), number: cell)))
        } else {
            notebook.begin(line)
            keepNotebook?(notebook)
        }
        defer { keepNotebook?(notebook) }
        do {
            return try Interrupts.whileTraining {
                try interpreter.execute(line: line, number: cell, emit: show)
            }
        } catch let diagnostic as Diagnostic {
            finishProgress()
            errorCount += 1
            notebook.record(diagnostic)
            write(renderer.terminal.palette.diagnostic(diagnostic, width: renderer.width) + "\n")
            return .proceed
        } catch {
            errorCount += 1
            let lines = TextColumns.fit(line: "error: \(VisibleText.of("\(error)"))", width: renderer.width)
            write(lines.enumerated().map { $0 == 0 ? renderer.terminal.palette.labelled("error: ", .error, String($1.dropFirst("error: ".count))) : $1 }.joined(separator: "\n") + "\n")
            return .proceed
        }
    }

    /// Replays a script file; returns the error that stopped it, if any.
    public func runScript(_ text: String, file: String) -> (control: Control, error: Diagnostic?) {
        do {
            let control = try Interrupts.whileTraining {
                try interpreter.runScript(text, file: file, emit: show)
            }
            return (control, nil)
        } catch let diagnostic as Diagnostic {
            finishProgress()
            notebook.record(diagnostic)
            return (.proceed, diagnostic)
        } catch {
            return (.proceed, Diagnostic("\(error)", in: SourceLine(text: "", number: 1, file: file), columns: 1...1))
        }
    }

    /// Keeps a line the learner typed (shown already by the terminal) as a new notebook cell.
    func begin(_ line: String) {
        notebook.begin(line)
    }

    /// Keeps an error shown in the notebook and counts it.
    func record(_ diagnostic: Diagnostic) {
        errorCount += 1
        notebook.record(diagnostic)
    }

    /// Shows a line about the program itself (a greeting, a lesson's message, where the session
    /// was kept) below any progress line: not part of the session, so not kept in the notebook.
    /// Plain text only: it may quote paths and lesson names, so its controls are shown visible.
    /// Laid out to the terminal's width, like everything shown.
    public func say(_ text: String) {
        finishProgress()
        write(TextColumns.fit(VisibleText.of(text, keeping: .lineBreaks), width: renderer.width) + "\n")
    }

    /// Shows a warning about the program itself (`warning:` in the palette's colour) below any
    /// progress line: like ``say(_:)``, not kept in the notebook, its controls shown visible.
    public func warn(_ text: String) {
        finishProgress()
        write(renderer.render(.warning(text)).map { $0 + "\n" } ?? "")
    }

    /// Shows one output as it arrives (and keeps it for the notebook); writes the notebook when
    /// `save notebook` asks.
    public func show(_ output: Output) {
        if case .saveNotebook(let request) = output { return save(request) }
        if !output.isTransient { notebook.record(output) }
        if case .batchProgress(let progress) = output {
            guard renderer.terminal.isTTY else { return }
            let now = ContinuousClock.now
            guard progress.step == 1 || now - lastDraw > .milliseconds(100) else {
                undrawnProgress = progress
                return
            }
            lastDraw = now
            draw(progress)
            return
        }
        if case .epochEnded = output, progressShown {
            write("\r\u{1B}[2K")
            progressShown = false
            undrawnProgress = nil
        }
        finishProgress()
        if let text = renderer.render(output) { write(text + "\n") }
    }

    /// Writes the notebook so far (the `save notebook` cell included, without its output) where
    /// `request` says, then confirms; or shows why the file could not be written.
    private func save(_ request: NotebookRequest) {
        do {
            try notebook.keep(at: request.file, as: request.format)
        } catch {
            let diagnostic = request.failure(error.localizedDescription)
            finishProgress()
            errorCount += 1
            notebook.record(diagnostic)
            write(renderer.terminal.palette.diagnostic(diagnostic, width: renderer.width) + "\n")
            return
        }
        show(request.saved)
    }

    /// Redraws the progress line in place with `progress`.
    private func draw(_ progress: EpochProgress) {
        write("\r\u{1B}[2K" + renderer.progressLine(progress, finished: false, fitting: renderer.terminal.width))
        progressShown = true
        drawnProgress = progress
        undrawnProgress = nil
    }

    /// Ends the progress line, first drawing the progress a skipped redraw left out (a `fit`
    /// stopped between redraws says "after 1,616 of 1,875 batches", and so does its bar). The
    /// `^C` a terminal echoed for a stop is written over: the bar is drawn again, or the line
    /// the cursor is on (empty but for it) is cleared.
    func finishProgress() {
        let echoed = Interrupts.takeEcho() && renderer.terminal.isTTY
        if progressShown {
            if let progress = undrawnProgress ?? (echoed ? drawnProgress : nil) { draw(progress) }
            write("\n")
            progressShown = false
        } else if echoed {
            write("\r\u{1B}[2K")
        }
        undrawnProgress = nil
    }

    /// The line editor for this console's prompts: tutor's history file (bounded to 1,000 lines)
    /// and Tab completing commands, words, `let` names and paths.
    public func makeLineEditor(environment: [String: String]) -> LineEditor {
        let editor = LineEditor(
            programName: "tutor", historyFile: LineEditor.historyFilePath(environment: environment), maxHistory: 1000)
        editor.completer = { [unowned self] line, cursor in
            let names = self.interpreter.session.names.keys.sorted()
            let completion = Completer.complete(line: line, cursor: cursor, names: names)
            return (completion.startColumn - 1, completion.candidates, completion.wantsPath)
        }
        return editor
    }

    /// Keeps a lesson's narration in the notebook, as a note.
    func narrate(_ text: String) {
        notebook.note(text)
    }

    /// The text of a comment line (`# a comment` → `a comment`), nil for any other line or a
    /// comment with no text.
    static func commentText(_ line: String) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("#") else { return nil }
        let text = trimmed.drop { $0 == "#" }.drop { $0 == " " || $0 == "\t" }
        return text.isEmpty ? nil : String(text)
    }

    /// Whether a line holds a command (not blank, not only a comment).
    static func isCommand(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return !trimmed.isEmpty && !trimmed.hasPrefix("#")
    }

    /// Writes to standard output at once (no buffering delay for live progress).
    public static func standardOutput(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
