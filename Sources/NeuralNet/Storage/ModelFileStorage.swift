import Files

/// Model files on disk, read whole with a size cap (they are written with ``AtomicFile``). Every
/// failure is a ``ModelFileError`` naming the file.
enum ModelFileStorage {
    /// The bytes of the file at `path`, read with ``RegularFile``: a FIFO, a device or a directory
    /// is refused without blocking, and a file larger than `limit` before reading it (and while
    /// reading, should it grow).
    static func readAll(_ path: String, limit: Int) throws(ModelFileError) -> [UInt8] {
        try RegularFile.read(path, limit: limit, expected: ModelFileError.modelFileKind)
    }
}
