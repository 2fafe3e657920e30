// The REPL's history file: where it lives, what goes in, how it stays bounded.

import Files
import Foundation

/// The command history kept between sessions, one command per line in a plain text file.
///
/// Each accepted line is appended to the file at once, so a crash loses nothing. The file
/// is bounded: on load, and whenever appends have doubled it, it is rewritten (atomically,
/// through a temporary file) with only the newest `limit` lines. Only its newest part is ever
/// read (``FileLimits/historyTailBytes``), so a file grown huge by other means costs no more
/// than that, and is cut down to its newest lines. Only a regular file is read or appended to:
/// a FIFO or a device at the path is left alone, without blocking (the history is then not
/// kept). Lines longer than ``FileLimits/lineBytes`` are not recorded. Parent directories are
/// created on the first write; the file is private to the user (mode 0600). I/O errors
/// are swallowed: losing history must never stop the tutor.
public struct HistoryFile: Sendable {
    /// The file's path.
    public let path: String
    /// The most lines kept.
    public let limit: Int

    /// A history file at `path` keeping at most `limit` lines (at least 1).
    public init(path: String, limit: Int) {
        self.path = path
        self.limit = max(1, limit)
    }

    /// `$XDG_STATE_HOME/tutor/history` when that variable holds an absolute path,
    /// otherwise `$HOME/.local/state/tutor/history` (the XDG default).
    public static func defaultPath(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return join(state, "tutor/history")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return join(home, ".local/state/tutor/history")
    }

    /// Whether a line belongs in the history: not too long to run, not blank, and not the same
    /// as the previous.
    public static func shouldRecord(_ line: String, after previous: String?) -> Bool {
        line.utf8.count <= FileLimits.lineBytes && !line.trimmingSpaces.isEmpty && line != previous
    }

    /// The newest `limit` entries.
    static func bounded(_ entries: [String], limit: Int) -> [String] {
        entries.count > limit ? Array(entries.suffix(limit)) : entries
    }

    /// The stored entries, oldest first, at most `limit`; compacts the file when it holds more.
    public func load() -> [String] {
        let (entries, isWhole) = readNewest()
        if entries.count > limit || !isWhole { replace(with: HistoryFile.bounded(entries, limit: limit)) }
        return HistoryFile.bounded(entries, limit: limit)
    }

    /// Appends one entry (a line without line breaks; others are ignored).
    public func append(_ line: String) {
        guard !line.contains(where: \.isNewline) else { return }
        guard makeParentDirectory(), !path.utf8.contains(0) else { return }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG { return }
        // O_NONBLOCK: a FIFO put at the path since is not waited for, and fstat refuses it.
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return }
        var bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeMutableBytes { buffer in write(descriptor, buffer.baseAddress, buffer.count) }
    }

    /// Rewrites the file with the newest `limit` lines if it holds more.
    public func compact() {
        let (entries, isWhole) = readNewest()
        if entries.count > limit || !isWhole { replace(with: HistoryFile.bounded(entries, limit: limit)) }
    }

    /// Every non-empty line of the file.
    func readAll() -> [String] {
        readNewest().entries
    }

    /// The non-empty lines of the file's newest ``FileLimits/historyTailBytes`` (the first one
    /// dropped when it may be the end of a cut line), and whether that is the whole file. Nothing
    /// when the file is missing, unreadable or not a regular file.
    func readNewest() -> (entries: [String], isWhole: Bool) {
        guard let (bytes, isWhole) = try? RegularFile.readTail(path, limit: FileLimits.historyTailBytes) else { return ([], true) }
        var lines = String(decoding: bytes, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        if !isWhole, !lines.isEmpty { lines.removeFirst() }
        return (lines.filter { !$0.isEmpty }.map(String.init), isWhole)
    }

    /// Replaces the file's content with ``AtomicFile``, readable by its owner only (as `append` creates it).
    func replace(with entries: [String]) {
        try? AtomicFile.write(entries.map { $0 + "\n" }.joined(), to: path, creatingDirectories: true, permissions: 0o600)
    }

    private func makeParentDirectory() -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return true }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return true
        } catch {
            return false
        }
    }

    private static func join(_ directory: String, _ relative: String) -> String {
        directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
    }
}
