import Foundation

/// The one way tutor reads a file (scripts, lessons, answers, progress, model files, data files,
/// the history): only a regular file — or a symbolic link to one — is read, and only up to a
/// size limit (see ``FileLimits``). Everything else is refused with a ``FileError`` naming the
/// file, before a byte is read and without ever blocking:
///
/// - a path holding a NUL character (the system would read another name: the one before the NUL);
/// - a path that is a FIFO, a device (`/dev/zero`, `/dev/null`), a socket or a directory: `stat`
///   says so before anything is opened (opening a FIFO waits for a writer; `/dev/zero` never ends);
/// - a file larger than the limit, by its size before reading, and while reading should it grow.
///
/// The file is opened with `O_NONBLOCK` and checked again with `fstat`, so a FIFO put in its place
/// between the two looks is still refused, and that open does not wait either.
public enum RegularFile {
    /// The whole file at `path`, at most `limit` bytes. `expected` names what the file should be
    /// in errors: `is a FIFO (named pipe), not a tutor model file`.
    public static func read(_ path: String, limit: Int, expected: String = "a regular file") throws(FileError) -> [UInt8] {
        let (descriptor, size) = try open(path, expected: expected)
        defer { close(descriptor) }
        guard size <= limit else { throw FileError.tooLarge(path, size: size, limit: limit, expected: expected) }
        return try readToEnd(descriptor, path: path, limit: limit, expected: expected, sizeHint: size)
    }

    /// The whole file at `path` as UTF-8 text, at most `limit` bytes; a file that is not UTF-8 is
    /// refused with the offset of the first byte that is not.
    public static func readText(_ path: String, limit: Int, expected: String = "a text file") throws(FileError) -> String {
        let bytes = try read(path, limit: limit, expected: expected)
        if let offset = firstInvalidUTF8(bytes) { throw FileError.notText(path, offset: offset, expected: expected) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The last `limit` bytes of the file at `path` (all of it when it is no larger), and whether
    /// that is the whole file. For files read from their newest end, such as the history.
    public static func readTail(_ path: String, limit: Int, expected: String = "a regular file") throws(FileError) -> (bytes: [UInt8], isWhole: Bool) {
        let (descriptor, size) = try open(path, expected: expected)
        defer { close(descriptor) }
        let start = max(0, size - limit)
        if start > 0, lseek(descriptor, off_t(start), SEEK_SET) < 0 { throw FileError.unreadable(path, errno: errno) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(size, limit))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count < limit {
            let wanted = min(chunk.count, limit - bytes.count)
            let n = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, wanted) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.unreadable(path, errno: errno)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return (bytes, start == 0)
    }

    /// Opens `path` for reading after checking it as the type's documentation says; returns the
    /// descriptor and the file's size.
    static func open(_ path: String, expected: String) throws(FileError) -> (descriptor: Int32, size: Int) {
        try FileError.checkName(path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            let code = errno
            throw code == ENOENT ? FileError.missing(path) : FileError.unreadable(path, errno: code)
        }
        try checkRegular(info, path: path, expected: expected)
        let descriptor = systemOpen(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            throw code == ENOENT ? FileError.missing(path) : FileError.unreadable(path, errno: code)
        }
        guard fstat(descriptor, &info) == 0 else {
            let code = errno
            close(descriptor)
            throw FileError.unreadable(path, errno: code)
        }
        do {
            try checkRegular(info, path: path, expected: expected)
        } catch {
            close(descriptor)
            throw error
        }
        return (descriptor, Int(info.st_size))
    }

    private static func checkRegular(_ info: stat, path: String, expected: String) throws(FileError) {
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FileError.notRegular(path, kind: FileError.kind(ofMode: info.st_mode), expected: expected)
        }
    }

    /// Reads from `descriptor` to its end, refusing more than `limit` bytes.
    private static func readToEnd(_ descriptor: Int32, path: String, limit: Int, expected: String, sizeHint: Int) throws(FileError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sizeHint)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileError.unreadable(path, errno: errno)
            }
            if n == 0 { return bytes }
            guard bytes.count + n <= limit else {
                throw FileError.tooLarge(path, size: bytes.count + n, limit: limit, expected: expected)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// The offset of the first byte of `bytes` that does not belong to a UTF-8 character, or nil
    /// when all of it is UTF-8.
    public static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

/// The system's `open(2)` and `read(2)` (inside ``RegularFile`` the names are its own).
private func systemOpen(_ path: String, _ flags: Int32) -> Int32 {
    open(path, flags)
}

private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}
