import Foundation

/// The result object of GitHub Classroom's graders, as `tutor check --format classroom` writes
/// it: the shape `classroom-resources/autograding-command-grader` builds
/// (https://github.com/classroom-resources/autograding-command-grader, `src/main.js`,
/// `generateResult`: `version` 1, `status`, `max_score`, and `tests` with `name`, `status`,
/// `score`, `message`, `test_code`, `filename`, `line_no` and `duration`), so that one workflow
/// step grades the whole course with partial credit.
///
/// A grader hands the object on as a step output named `result`, base64-encoded JSON;
/// `classroom-resources/autograding-grading-reporter`
/// (https://github.com/classroom-resources/autograding-grading-reporter, `src/main.js`) reads it
/// from the environment variable `<STEP ID>_RESULTS`, reports `Points <sum of the tests' score>/
/// <max_score>` to Classroom (`src/notify-classroom.js`), and fails the run when `status` is
/// `fail` or `error`. tutor's workflow for that is `docs/grading/classroom/classroom.yml`.
///
/// Each exercise is one test scoring its ``Points`` when it passed and 0 otherwise (failed, an
/// error in the answer, no answer). `message` is the text report's lines for the exercise,
/// `test_code` the exercise's `expect` lines, `filename` the answer file relative to the
/// workspace, `line_no` the answer's line an error is on (0 when there is none, as the command
/// grader writes), `duration` the milliseconds the check took.
public struct ClassroomResult: Codable, Equatable, Sendable {
    /// The command grader's statuses: `pass` (the command succeeded), `fail` (it failed), `error`
    /// (it could not be run: timed out, not found). Here: `pass` when every exercise passed,
    /// `fail` when some did not, `error` when some lesson could not be checked at all.
    public enum Status: String, Codable, Sendable {
        case pass
        case fail
        case error
    }

    /// One element of `tests`: an exercise, or a reason lessons could not be checked.
    public struct Test: Codable, Equatable, Sendable {
        /// `lesson/exercise`; `tutor check` for a lesson that could not be checked.
        public var name: String
        /// `pass` or `fail` for an exercise; `error` for a lesson that could not be checked.
        public var status: Status
        public var score: Decimal
        /// The text report's lines for the exercise, or why the lessons could not be checked.
        public var message: String
        /// The exercise's `expect` lines, one a line.
        public var testCode: String
        /// The answer file, relative to the workspace (`answers/LESSON/EXERCISE.tut`).
        public var filename: String
        /// The answer file's line an error is on; 0 when there is none.
        public var lineNo: Int
        /// Milliseconds.
        public var duration: Int

        enum CodingKeys: String, CodingKey {
            case name, status, score, message, filename, duration
            case testCode = "test_code"
            case lineNo = "line_no"
        }
    }

    /// Always 1, as the graders write.
    public var version: Int
    public var status: Status
    /// The points of every exercise checked.
    public var maxScore: Decimal
    public var tests: [Test]

    enum CodingKeys: String, CodingKey {
        case version, status, tests
        case maxScore = "max_score"
    }

    /// The name of the test that stands for lessons that could not be checked.
    public static let problemTestName = "tutor check"

    public init(_ sheet: GradeSheet) {
        version = 1
        tests = sheet.entries.map { entry in
            Test(name: entry.name, status: entry.passed ? .pass : .fail, score: entry.score.decimal, message: entry.report,
                 testCode: entry.expects.joined(separator: "\n"), filename: entry.answerFile, lineNo: entry.outcome.line ?? 0,
                 duration: entry.outcome.duration.milliseconds)
        }
        tests += sheet.problems.map { problem in
            Test(name: Self.problemTestName, status: .error, score: Points.zero.decimal, message: problem, testCode: "",
                 filename: "", lineNo: 0, duration: 0)
        }
        maxScore = sheet.maxScore.decimal
        if !sheet.problems.isEmpty {
            status = .error
        } else {
            status = !sheet.entries.isEmpty && sheet.entries.allSatisfy(\.passed) ? .pass : .fail
        }
    }

    /// The result's text (see ``GradeSheet/json(_:)``).
    public var json: String {
        GradeSheet.json(self)
    }
}
