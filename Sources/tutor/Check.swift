import ArgumentParser
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
            """)

    @Argument(help: "A lesson, an exercise, or LESSON/EXERCISE (default: everything answered).")
    var name: String?

    @OptionGroup var workspace: WorkspaceOption

    @OptionGroup var lessons: LessonsOption

    @Flag(help: "Print one JSON object per exercise, one per line (JSON Lines).")
    var json = false

    func run() throws {
        let folder: String
        do {
            folder = try lessons.folder()
        } catch {
            fail(error.message)
        }
        let loaded = LessonParser.lessons(in: folder)
        let width = Terminal.current(environment: ProcessInfo.processInfo.environment).width
        for problem in loaded.problems { FileHandle.standardError.write(Data((problem.rendered(width: width) + "\n").utf8)) }
        let answers = AnswerFiles(workspace: workspace.path)
        let selection: [CheckSelection]
        do {
            selection = try CheckSelection.select(name, from: loaded.lessons, answers: answers)
        } catch {
            fail(error.message)
        }
        let dataDirectory = BundledData.mnistDirectory()
        // A lesson is data: its commands, as the answers, reach only files inside the workspace.
        let policy = PathPolicy.inside(workspace.path)
        let checker = Checker(answers: answers) {
            let interpreter = Interpreter(session: Session(bundledDataDirectory: dataDirectory))
            interpreter.pathPolicy = policy
            return interpreter
        }
        if selection.isEmpty { explainNoAnswers(answers) }
        // Each exercise's lines are written as soon as it is judged (unbuffered, so a pipe gets them then too).
        let outcomes = checker.check(selection) { outcome in
            Self.write(json ? CheckReport.json([outcome]) : Self.fitted(CheckReport.lines(for: outcome).joined(separator: "\n")))
        }
        if !json { Self.write(Self.fitted(CheckReport.summary(outcomes))) }
        if !CheckReport.succeeded(outcomes) || !loaded.problems.isEmpty { throw ExitCode(1) }
    }

    /// Nothing to check: says where the answers were looked for and how they get there (on
    /// standard error with `--json`, whose output is JSON Lines only).
    private func explainNoAnswers(_ answers: AnswerFiles) {
        let text = """
            No answers to check: there is no answer file in \(answers.answersFolder)/ for any lesson.
            `tutor lesson NAME` saves each exercise you solve as \(answers.path(lessonName: "LESSON", exercise: "EXERCISE")), \
            or write such a file by hand.
            """
        if json {
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
