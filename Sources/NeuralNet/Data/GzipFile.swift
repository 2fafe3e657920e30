import CZlib
import Files

/// Reads whole files, un-gzipping them when they are gzipped (zlib reads plain files as they
/// are). The only Swift file that imports `CZlib`.
public enum GzipFile {
    /// The most bytes a file may expand to (the MNIST training images are 47 MB).
    public static let maximumBytes = 256 << 20

    /// The (decompressed) contents of the file at `path`.
    public static func read(_ path: String) throws -> [UInt8] {
        guard let file = gzopen(path, "rb") else {
            throw FileError(file: path, problem: "cannot be opened (missing or unreadable)")
        }
        defer { gzclose(file) }
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { gzread(file, $0.baseAddress, UInt32($0.count)) }
            if n < 0 { throw FileError(file: path, problem: "is damaged: \(errorText(file, path: path))") }
            if n == 0 { break }
            result.append(contentsOf: chunk[0..<Int(n)])
            if result.count > maximumBytes {
                throw FileError(file: path, problem: "expands to more than \(maximumBytes >> 20) MB, far more than a data set here")
            }
        }
        var code: Int32 = 0
        _ = gzerror(file, &code)
        if code != Z_OK && code != Z_STREAM_END {
            throw FileError(file: path, problem: "is damaged: \(errorText(file, path: path))")
        }
        return result
    }

    /// zlib's reason, without the "PATH: " it puts in front (the error names the file already).
    private static func errorText(_ file: gzFile, path: String) -> String {
        var code: Int32 = 0
        guard let message = gzerror(file, &code) else { return "unknown zlib error" }
        var text = String(cString: message)
        if text.hasPrefix(path + ": ") { text.removeFirst(path.count + 2) }
        return text.isEmpty ? "zlib error \(code)" : text
    }
}
