import ArgumentParser
import Lessons

/// `--workspace DIR` of `tutor lesson`, `tutor check` and `tutor run`: the learner's folder —
/// answers, progress, and the only folder a lesson's commands may read or write files in.
struct WorkspaceOption: ParsableArguments {
    @Option(name: .customLong("workspace"), help: ArgumentHelp(
        "Your workspace: answers and progress are kept there, and lessons read and write files only inside it.",
        valueName: "DIR"))
    var path = AnswerFiles.defaultWorkspace

    /// An empty name would put the workspace's files at the top of the file system (`/progress.json`).
    func validate() throws {
        guard !path.isEmpty else { throw ValidationError("--workspace needs a folder name") }
    }
}

/// `--lessons DIR` of `tutor lesson` and `tutor check`: the folder of `.lesson` files to use
/// instead of the course that ships with tutor (see ``BundledData/lessonsFolder(given:)``).
struct LessonsOption: ParsableArguments {
    @Option(name: .customLong("lessons"), help: ArgumentHelp(
        "The folder with the .lesson files (default: $TUTOR_LESSONS, else the course that ships with tutor).",
        valueName: "DIR"))
    var path: String?

    func validate() throws {
        guard path != "" else { throw ValidationError("--lessons needs a folder name") }
    }

    /// The lessons folder to use, or the sentence saying there is none.
    func folder() throws(BundledData.LessonsFolderMissing) -> String {
        try BundledData.lessonsFolder(given: path)
    }
}
