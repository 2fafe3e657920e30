import Files
import TextFormat

/// The IDX file format of the MNIST files (LeCun et al.): a big-endian header, then raw bytes.
///
///     offset 0: magic number (UInt32)  2051 = 0x00000803 for images, 2049 = 0x00000801 for labels
///     offset 4: number of items (UInt32)
///     images only — offset 8: rows (UInt32), offset 12: columns (UInt32)
///     then items × rows × columns pixels (or items labels), one unsigned byte each
public enum IDX {
    public static let imagesMagic: UInt32 = 2051
    public static let labelsMagic: UInt32 = 2049
    /// The most pixels an image may have: the training kernels keep a pixel's position in 16 bits
    /// (see ``SparseImages``), so a larger image is refused when its file is read.
    public static let maximumPixels = SparseImages.maximumFeatures

    /// The images in `bytes`: their count, their shape [rows, columns], and the pixels (`bytes`
    /// themselves less the header, when the caller gives them up: no second copy of 47 MB).
    public static func parseImages(_ bytes: consuming [UInt8], file: String) throws -> (count: Int, shape: [Int], pixels: [UInt8]) {
        guard bytes.count >= 16 else {
            throw FileError(file: file, problem: "is too short to be an IDX image file (\(bytes.count) bytes, the header alone is 16)")
        }
        let magic = readUInt32(bytes, at: 0)
        guard magic == imagesMagic else {
            throw FileError(file: file, problem: "is not an IDX image file: magic number \(magic), expected \(imagesMagic)")
        }
        let count = Int(readUInt32(bytes, at: 4))
        let rows = Int(readUInt32(bytes, at: 8))
        let cols = Int(readUInt32(bytes, at: 12))
        guard rows > 0, cols > 0, rows <= 4096, cols <= 4096 else {
            throw FileError(file: file, problem: "has impossible image dimensions \(rows)×\(cols)")
        }
        guard rows * cols <= maximumPixels else {
            throw FileError(file: file, problem: "has images of \(rows)×\(cols) = \(Thousands.grouped(rows * cols)) pixels; tutor takes images of at most \(Thousands.grouped(maximumPixels)) pixels")
        }
        let expected = 16 + count * rows * cols
        guard count > 0 || bytes.count != expected else { throw FileError.noExamples(file, "images") }
        guard bytes.count == expected else {
            let what = bytes.count < expected ? "is truncated" : "has extra bytes at the end"
            throw FileError(file: file, problem: "\(what): \(Thousands.counted(count, "image")) of \(rows)×\(cols) take \(Thousands.counted(expected, "byte")) with the header, found \(Thousands.grouped(bytes.count))")
        }
        var pixels = consume bytes
        pixels.removeFirst(16)
        return (count, [rows, cols], pixels)
    }

    /// The labels in `bytes`.
    public static func parseLabels(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        guard bytes.count >= 8 else {
            throw FileError(file: file, problem: "is too short to be an IDX label file (\(bytes.count) bytes, the header alone is 8)")
        }
        let magic = readUInt32(bytes, at: 0)
        guard magic == labelsMagic else {
            throw FileError(file: file, problem: "is not an IDX label file: magic number \(magic), expected \(labelsMagic)")
        }
        let count = Int(readUInt32(bytes, at: 4))
        let expected = 8 + count
        guard count > 0 || bytes.count != expected else { throw FileError.noExamples(file, "labels") }
        guard bytes.count == expected else {
            let what = bytes.count < expected ? "is truncated" : "has extra bytes at the end"
            throw FileError(file: file, problem: "\(what): \(Thousands.counted(count, "label")) take \(Thousands.counted(expected, "byte")) with the header, found \(Thousands.grouped(bytes.count))")
        }
        return Array(bytes[8...])
    }

    /// The header and bytes of an image file (for tests and tools).
    public static func encodeImages(shape: [Int], pixels: [UInt8]) -> [UInt8] {
        let per = shape.reduce(1, *)
        return bigEndian(imagesMagic) + bigEndian(UInt32(pixels.count / max(per, 1)))
            + shape.flatMap { bigEndian(UInt32($0)) } + pixels
    }

    /// The header and bytes of a label file.
    public static func encodeLabels(_ labels: [UInt8]) -> [UInt8] {
        bigEndian(labelsMagic) + bigEndian(UInt32(labels.count)) + labels
    }

    private static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes[offset..<(offset + 4)].reduce(0) { ($0 << 8) | UInt32($1) }
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

extension FileError {
    /// An IDX file that holds no examples: there would be nothing to train on or test with.
    static func noExamples(_ file: String, _ what: String) -> FileError {
        FileError(file: file, problem: "has 0 \(what); a data set needs at least 1")
    }
}
