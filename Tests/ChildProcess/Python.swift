import Foundation

/// python3 for the tests that check tutor's files with Python itself: notebooks with `nbformat`,
/// exported programs with `py_compile`, PNG and `.npz` files read back with `zlib` and `zipfile`.
/// Runs with `-W error`, so a warning fails the check like an error.
public enum Python {
    /// The python3 on the PATH, if any.
    public static let path: String? = {
        let folders = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return folders.split(separator: ":").map { String($0) + "/python3" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether python3 is installed.
    public static var isInstalled: Bool { path != nil }

    /// Runs `python3 -W error arguments…` (python3 must be installed).
    public static func run(_ arguments: [String], input: String = "") async throws -> ChildProcess.Result {
        guard let path else { throw Missing() }
        return try await ChildProcess.run(path, ["-W", "error"] + arguments, input: input, limit: .seconds(120))
    }

    /// Whether python3 can import `module`.
    public static func has(_ module: String) async -> Bool {
        guard isInstalled else { return false }
        return (try? await run(["-c", "import \(module)"]).status) == 0
    }

    /// What nbformat says of the notebook at `file` — nil when it reads it and finds it valid
    /// (with warnings as errors) — or, when nbformat is not installed, nil after printing that the
    /// check was skipped and why.
    public static func nbformatProblem(_ file: String) async throws -> String? {
        guard await has("nbformat") else {
            print("skipped: checking \(file) with nbformat, which is not installed (pip install nbformat)")
            return nil
        }
        let check = "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))"
        let result = try await run(["-c", check, file])
        return result.status == 0 ? nil : result.stderr
    }

    /// python3 is not installed.
    public struct Missing: Error, CustomStringConvertible {
        public var description: String { "python3 is not installed" }
    }
}
