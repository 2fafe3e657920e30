import Foundation
import Lessons
import TutorLanguage

/// Takes a learner through one lesson (`tutor lesson NAME`) in the console's session: narration,
/// commands and their output, pauses, and at each exercise a prompt (`softmax-sum 1/2> `) where
/// the learner types commands, `hint`, `skip`, `check` or `quit`. Progress is saved after every
/// step; the commands that solved an exercise are saved as its answer file.
public final class LessonSession {
    /// Where lines come from: a line editor on a terminal, or standard input (no pauses; each
    /// line is shown after its prompt, so the output reads as a transcript).
    public enum Input {
        case editor(LineEditor)
        /// Lines from `next` until it returns nil (no pauses, each line echoed after its prompt).
        case lines(next: () -> String?)

        /// Standard input when it is not a terminal.
        public static var pipe: Input { .lines { readLine(strippingNewline: true) } }
    }

    let lesson: Lesson
    let stem: String
    let console: Console
    let store: ProgressStore
    let input: Input
    /// The whole progress file as last saved.
    public private(set) var record: ProgressRecord
    private let renderer: LessonRenderer
    private var separated = true
    private var saveFailed = false

    public init(lesson: Lesson, stem: String, console: Console, store: ProgressStore, record: ProgressRecord, input: Input) {
        self.lesson = lesson
        self.stem = stem
        self.console = console
        self.store = store
        self.record = record
        self.input = input
        self.renderer = LessonRenderer(terminal: console.renderer.terminal)
    }

    private var style: ANSIStyle { console.renderer.terminal.style }
    private var progress: LessonProgress {
        get { record.lessons[stem] ?? LessonProgress() }
        set { record.lessons[stem] = newValue }
    }
    private var exercises: [Exercise] { lesson.exercises }

    // MARK: - The lesson

    /// Runs the lesson from the start, or from where the learner left off; returns when it ends
    /// or the learner leaves (`quit`, Ctrl-D, end of input).
    public func run() {
        show(.title(lesson.title))
        var start = 0
        if let saved = record.lessons[stem], saved.next > 0 {
            if saved.next >= lesson.items.count {
                say("You finished this lesson before (\(summary(saved))); here it is again from the start.")
            } else {
                switch offerToContinue(saved) {
                case .leave: return
                case .fromStart: break
                case .continueThere: start = saved.next
                }
            }
        }
        var current = progress
        current.next = start
        progress = current
        record.current = stem
        save()

        for index in start..<lesson.items.count {
            switch lesson.items[index] {
            case .narration(let text): show(.narration(text))
            case .command(let statement): runLessonCommand(statement)
            case .pause:
                if !pause() { return }
            case .exercise(let exercise):
                if !take(exercise, at: index) { return }
            }
            var after = progress
            after.next = index + 1
            progress = after
            save()
        }
        let finished = progress
        say(style.bold("You finished “\(lesson.title)”") + ": \(summary(finished)).")
        if finished.count(.done) > 0 {
            say("Your answers are in \(LessonWorkspace.answerFolder(workspace: store.workspace, lesson: stem))/.")
        }
    }

    /// `1 done, 1 skipped of 2 exercises`.
    private func summary(_ progress: LessonProgress) -> String {
        "\(progress.count(.done)) done, \(progress.count(.skipped)) skipped of \(exercises.count) exercise\(exercises.count == 1 ? "" : "s")"
    }

    /// Asks whether to continue at `saved.next` (a pipe always continues). Continuing rebuilds the
    /// session quietly.
    private func offerToContinue(_ saved: LessonProgress) -> ResumeChoice {
        let place = describe(position: saved.next)
        switch input {
        case .lines:
            say("You left off \(place); continuing there.")
        case .editor(let editor):
            switch editor.readLine(prompt: "You left off \(place). Continue there? [Y/n] ") {
            case .endOfInput, .interrupted: return .leave
            case .line(let answer):
                let word = answer.trimmingCharacters(in: .whitespaces).lowercased()
                if isQuit(word) { return .leave }
                if word.hasPrefix("n") {
                    say("Starting again from the top (your finished exercises stay recorded).")
                    return .fromStart
                }
            }
        }
        restore(upTo: saved.next)
        return .continueThere
    }

    private enum ResumeChoice { case continueThere, fromStart, leave }

