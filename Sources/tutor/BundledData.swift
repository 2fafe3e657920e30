import Foundation

/// Finds the MNIST files that ship with tutor (`lessons/data/mnist/` in the source tree).
enum BundledData {
    /// `$TUTOR_DATA` when set; otherwise the first `lessons/data/mnist` found walking up from the
    /// executable's folder, then from the current folder.
    static func mnistDirectory() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TUTOR_DATA"], !explicit.isEmpty { return explicit }
        return find("lessons/data/mnist", containing: "train-labels-idx1-ubyte.gz")
    }

    /// The lessons folder (`lessons/`, the one holding `data/mnist`), found the same way.
    static func lessonsDirectory() -> String? {
        find("lessons", containing: "data/mnist/train-labels-idx1-ubyte.gz")
    }

    /// The first `relative` folder holding `marker`, walking up from the executable's folder, then
    /// from the current folder.
    private static func find(_ relative: String, containing marker: String) -> String? {
        let manager = FileManager.default
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            starts.append(executable.deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: manager.currentDirectoryPath))
        for start in starts {
            var folder = start
            for _ in 0..<8 {
                let candidate = folder.appendingPathComponent(relative)
                if manager.fileExists(atPath: candidate.appendingPathComponent(marker).path) {
                    return candidate.path
                }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }
}
