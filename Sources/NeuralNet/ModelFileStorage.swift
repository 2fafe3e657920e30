import Foundation

/// Model files on disk: read whole with a size cap, written atomically. Every failure is a
/// ``ModelFileError`` naming the file.
enum ModelFileStorage {
    /// The bytes of the file at `path`; refuses a directory, and a file larger than `limit`
    /// before reading it (and while reading, should it grow).
    static func readAll(_ path: String, limit: Int) throws(ModelFileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw code == ENOENT ? ModelFileError.missing(path) : ModelFileError.unreadable(path, errno: code)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw ModelFileError.unreadable(path, errno: errno) }
        guard info.st_mode & S_IFMT != S_IFDIR else { throw ModelFileError.isDirectory(path) }
        let size = Int(info.st_size)
        guard size <= limit else { throw ModelFileError.tooLarge(path, size: size, limit: limit) }

        var bytes: [UInt8] = []
        bytes.reserveCapacity(size)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ModelFileError.unreadable(path, errno: errno)
            }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
            guard bytes.count <= limit else { throw ModelFileError.tooLarge(path, size: bytes.count, limit: limit) }
        }
    }

    /// Writes `bytes` to `path` so that `path` is at every moment either its old contents or all
    /// the new ones: the bytes go to a new file `.NAME.RANDOM.tmp` in the same directory, which
    /// is flushed to disk and then renamed over `path`. On any failure the temporary file is
    /// removed and `path` is left as it was. An existing file's permissions are kept.
    ///
    /// `beforeRename` runs once the temporary file is complete (tests use it to fail there).
    static func writeAtomically(
        _ bytes: [UInt8], to path: String, beforeRename: () throws(ModelFileError) -> Void = {}
    ) throws(ModelFileError) {
        let (directory, name) = split(path)
        guard !name.isEmpty else { throw ModelFileError.namesADirectory(path) }
        var info = stat()
        guard stat(directory, &info) == 0 else {
            let code = errno
            throw code == ENOENT ? ModelFileError.directoryMissing(path, directory: directory) : ModelFileError.unwritable(path, errno: code)
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw ModelFileError.notADirectory(path, directory: directory) }
        var existing = stat()
        let existingMode: mode_t? = stat(path, &existing) == 0 && existing.st_mode & S_IFMT == S_IFREG ? existing.st_mode & 0o7777 : nil

        let (descriptor, temporary) = try createTemporary(in: directory, for: name, path: path)
        var isOpen = true
        do throws(ModelFileError) {
            if let existingMode { _ = fchmod(descriptor, existingMode) }
            try writeAll(bytes, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw ModelFileError.unwritable(path, errno: errno) }
            isOpen = false
            guard close(descriptor) == 0 else { throw ModelFileError.unwritable(path, errno: errno) }
            try beforeRename()
            guard rename(temporary, path) == 0 else {
                let code = errno
                throw code == EISDIR ? ModelFileError.namesADirectory(path) : ModelFileError.unwritable(path, errno: code)
            }
        } catch {
            if isOpen { close(descriptor) }
            unlink(temporary)
            throw error
        }
        syncDirectory(directory)
    }

    /// The directory part of `path` (`.` when there is none) and the name after the last `/`.
    static func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let directory = String(path[..<slash])
        return (directory.isEmpty ? "/" : directory, String(path[path.index(after: slash)...]))
    }

    /// A new, empty file `.NAME.RANDOM.tmp` in `directory`, created exclusively (never an existing one).
    private static func createTemporary(in directory: String, for name: String, path: String) throws(ModelFileError) -> (Int32, String) {
        var lastError: Int32 = EEXIST
        for _ in 0..<16 {
            let temporary = "\(directory)/.\(name).\(String(UInt64.random(in: 0 ... .max), radix: 16)).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, temporary) }
            lastError = errno
            if lastError != EEXIST { break }
        }
        throw ModelFileError.unwritable(path, errno: lastError)
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(ModelFileError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + written }, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ModelFileError.unwritable(path, errno: errno)
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
