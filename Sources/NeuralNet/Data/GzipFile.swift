import CZlib
import Files

/// Reads whole data files, un-gzipping those that are gzipped (a file that does not begin with
/// gzip's signature is taken as it is). The only Swift file that imports `CZlib`.
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
    private static func isGzip(_ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.count >= offset + 2 && bytes[offset] == 0x1F && bytes[offset + 1] == 0x8B
    }

    /// The contents of the gzip members in `bytes`, one after another (as `gunzip` reads them);
    /// anything after the last member that is not another one is ignored, as zlib's `gzread` does.
    static func inflate(_ compressed: [UInt8], file: String) throws(FileError) -> [UInt8] {
        var stream = z_stream()
        // 15 + 16: the largest window, and a gzip header and trailer around the data.
        guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw FileError(file: file, problem: "cannot be read: zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var consumed = 0
        while true {
            let (code, used, produced) = compressed.withUnsafeBufferPointer { source in
                chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_in = source.baseAddress.map { UnsafeMutablePointer(mutating: $0 + consumed) }
                    stream.avail_in = UInt32(clamping: source.count - consumed)
                    stream.next_out = target.baseAddress
                    stream.avail_out = UInt32(target.count)
                    let before = stream.avail_in
                    let code = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (code, Int(before - stream.avail_in), target.count - Int(stream.avail_out))
                }
            }
            consumed += used
            result.append(contentsOf: chunk[0..<produced])
            if result.count > maximumBytes {
                throw FileError(file: file, problem: "expands to more than \(maximumBytes >> 20) MB, far more than a data set here")
            }
            switch code {
            case Z_STREAM_END:
                guard isGzip(compressed, at: consumed) else { return result }
                inflateReset(&stream)
            case Z_OK where used > 0 || produced > 0:
                continue
            case Z_OK, Z_BUF_ERROR:
                // No progress: the input ended inside a member.
                throw FileError(file: file, problem: "is damaged: unexpected end of file")
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(code)"
                throw FileError(file: file, problem: "is damaged: \(reason)")
            }
        }
    }
}
