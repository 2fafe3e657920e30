import Lessons
import TextFormat
import TutorLanguage

/// Turns a lesson's ``LessonEvent``s (other than command output, which ``OutputRenderer`` draws)
/// into terminal text: the title as `# Title`, narration word-wrapped to the terminal's width
/// (`$COLUMNS` or 80 when not a terminal; `**emphasis**` markers take no room), exercises with their prompt and hints, `solution:`, and `✓ expect …`;
/// a guess as `Guess: NAME` with its question, then the true value beside the guess and `why:` lines.
/// Every text an event brings — from the lesson file (title, narration, prompts, hints, checks,
/// commands), from the learner's answers or from the progress file — is shown with its control
/// characters visible (``VisibleText``): only the renderer's own styling reaches the terminal.
public struct LessonRenderer: Sendable {
    public var terminal: Terminal

    public init(terminal: Terminal) {
        self.terminal = terminal
    }

    /// The width text is wrapped to.
    public var width: Int { max(TextColumns.narrowest, terminal.width) }

    /// Whether `event` starts a block that should stand apart (a blank line before it) when it
    /// follows command output or a check.
    public static func startsBlock(_ event: LessonEvent) -> Bool {
        switch event {
        case .narration, .exercise, .exerciseBegins, .guessAsked: return true
        default: return false
        }
    }

    /// Whether the text of `event` already ends with a blank line.
    public static func endsBlock(_ event: LessonEvent) -> Bool {
        switch event {
        case .title, .narration: return true
        default: return false
        }
    }

    /// The text for `event` without a trailing newline; nil when it shows nothing here: a pause,
    /// command output (`.output`, for ``OutputRenderer``) and a typed line (already on screen).
    public func render(_ event: LessonEvent) -> String? {
        let palette = terminal.palette
        switch event {
        case .title(let title): return TextColumns.fit(line: "# " + shown(title), width: width).map { palette.paint($0, .emphasis) }.joined(separator: "\n") + "\n"
        case .narration(let text): return paragraph(text).joined(separator: "\n") + "\n"
        case .pause, .output, .typed: return nil
        case .error(let diagnostic): return palette.diagnostic(diagnostic, width: width)
        case .exercise(let exercise): return self.exercise(exercise)
        case .exerciseBegins(let exercise, let number, let total):
            var lines = TextColumns.fit(line: "Exercise \(number)/\(total): \(shown(exercise.name))", width: width).map { palette.paint($0, .emphasis) }
            for text in exercise.prompt.split(separator: "\n") { lines += paragraph(String(text)) }
            lines += TextColumns.wrap("Type commands; `hint` for a hint, `skip` to see the solution, `quit` to leave.", width: width)
                .map { palette.paint($0, .note) }
            return lines.joined(separator: "\n")
        case .guessAsked(let guess, let asking):
            var lines = TextColumns.fit(line: "Guess: \(shown(guess.name))", width: width).map { palette.paint($0, .emphasis) }
            for text in guess.question.split(separator: "\n") { lines += paragraph(String(text)) }
            if asking {
                lines += TextColumns.wrap("Type your guess: a number (`784*256+256` works too); Enter alone skips it.", width: width)
                    .map { palette.paint($0, .note) }
            }
            return lines.joined(separator: "\n")
        case .guessRevealed(let guess, let outcome):
            var lines = [fitted(shown(outcome.sentence))]
            for why in guess.why { lines.append(labelled(palette.labelled("why: ", .emphasis), width: 5, why)) }
            return lines.joined(separator: "\n")
        case .solution: return palette.paint("solution:", .note)
        case .expectationPassed(let expectation):
            return fitted(palette.paint("✓", .success) + " expect " + shown(expectation.text))
        case .alternativePassed(let exercise, let number):
            let commands = exercise.alternatives[number - 1].map(\.commandText).joined(separator: "; ")
            return labelled(palette.paint("✓", .success) + " also: ", width: 8, commands)
        case .hint(let number, let total, let text):
            return labelled(palette.labelled("hint \(number)/\(total): ", .hint), width: "hint \(number)/\(total): ".count, text)
        case .miss(let text, let attempt):
            guard attempt else {  // the quieter note after a command: the same words, dimmed
                return palette.paint(labelled("✗ not yet: ", width: 11, text), .note)
            }
            return labelled(palette.labelled("✗ not yet: ", .error), width: 11, text)
        case .solved(let exercise, let file):
            return fitted(palette.paint("✓", .success) + " \(shown(exercise)) done" + (file.map { "; your answer is saved in \(shown($0))" } ?? "."))
        case .skipped(let exercise): return fitted("Skipped \(shown(exercise)); it counts as skipped, not done.")
        case .note(let text): return paragraph(text).joined(separator: "\n")
        case .warning(let text): return fitted(palette.labelled("warning: ", .warning, shown(text)))
        case .finished(let title, let summary, let answers):
            return fitted(palette.paint("You finished “\(shown(title))”", .emphasis) + ": \(shown(summary))." + (answers.map { "\nYour answers are in \(shown($0))." } ?? ""))
        case .left(let resume): return fitted("Your progress is saved; `\(shown(resume))` continues where you left off.")
        }
    }

    /// `text` from a file or from typing as it may be shown: its controls visible.
    private func shown(_ text: String) -> String {
        VisibleText.of(text)
    }

    /// A paragraph wrapped to the width, with its `**emphasis**` (whose markers take no room);
    /// `text` is shown with its controls visible.
    private func paragraph(_ text: String) -> [String] {
        LessonRenderer.emphasized(TextColumns.wrap(shown(text), width: width, markup: .emphasis), color: terminal.colorEnabled)
    }

    /// `text` (ours, with what it quotes shown visible already) laid out to the width.
    private func fitted(_ text: String) -> String {
        TextColumns.fit(text, width: width)
    }

    /// `label` then `text` (shown with its controls visible) wrapped, its later lines indented
    /// under the text (`width` is the label's visible width).
    private func labelled(_ label: String, width labelWidth: Int, _ text: String) -> String {
        TextColumns.wrap(shown(text), width: max(20, width - labelWidth)).enumerated().map { row, line in
            (row == 0 ? label : String(repeating: " ", count: labelWidth)) + line
        }.joined(separator: "\n")
    }

    private func exercise(_ exercise: Exercise) -> String {
        var lines = [terminal.palette.paint("Exercise \(shown(exercise.name))", .emphasis)]
        for text in exercise.prompt.split(separator: "\n") { lines += paragraph(String(text)) }
        for (index, hint) in exercise.hints.enumerated() {
            lines.append(labelled(terminal.palette.labelled("hint \(index + 1): ", .hint), width: "hint \(index + 1): ".count, hint))
        }
        return lines.joined(separator: "\n")
    }

    /// Narration marks emphasis as `**word**`: in the palette's emphasis on a colour terminal,
    /// plain text otherwise. The state carries across lines, so an emphasis broken by wrapping
    /// stays whole; each line's style ends on that line.
    public static func emphasized(_ lines: [String], color: Bool) -> [String] {
        let palette = Palette(color: color)
        var bold = false
        return lines.map { line in
            var out = ""
            var rest = Substring(line)
            while let marker = rest.range(of: "**") {
                let piece = String(rest[..<marker.lowerBound])
                out += bold ? palette.paint(piece, .emphasis) : piece
                bold.toggle()
                rest = rest[marker.upperBound...]
            }
            out += bold ? palette.paint(String(rest), .emphasis) : String(rest)
            return out
        }
    }
}
