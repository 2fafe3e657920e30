import Foundation

/// Gradescope's autograder results, the `results.json` that `tutor check --format gradescope`
/// writes — in the fields of Gradescope's "Autograder Specifications"
/// (https://gradescope-autograders.readthedocs.io/en/latest/specs/, source
/// https://github.com/gradescope/autograder_samples/blob/master/docs/specs.md, "Output format").
///
/// Gradescope runs `/autograder/run_autograder` with the student's files in
/// `/autograder/submission` and uploads `/autograder/results/results.json`; tutor's recipe for
/// that is `docs/grading/gradescope/`.
///
/// Every exercise checked is one test worth its ``Points`` (`points N`, 1 by default): all of
/// them when it passed, 0 when it failed, its answer had an error or it has no answer — an
/// exercise without an answer is a failed test, never left out. A test's `output` is the text
/// report's lines for the exercise; the top-level `output` is the text report's summary line,
/// after what kept lessons from being checked, if anything did.
public struct GradescopeResults: Codable, Equatable, Sendable {
    /// "hidden: test case will never be shown to students; after_due_date: … shown after the
    /// assignment's due date has passed; after_published: … shown only when the assignment is
    /// explicitly published …; visible (default): … always shown" (specs, "Controlling Test Case
    /// Visibility").
    public enum Visibility: String, Codable, Sendable {
        case hidden
        case afterDueDate = "after_due_date"
        case afterPublished = "after_published"
        case visible
    }

    /// A test's `"status"`: "set the "status" field to either "passed" or "failed" to mark the
    /// test as passing or failing" (specs, "Test case status").
    public enum Status: String, Codable, Sendable {
        case passed
        case failed
    }

    /// How Gradescope shows an `output` (specs, "Output String Formatting"): `text` is "the basic
    /// text formatting … No HTML, Markdown, or ANSI will be rendered"; the top-level output's
    /// default is `simple_format` (HTML with `\n` as `<br />`), so tutor names `text` for both —
    /// an answer's words are never read as HTML.
    public enum OutputFormat: String, Codable, Sendable {
        case text
        case html
        case simpleFormat = "simple_format"
        case md
        case ansi
    }

    /// One element of `"tests"`: one exercise.
    public struct Test: Codable, Equatable, Sendable {
        /// `lesson/exercise`.
        public var name: String
        /// `3.2`: the lesson's number, then the exercise's (``GradeSheet/Entry/number``).
        public var number: String
        /// The points scored: all of `maxScore` when it passed, otherwise 0.
        public var score: Decimal
        /// What the exercise is worth (`points N`).
        public var maxScore: Decimal
        public var status: Status
        /// The text report's lines for the exercise (`✓ …`, `✗ … — …` and its indented lines, `· … not answered`).
        public var output: String
        public var outputFormat: OutputFormat
        /// The lesson's name (its file's stem), so tests can be filtered by lesson.
        public var tags: [String]

        enum CodingKeys: String, CodingKey {
            case name, number, score, status, output, tags
            case maxScore = "max_score"
            case outputFormat = "output_format"
        }
    }

    /// The total score: written only when there are no tests ("optional, but required if not on
    /// each test case"), then 0; otherwise Gradescope adds up the tests' scores.
    public var score: Decimal?
    /// Seconds the check took.
    public var executionTime: Decimal
    /// What kept lessons from being checked, if anything, then `N passed, N failed[, N skipped]`.
    public var output: String
    public var outputFormat: OutputFormat
    public var visibility: Visibility
    public var tests: [Test]

    enum CodingKeys: String, CodingKey {
        case score, output, visibility, tests
        case executionTime = "execution_time"
        case outputFormat = "output_format"
    }

    /// The results of `sheet`, every test visible.
    public init(_ sheet: GradeSheet) {
        tests = sheet.entries.map { entry in
            Test(name: entry.name, number: entry.number, score: entry.score.decimal, maxScore: entry.points.decimal,
                 status: entry.passed ? .passed : .failed, output: entry.report, outputFormat: .text,
                 tags: [entry.outcome.lesson])
        }
        score = tests.isEmpty ? Points.zero.decimal : nil
        executionTime = sheet.elapsed.seconds
        output = (sheet.problems + [sheet.summary]).joined(separator: "\n")
        outputFormat = .text
        visibility = .visible
    }

    /// `results.json`'s text (see ``GradeSheet/json(_:)``).
    public var json: String {
        GradeSheet.json(self)
    }
}
