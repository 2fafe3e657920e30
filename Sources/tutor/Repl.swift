import ArgumentParser
import Files
import Foundation
import TutorLanguage
import TutorTerminal

/// `tutor` (or `tutor repl`): the notebook. On a terminal: line editing, history, completion,
/// numbered cells, the session kept as Markdown in the state folder as it goes
/// (``SessionNotebook``), and `draw` on a canvas. On a pipe: commands are read without prompts
/// and echoed before their output, and `draw` takes the 28 lines after it as its drawing.
struct Repl: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the notebook (the default): type commands, see what they do.")

    func run() throws {
        Interrupts.install(interactive: Terminal.standardInputIsTTY())
        let environment = ProcessInfo.processInfo.environment
        let terminal = Terminal.current(environment: environment)
        let console = Session.makeConsole(terminal: terminal)
        if Terminal.standardInputIsTTY() {
            interactive(console, environment: environment)
        } else {
            try piped(console)
        }
    }

    /// Reads commands from a pipe: no prompts, each command echoed; exit status 1 after an error.
    private func piped(_ console: Console) throws {
        var cell = 0
        // `draw` takes the next 28 lines as its drawing; they count as lines, not commands.
        console.interpreter.drawingPad = { statement throws(Diagnostic) in
            try DrawingLines.read(for: statement) {
                guard let text = StandardInput.readLine() else { return nil }
                cell += 1
                return SourceLine(text: text, number: cell)
            }
        }
        var failed = false
        while let line = StandardInput.readLine() {
            cell += 1
            let before = console.errorCount
            if console.run(line: line, cell: cell, echo: true) == .quit { break }
            if console.errorCount > before { failed = true }
        }
        if failed { throw ExitCode(1) }
    }

    private func interactive(_ console: Console, environment: [String: String]) {
        let editor = console.makeLineEditor(environment: environment)
        console.interpreter.drawingPad = DrawingPad.canvas(terminal: console.renderer.terminal)
        let kept = SessionNotebook(folder: SessionNotebook.folder(environment: environment))
        console.keepNotebook = { kept.keep($0) }
        console.say("tutor — learn how a neural network reads handwritten digits. New here? Begin with the lessons: `tutor lesson` in your shell. Type `help` for the commands, `quit` to leave.")
        var cell = 1
        loop: while true {
            switch editor.readLine(prompt: console.renderer.terminal.palette.prompt("[\(cell)]> ")) {
            case .endOfInput:
                break loop
            case .interrupted:
                continue
            case .line(let line):
                if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                if console.run(line: line, cell: cell) == .quit { break loop }
                cell += 1
            }
        }
        editor.close()
        // The notebook was kept as the session went (a session that ran nothing has none).
        if let failure = kept.failure {
            console.warn("cannot keep this session's notebook: \(failure)")
        } else if let path = kept.path {
            console.say("This session is kept as a Markdown notebook: \(path)\n`tutor notebooks` lists the notebooks of your last \(SessionNotebook.kept) sessions.")
        }
    }
}
