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

    /// Runs `tutor arguments…` with `input` on standard input (a pipe, not a terminal).
    static func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.currentDirectoryURL = directory ?? packageRoot
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            status: process.terminationStatus)
    }

    /// Timings differ from run to run: `0.4s 213us/step` becomes `<time>`.
    static func normalized(_ text: String) -> String {
        text.replacingOccurrences(
            of: #"\d+(\.\d+)?s \d+(\.\d+)?(s|ms|us)/step"#, with: "<time>", options: .regularExpression)
    }
}
