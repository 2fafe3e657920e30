import NeuralNet

/// NumPy's `.npz`: named Float32 arrays in one file, as `numpy.savez` writes them and
/// `numpy.load` reads them — what `export keras FILE weights` writes beside the program.
///
/// - Each array is a `.npy` file (format version 1.0): the magic `\x93NUMPY`, the version
///   bytes 1 and 0, a little-endian UInt16 header length, the header — a Python dict literal
///   `{'descr': '<f4', 'fortran_order': False, 'shape': (784, 256), }` padded with spaces and a
///   final newline so that the values start at a multiple of 64 bytes — then the values,
///   little-endian Float32, row-major (C order).
/// - The archive is a zip of those files named `NAME.npy`, stored (not compressed), each with
///   its CRC-32 (``Zlib``) and the fixed time 1980-01-01 00:00, so the same weights make the
///   same bytes.
public enum NumPyArchive {
    /// One array: its name (without `.npy`), shape and values.
    public struct Array: Equatable, Sendable {
        public var name: String
        public var shape: [Int]
        public var values: [Float]

        public init(name: String, shape: [Int], values: [Float]) {
            self.name = name
            self.shape = shape
            self.values = values
        }
    }

    /// The `.npz` file holding `arrays`, in order.
    public static func archive(_ arrays: [Array]) -> [UInt8] {
        zip(arrays.map { (name: $0.name + ".npy", bytes: npy($0)) })
    }

    /// One array as a `.npy` file.
    static func npy(_ array: Array) -> [UInt8] {
        let shape = PythonLiteral.tuple(array.shape)
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shape), }"
        let unpadded = 10 + header.utf8.count + 1  // magic, version, length; the newline
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var bytes: [UInt8] = [0x93] + Swift.Array("NUMPY".utf8) + [1, 0] + littleEndian(UInt16(clamping: header.utf8.count))
        bytes += header.utf8
        array.values.map(\.bitPattern.littleEndian).withUnsafeBytes { bytes += $0 }
        return bytes
    }

    /// A zip archive of `files`, stored: a local header and the bytes of each file, then the
    /// central directory and its end record.
    static func zip(_ files: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for file in files {
            let name = Swift.Array(file.name.utf8)
            let crc = Zlib.crc32(file.bytes)
            let size = UInt32(clamping: file.bytes.count)
            // version needed 2.0, no flags, stored, time 00:00, date 1980-01-01, CRC, sizes, name length, no extra field
            let common = littleEndian(UInt16(20)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0))
                + littleEndian(UInt16(0)) + littleEndian(UInt16(0x21)) + littleEndian(crc)
                + littleEndian(size) + littleEndian(size) + littleEndian(UInt16(clamping: name.count)) + littleEndian(UInt16(0))
            let offset = UInt32(clamping: out.count)
            out += littleEndian(UInt32(0x0403_4B50)) + common + name + file.bytes
            // made by version 2.0; then no comment, disk 0, no attributes, the local header's offset
            directory += littleEndian(UInt32(0x0201_4B50)) + littleEndian(UInt16(20)) + common
                + littleEndian(UInt16(0)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0)) + littleEndian(UInt32(0))
                + littleEndian(offset) + name
        }
        let count = littleEndian(UInt16(clamping: files.count))
        let end = littleEndian(UInt32(0x0605_4B50)) + littleEndian(UInt16(0)) + littleEndian(UInt16(0)) + count + count
            + littleEndian(UInt32(clamping: directory.count)) + littleEndian(UInt32(clamping: out.count)) + littleEndian(UInt16(0))
        return out + directory + end
    }

    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }
}
