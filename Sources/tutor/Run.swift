import ArgumentParser
import Files
import Foundation
import Lessons
import TutorLanguage
import TutorTerminal

/// `tutor run FILE…`: replays scripts in one session, printing each command and its output.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay scripts or lessons non-interactively, printing each command and its output.",
        discussion: """
            Stops at the first error, shows it with its file:line:column, and exits with status 1. \
            A script (.tut) is yours: its commands reach any file. A lesson (.lesson) is data: its \
            commands — and a lesson a script runs — reach only files inside the workspace (relative \
            paths resolve there), which is created when a lesson is replayed.
            """)

    @Argument(help: "Script or lesson files, run one after another in the same session.")
    var files: [String]

    @OptionGroup var workspace: WorkspaceOption

    func run() throws {
        Interrupts.install()
        let environment = ProcessInfo.processInfo.environment
        let console = Session.makeConsole(terminal: Terminal.current(environment: environment), workspace: workspace.path)
        let errors = Terminal.standardErrorPalette(environment: environment)
        for file in files {
            let text: String
            do {
                text = try RegularFile.readText(file, limit: FileLimits.textFileBytes, expected: Interpreter.scriptKind)
            } catch {
                FileHandle.standardError.write(Data((errors.labelled("error: ", .error, "cannot run `\(file)`: it \(error.problem)") + "\n").utf8))
                throw ExitCode(1)
            }
            let (control, error) = file.hasSuffix(".lesson")
                ? Run.replayLesson(text, file: file, console: console, workspace: workspace.path)
                : console.runScript(text, file: file)
            if let error {
                FileHandle.standardError.write(Data((errors.diagnostic(error, width: console.renderer.width) + "\n").utf8))
                throw ExitCode(1)
            }
            if control == .quit { return }
        }
    }
}

extension Run {
    /// Parses and replays a lesson: its exercises are shown with their solutions, and every check
    /// must hold. The lesson's commands reach only files inside `workspace` (created first when
    /// missing, so that a lesson that saves a file can), however free the session is otherwise.
    static func replayLesson(_ text: String, file: String, console: Console, workspace: String) -> (control: Control, error: Diagnostic?) {
        let lesson: Lesson
        do {
            lesson = try LessonParser.parse(text, file: file)
        } catch {
            return (.proceed, error)
        }
        do {
            try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        } catch {
            let problem = "cannot create the workspace `\(workspace)` the lesson's files are kept in: \(error.localizedDescription)"
            return (.proceed, Diagnostic(problem, in: SourceLine(text: "", number: 1, file: file), columns: 1...1))
        }
        return console.replayLesson(lesson, inside: .inside(workspace))
    }
}

extension Session {
    /// A fresh session on the bundled data, with its interpreter and console; `run FILE.lesson`
    /// in it replays the lesson as `tutor run FILE.lesson` does, inside `workspace`.
    static func makeConsole(terminal: Terminal, workspace: String = AnswerFiles.defaultWorkspace) -> Console {
        let session = Session(bundledDataDirectory: BundledData.mnistDirectory())
        let console = Console(interpreter: Interpreter(session: session), terminal: terminal)
        console.interpreter.lessonReplayer = { [unowned console] text, file throws(Diagnostic) in
            // A lesson is data: its `draw` reads neither the terminal nor the script around it.
            let pad = console.interpreter.drawingPad
            console.interpreter.drawingPad = nil
            defer { console.interpreter.drawingPad = pad }
            let (control, error) = Run.replayLesson(text, file: file, console: console, workspace: workspace)
            if let error { throw error }
            return control
        }
        return console
    }
}
