import Lessons
import TutorLanguage

/// Draws a lesson's events on a console: command output through the console (so it is kept in the
/// notebook and progress is drawn live), everything else through ``LessonRenderer``, with a blank
/// line before narration and exercises that follow other output. Shared by replaying a lesson
/// (`tutor run FILE.lesson`) and taking one (``LessonSession``).
public final class LessonView {
    let console: Console
    let renderer: LessonRenderer
    /// Whether the last thing shown ends with a blank line.
    private var separated = true

    public init(console: Console) {
        self.console = console
        self.renderer = LessonRenderer(terminal: console.renderer.terminal)
    }

    public func show(_ event: LessonEvent) {
        defer { separated = LessonRenderer.endsBlock(event) }
        switch event {
        case .output(let output): return console.show(output)
        case .typed(let line): return console.begin(line)
        case .error(let diagnostic): console.record(diagnostic)
        case .title(let text): console.narrate("# " + text)
        case .narration(let text): console.narrate(text)
        default: break
        }
        console.finishProgress()
        guard let text = renderer.render(event) else { return }
        console.write((!separated && LessonRenderer.startsBlock(event) ? "\n" : "") + text + "\n")
    }

    /// Notes that something else (a prompt and the learner's line) was shown.
    func shownOtherText() {
        separated = false
    }
}

extension Console {
    /// Replays a lesson non-interactively (`tutor run FILE.lesson`), showing its narration,
    /// commands with their output, and each exercise with its solution and passed checks.
    /// Returns the error that stopped it: a failing command or a solution that misses a check.
    ///
    /// A lesson is data, not the learner's program: it runs under the stricter of the session's
    /// path policy and `workspace` (the workspace's), which is put back afterwards.
    public func replayLesson(_ lesson: Lesson, inside workspace: PathPolicy) -> (control: Control, error: Diagnostic?) {
        let outer = interpreter.pathPolicy
        interpreter.pathPolicy = outer.narrowed(to: workspace)
        defer { interpreter.pathPolicy = outer }
        let view = LessonView(console: self)
        do {
            try Interrupts.whileTraining {
                try LessonReplay.replay(lesson, interpreter: interpreter) { event in
                    if event != .pause { view.show(event) }
                }
            }
            return (.proceed, nil)
        } catch let diagnostic as Diagnostic {
            finishProgress()
            return (.proceed, diagnostic)
        } catch {
            return (.proceed, Diagnostic("\(error)", in: SourceLine(text: "", number: 1, file: lesson.file), columns: 1...1))
        }
    }
}
