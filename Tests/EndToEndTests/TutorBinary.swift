import ChildProcess
import Foundation

/// Runs the built `tutor` executable as a learner's shell would, capturing what it prints.
enum TutorBinary {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The package's root folder (two levels above this file's folder).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `tutor` built beside the test bundle.
    static var executable: URL {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            here.appendingPathComponent("tutor"),
            here.deletingLastPathComponent().appendingPathComponent("tutor"),
            packageRoot.appendingPathComponent(".build/debug/tutor"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }

    /// `COLUMNS` for a test about what tutor says rather than how it lays it out, whose output
    /// holds paths as long as the machine makes them (temporary folders, the package's folder):
    /// wide enough that no line of it is broken.
    static let wide = ["COLUMNS": "1000"]

    /// `XDG_CACHE_HOME` for the tutor a test starts: one folder for every test, outside the
    /// user's own cache and outside the folders tests look into (tutor keeps decoded MNIST there).
    static let cacheHome = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-test-cache-\(getuid())").path

    /// Runs `tutor arguments…` with `input` on standard input (a pipe, not a terminal), laid out
    /// to 80 columns (`COLUMNS`) unless `extra` says otherwise, whatever this process' `COLUMNS`.
    static func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:], in directory: URL? = nil) async throws -> Result {
        var environment = ["NO_COLOR": "1", "COLUMNS": "80", "XDG_CACHE_HOME": cacheHome]
        for (key, value) in extra { environment[key] = value }
        let finished = try await ChildProcess.run(
            executable.path, arguments, input: input, environment: environment, in: (directory ?? packageRoot).path)
        return Result(stdout: finished.stdout, stderr: finished.stderr, status: finished.status)
    }

    /// Timings differ from run to run: `0.4s 213us/step` becomes `<time>`.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(
            of: #"\d+(\.\d+)?s \d+(\.\d+)?(s|ms|us)/step"#, with: "<time>", options: .regularExpression)
    }
}
