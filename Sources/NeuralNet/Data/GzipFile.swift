import Files

/// Reads whole data files, un-gzipping those that are gzipped (a file that does not begin with
/// gzip's signature is taken as it is), with ``Zlib``.
///
/// The file is read with ``RegularFile`` — so a FIFO, a device or a directory is refused without
/// blocking — and inflated in memory, never past ``maximumBytes``.
public enum GzipFile {
    /// The most bytes a file may have, and expand to (the MNIST training images are 47 MB).
    public static let maximumBytes = 256 << 20

    /// What a data file is, in errors about the file as a whole.
    static let kind = "an MNIST data file"

    /// The (decompressed) contents of the file at `path`.
    public static func read(_ path: String) throws(FileError) -> [UInt8] {
        let bytes = try RegularFile.read(path, limit: maximumBytes, expected: kind)
        return isGzip(bytes, at: 0) ? try inflate(bytes, file: path) : bytes
    }

    /// Whether a gzip member starts at `offset` (its two signature bytes, 1F 8B).
    static func isGzip(_ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.count >= offset + 2 && bytes[offset] == 0x1F && bytes[offset + 1] == 0x8B
    }

    /// The contents of the gzip members in `bytes`, one after another (see ``Zlib``).
    static func inflate(_ compressed: [UInt8], file: String) throws(FileError) -> [UInt8] {
        try Zlib.gunzip(compressed, limit: maximumBytes, file: file)
    }
}
