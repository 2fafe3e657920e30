import TutorLanguage

/// A lesson, as read from a `.lesson` file by ``LessonParser``: a title, then narration,
/// commands, pauses, exercises and guesses in the order they appear (see LESSONS.md and
/// README's "Writing lessons").
public struct Lesson: Equatable, Sendable {
    /// The text of the first line after `# `.
    public let title: String
    /// Everything after the title, in order.
    public let items: [LessonItem]
    /// The file the lesson came from (as given to the parser), for diagnostics.
    public let file: String?
    /// Every line of the file as written (index 0 is line 1), so errors found later — a solution
    /// command that fails, an expect that does not hold — can show the lesson line itself.
    public let lines: [String]

    public init(title: String, items: [LessonItem], file: String?, lines: [String]) {
        self.title = title
        self.items = items
        self.file = file
        self.lines = lines
    }

    /// The exercises, in order.
    public var exercises: [Exercise] {
        items.compactMap { item in
            if case .exercise(let exercise) = item { return exercise }
            return nil
        }
    }

    /// The exercise called `name` (names are case-sensitive and unique in a lesson).
    public func exercise(named name: String) -> Exercise? {
        exercises.first { $0.name == name }
    }

    /// The guess steps, in order.
    public var guesses: [Guess] {
        items.compactMap { item in
            if case .guess(let guess) = item { return guess }
            return nil
        }
    }

    /// The guess called `name` (names are case-sensitive and unique in a lesson).
    public func guess(named name: String) -> Guess? {
        guesses.first { $0.name == name }
    }

    /// Line `number` (1-based) as written in the file, with its file name.
    public func sourceLine(_ number: Int) -> SourceLine {
        let text = lines.indices.contains(number - 1) ? lines[number - 1] : ""
        return SourceLine(text: text, number: number, file: file)
    }
}

/// One thing a lesson does, in order.
public enum LessonItem: Equatable, Sendable {
    /// A paragraph of narration: consecutive `>` lines joined with spaces.
    case narration(String)
    /// A command, run and its output shown.
    case command(Statement)
    /// `---`: wait for Enter when interactive.
    case pause
    /// `exercise NAME` … `end`.
    case exercise(Exercise)
    /// `guess NAME` … `end`: a number typed first, then the commands run and the truth is shown.
    case guess(Guess)
}

/// An exercise: what to do, hints, the solution and the checks that decide when it is done.
public struct Exercise: Equatable, Sendable {
    /// The name after `exercise` (letters, digits, `-` and `_`), unique in its lesson.
    public let name: String
    /// The line number of `exercise NAME`.
    public let line: Int
    /// The task: the exercise's `>` lines, consecutive lines joined with spaces, paragraphs
    /// (separated by an empty `>` line or another kind of line) joined with a line break.
    public let prompt: String
    /// The `hint > …` texts, in order: they escalate, the last one usually gives the answer away.
    public let hints: [String]
    /// The `solution COMMAND` commands, in order. Each statement's line keeps the lesson line's
    /// number and columns, with the leading `solution` blanked out; ``commandText`` is the command alone.
    public let solution: [Statement]
    /// Further correct answers, one per `also CMD; CMD; …` line: replaying a lesson proves each
    /// of them passes too, and that the narration after the exercise holds on every one.
    public let alternatives: [[Statement]]
    /// The `expect …` checks, in order; all must hold.
    public let expectations: [Expectation]
    /// What the exercise is worth when graded (`points N`; ``Points/standard``, 1, without one).
    public let points: Points

    public init(name: String, line: Int, prompt: String, hints: [String], solution: [Statement],
                alternatives: [[Statement]] = [], expectations: [Expectation], points: Points = .standard) {
        self.name = name
        self.line = line
        self.prompt = prompt
        self.hints = hints
        self.solution = solution
        self.alternatives = alternatives
        self.expectations = expectations
        self.points = points
    }
}

extension Statement {
    /// The command as typed, without the indentation (or blanked `solution`) in front of it.
    public var commandText: String {
        String(line.text.drop { $0 == " " || $0 == "\t" })
    }
}
