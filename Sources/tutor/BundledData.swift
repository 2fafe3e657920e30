import Foundation

/// Finds the folders that ship with tutor: the lessons (`lessons/`) and the MNIST files
/// (`lessons/data/mnist/`) of the source tree.
enum BundledData {
    /// `$TUTOR_DATA` when set; otherwise the first `lessons/data/mnist` found walking up from the
    /// executable's folder, then from the current folder.
    static func mnistDirectory() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TUTOR_DATA"], !explicit.isEmpty { return explicit }
        return find("lessons/data/mnist", fromCurrentFolderToo: true) {
            FileManager.default.fileExists(atPath: $0 + "/train-labels-idx1-ubyte.gz")
        }
    }

    /// The lessons folder to use: `given` (`--lessons DIR`) when there is one; otherwise
    /// `$TUTOR_LESSONS` when set; otherwise the course that ships with tutor — the first
    /// `lessons/` folder holding a `.lesson` file walking up from the executable's folder. Never
    /// one found from the current folder: a lesson is a program, and running tutor inside someone
    /// else's folder must not run theirs. Throws the sentence to show when there is none.
    static func lessonsFolder(given: String?) throws(LessonsFolderMissing) -> String {
        if let given { return given }
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TUTOR_LESSONS"], !explicit.isEmpty { return explicit }
        let found = find("lessons", fromCurrentFolderToo: false) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? []
            return names.contains { $0.hasSuffix(".lesson") }
        }
        guard let found else { throw LessonsFolderMissing() }
        return found
    }

    /// No lessons folder was given and the bundled one is not beside the executable.
    struct LessonsFolderMissing: Error {
        let message = "cannot find the lessons that ship with tutor; give their folder with --lessons DIR or TUTOR_LESSONS=DIR"
    }

    /// The first `relative` folder for which `accepts` holds, walking up (at most 8 levels) from
    /// the executable's folder and then, when `fromCurrentFolderToo`, from the current folder.
    private static func find(_ relative: String, fromCurrentFolderToo: Bool, accepts: (String) -> Bool) -> String? {
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            starts.append(executable.deletingLastPathComponent())
        }
        if fromCurrentFolderToo { starts.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) }
        for start in starts {
            var folder = start
            for _ in 0..<8 {
                let candidate = folder.appendingPathComponent(relative)
                if accepts(candidate.path) { return candidate.path }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }
}
