import Foundation

/// A file that cannot be read, written or used, and why: the one shape of every "this file is
/// wrong" error in tutor (data files, model files, files written). `description` reads as one
/// sentence, "FILE PROBLEM" — `digits.tut is truncated: …`, `t10k-labels-idx1-ubyte has label 12
/// at example 3; …` — naming what was found and what was expected.
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    public let file: String
    public let problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "\(file) \(problem)" }

    /// The same sentence, for callers that show `localizedDescription`.
    public var errorDescription: String? { description }
}

// MARK: - Writing files

extension FileError {
    public static func directoryMissing(_ file: String, directory: String) -> FileError {
        FileError(file: file, problem: "cannot be written: the directory \(directory) does not exist")
    }

    public static func notADirectory(_ file: String, directory: String) -> FileError {
        FileError(file: file, problem: "cannot be written: \(directory) is not a directory")
    }

    public static func namesADirectory(_ file: String) -> FileError {
        FileError(file: file, problem: "cannot be written: it is a directory")
    }

    public static func unwritable(_ file: String, errno code: Int32) -> FileError {
        FileError(file: file, problem: "cannot be written: \(systemText(code))")
    }

    /// The system's reason for an errno, starting lower-case: `permission denied`.
    public static func systemText(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        let text = String(cString: message)
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
