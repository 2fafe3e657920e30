import Lessons
import TutorLanguage

extension Console {
    /// Replays a lesson non-interactively (`tutor run FILE.lesson`), showing its narration,
    /// commands with their output, and each exercise with its solution and passed checks.
    /// Returns the error that stopped it: a failing command or a solution that misses a check.
    public func replayLesson(_ lesson: Lesson) -> (control: Control, error: Diagnostic?) {
        let lessonRenderer = LessonRenderer(terminal: renderer.terminal)
        var separated = true  // whether the last thing shown ends with a blank line
        let show: (LessonEvent) -> Void = { [self] event in
            if event == .pause { return }
            defer { separated = LessonRenderer.endsBlock(event) }
            if case .output(let output) = event { return self.show(output) }
            finishProgress()
            guard let text = lessonRenderer.render(event) else { return }
            write((!separated && LessonRenderer.startsBlock(event) ? "\n" : "") + text + "\n")
        }
        do {
            let control = try Interrupts.whileTraining {
                try LessonReplay.replay(lesson, interpreter: interpreter, emit: show)
            }
            return (control, nil)
        } catch let diagnostic as Diagnostic {
            finishProgress()
            return (.proceed, diagnostic)
        } catch {
            return (.proceed, Diagnostic("\(error)", in: SourceLine(text: "", number: 1, file: lesson.file), columns: 1...1))
        }
    }
}
