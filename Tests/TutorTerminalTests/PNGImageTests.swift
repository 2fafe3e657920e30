import ChildProcess
import Foundation
import Testing
@testable import TutorLanguage
@testable import TutorTerminal

/// The notebook's pictures: PNG files that Python's zlib reads back pixel for pixel, enlarged
/// with nearest neighbour, in the terminal pictures' colours.
struct PNGImageTests {
    /// Reads a PNG as a PNG reader must: the signature, each chunk's CRC-32, IHDR, the IDAT zlib
    /// stream and each row's filter byte (0 here). Prints `WIDTH HEIGHT COLOURTYPE HEX`.
    static let reader = """
        import struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'signature'
        offset, chunks = 8, []
        while offset < len(data):
            length, kind = struct.unpack('>I4s', data[offset:offset + 8])
            body = data[offset + 8:offset + 8 + length]
            (crc,) = struct.unpack('>I', data[offset + 8 + length:offset + 12 + length])
            assert zlib.crc32(kind + body) == crc, 'crc of ' + kind.decode()
            chunks.append((kind, body))
            offset += 12 + length
        assert [k for k, _ in chunks] == [b'IHDR', b'IDAT', b'IEND'], [k for k, _ in chunks]
        width, height, depth, colour, method, filtering, interlace = struct.unpack('>IIBBBBB', chunks[0][1])
        assert (depth, method, filtering, interlace) == (8, 0, 0, 0)
        raw = zlib.decompress(chunks[1][1])
        row = width * (1 if colour == 0 else 3)
        assert len(raw) == height * (row + 1)
        assert all(raw[r * (row + 1)] == 0 for r in range(height)), 'filter'
        pixels = b''.join(raw[r * (row + 1) + 1:(r + 1) * (row + 1)] for r in range(height))
        print(width, height, colour, pixels.hex())
        """

    /// What Python reads in `image`'s PNG file.
    static func decoded(_ image: PNGImage) async throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("png-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(image.bytes).write(to: file)
        let result = try await Python.run(["-c", reader, file.path])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .newlines)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test func nearestNeighbourRepeatsEachPixelAsASquare() {
        let image = PNGImage(width: 2, height: 1, colour: .grey, pixels: [10, 200]).scaled(by: 3)
        #expect(image.width == 6 && image.height == 3)
        #expect(image.pixels == Array(repeating: [10, 10, 10, 200, 200, 200], count: 3).flatMap { $0 })
        let rgb = PNGImage(width: 1, height: 2, colour: .rgb, pixels: [1, 2, 3, 4, 5, 6]).scaled(by: 2)
        #expect(rgb.pixels == [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6, 4, 5, 6, 4, 5, 6])
        #expect(image.scaled(by: 0) == image)
    }

    /// Short arrays are padded with black, long ones cut, sizes below 1 made 1: nothing traps.
    @Test func anyArrayMakesAPicture() {
        #expect(PNGImage(width: 2, height: 2, colour: .grey, pixels: [9]).pixels == [9, 0, 0, 0])
        #expect(PNGImage(width: 1, height: 1, colour: .rgb, pixels: [1, 2, 3, 4, 5]).pixels == [1, 2, 3])
        #expect(PNGImage(width: 0, height: -3, colour: .grey, pixels: []).pixels == [0])
    }

    @Test(.enabled(if: Python.isInstalled, "python3 is not installed"))
    func pythonReadsTheDigitPixelForPixel() async throws {
        let pixels = (0..<(28 * 28)).map { UInt8(($0 * 7) % 256) }
        let digit = DigitImage(index: 3, split: .test, label: 5, width: 28, height: 28, pixels: pixels)
        let pictures = NotebookPictures.pictures(.image(digit))
        #expect(pictures.count == 1)
        let picture = try #require(pictures.first)
        // Each pixel an 8×8 square, as an independent formula gives it.
        let expected = (0..<224).flatMap { row in (0..<224).map { column in pixels[(row / 8) * 28 + column / 8] } }
        #expect(try await Self.decoded(picture) == "224 224 0 " + Self.hex(expected))
    }

    /// Weights in the terminal picture's colours: white for 0, pure red for the strongest
    /// positive, pure blue for the strongest negative (xterm's cube colours 231, 196, 21).
    @Test(.enabled(if: Python.isInstalled, "python3 is not installed"))
    func weightsAreRedAndBlueAsOnTheTerminal() async throws {
        let report = WeightsReport(unit: 0, width: 3, height: 1, values: [0, 0.5, -0.5])
        let picture = NotebookPictures.weights(report)
        #expect(picture.width == 24 && picture.height == 8)
        let row = [[255, 255, 255], [255, 0, 0], [0, 0, 255]].flatMap { Array(repeating: $0, count: 8).flatMap { $0 } }.map(UInt8.init)
        #expect(try await Self.decoded(picture) == "24 8 2 " + Self.hex(Array(Array(repeating: row, count: 8).joined())))
        #expect(NotebookPictures.cubeColour(16 + 36 * 2 + 6 * 3 + 4) == [135, 175, 215])
    }

    /// The bars: one per output, as long as ``Bars`` scales it (1 fills the width), the top one dark.
    @Test func barsAreAsLongAsTheirValues() {
        let picture = NotebookPictures.bars([0.25, 1, 0, -2, .nan])
        #expect(picture.width == 320 && picture.height == 5 * 20)
        func length(ofBar index: Int) -> Int {
            let row = index * 20
            return (0..<320).filter { picture.pixels[(row * 320 + $0) * 3] != 255 || picture.pixels[(row * 320 + $0) * 3 + 2] != 255 }.count
        }
        #expect((0..<5).map(length(ofBar:)) == [80, 320, 1, 1, 1])
        #expect(Array(picture.pixels[(20 * 320) * 3..<(20 * 320) * 3 + 3]) == [0, 0, 135])
        #expect(Array(picture.pixels[0..<3]) == [135, 175, 255])
        // The gap below each bar is white.
        #expect(picture.pixels[(16 * 320) * 3..<(20 * 320) * 3].allSatisfy { $0 == 255 })
    }

    @Test func predictionsHaveTheDigitThenTheBars() {
        let digit = DigitImage(index: 0, split: .test, label: 1, width: 28, height: 28, pixels: Array(repeating: 0, count: 784))
        let prediction = Prediction(image: digit, outputs: [0.1, 0.9], predicted: 1, outputActivation: .softmax)
        let pictures = NotebookPictures.pictures(.prediction(prediction))
        #expect(pictures.map(\.width) == [224, 320] && pictures.map(\.height) == [224, 40])
        #expect(NotebookPictures.pictures(.message("hello")).isEmpty)
    }
}
