import Files
import Foundation
import Testing

/// Lines in bounded memory: a line longer than the limit comes back cut to limit + 1 bytes (for
/// the parser to refuse), the lines after it intact.
@Suite struct LineReaderTests {
    /// A reader of `input` handed over `chunk` bytes at a time.
    static func reader(_ input: [UInt8], limit: Int, chunk: Int = 7) -> LineReader {
        let position = Position()
        return LineReader(limit: limit) { buffer in
            position.next(of: input, into: buffer, limit: chunk)
        }
    }

    /// Where the fake input is (a class, so the reader's `@Sendable` closure can move it on).
    final class Position: @unchecked Sendable {
        var offset = 0
        func next(of input: [UInt8], into buffer: UnsafeMutableRawBufferPointer, limit most: Int) -> Int {
            let n = min(buffer.count, most, input.count - offset)
            for i in 0..<n { buffer[i] = input[offset + i] }
            offset += n
            return n
        }
    }

    static func lines(_ text: String, limit: Int = 10, chunk: Int = 7) -> [String] {
        var reader = reader(Array(text.utf8), limit: limit, chunk: chunk)
        var lines: [String] = []
        while let line = reader.next() { lines.append(line) }
        return lines
    }

    @Test(arguments: [1, 3, 7, 100])
    func linesAndTheirBreaks(chunk: Int) {
        #expect(Self.lines("a\nbb\r\n\nlast", chunk: chunk) == ["a", "bb", "", "last"])
        #expect(Self.lines("a\n", chunk: chunk) == ["a"])
        #expect(Self.lines("", chunk: chunk) == [])
        #expect(Self.lines("\n", chunk: chunk) == [""])
    }

    @Test(arguments: [1, 3, 7, 100])
    func aLongLineIsCutAndTheNextOneIsWhole(chunk: Int) {
        let long = String(repeating: "x", count: 1000)
        #expect(Self.lines("ok\n\(long)\nnext\n", chunk: chunk) == ["ok", String(repeating: "x", count: 11), "next"])
        #expect(Self.lines(long, chunk: chunk) == [String(repeating: "x", count: 11)])
        // Exactly at the limit: whole.
        #expect(Self.lines("0123456789\n", chunk: chunk) == ["0123456789"])
    }

    /// A 40 MB line read through the real limit: what comes back is 64 KiB and one byte.
    @Test func aFortyMegabyteLineKeepsOnlyWhatIsNeeded() {
        let line = [UInt8](repeating: UInt8(ascii: "1"), count: 40_000_000) + Array("\nshow onehot 3\n".utf8)
        var reader = Self.reader(line, limit: FileLimits.lineBytes, chunk: 1 << 16)
        #expect(reader.next()?.utf8.count == FileLimits.lineBytes + 1)
        #expect(reader.next() == "show onehot 3")
        #expect(reader.next() == nil)
    }
}
