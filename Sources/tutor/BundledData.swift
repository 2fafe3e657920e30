import Foundation

/// Finds the folders that ship with tutor: the lessons (`lessons/`) and the MNIST files
/// (`lessons/data/mnist/`) of the source tree.
enum BundledData {
    /// `$TUTOR_DATA` when set; otherwise the first `lessons/data/mnist` found walking up from the
    /// executable's folder, then from the current folder.
    static func mnistDirectory() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TUTOR_DATA"], !explicit.isEmpty { return explicit }
        return find("lessons/data/mnist", startingFromCurrentFolder: false) {
            FileManager.default.fileExists(atPath: $0 + "/train-labels-idx1-ubyte.gz")
        }
    }

    /// `$TUTOR_LESSONS` when set; otherwise the first `lessons/` folder holding a `.lesson` file,
    /// walking up from the current folder (a learner's own lessons come first), then from the
    /// executable's.
    static func lessonsDirectory() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TUTOR_LESSONS"], !explicit.isEmpty { return explicit }
        return find("lessons", startingFromCurrentFolder: true) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? []
            return names.contains { $0.hasSuffix(".lesson") }
        }
    }

    /// The first `relative` folder for which `accepts` holds, walking up (at most 8 levels) from
    /// the executable's folder and from the current folder, in the order asked.
    private static func find(_ relative: String, startingFromCurrentFolder: Bool, accepts: (String) -> Bool) -> String? {
        let manager = FileManager.default
        var starts = [URL(fileURLWithPath: manager.currentDirectoryPath)]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let folder = executable.deletingLastPathComponent()
            if startingFromCurrentFolder { starts.append(folder) } else { starts.insert(folder, at: 0) }
        }
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
