// Every interactive session's notebook, kept as it goes in the state folder.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Files
import Foundation
import TutorLanguage

/// The notebook of one session at the keyboard, kept as a Markdown file of its own in the state
/// folder (``folder(environment:)``: `$XDG_STATE_HOME/tutor/notebooks/`, by default
/// `~/.local/state/tutor/notebooks/`), so that nothing typed is lost, in this session or an
/// earlier one.
///
/// - The file is named after the moment the session began, in local time
///   (`2026-12-02-141705.md`; `…-2.md` and on when that name is taken), and made only when the
///   session first runs a command other than `quit`: a session that ran nothing leaves none.
/// - It is rewritten with ``AtomicFile`` each time ``keep(_:)`` is called — when a command begins
///   and when it ends — so that a crash or a kill loses at most the output of the command that
///   was running, and the file is never half written. It is private to the user (mode 0600).
/// - When a session's file is made, the oldest notebooks beyond the newest ``kept`` are removed
///   (only files named as tutor names them).
/// - Failing to write never stops the session: the first failure is kept in ``failure``.
public final class SessionNotebook {
    /// How many sessions' notebooks are kept.
    public static let kept = 20

    /// The folder the notebooks are kept in.
    public let folder: String
    /// The file this session is kept in, once it has one.
    public private(set) var path: String?
    /// Why the notebook could not be kept (the first failure), if it could not.
    public private(set) var failure: String?
    private let stem: String
    private let limit: Int

    /// The notebook of a session that began at `started`, kept in `folder` with at most `kept`
    /// notebooks there.
    public init(folder: String, started: Date = Date(), kept: Int = SessionNotebook.kept) {
        self.folder = folder
        self.stem = SessionNotebook.stem(for: started)
        self.limit = max(1, kept)
    }

    /// `$XDG_STATE_HOME/tutor/notebooks` (by default `~/.local/state/tutor/notebooks`): the
    /// `notebooks` folder beside the history file.
    public static func folder(environment: [String: String]) -> String {
        URL(fileURLWithPath: HistoryFile.defaultPath(environment: environment))
            .deletingLastPathComponent().appendingPathComponent("notebooks").path
    }

    /// Writes `notebook` to this session's file, making the file first if the notebook holds a
    /// command other than `quit`. Never throws; see ``failure``.
    public func keep(_ notebook: Notebook) {
        if path == nil {
            guard SessionNotebook.isWorthKeeping(notebook), failure == nil else { return }
            do {
                path = try makeFile()
            } catch {
                failure = error.localizedDescription
                return
            }
            removeOld()
        }
        guard let path else { return }
        do {
            try AtomicFile.write(notebook.markdown(), to: path, permissions: 0o600)
        } catch {
            if failure == nil { failure = error.localizedDescription }
        }
    }

    /// Whether a notebook holds a command other than `quit`.
    static func isWorthKeeping(_ notebook: Notebook) -> Bool {
        notebook.cells.contains { cell in
            let statement = try? Parser.parse(cell.source, line: 1, file: nil)
            return statement?.command != .quit  // a line that does not parse is kept too
        }
    }

    /// The kept notebooks in `folder`, oldest first: the regular files named as tutor names them.
    public static func all(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let named: [(name: String, stem: String, number: Int)] = names.compactMap { name in
            order(of: name).map { (name, $0.stem, $0.number) }
        }
        let sorted = named.sorted { $0.stem != $1.stem ? $0.stem < $1.stem : $0.number < $1.number }
        let paths = sorted.map { folder.hasSuffix("/") ? folder + $0.name : folder + "/" + $0.name }
        return paths.filter(isRegularFile)
    }

    /// Whether `path` is a regular file itself (not a link to one).
    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The name's stem (the time) and its number (1 without a `-N`), or nil when tutor did not
    /// name it: `YYYY-MM-DD-HHMMSS.md` or `YYYY-MM-DD-HHMMSS-N.md`.
    static func order(of name: String) -> (stem: String, number: Int)? {
        guard name.hasSuffix(".md") else { return nil }
        let base = name.dropLast(3)
        let parts = base.split(separator: "-", omittingEmptySubsequences: false)
        let digits = [4, 2, 2, 6]
        guard parts.count == 4 || parts.count == 5,
              zip(parts, digits).allSatisfy({ $0.count == $1 && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        let stem = parts.prefix(4).joined(separator: "-")
        guard parts.count == 5 else { return (stem, 1) }
        guard let number = Int(parts[4]), number >= 2, String(number) == parts[4] else { return nil }
        return (stem, number)
    }

    /// `2026-12-02-141705` for a session that began at 14:17:05 local time on 2 December 2026.
    static func stem(for date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd-HHmmss"
        return formatter.string(from: date)
    }

    /// Makes this session's (empty, private) file under the first free name, creating the
    /// folder if needed; an existing file is never taken, even by another tutor starting the
    /// same second.
    private func makeFile() throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for number in 1...1000 {
            let name = number == 1 ? "\(stem).md" : "\(stem)-\(number).md"
            let candidate = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if descriptor >= 0 {
                close(descriptor)
                return candidate
            }
            let code = errno
            guard code == EEXIST else { throw FileError.unwritable(candidate, errno: code) }
        }
        throw FileError.unwritable(folder + "/\(stem)-1000.md", because: "a thousand sessions that began this second are kept already")
    }

    /// Removes the oldest notebooks beyond the newest `limit` (best effort).
    private func removeOld() {
        let notebooks = SessionNotebook.all(in: folder)
        for old in notebooks.dropLast(limit) where old != path { unlink(old) }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
