import ChildProcess
import Foundation
import Testing
@testable import NeuralNet

/// The zlib tutor writes with: CRC-32 as PNG and zip know it, and zlib streams Python inflates back.
struct ZlibTests {
    @Test func crc32IsTheStandardOne() {
        #expect(Zlib.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Zlib.crc32([]) == 0)
        // Summed in two parts, the same as at once; an empty part changes nothing.
        let whole = Array("IHDR and more".utf8)
        #expect(Zlib.crc32(Array(whole[4...]), continuing: Zlib.crc32(Array(whole[..<4]))) == Zlib.crc32(whole))
        #expect(Zlib.crc32([], continuing: 0x1234_5678) == 0x1234_5678)
    }

    /// Python's zlib inflates the deflated stream and the stored one (several blocks of at most
    /// 65,535 bytes) back to the bytes, and an empty stream to nothing.
    @Test(.enabled(if: Python.isInstalled, "python3 is not installed"))
    func pythonInflatesWhatIsDeflated() async throws {
        var generator = SeededGenerator(seed: 7)
        let bytes = (0..<200_000).map { index in index % 3 == 0 ? UInt8(truncatingIfNeeded: generator.next()) : UInt8(index % 7) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zlib-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, original, stream) in [("deflated", bytes, Zlib.deflate(bytes)), ("stored", bytes, Zlib.storedStream(bytes)),
                                         ("empty", [], Zlib.deflate([])), ("empty-stored", [], Zlib.storedStream([]))] {
            let plain = folder.appendingPathComponent(name + ".bin")
            let packed = folder.appendingPathComponent(name + ".z")
            try Data(original).write(to: plain)
            try Data(stream).write(to: packed)
            let check = "import sys, zlib; print(zlib.decompress(open(sys.argv[2], 'rb').read()) == open(sys.argv[1], 'rb').read())"
            let result = try await Python.run(["-c", check, plain.path, packed.path])
            #expect(result.stdout == "True\n", "\(name): \(result.stderr)")
        }
        #expect(Zlib.deflate(bytes).count < bytes.count * 2 / 3)  // a third of the bytes are random
    }
}
