import Foundation

/// The one way tutor writes a file (models, progress, answers, notebooks, Keras programs, the
/// history): so that the file is at every moment either its old contents or all the new ones,
/// even if tutor is killed or the machine stops half-way.
///
/// The bytes go to a temporary file in the same directory, which is flushed to disk (`fsync`) and
/// then renamed over the file; the directory is flushed too, so that the rename survives a crash
/// (best effort: not every file system can). On any failure the temporary file is removed and the
/// file is left as it was. Every failure is a ``FileError`` naming the file.
///
/// What is replaced: only a regular file, or nothing (a new file). A directory, a FIFO, a device
/// (`/dev/full`) or a socket at the path is refused before anything is written, and left as it
/// is. A symbolic link is followed: the regular file it leads to is replaced (the link stays a
/// link); a link that leads to anything else, or nowhere, is refused. A path with a NUL
/// character is refused (the system would use the name before the NUL).
///
/// Temporary files do not pile up when tutor is killed. On Linux the bytes go to an unnamed file
/// (`O_TMPFILE`), which the system removes by itself if the writer dies; it gets a name
/// `.NAME.tutor-PID-RANDOM.tmp` only once it is complete and flushed, just before the rename.
/// Where there are no unnamed files (another system, a file system without them) the bytes go to
/// `.NAME.tutor-PID-RANDOM.tmp` from the start. Either way each write first removes the temporary
/// files of earlier writes to the same file whose process is no longer running, and those older
/// tutors named `.NAME.RANDOM.tmp` once they are an hour old.
public enum AtomicFile {
    /// Runs once the temporary file is complete and named, just before the rename; the write
    /// fails with the error it returns. Tests set it to fail there, as a process killed at that
    /// moment would (the old file must stay whole).
    @TaskLocal public static var beforeRename: (@Sendable () -> FileError?)?

    /// Whether writes may use unnamed temporary files (Linux' `O_TMPFILE`). Tests turn it off to
    /// exercise the named temporary files used where those are missing.
    @TaskLocal public static var usesUnnamedTemporaryFiles = true

    /// How old a temporary file of the older naming (`.NAME.RANDOM.tmp`, no process id) must be
    /// before a write to the same file removes it: an hour, far longer than any write takes.
    public static let legacyTemporaryAge: TimeInterval = 3600

    /// Writes `text` as UTF-8, as the `[UInt8]` version below.
    public static func write(
        _ text: String, to path: String, creatingDirectories: Bool = false, permissions: mode_t? = nil
    ) throws(FileError) {
        try write(Array(text.utf8), to: path, creatingDirectories: creatingDirectories, permissions: permissions)
    }

    /// Writes `bytes` to `path` atomically. The directory must exist unless `creatingDirectories`.
    /// The file gets `permissions` when given; otherwise an existing file keeps its permissions and
    /// a new one gets the usual `0666` less the umask.
    public static func write(
        _ bytes: [UInt8], to path: String, creatingDirectories: Bool = false, permissions: mode_t? = nil
    ) throws(FileError) {
        try FileError.checkName(path)
        let (target, existingMode): (String, mode_t?)
        switch examine(path) {
        case .replace(let path, let mode): (target, existingMode) = (path, mode)
        case .refused(let reason): throw FileError.unwritable(path, because: reason)
        }
        let (directory, name) = split(target)
        guard !name.isEmpty else { throw FileError.namesADirectory(path) }
        if creatingDirectories { try makeDirectories(directory, for: path) }
        var info = stat()
        guard stat(directory, &info) == 0 else {
            let code = errno
            throw code == ENOENT ? FileError.directoryMissing(path, directory: directory) : FileError.unwritable(path, errno: code)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw FileError.notADirectory(path, directory: directory) }
        removeLeftovers(in: directory, for: name)

        var temporary = try Temporary.create(in: directory, for: name, path: path, mode: permissions ?? 0o666)
        do throws(FileError) {
            if let mode = permissions ?? existingMode { _ = fchmod(temporary.descriptor, mode) }
            try writeAll(bytes, to: temporary.descriptor, path: path)
            guard fsync(temporary.descriptor) == 0 else { throw FileError.unwritable(path, errno: errno) }
            if temporary.name == nil, !(try temporary.link(in: directory, for: name, path: path)) {
                // No /proc to name the unnamed file through: write it again as a named one.
                temporary.discard()
                try usesUnnamedTemporaryFiles(false) { () throws(FileError) in
                    try write(bytes, to: target, permissions: permissions ?? existingMode)
                }
                return
            }
            try temporary.close(path: path)
            if let failure = beforeRename?() { throw failure }
            guard let named = temporary.name, rename(named, target) == 0 else {
                let code = errno
                throw code == EISDIR ? FileError.namesADirectory(path) : FileError.unwritable(path, errno: code)
            }
            temporary.name = nil
        } catch {
            temporary.discard()
            throw error
        }
        syncDirectory(directory)
    }

