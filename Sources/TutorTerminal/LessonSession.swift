import Files
import Foundation
import Lessons
import TextFormat
import TutorLanguage

/// Takes a learner through one lesson (`tutor lesson NAME`) in the console's session. The lesson
/// itself — what is shown, what a line does, what is saved — is ``LessonEngine``'s; this only
/// shows the prompt the engine asks for, reads a line and draws the engine's events.
public final class LessonSession {
    /// Where lines come from: a line editor on a terminal, or standard input (no pauses; each
    /// line is shown after its prompt, so the output reads as a transcript).
    public enum Input {
        case editor(LineEditor)
        /// Lines from `next` until it returns nil (no pauses, each line echoed after its prompt).
        case lines(next: () -> String?)

        /// Standard input when it is not a terminal.
        public static var pipe: Input { .lines { StandardInput.readLine() } }
    }

    /// The words an exercise prompt knows besides commands, for Tab.
    static let exerciseWords = ["check", "hint", "quit", "skip"]

    let console: Console
    let input: Input
    let engine: LessonEngine
    private let view: LessonView

    /// - Parameter makeInterpreter: a fresh interpreter on the same data, for the lesson's own
    ///   path (the state each exercise starts from).
    public init(
        lesson: Lesson, stem: String, console: Console, store: ProgressStore, record: ProgressRecord, input: Input,
        makeInterpreter: @escaping () -> Interpreter
    ) {
        self.console = console
        self.input = input
        let view = LessonView(console: console)
        self.view = view
        let interactive = if case .editor = input { true } else { false }
        engine = LessonEngine(
            lesson: lesson, stem: stem, learner: console.interpreter, makeInterpreter: makeInterpreter,
            workspace: store.workspace, store: store, record: record, interactive: interactive, emit: view.show)
        engine.guarded = { body in Interrupts.whileTraining(body) }
    }

    /// The whole progress file as last saved.
    public var record: ProgressRecord { engine.record }

    /// Runs the lesson from the start, or from where the learner left off; returns when it ends
    /// or the learner leaves (`quit`, Ctrl-D, end of input).
    public func run() {
        let palette = console.renderer.terminal.palette
        if case .editor(let editor) = input { addExerciseWords(to: editor) }
        engine.start()
        while true {
            let prompt: String, plain: String
            switch engine.prompt {
            case .done: return
            case .resume(let place):
                plain = "You left off \(VisibleText.of(place)). Continue there? [Y/n] "
                prompt = plain
            case .restoreAgain:
                plain = "Restore your session again? [Y/n] "
                prompt = plain
            case .pause:
                plain = "[Enter to go on, `quit` to leave] "
                prompt = palette.labelled(plain, .note)
            case .exercise(let name, let number, let total):
                plain = "\(VisibleText.of(name)) \(number)/\(total)> "
                prompt = palette.prompt(plain)
            case .guess:
                plain = "guess> "
                prompt = palette.prompt(plain)
            }
            engine.receive(read(prompt: prompt, plain: plain))
        }
    }

    private func read(prompt: String, plain: String) -> LessonInput {
        console.finishProgress()
        view.shownOtherText()
        switch input {
        case .editor(let editor):
            switch editor.readLine(prompt: prompt) {
            case .endOfInput: return .endOfInput
            case .interrupted: return .interrupted
            case .line(let line): return .line(line)
            }
        case .lines(let next):
            guard let line = next() else { return .endOfInput }
            // The line as typed, its controls visible: this is where a transcript shows it.
            console.write(plain + VisibleText.of(line) + "\n")
            return .line(line)
        }
    }

    /// Tab at an exercise prompt also offers `hint`, `skip`, `check` and `quit` for the first word.
    private func addExerciseWords(to editor: LineEditor) {
        guard let commands = editor.completer else { return }
        editor.completer = { [unowned self] line, cursor in
            let answer = commands(line, cursor)
            guard case .exercise = engine.prompt else { return answer }
            let typed = String(line.prefix(cursor))
            let word = typed.drop { $0 == " " }
            guard !word.contains(" ") else { return answer }
            let extra = Self.exerciseWords.filter { $0.hasPrefix(word.lowercased()) }
            return (answer.0, (extra + answer.1).sorted(), answer.2)
        }
    }
}
