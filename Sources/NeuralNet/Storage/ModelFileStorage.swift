import Foundation

/// Model files on disk, read whole with a size cap (they are written with ``AtomicFile``). Every
/// failure is a ``ModelFileError`` naming the file.
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
}
