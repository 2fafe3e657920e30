import TutorLanguage

/// What a lesson shows, in order, as values: replaying it (`tutor run FILE.lesson`) and taking it
/// (``LessonEngine``) both produce them; a renderer (TutorTerminal's `LessonRenderer`) turns them
/// into text.
public enum LessonEvent: Equatable, Sendable {
    /// The lesson's title.
    case title(String)
    /// A paragraph of narration.
    case narration(String)
    /// `---`: where an interactive lesson waits for Enter (shown only when replaying).
    case pause
    /// What a command showed: for the lesson's own commands first `.echo` of the command, then its
    /// outputs, as in `run FILE`.
    case output(Output)
    /// A command failed; the session is as it was before it.
    case error(Diagnostic)
    /// A line the learner typed is about to run as a command (for the notebook: the learner's
    /// terminal has shown it already).
    case typed(String)
    /// Replaying: an exercise is shown with its name, prompt and hints.
    case exercise(Exercise)
    /// Taking the lesson: exercise `number` of `total` begins; its prompt is shown.
    case exerciseBegins(Exercise, number: Int, total: Int)
    /// The exercise's solution is about to run (its commands follow as `.output`s).
    case solution(Exercise)
    /// A check held after the solution ran.
    case expectationPassed(Expectation)
    /// Replaying: another correct answer (`also …`) passed every check too.
    case alternativePassed(Exercise, number: Int)
    /// Hint `number` of `total`.
    case hint(number: Int, total: Int, text: String)
    /// The learner's answer misses a check: the requirement and what was found (and what was
    /// wanted, once every hint has been shown). `attempt` is true after an `answer` or `check`, false
    /// for the quieter note after other commands.
    case miss(String, attempt: Bool)
    /// The exercise is solved; the answer was saved in `answerFile` (nil when it could not be).
    case solved(exercise: String, answerFile: String?)
    /// The exercise was skipped.
    case skipped(exercise: String)
    /// A guess step begins: its question is shown. `asking` is true when the learner is asked to
    /// type a number now (taking the lesson), false when replaying.
    case guessAsked(Guess, asking: Bool)
    /// The guess's commands ran (their outputs came before): the true value beside the learner's
    /// guess, then the guess's `why` lines.
    case guessRevealed(Guess, GuessOutcome)
    /// A sentence about the lesson itself (where the learner is, what to type), not the session.
    case note(String)
    /// A warning about the lesson itself (progress that cannot be saved).
    case warning(String)
    /// The lesson is over; `summary` is like "1 done, 1 skipped of 2 exercises".
    case finished(title: String, summary: String, answers: String?)
    /// The learner left; `resume` is the command that continues.
    case left(resume: String)
}

/// An expectation with its verdict on some session.
public struct CheckResult: Equatable, Sendable {
    public let expectation: Expectation
    public let verdict: Verdict

    public init(expectation: Expectation, verdict: Verdict) {
        self.expectation = expectation
        self.verdict = verdict
    }
}
