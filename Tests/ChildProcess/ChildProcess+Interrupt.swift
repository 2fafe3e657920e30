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
        let program: Executable = executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
        var overrides: [Environment.Key: String?] = [:]
        for (key, value) in environment { overrides[Environment.Key(stringLiteral: key)] = value }
        let workingDirectory = directory.map { FilePath($0) }
        let argumentList = Arguments(arguments)
        let overridden = Environment.inherit.updating(overrides)
        return try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask {
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
                let status: Int32 = switch finished.terminationStatus {
                case .exited(let code): Int32(code)
                case .signaled(let signal): 128 + Int32(signal)
                }
                return Result(stdout: finished.closureResult, stderr: finished.standardError, status: status)
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw TimedOut(command: [executable] + arguments, limit: limit)
            }
            return result
        }
    }
}
