import TutorLanguage

/// What replaying a lesson shows, in order, as values; a renderer (TutorTerminal's
/// `LessonRenderer`) turns them into text.
public enum LessonEvent: Equatable, Sendable {
    /// The lesson's title.
    case title(String)
    /// A paragraph of narration.
    case narration(String)
    /// `---`: where an interactive lesson waits for Enter.
    case pause
    /// What a command showed: first `.echo` of the command, then its outputs, as in `run FILE`.
    case output(Output)
    /// An exercise is shown: its name, prompt and hints (``Exercise/name``, ``Exercise/prompt``, ``Exercise/hints``).
    case exercise(Exercise)
    /// The exercise's solution is about to run (its commands follow as `.output`s).
    case solution(Exercise)
    /// A check held after the solution ran.
    case expectationPassed(Expectation)
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
