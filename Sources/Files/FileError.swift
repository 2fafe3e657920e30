import Foundation
import TextFormat

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
        unwritable(file, because: directoryReason)
    }

    /// Why a directory is not replaced by a file.
    public static let directoryReason = "it is a directory"

    public static func unwritable(_ file: String, errno code: Int32) -> FileError {
        FileError(file: file, problem: "cannot be written: \(systemText(code))")
    }

    /// A target ``AtomicFile`` refuses to replace: `reason` is a clause such as ``notRegularReason(_:)``.
    public static func unwritable(_ file: String, because reason: String) -> FileError {
        FileError(file: file, problem: "cannot be written: \(reason)")
    }

    /// Why a node that is not a regular file is not replaced: `it is a FIFO (named pipe), not a regular file`.
    public static func notRegularReason(_ kind: String) -> String {
        "it is \(kind), not a regular file"
    }
}

// MARK: - Reading files

extension FileError {
    public static func missing(_ file: String) -> FileError {
        FileError(file: file, problem: "does not exist")
    }

    /// Something that is not a regular file (`kind`, from ``kind(ofMode:)``) where `expected` was
    /// wanted: `is a FIFO (named pipe), not a tutor model file`.
    public static func notRegular(_ file: String, kind: String, expected: String) -> FileError {
        FileError(file: file, problem: "is \(kind), not \(expected)")
    }

    public static func unreadable(_ file: String, errno code: Int32) -> FileError {
        FileError(file: file, problem: "cannot be read: \(systemText(code))")
    }

    /// A file above its size limit: `is 1,782,579,200 bytes, more than the 1,627,389,952 bytes a
    /// tutor model file can have`.
    public static func tooLarge(_ file: String, size: Int, limit: Int, expected: String) -> FileError {
        FileError(file: file, problem: "is \(Thousands.counted(size, "byte")), more than the \(Thousands.counted(limit, "byte")) \(expected) can have")
    }

    /// A file that should hold text and does not: the byte at `offset` (from 0) starts no UTF-8 character.
    public static func notText(_ file: String, offset: Int, expected: String) -> FileError {
        FileError(file: file, problem: "is not \(expected): the byte at offset \(Thousands.grouped(offset)) is not UTF-8 text")
    }

    /// A path with a NUL character: the system would stop reading the name there and use another
    /// file. The NUL is shown as `\\0`.
    public static func nulInPath(_ file: String) -> FileError {
        FileError(file: file.replacingOccurrences(of: "\u{0}", with: "\\0"), problem: "cannot be used: \(nulReason)")
    }

    /// Why a name with a NUL character is refused, as a clause.
    public static let nulReason = "its name has a NUL character (shown as \\0), which no file name can have"

    /// Refuses a path that holds a NUL character (see ``nulInPath(_:)``).
    public static func checkName(_ path: String) throws(FileError) {
        if path.utf8.contains(0) { throw nulInPath(path) }
    }

    /// What a node is, in words, from its `st_mode`: `a regular file`, `a directory`, `a FIFO
    /// (named pipe)`, `a character device`, `a block device`, `a socket`, `a symbolic link`.
    public static func kind(ofMode mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFREG: "a regular file"
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "a node of unknown kind"
        }
    }

    /// The system's reason for an errno, starting lower-case: `permission denied`.
    public static func systemText(_ code: Int32) -> String {
        guard let message = strerror(code) else { return "error \(code)" }
        let text = String(cString: message)
        return text.prefix(1).lowercased() + text.dropFirst()
    }
}
