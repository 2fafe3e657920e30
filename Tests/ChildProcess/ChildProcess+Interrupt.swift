import Subprocess
import SystemPackage

extension ChildProcess {
    /// Runs a program as ``run(_:_:input:environment:in:limit:)`` does, and presses Ctrl-C in it:
    /// each time a line of its standard output contains the next of `markers`, it is sent SIGINT
    /// `delay` later (so that the command that printed the line is well under way).
    public static func run(
        _ executable: String, _ arguments: [String], input: String = "",
        environment: [String: String] = [:], in directory: String? = nil,
        interruptingAfter markers: [String], delay: Duration = .milliseconds(300),
        limit: Duration = .seconds(300)
    ) async throws -> Result {
        let (program, overridden) = (Self.program(executable), Self.environment(environment))
        let workingDirectory = directory.map { FilePath($0) }
        let argumentList = Arguments(arguments)
        return try await within(limit, command: [executable] + arguments) {
            let finished = try await Subprocess.run(
                program, arguments: argumentList, environment: overridden, workingDirectory: workingDirectory,
                input: .string(input), output: .sequence, error: .string(limit: outputLimit)
            ) { execution in
                var stdout = ""
                var pending = markers[...]
                for try await line in execution.standardOutput.strings() {
                    stdout += line + "\n"
                    if let marker = pending.first, line.contains(marker) {
                        pending = pending.dropFirst()
                        try await Task.sleep(for: delay)
                        try execution.send(signal: .interrupt)
                    }
                }
                return stdout
            }
            return Result(stdout: finished.closureResult, stderr: finished.standardError, status: status(finished.terminationStatus))
        }
    }
}