    /// Why `write` would refuse to replace what is at `path`, as a clause — `it is a FIFO (named
    /// pipe), not a regular file`, `its name has a NUL character …` — or nil when the path holds a
    /// regular file, a link to one, or nothing. (Whether its directory exists is not checked.)
    public static func refusal(for path: String) -> String? {
        if path.utf8.contains(0) { return FileError.nulReason }
        if case .refused(let reason) = examine(path) { return reason }
        return nil
    }

    /// The directory part of `path` (`.` when there is none) and the name after the last `/`.
    public static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// What a write to a path finds there.
    private enum Target {
        /// The regular file to replace (the path itself, or the file a symbolic link at it leads
        /// to), with its permissions; nil permissions when nothing is there yet.
        case replace(String, mode: mode_t?)
        /// Something that is not replaced, and why (a clause: `it is a directory`).
        case refused(String)
    }

    private static func examine(_ path: String) -> Target {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .replace(path, mode: nil) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .replace(path, mode: info.st_mode & 0o7777)
        case S_IFDIR: return .refused(FileError.directoryReason)
        case S_IFLNK: break
        default: return .refused(FileError.notRegularReason(FileError.kind(ofMode: info.st_mode)))
        }
        guard stat(path, &info) == 0 else {
            return .refused("it is a symbolic link that leads nowhere (\(FileError.systemText(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            return .refused("it is a symbolic link to \(FileError.kind(ofMode: info.st_mode)), not to a regular file")
        }
        guard let resolved = realpath(path, nil) else {
            return .refused("it is a symbolic link that cannot be followed (\(FileError.systemText(errno)))")
        }
        defer { free(resolved) }
        return .replace(String(cString: resolved), mode: info.st_mode & 0o7777)
    }

