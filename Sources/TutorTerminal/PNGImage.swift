import NeuralNet

/// A picture as PNG bytes, for the Jupyter form of the notebook (digits, probability bars,
/// weight pictures): 8-bit grey or RGB pixels, row by row, enlarged by whole factors with
/// nearest-neighbour (each pixel becomes a square of equal pixels) so that a 28×28 digit stays
/// crisp however it is shown.
///
/// The file is a PNG signature, an IHDR chunk (size, 8 bits per channel, colour type 0 grey or
/// 2 RGB, no interlace), one IDAT chunk (every row behind filter byte 0, as a zlib stream) and
/// IEND; every chunk with its CRC-32 (``Zlib``).
public struct PNGImage: Equatable, Sendable {
    /// Grey (one byte a pixel) or RGB (three).
    public enum Colour: Int, Sendable {
        case grey = 1
        case rgb = 3

        /// PNG's colour type.
        var type: UInt8 { self == .grey ? 0 : 2 }
    }

    public let width: Int
    public let height: Int
    public let colour: Colour
    /// `width × height × colour.rawValue` bytes, row by row.
    public let pixels: [UInt8]

    /// A picture of `pixels`; missing bytes are 0 (black) and extra ones dropped, so that no
    /// array can make it trap. Sizes below 1 become 1.
    public init(width: Int, height: Int, colour: Colour, pixels: [UInt8]) {
        self.width = max(1, width)
        self.height = max(1, height)
        self.colour = colour
        let count = self.width * self.height * colour.rawValue
        self.pixels = pixels.count >= count ? Array(pixels.prefix(count)) : pixels + Array(repeating: 0, count: count - pixels.count)
    }

    /// The picture `factor` times as wide and as high (at least 1), by nearest neighbour.
    public func scaled(by factor: Int) -> PNGImage {
        let factor = max(1, factor)
        guard factor > 1 else { return self }
        let channels = colour.rawValue
        var out: [UInt8] = []
        out.reserveCapacity(pixels.count * factor * factor)
        for row in 0..<height {
            var line: [UInt8] = []
            line.reserveCapacity(width * factor * channels)
            for column in 0..<width {
                let start = (row * width + column) * channels
                for _ in 0..<factor { line += pixels[start..<(start + channels)] }
            }
            for _ in 0..<factor { out += line }
        }
        return PNGImage(width: width * factor, height: height * factor, colour: colour, pixels: out)
    }

    /// The eight bytes every PNG file starts with.
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG file.
    public var bytes: [UInt8] {
        var header = Self.bigEndian(UInt32(clamping: width)) + Self.bigEndian(UInt32(clamping: height))
        header += [8, colour.type, 0, 0, 0]  // bit depth, colour type, deflate, filter method 0, no interlace
        let rowBytes = width * colour.rawValue
        var filtered: [UInt8] = []
        filtered.reserveCapacity(height * (rowBytes + 1))
        for row in 0..<height {
            filtered.append(0)  // filter type None
            filtered += pixels[(row * rowBytes)..<((row + 1) * rowBytes)]
        }
        return Self.signature + Self.chunk("IHDR", header) + Self.chunk("IDAT", Zlib.deflate(filtered)) + Self.chunk("IEND", [])
    }

    /// A chunk: its length, type, data and the CRC-32 of type and data.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typed = Array(type.utf8) + data
        return bigEndian(UInt32(clamping: data.count)) + typed + bigEndian(Zlib.crc32(typed))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> $0) }
    }
}
