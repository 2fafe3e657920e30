import Foundation

/// The one way tutor writes a file (models, progress, answers, notebooks, Keras programs, the
/// history): so that the file is at every moment either its old contents or all the new ones,
/// even if tutor is killed or the machine stops half-way.
///
/// The bytes go to a new file `.NAME.RANDOM.tmp` in the same directory, which is flushed to disk
/// (`fsync`) and then renamed over the file; the directory is flushed too, so that the rename
/// survives a crash (best effort: not every file system can). On any failure the temporary file
/// is removed and the file is left as it was. Every failure is a ``FileError`` naming the file.
public enum AtomicFile {
    /// Runs once the temporary file is complete, just before the rename; the write fails with the
    /// error it returns. Tests set it to fail there, as a process killed at that moment would (the
    /// old file must stay whole).
    @TaskLocal public static var beforeRename: (@Sendable () -> FileError?)?

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
        let (directory, name) = split(path)
        guard !name.isEmpty else { throw FileError.namesADirectory(path) }
        if creatingDirectories { try makeDirectories(directory, for: path) }
        var info = stat()
        guard stat(directory, &info) == 0 else {
            let code = errno
            throw code == ENOENT ? FileError.directoryMissing(path, directory: directory) : FileError.unwritable(path, errno: code)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw FileError.notADirectory(path, directory: directory) }
        var existing = stat()
        let existingMode: mode_t? = stat(path, &existing) == 0 && existing.st_mode & S_IFMT == S_IFREG ? existing.st_mode & 0o7777 : nil

        let (descriptor, temporary) = try createTemporary(in: directory, for: name, path: path, mode: permissions ?? 0o666)
        var isOpen = true
        do throws(FileError) {
            if let mode = permissions ?? existingMode { _ = fchmod(descriptor, mode) }
            try writeAll(bytes, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw FileError.unwritable(path, errno: errno) }
            isOpen = false
            guard close(descriptor) == 0 else { throw FileError.unwritable(path, errno: errno) }
            if let failure = beforeRename?() { throw failure }
            guard rename(temporary, path) == 0 else {
                let code = errno
                throw code == EISDIR ? FileError.namesADirectory(path) : FileError.unwritable(path, errno: code)
            }
        } catch {
            if isOpen { close(descriptor) }
            unlink(temporary)
            throw error
        }
        syncDirectory(directory)
    }

    /// The directory part of `path` (`.` when there is none) and the name after the last `/`.
    public static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
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

    /// A new, empty file `.NAME.RANDOM.tmp` in `directory`, created exclusively (never an existing one).
    private static func createTemporary(in directory: String, for name: String, path: String, mode: mode_t) throws(FileError) -> (Int32, String) {
        var lastError: Int32 = EEXIST
        for _ in 0..<16 {
            let temporary = "\(directory)/.\(name).\(String(UInt64.random(in: 0 ... .max), radix: 16)).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
            if descriptor >= 0 { return (descriptor, temporary) }
            lastError = errno
            if lastError != EEXIST { break }
        }
        throw FileError.unwritable(path, errno: lastError)
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

/// The system's `write(2)` (inside ``AtomicFile`` the name is its own `write`).
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