    /// `at exercise make-probabilities (2/2)` or `after line 8`.
    private func describe(position: Int) -> String {
        if case .exercise(let exercise) = lesson.items[position] {
            return "at exercise \(exercise.name) (\(number(of: exercise))/\(exercises.count))"
        }
        let nextExercise = lesson.items[position...].lazy.compactMap { item -> Exercise? in
            if case .exercise(let exercise) = item { return exercise }
            return nil
        }.first
        return nextExercise.map { "before exercise \($0.name) (\(number(of: $0))/\(exercises.count))" } ?? "near the end"
    }

    private func number(of exercise: Exercise) -> Int {
        (exercises.firstIndex { $0.name == exercise.name } ?? 0) + 1
    }

    /// Rebuilds the session as it was at item `end`, without showing anything: the lesson's
    /// commands, and for each exercise before it the learner's saved answer when it still passes,
    /// otherwise the solution.
    private func restore(upTo end: Int) {
        say(style.dim("Restoring your session…"))
        let interpreter = console.interpreter
        for item in lesson.items[..<end] {
            switch item {
            case .narration, .pause: continue
            case .command(let statement):
                _ = try? Interrupts.whileTraining { try LessonReplay.run(statement, in: lesson, interpreter: interpreter) { _ in } }
            case .exercise(let exercise):
                if progress.exercises[exercise.name] == .done, replayAnswer(of: exercise) { continue }
                _ = try? Interrupts.whileTraining { try LessonReplay.runSolution(exercise, in: lesson, interpreter: interpreter) { _ in } }
            }
        }
    }

