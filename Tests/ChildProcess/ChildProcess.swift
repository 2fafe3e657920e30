import Subprocess
import SystemPackage

/// Runs another program for a test — the built `tutor`, tmux, gzip, python3 — and collects what
/// it printed, with a time limit.
///
/// Foundation's `Process` is not used: on Linux it learns that a child ended when every copy of a
/// socket the child inherits is closed, and a child that starts a daemon (as `tmux new-session`
/// starts the tmux server) hands that socket on, so `waitUntilExit()` waited for as long as the
/// daemon lived. swift-subprocess watches the process itself (a pidfd) and closes every other
/// descriptor in the child.
public enum ChildProcess {
    /// What a finished program left behind.
    public struct Result: Sendable {
        public var stdout: String
        public var stderr: String
        /// The exit status; 128 + the signal's number when a signal ended it, as shells report it.
        public var status: Int32
    }

    /// The program did not finish within its time limit, and was killed.
    public struct TimedOut: Error, CustomStringConvertible {
        public var command: [String]
        public var limit: Duration
        public var description: String { "`\(command.joined(separator: " "))` did not finish within \(limit); it was killed" }
    }

    /// Runs `executable arguments…` — a path when it contains a slash, else a name looked up on
    /// the PATH — with `input` on its standard input, this process's environment updated with
    /// `environment`, in `directory` (or this process's), for at most `limit`.
    public static func run(
        _ executable: String, _ arguments: [String], input: String = "",
        environment: [String: String] = [:], in directory: String? = nil,
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
                    input: .string(input), output: .string(limit: outputLimit), error: .string(limit: outputLimit))
                let status: Int32 = switch finished.terminationStatus {
                case .exited(let code): Int32(code)
                case .signaled(let signal): 128 + Int32(signal)
                }
                return Result(stdout: finished.standardOutput, stderr: finished.standardError, status: status)
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

    /// At most this much of standard output or error is kept (64 MiB).
    static let outputLimit = 64 << 20
}
