import Foundation
import TextFormat

/// A check as a grader sees it: each exercise checked, with what it is worth, what it scored and
/// where its answer file is; what kept lessons from being checked at all; and how long it took.
///
/// Both graders' files — ``GradescopeResults`` and ``ClassroomResult`` — are built from it, and
/// every word they hold is the text report's: an exercise's ``Entry/report`` is the lines
/// ``CheckReport/lines(for:)`` prints for it, the ``summary`` is ``CheckReport/summary(_:)``.
public struct GradeSheet: Equatable, Sendable {
    /// One exercise checked.
    public struct Entry: Equatable, Sendable {
        public let outcome: CheckOutcome
        /// `3.2`: the lesson's number (its file's, `03-…` → 3; for a file without one, its place
        /// among the lessons checked, from 1), a dot, and the exercise's place in its lesson (from 1).
        public let number: String
        /// What the exercise is worth (``Exercise/points``).
        public let points: Points
        /// The exercise's `expect` lines as the lesson file writes them, without indentation.
        public let expects: [String]
        /// The answer file, relative to the workspace: `answers/LESSON/EXERCISE.tut`.
        public let answerFile: String

        /// `lesson/exercise`, with its controls visible (``VisibleText``), as the text report names it.
        public var name: String {
            VisibleText.of("\(outcome.lesson)/\(outcome.exercise)")
        }

        public var passed: Bool {
            outcome.status == .passed
        }

        /// All its points when it passed; none when it failed, had an error or has no answer.
        public var score: Points {
            passed ? points : .zero
        }

        /// The text report's lines for it, joined with line breaks.
        public var report: String {
            CheckReport.lines(for: outcome).joined(separator: "\n")
        }
    }

    public let entries: [Entry]
    /// Why some lessons, or all, were not checked, each as the sentence (or rendered diagnostic)
    /// `tutor check` prints on standard error: a lesson file that does not parse, a name that
    /// fits no lesson, no lessons at all.
    public let problems: [String]
    /// How long the whole check took.
    public let elapsed: Duration

    /// Pairs each exercise of `selection` with its outcome (outcomes of exercises not in the
    /// selection are left out; an exercise without one is not listed).
    public init(selection: [CheckSelection], outcomes: [CheckOutcome], problems: [String] = [], elapsed: Duration = .zero) {
        var entries: [Entry] = []
        for (place, part) in selection.enumerated() {
            let stem = AnswerFiles.name(of: part.lesson)
            let lessonNumber = LessonName(stem: stem, title: part.lesson.title).number ?? place + 1
            let numbers = Dictionary(part.lesson.exercises.enumerated().map { ($1.name, $0 + 1) }, uniquingKeysWith: { first, _ in first })
            for exercise in part.exercises {
                guard let outcome = outcomes.first(where: { $0.lesson == stem && $0.exercise == exercise.name }) else { continue }
                let expects = exercise.expectations.map { expectation in
                    let written = part.lesson.sourceLine(expectation.line).text
                        .drop { $0 == " " || $0 == "\t" }
                    return VisibleText.of(written.isEmpty ? "expect \(expectation.text)" : String(written))
                }
                entries.append(Entry(
                    outcome: outcome, number: "\(lessonNumber).\(numbers[exercise.name] ?? 0)", points: exercise.points,
                    expects: expects, answerFile: AnswerFiles.relativePath(lessonName: stem, exercise: exercise.name)))
            }
        }
        self.entries = entries
        self.problems = problems
        self.elapsed = elapsed
    }

    /// The text report's last line: `N passed, N failed[, N skipped]`.
    public var summary: String {
        CheckReport.summary(entries.map(\.outcome))
    }

    /// The points scored, over every exercise.
    public var score: Points {
        entries.reduce(.zero) { $0 + $1.score }
    }

    /// The points there are to score.
    public var maxScore: Points {
        entries.reduce(.zero) { $0 + $1.points }
    }

    /// A grader's file: `value` as JSON, keys sorted, one per line, ending with a line break; no
    /// control reaches a terminal the file is shown on (as ``CheckReport/json(_:)``).
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        // The encoder writes a line break inside a string as `\n`: every one left lays out the file.
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return lines.map { CheckReport.escapingControls(String($0)) }.joined(separator: "\n") + "\n"
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded to the nearest.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int((attoseconds + 500_000_000_000_000) / 1_000_000_000_000_000)
    }

    /// The duration in seconds, to the hundredth (`1.25`).
    var seconds: Decimal {
        Decimal((milliseconds + 5) / 10) / 100
    }
}
