import TextFormat
import TutorLanguage

/// A "guess, then see" step (`guess NAME` … `end`): the learner first types a number, then the
/// step's commands run and the true value, read from the session, is shown beside the guess with
/// how far off it was and why. Guesses are recorded in progress and never graded: `tutor check`
/// runs a guess's commands as the lesson's own and reports nothing about it.
public struct Guess: Equatable, Sendable {
    /// The name after `guess` (letters, digits, `-` and `_`), unique among the lesson's guesses
    /// and exercises.
    public let name: String
    /// The line number of `guess NAME`.
    public let line: Int
    /// The question: the guess's `>` lines, consecutive lines joined with spaces, paragraphs
    /// joined with a line break (as an exercise's prompt).
    public let question: String
    /// The commands that run once the guess is typed, as the lesson's own.
    public let commands: [Statement]
    /// What the true value is: read from the session after the commands.
    public let reveal: Reveal
    /// The `why > …` text, shown after the true value: its lines joined with spaces into one
    /// paragraph, as consecutive `>` lines are (empty when there are none).
    public let why: [String]

    public init(name: String, line: Int, question: String, commands: [Statement], reveal: Reveal, why: [String]) {
        self.name = name
        self.line = line
        self.question = question
        self.commands = commands
        self.reveal = reveal
        self.why = why
    }
}

/// What a guess came to: the learner's number (none when skipped, or when replaying) beside the
/// true value, in words.
public struct GuessOutcome: Equatable, Sendable {
    /// The number the learner typed; nil when no guess was typed.
    public let guess: Double?
    /// The guess as typed when it was arithmetic (`784*256+256`), shown beside its value.
    public let expression: String?
    /// The true value; nil when the session holds none (``missing`` says why).
    public let truth: Double?
    /// Why there is no true value, e.g. "no outputs shown yet".
    public let missing: String?
    /// What the value is, e.g. "output 0", "the model's parameters".
    public let label: String
    /// Whether the value is a count, shown as a whole number grouped in threes (`200,960`);
    /// otherwise it is shown with four decimals, as tutor prints outputs and losses.
    public let isCount: Bool

    public init(guess: Double?, expression: String?, truth: Double?, missing: String?, label: String, isCount: Bool) {
        self.guess = guess
        self.expression = expression
        self.truth = truth
        self.missing = missing
        self.label = label
        self.isCount = isCount
    }

    /// `You guessed 0.5. The truth is 0.6590 (output 0): 0.1590 too low, 24% off.`, or without a
    /// guess `The truth is 0.6590 (output 0).`
    public var sentence: String {
        let guessed = guess.map { "You guessed \(Arithmetic.text($0))" + (expression.map { " (\($0))" } ?? "") }
        guard let truth else {
            let reason = missing ?? "nothing to read"
            return guessed.map { "\($0), but the truth cannot be read here: \(reason)." } ?? "The truth cannot be read here: \(reason)."
        }
        let truthText = "The truth is \(shown(truth)) (\(label))"
        guard let guessed, let guess else { return truthText + "." }
        let difference = guess - truth
        let spotOn = isCount ? difference == 0 : abs(difference) < 0.00005
        if spotOn { return "\(guessed). \(truthText): spot on." }
        let direction = difference < 0 ? "too low" : "too high"
        let percent = truth == 0 ? "" : ", \(Self.percent(abs(difference) / abs(truth) * 100)) off"
        return "\(guessed). \(truthText): \(shown(abs(difference))) \(direction)\(percent)."
    }

    /// A value with the precision tutor prints it: a count grouped (`200,960`), a fraction with four decimals.
    private func shown(_ value: Double) -> String {
        isCount && value == value.rounded() && abs(value) < 1e15 ? Thousands.grouped(Int(value)) : NumberText.fixed(value, 4)
    }

    /// `24%`, `4.8%`, `0.48%`: two significant digits, none after the point from 10% on.
    static func percent(_ value: Double) -> String {
        if value > 1_000_000 { return "over 1,000,000%" }
        if value >= 10 { return Thousands.grouped(Int(value.rounded())) + "%" }
        if value < 0.01 { return "less than 0.01%" }
        return NumberText.significant(value, 2) + "%"
    }
}
