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
        discussion: "Stops at the first error, shows it with its file:line:column, and exits with status 1.")

    @Argument(help: "Script or lesson files, run one after another in the same session.")
    var files: [String]

    func run() throws {
        Interrupts.install()
        let console = Session.makeConsole(terminal: Terminal.current(environment: ProcessInfo.processInfo.environment))
        for file in files {
            let text: String
            do {
                text = try RegularFile.readText(file, limit: FileLimits.textFileBytes, expected: Interpreter.scriptKind)
            } catch {
                FileHandle.standardError.write(Data("error: cannot run `\(file)`: it \(error.problem)\n".utf8))
                throw ExitCode(1)
            }
            let (control, error) = file.hasSuffix(".lesson") ? Run.replayLesson(text, file: file, console: console) : console.runScript(text, file: file)
            if let error {
                FileHandle.standardError.write(Data((error.rendered() + "\n").utf8))
                throw ExitCode(1)
            }
            if control == .quit { return }
        }
    }
}

extension Run {
    /// Parses and replays a lesson: its exercises are shown with their solutions, and every check must hold.
    static func replayLesson(_ text: String, file: String, console: Console) -> (control: Control, error: Diagnostic?) {
        do {
            return console.replayLesson(try LessonParser.parse(text, file: file))
        } catch {
            return (.proceed, error)
        }
    }
}

extension Session {
    /// A fresh session on the bundled data, with its interpreter and console; `run FILE.lesson`
    /// in it replays the lesson as `tutor run FILE.lesson` does.
    static func makeConsole(terminal: Terminal) -> Console {
        let session = Session(bundledDataDirectory: BundledData.mnistDirectory())
        let console = Console(interpreter: Interpreter(session: session), terminal: terminal)
        console.interpreter.lessonReplayer = { [unowned console] text, file throws(Diagnostic) in
            let (control, error) = Run.replayLesson(text, file: file, console: console)
            if let error { throw error }
            return control
        }
        return console
    }
}
