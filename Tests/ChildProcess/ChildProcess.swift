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
        let (program, overridden) = (Self.program(executable), Self.environment(environment))
        let workingDirectory = directory.map { FilePath($0) }
        let argumentList = Arguments(arguments)
        return try await within(limit, command: [executable] + arguments) {
            let finished = try await Subprocess.run(
                program, arguments: argumentList, environment: overridden, workingDirectory: workingDirectory,
                input: .string(input), output: .string(limit: outputLimit), error: .string(limit: outputLimit))
            return Result(stdout: finished.standardOutput, stderr: finished.standardError, status: status(finished.terminationStatus))
        }
    }

    /// `executable` as a path when it contains a slash, else a name looked up on the PATH.
    static func program(_ executable: String) -> Executable {
        executable.contains("/") ? .path(FilePath(executable)) : .name(executable)
    }

    /// This process's environment updated with `changes`.
    static func environment(_ changes: [String: String]) -> Environment {
        var overrides: [Environment.Key: String?] = [:]
        for (key, value) in changes { overrides[Environment.Key(stringLiteral: key)] = value }
        return Environment.inherit.updating(overrides)
    }

    /// The exit status as shells report it: 128 + the signal's number when a signal ended it.
    static func status(_ termination: TerminationStatus) -> Int32 {
        switch termination {
        case .exited(let code): Int32(code)
        case .signaled(let signal): 128 + Int32(signal)
        }
    }

    /// What `body` (running `command`) returns, or ``TimedOut`` when it takes longer than `limit`
    /// (the child is then killed as the task is cancelled).
    static func within(_ limit: Duration, command: [String], _ body: @escaping @Sendable () async throws -> Result) async throws -> Result {
        try await withThrowingTaskGroup(of: Result?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                throw TimedOut(command: command, limit: limit)
            }
            return result
        }
    }

    /// At most this much of standard output or error is kept (64 MiB).
    static let outputLimit = 64 << 20
}
