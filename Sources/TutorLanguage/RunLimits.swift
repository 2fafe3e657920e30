/// What commands may ask for where nobody is there to press Ctrl-C: lessons and the answers
/// `tutor check` runs, so that replaying a lesson and checking answers always end. The free
/// notebook (`tutor`) and a learner's own `tutor run FILE.tut` have no limits (Ctrl-C stops them).
///
/// The one place these limits are defined: ``Interpreter/limits`` carries them (a fork keeps
/// them), ``ReferenceRun`` and the lesson engine set ``lesson`` on the interpreters that run a
/// lesson, and `tutor check` holds each answer to ``answerTime``.
public struct RunLimits: Equatable, Sendable {
    /// The most epochs one `fit` may train; nil for no limit.
    public var maximumEpochs: Int?
    /// How long one answer may run in `tutor check` before it is stopped; nil for no limit.
    public var answerTime: Duration?

    public init(maximumEpochs: Int?, answerTime: Duration?) {
        self.maximumEpochs = maximumEpochs
        self.answerTime = answerTime
    }

    /// No limits: the notebook and a learner's own scripts.
    public static let unlimited = RunLimits(maximumEpochs: nil, answerTime: nil)

    /// Lesson files and answers: at most 50 epochs a `fit` (the course's largest is `fit 3`) and
    /// 2 minutes an answer (the course's answers take seconds).
    public static let lesson = RunLimits(maximumEpochs: 50, answerTime: .seconds(120))
}
