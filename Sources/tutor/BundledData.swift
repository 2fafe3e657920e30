import Foundation

/// Finds the MNIST files that ship with tutor (`lessons/data/mnist/` in the source tree).
enum BundledData {
    /// `$TUTOR_DATA` when set; otherwise the first `lessons/data/mnist` found walking up from the
    /// executable's folder, then from the current folder.
    static func mnistDirectory() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TUTOR_DATA"], !explicit.isEmpty { return explicit }
        let manager = FileManager.default
        var starts: [URL] = []
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            starts.append(executable.deletingLastPathComponent())
        }
        starts.append(URL(fileURLWithPath: manager.currentDirectoryPath))
        for start in starts {
            var folder = start
            for _ in 0..<8 {
                let candidate = folder.appendingPathComponent("lessons/data/mnist")
                if manager.fileExists(atPath: candidate.appendingPathComponent("train-labels-idx1-ubyte.gz").path) {
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
