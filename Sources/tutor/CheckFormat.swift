import ArgumentParser
import Lessons

/// `tutor check --format FORMAT`: what the report is written as.
enum CheckFormat: String, CaseIterable, ExpressibleByArgument {
    /// One line per exercise as it is judged, then the summary (the default).
    case text
    /// JSON Lines, one object per exercise (also `--json`).
    case json
    /// Gradescope's autograder `results.json` (``GradescopeResults``).
    case gradescope
    /// The result object of GitHub Classroom's graders (``ClassroomResult``).
    case classroom

    /// Whether the report is a grader's file: one JSON object for the whole check, written once
    /// it is done, worth every course exercise when no NAME is given, with exit status 0
    /// whenever it was written (the platform reads the score from it).
    var isGrade: Bool {
        self == .gradescope || self == .classroom
    }

    /// The grader's file for `sheet` (nil for text and JSON Lines, which are not made from one).
    func grades(_ sheet: GradeSheet) -> String? {
        switch self {
        case .text, .json: nil
        case .gradescope: GradescopeResults(sheet).json
        case .classroom: ClassroomResult(sheet).json
        }
    }

    static let help = ArgumentHelp(
        "What to write: text (default), json (JSON Lines, as --json), gradescope (Gradescope's results.json) or classroom (GitHub Classroom's result).",
        valueName: "FORMAT")
}
