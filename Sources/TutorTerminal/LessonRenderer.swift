import Lessons
import TutorLanguage

/// Turns a lesson's ``LessonEvent``s (other than command output, which ``OutputRenderer`` draws)
/// into terminal text: the title as `# Title`, narration word-wrapped to the terminal's width
/// (80 when not a terminal), exercises with their prompt and hints, `solution:`, and `✓ expect …`.
public struct LessonRenderer: Sendable {
    public var terminal: Terminal

    public init(terminal: Terminal) {
        self.terminal = terminal
    }

    /// The width text is wrapped to.
    public var width: Int { terminal.isTTY ? max(20, terminal.width) : Terminal.defaultWidth }

    /// Whether `event` starts a block that should stand apart (a blank line before it) when it
    /// follows command output or a check.
    public static func startsBlock(_ event: LessonEvent) -> Bool {
        switch event {
        case .narration, .exercise: return true
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

    /// The text for `event` without a trailing newline; nil when it shows nothing (a pause when
    /// replaying) or is command output (`.output`, for ``OutputRenderer``).
    public func render(_ event: LessonEvent) -> String? {
        let style = terminal.style
        switch event {
        case .title(let title): return style.bold("# " + title) + "\n"
        case .narration(let text):
            return LessonRenderer.emphasized(LessonRenderer.wrap(text, width: width), color: terminal.colorEnabled)
                .joined(separator: "\n") + "\n"
        case .pause, .output: return nil
        case .exercise(let exercise): return self.exercise(exercise)
        case .solution: return style.dim("solution:")
        case .expectationPassed(let expectation):
            return style.colored("✓", .green) + " expect " + expectation.text
        }
    }

    private func exercise(_ exercise: Exercise) -> String {
        var lines = [terminal.style.bold("Exercise \(exercise.name)")]
        for paragraph in exercise.prompt.split(separator: "\n") {
            lines += LessonRenderer.emphasized(LessonRenderer.wrap(String(paragraph), width: width), color: terminal.colorEnabled)
        }
        for (index, hint) in exercise.hints.enumerated() {
            let label = "hint \(index + 1): "
            let wrapped = LessonRenderer.wrap(hint, width: width - label.count)
            for (row, text) in wrapped.enumerated() {
                lines.append((row == 0 ? label : String(repeating: " ", count: label.count)) + text)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Narration marks emphasis as `**word**`: bold on a colour terminal, plain text otherwise.
    /// The state carries across lines, so an emphasis broken by wrapping stays whole.
    public static func emphasized(_ lines: [String], color: Bool) -> [String] {
        var bold = false
        return lines.map { line in
            var out = bold && color ? "\u{1B}[1m" : ""
            var rest = Substring(line)
            while let marker = rest.range(of: "**") {
                out += rest[..<marker.lowerBound]
                bold.toggle()
                if color { out += bold ? "\u{1B}[1m" : "\u{1B}[22m" }
                rest = rest[marker.upperBound...]
            }
            out += rest
            if bold && color { out += "\u{1B}[22m" }
            return out
        }
    }

    /// `text` broken into lines of at most `width` characters at spaces; a longer word gets a line of its own.
    public static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