    /// Creates `directory` and the directories above it that are missing (as `mkdir -p`).
    private static func makeDirectories(_ directory: String, for path: String) throws(FileError) {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else { throw FileError.notADirectory(path, directory: directory) }
            return
        }
        let parent = split(directory).directory
        if parent != directory { try makeDirectories(parent, for: path) }
        guard mkdir(directory, 0o777) == 0 || errno == EEXIST else {
            let code = errno
            throw code == ENOTDIR ? FileError.notADirectory(path, directory: parent) : FileError.unwritable(path, errno: code)
        }
    }

    /// The name a temporary file for `name` gets: `.NAME.tutor-PID-RANDOM.tmp`.
    static func temporaryName(for name: String) -> String {
        ".\(name).tutor-\(getpid())-\(String(UInt64.random(in: 0 ... .max), radix: 16)).tmp"
    }

    /// Removes the temporary files for `name` in `directory` that no write is using any more: those
    /// of processes that are not running, and those of the older naming an hour old (best effort).
    static func removeLeftovers(in directory: String, for name: String) {
        let prefix = ".\(name).", suffix = ".tmp"
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(suffix) && entry.count > prefix.count + suffix.count {
            let middle = entry.dropFirst(prefix.count).dropLast(suffix.count)
            let path = directory + "/" + entry
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
            if middle.hasPrefix("tutor-") {
                let parts = middle.dropFirst("tutor-".count).split(separator: "-")
                guard parts.count == 2, let pid = Int32(parts[0]), pid > 0, UInt64(parts[1], radix: 16) != nil,
                      pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
                unlink(path)
            } else if middle.count <= 16, UInt64(middle, radix: 16) != nil {
                let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
                if let modified, Date().timeIntervalSince(modified) > legacyTemporaryAge { unlink(path) }
            }
        }
    }

    /// A temporary file being written: open, unnamed until ``link(in:for:path:)`` names it, or
    /// named from the start.
    private struct Temporary {
        var descriptor: Int32
        var isOpen = true
        /// Its path in the directory, once it has one.
        var name: String?

        /// A new, empty temporary file in `directory`: unnamed where the system can, otherwise
        /// `.NAME.tutor-PID-RANDOM.tmp`, created exclusively (never an existing one).
        static func create(in directory: String, for name: String, path: String, mode: mode_t) throws(FileError) -> Temporary {
            #if os(Linux)
            if AtomicFile.usesUnnamedTemporaryFiles {
                // O_TMPFILE (Linux' __O_TMPFILE | O_DIRECTORY; Glibc does not export the name to Swift).
                let descriptor = open(directory, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, mode)
                if descriptor >= 0 { return Temporary(descriptor: descriptor, name: nil) }
                let code = errno
                // Only "not supported here" falls back to a named file; any other failure is the write's.
                guard [EOPNOTSUPP, EISDIR, EINVAL].contains(code) else { throw FileError.unwritable(path, errno: code) }
            }
            #endif
            var lastError: Int32 = EEXIST
            for _ in 0..<16 {
                let temporary = directory + "/" + AtomicFile.temporaryName(for: name)
                let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
                if descriptor >= 0 { return Temporary(descriptor: descriptor, name: temporary) }
                lastError = errno
                if lastError != EEXIST { break }
            }
            throw FileError.unwritable(path, errno: lastError)
        }

        /// Gives the complete unnamed file a name (through `/proc/self/fd`); false when the system
        /// has no `/proc` to do it with.
        mutating func link(in directory: String, for name: String, path: String) throws(FileError) -> Bool {
            for _ in 0..<16 {
                let temporary = directory + "/" + AtomicFile.temporaryName(for: name)
                if linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, temporary, AT_SYMLINK_FOLLOW) == 0 {
                    self.name = temporary
                    return true
                }
                let code = errno
                if code == EEXIST { continue }
                var proc = stat()
                if code == ENOENT, stat("/proc/self/fd", &proc) != 0 { return false }
                throw FileError.unwritable(path, errno: code)
            }
            throw FileError.unwritable(path, errno: EEXIST)
        }

        mutating func close(path: String) throws(FileError) {
            isOpen = false
            guard systemClose(descriptor) == 0 else { throw FileError.unwritable(path, errno: errno) }
        }

        /// Closes and removes the file, whatever state it is in.
        mutating func discard() {
            if isOpen { _ = systemClose(descriptor) }
            isOpen = false
            if let name { unlink(name) }
            name = nil
        }
    }

    /// Runs `body` with ``usesUnnamedTemporaryFiles`` set to `value`.
    private static func usesUnnamedTemporaryFiles(_ value: Bool, _ body: () throws(FileError) -> Void) throws(FileError) {
        var failure: FileError?
        $usesUnnamedTemporaryFiles.withValue(value) {
            do throws(FileError) { try body() } catch { failure = error }
        }
        if let failure { throw failure }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(FileError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.unwritable(path, errno: errno)
            }
            written += n
        }
    }

    /// Flushes the directory entry of the rename to disk (best effort: not every file system can).
    private static func syncDirectory(_ directory: String) {
        let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }
}

/// The system's `write(2)` and `close(2)` (inside ``AtomicFile`` the names are its own).
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
