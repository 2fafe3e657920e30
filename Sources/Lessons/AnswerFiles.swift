import Foundation
import TutorLanguage

/// Where a learner's answers live: `WORKSPACE/answers/<lesson file name without extension>/<exercise name>.tut`,
/// one plain `.tut` file per exercise (see LESSONS.md). `tutor lesson` writes them, `tutor check` reads them —
/// both through ``vetted(lessonName:exercise:)``, so never through a symbolic link out of the workspace.
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
        Self.join(workspace, Self.folderName)
    }

    /// The answers folder's name in the workspace.
    private static let folderName = "answers"

    /// `WORKSPACE/answers/<lesson>`: the folder of one lesson's answers.
    public func folder(lesson: Lesson) -> String {
        folder(lessonName: Self.name(of: lesson))
    }

    /// The same, from the lesson's name (its file name without extension).
    public func folder(lessonName: String) -> String {
        Self.join(workspace, Self.folderName, lessonName)
    }

    /// `WORKSPACE/answers/<lesson>/<exercise>.tut`: the answer file of one exercise.
    public func path(lesson: Lesson, exercise: Exercise) -> String {
        path(lessonName: Self.name(of: lesson), exercise: exercise.name)
    }

    /// The same, from the lesson's and the exercise's names.
    public func path(lessonName: String, exercise: String) -> String {
        Self.join(folder(lessonName: lessonName), exercise + ".tut")
    }

    /// `answers/<lesson>/<exercise>.tut`: the answer file of one exercise, relative to the workspace.
    public static func relativePath(lessonName: String, exercise: String) -> String {
        join(folderName, lessonName, exercise + ".tut")
    }

    /// The answer file of one exercise as it may be read or written: inside the workspace, with no
    /// symbolic link (the answers folder, the lesson's folder or the file itself) leading out of
    /// it or nowhere; otherwise why not, naming the file as ``path(lessonName:exercise:)`` does.
    public func vetted(lessonName: String, exercise: String) throws(PathRefusal) -> String {
        try PathPolicy.inside(workspace).resolve(
            Self.relativePath(lessonName: lessonName, exercise: exercise), shown: path(lessonName: lessonName, exercise: exercise))
    }

    /// The lesson's name in paths and reports: its file's stem (``LessonWorkspace/stem(ofLessonFile:)``,
    /// `lessons/00-sample.lesson` → `00-sample`); for a lesson not read from a file, its title.
    public static func name(of lesson: Lesson) -> String {
        lesson.file.map(LessonWorkspace.stem(ofLessonFile:)) ?? lesson.title
    }

    private static func join(_ parts: String...) -> String {
        var path = parts[0]
        for part in parts.dropFirst() {
            path += path.isEmpty || path.hasSuffix("/") ? part : "/" + part
        }
        return path
    }
}
