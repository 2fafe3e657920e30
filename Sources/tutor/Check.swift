import ArgumentParser
import Files
import Foundation
import Lessons
import TextFormat
import TutorLanguage
import TutorTerminal

/// `tutor check [NAME]`: runs the learner's answer files against the exercises' checks.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check your answer files against the exercises.",
        discussion: """
            Answers are WORKSPACE/answers/LESSON/EXERCISE.tut. Without NAME, every lesson with an answer \
            is checked; NAME is a lesson (its number, file name or title, or the start of one, as for \
            `tutor lesson NAME`), an exercise, or LESSON/EXERCISE. The lessons are the course that ships \
            with tutor unless --lessons DIR or TUTOR_LESSONS=DIR names others; their commands, like \
            the answers, reach only files inside the workspace. Exercises \
            without an answer file are listed as not answered and counted as skipped. Exit status 0 only \
            when at least one exercise was checked and all checked exercises pass.

            --format gradescope writes Gradescope's results.json, --format classroom the result of GitHub \
            Classroom's graders: each exercise one test worth its `points N` (1 by default), every course \
            exercise when there is no NAME, answered or not; exit status 0 whenever it was written. \
            See docs/grading.md.
            """)

    @Argument(help: "A lesson, an exercise, or LESSON/EXERCISE (default: everything answered).")
    var name: String?

    @OptionGroup var workspace: WorkspaceOption

    @OptionGroup var lessons: LessonsOption

    @Flag(help: "Print one JSON object per exercise, one per line (JSON Lines); the same as --format json.")
    var json = false

    @Option(help: CheckFormat.help)
    var format: CheckFormat?

    @Option(help: ArgumentHelp(
        "Write the report to FILE (replacing it whole) instead of standard output, which then shows the text report.",
        valueName: "FILE"))
    var output: String?

    func validate() throws {
        if json && format != nil {
            throw ValidationError("--json is --format json: give one of them, not both")
        }
        if output == "" { throw ValidationError("--output needs a file name") }
    }

    /// The format asked for: `--format`, or `--json`, or text.
    private var chosen: CheckFormat {
        json ? .json : format ?? .text
    }

    func run() throws {
        let format = chosen
        let clock = ContinuousClock(), start = clock.now
        let folder: String
        do {
            folder = try lessons.folder()
        } catch {
            guard format.isGrade else { fail(error.message) }
            warn(error.message)
            return deliver(format.grades(GradeSheet(selection: [], outcomes: [], problems: [error.message], elapsed: clock.now - start)))
        }
        let loaded = LessonParser.lessons(in: folder)
        let width = Terminal.current(environment: ProcessInfo.processInfo.environment).width
        for problem in loaded.problems { FileHandle.standardError.write(Data((problem.rendered(width: width) + "\n").utf8)) }
        var problems = loaded.problems.map { $0.rendered() }
        let answers = AnswerFiles(workspace: workspace.path)
        var selection: [CheckSelection] = []
        do {
            // A grade is out of every course exercise, answered or not, unless NAME says which.
            if format.isGrade && (name ?? "").isEmpty {
                selection = CheckSelection.course(loaded.lessons)
            } else {
                selection = try CheckSelection.select(name, from: loaded.lessons, answers: answers)
            }
        } catch {
            guard format.isGrade else { fail(error.message) }
            warn(error.message)
            problems.append(error.message)
        }
        if format.isGrade && selection.isEmpty && problems.isEmpty {
            problems.append("nothing to grade: the lessons in \(folder) have no exercises")
            warn(problems[0])
        }
        let dataDirectory = BundledData.mnistDirectory()
        // A lesson is data: its commands, as the answers, reach only files inside the workspace.
        let policy = PathPolicy.inside(workspace.path)
        let checker = Checker(answers: answers) {
            let interpreter = Interpreter(session: Session(bundledDataDirectory: dataDirectory))
            interpreter.pathPolicy = policy
            return interpreter
        }
        // Standard output shows the text report unless it receives the format's report itself.
        let showsText = format == .text || output != nil
        if selection.isEmpty && !format.isGrade { explainNoAnswers(answers, onStandardOutput: showsText) }
        // Each exercise's lines are written as soon as it is judged (unbuffered, so a pipe gets them then too).
        let outcomes = checker.check(selection) { outcome in
            if showsText {
                Self.write(Self.fitted(CheckReport.lines(for: outcome).joined(separator: "\n")))
            } else if format == .json {
                Self.write(CheckReport.json([outcome]))
            }
        }
        if showsText { Self.write(Self.fitted(CheckReport.summary(outcomes))) }
        let sheet = GradeSheet(selection: selection, outcomes: outcomes, problems: problems, elapsed: clock.now - start)
        if let grades = format.grades(sheet) {
            return deliver(grades)
        }
        if output != nil {
            let lines = format == .json ? CheckReport.json(outcomes) : CheckReport.text(outcomes)
            deliver(lines.isEmpty ? "" : lines + "\n")
        }
        if !CheckReport.succeeded(outcomes) || !loaded.problems.isEmpty { throw ExitCode(1) }
    }

    /// Writes a grader's file, or the text or JSON Lines report of `--output`: to FILE when one
    /// is given (atomically, as every file tutor writes), else to standard output. A file that
    /// cannot be written is an error, exit status 1.
    private func deliver(_ text: String?) {
        guard let text else { return }
        guard let output else { return FileHandle.standardOutput.write(Data(text.utf8)) }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            fail(error.description)
        }
    }

    /// Says on standard error why a grade has nothing, or not everything, in it.
    private func warn(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// Nothing to check: says where the answers were looked for and how they get there (on
    /// standard error when standard output receives JSON Lines).
    private func explainNoAnswers(_ answers: AnswerFiles, onStandardOutput: Bool) {
        let text = """
            No answers to check: there is no answer file in \(answers.answersFolder)/ for any lesson.
            `tutor lesson NAME` saves each exercise you solve as \(answers.path(lessonName: "LESSON", exercise: "EXERCISE")), \
            or write such a file by hand.
            """
        if !onStandardOutput {
            FileHandle.standardError.write(Data((Self.fitted(text) + "\n").utf8))
        } else {
            Self.write(Self.fitted(text))
        }
    }

    /// The report's text (not JSON) laid out to the terminal's width.
    private static func fitted(_ text: String) -> String {
        TextColumns.fit(text, width: Terminal.current(environment: ProcessInfo.processInfo.environment).width)
    }

    /// Writes `text` and a line break to standard output at once.
    private static func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    private func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
        Check.exit(withError: ExitCode(1))
    }
}
