import Foundation

/// Where a learner's answers live: `WORKSPACE/answers/<lesson file name without extension>/<exercise name>.tut`,
/// one plain `.tut` file per exercise (see LESSONS.md). `tutor lesson` writes them, `tutor check` reads them.
public struct AnswerFiles: Equatable, Sendable {
    /// The workspace `tutor` uses when no `--workspace DIR` is given.
    public static let defaultWorkspace = "tutor-work"

    /// The learner's workspace folder, as given (relative to the current folder when not absolute).
    public let workspace: String

    public init(workspace: String = AnswerFiles.defaultWorkspace) {
        self.workspace = workspace
    }

    /// `WORKSPACE/answers`: the folder of every lesson's answers.
    public var answersFolder: String {
        join(workspace, "answers")
    }

    /// `WORKSPACE/answers/<lesson>`: the folder of one lesson's answers.
    public func folder(lesson: Lesson) -> String {
        folder(lessonName: Self.name(of: lesson))
    }

    /// The same, from the lesson's name (its file name without extension).
    public func folder(lessonName: String) -> String {
        join(workspace, "answers", lessonName)
    }

    /// `WORKSPACE/answers/<lesson>/<exercise>.tut`: the answer file of one exercise.
    public func path(lesson: Lesson, exercise: Exercise) -> String {
        path(lessonName: Self.name(of: lesson), exercise: exercise.name)
    }

    /// The same, from the lesson's and the exercise's names.
    public func path(lessonName: String, exercise: String) -> String {
        join(folder(lessonName: lessonName), exercise + ".tut")
    }

    /// The lesson's name in paths and reports: its file's stem (``LessonWorkspace/stem(ofLessonFile:)``,
    /// `lessons/00-sample.lesson` → `00-sample`); for a lesson not read from a file, its title.
    public static func name(of lesson: Lesson) -> String {
        lesson.file.map(LessonWorkspace.stem(ofLessonFile:)) ?? lesson.title
    }

    private func join(_ parts: String...) -> String {
        var path = parts[0]
        for part in parts.dropFirst() {
            path += path.isEmpty || path.hasSuffix("/") ? part : "/" + part
        }
        return path
    }
}