    /// Runs the saved answer of `exercise` quietly; whether its checks then hold.
    private func replayAnswer(of exercise: Exercise) -> Bool {
        let path = LessonWorkspace.answerPath(workspace: store.workspace, lesson: stem, exercise: exercise.name)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            _ = try? Interrupts.whileTraining {
                try console.interpreter.execute(line: String(line), number: index + 1, file: path) { _ in }
            }
        }
        return LessonReplay.check(exercise, on: console.interpreter.session).allSatisfy(\.verdict.passed)
    }

    private func runLessonCommand(_ statement: Statement) {
        do {
            _ = try Interrupts.whileTraining {
                try LessonReplay.run(statement, in: lesson, interpreter: console.interpreter) { show($0) }
            }
        } catch let diagnostic as Diagnostic {
            console.finishProgress()
            console.write(diagnostic.rendered() + "\n")
        } catch {
            console.write("error: \(error)\n")
        }
    }

    /// `---`: waits for Enter on a terminal. False when the learner leaves.
    private func pause() -> Bool {
        guard case .editor(let editor) = input else { return true }
        console.finishProgress()
        switch editor.readLine(prompt: style.dim("[Enter to go on, `quit` to leave] ")) {
        case .endOfInput: return leave()
        case .interrupted: return true
        case .line(let line):
            if isQuit(line) { return leave() }
            separated = false
            return true
        }
    }

    // MARK: - Exercises

    /// One exercise, until its checks hold, it is skipped, or the learner leaves (false).
    private func take(_ exercise: Exercise, at index: Int) -> Bool {
        let position = number(of: exercise)
        showExercise(exercise, position: position)
        let prompt = "\(exercise.name) \(position)/\(exercises.count)> "
        var answer: [String] = []
        var hintsShown = 0
        var lastFailure: String?
        while true {
            let line: String
            switch read(prompt: style.colored(prompt, .cyan), plain: prompt) {
            case .endOfInput: return leave()
            case .interrupted: continue
            case .line(let text): line = text
            }
            let word = line.trimmingCharacters(in: .whitespaces)
            switch word.lowercased() {
            case "": continue
            case "quit", "exit": return leave()
            case "hint", "hints":
                if hintsShown < exercise.hints.count {
                    hintsShown += 1
                    say(style.colored("hint \(hintsShown)/\(exercise.hints.count): ", .yellow) + exercise.hints[hintsShown - 1])
                } else if exercise.hints.isEmpty {
                    say("This exercise has no hints. Type `skip` to see the solution.")
                } else {
                    say("That was the last hint. Type `skip` to see the solution.")
                }
            case "skip":
                say(style.dim("solution:"))
                do {
                    _ = try Interrupts.whileTraining {
                        try LessonReplay.runSolution(exercise, in: lesson, interpreter: console.interpreter) { show($0) }
                    }
                } catch let diagnostic as Diagnostic {
                    console.write(diagnostic.rendered() + "\n")
                } catch {
                    console.write("error: \(error)\n")
                }
                record(exercise, .skipped, next: index + 1)
                say("Skipped \(exercise.name); it counts as skipped, not done.")
                return true
            case "check":
                if let failure = firstFailure(of: exercise) {
                    say(style.colored("✗ not yet: ", .red) + failure)
                    lastFailure = failure
                } else {
                    return solved(exercise, answer: answer, at: index)
                }
            default:
                let errors = console.errorCount
                let control = console.run(line: line, cell: answer.count + 1)
                if control == .quit { return leave() }
                guard console.errorCount == errors else { continue }
                answer.append(word)
                guard let failure = firstFailure(of: exercise) else { return solved(exercise, answer: answer, at: index) }
                if failure != lastFailure {
                    say(style.dim("✗ not yet: ") + failure)
                    lastFailure = failure
                }
            }
        }
    }

    private func showExercise(_ exercise: Exercise, position: Int) {
        var lines = [style.bold("Exercise \(position)/\(exercises.count): \(exercise.name)")]
        for paragraph in exercise.prompt.split(separator: "\n") {
            lines += LessonRenderer.emphasized(
                LessonRenderer.wrap(String(paragraph), width: renderer.width), color: renderer.terminal.colorEnabled)
        }
        lines.append(style.dim("Type commands; `hint` for a hint, `skip` to see the solution, `quit` to leave."))
        if !separated { console.write("\n") }
        console.write(lines.joined(separator: "\n") + "\n")
        separated = false
    }

    /// The first failing check's "found …; wanted …", or nil when every check holds.
    private func firstFailure(of exercise: Exercise) -> String? {
        for result in LessonReplay.check(exercise, on: console.interpreter.session) {
            if case .fail(let message) = result.verdict { return message }
        }
        return nil
    }

    private func solved(_ exercise: Exercise, answer: [String], at index: Int) -> Bool {
        let path = LessonWorkspace.answerPath(workspace: store.workspace, lesson: stem, exercise: exercise.name)
        var saved = "."
        do {
            try LessonWorkspace.writeAtomically(answer.map { $0 + "\n" }.joined(), to: path)
            saved = "; your answer is saved in \(path)"
        } catch {
            console.write("warning: cannot save your answer to \(path): \(error.localizedDescription)\n")
        }
        say(style.colored("✓", .green) + " \(exercise.name) done\(saved)")
        record(exercise, .done, next: index + 1)
        return true
    }

    private func record(_ exercise: Exercise, _ status: ExerciseStatus, next: Int) {
        var updated = progress
        updated.exercises[exercise.name] = status
        updated.next = next
        progress = updated
        save()
    }

    // MARK: - Input and output

    private func read(prompt: String, plain: String) -> LineResult {
        console.finishProgress()
        switch input {
        case .editor(let editor):
            return editor.readLine(prompt: prompt)
        case .lines(let next):
            guard let line = next() else { return .endOfInput }
            console.write(plain + line + "\n")
            return .line(line)
        }
    }

    private func isQuit(_ line: String) -> Bool {
        ["quit", "exit"].contains(line.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Saves and says how to come back; always false (for `return leave()`).
    private func leave() -> Bool {
        save()
        say("Your progress is saved; `tutor lesson \(stem)` continues where you left off.")
        return false
    }

    private func save() {
        do {
            try store.save(record)
        } catch {
            if !saveFailed { console.write("warning: cannot save progress to \(store.path): \(error.localizedDescription)\n") }
            saveFailed = true
        }
    }

    private func say(_ text: String) {
        console.say(text)
        separated = false
    }

    /// Shows a lesson event, a blank line before narration and exercises that follow output.
    private func show(_ event: LessonEvent) {
        defer { separated = LessonRenderer.endsBlock(event) }
        if case .output(let output) = event { return console.show(output) }
        console.finishProgress()
        guard let text = renderer.render(event) else { return }
        console.write((!separated && LessonRenderer.startsBlock(event) ? "\n" : "") + text + "\n")
    }
}
