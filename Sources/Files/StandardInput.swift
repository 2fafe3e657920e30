import Foundation
import Synchronization

/// Lines read from standard input when it is not a terminal (a pipe, a file), in bounded memory:
/// the one reader of standard input's lines (the notebook's, a lesson's and the line editor's
/// without libedit), so that they share what has been read ahead.
public enum StandardInput {
    /// The next line without its line break (`\n` or `\r\n`), or nil at the end of the input.
    /// A line longer than ``FileLimits/lineBytes`` comes back cut to its first `lineBytes + 1`
    /// bytes, which the parser refuses as too long; the rest of it is read and dropped, so a
    /// line of any length takes no more memory than that.
    public static func readLine() -> String? {
        reader.withLock { $0.next() }
    }

    private static let reader = Mutex(LineReader(limit: FileLimits.lineBytes) { buffer in
        read(STDIN_FILENO, buffer.baseAddress, buffer.count)
    })
}

/// Splits what `read` gives into lines, keeping at most `limit + 1` bytes of each (see
/// ``StandardInput/readLine()``).
public struct LineReader: Sendable {
    /// The most bytes of a line kept: a longer line is cut to `limit + 1`.
    public let limit: Int
    /// Fills the buffer it is given; returns the bytes read, 0 at the end, or -1 with `errno`.
    private let source: @Sendable (UnsafeMutableRawBufferPointer) -> Int
    /// Bytes read but not yet returned: `pending[start...]`.
    private var pending: [UInt8] = []
    private var start = 0
    private var atEnd = false

    public init(limit: Int, read: @escaping @Sendable (UnsafeMutableRawBufferPointer) -> Int) {
        self.limit = limit
        self.source = read
    }

    /// The next line, as ``StandardInput/readLine()`` describes; nil once the input has ended.
    public mutating func next() -> String? {
        var line: [UInt8] = []
        var sawAny = false
        while true {
            if start < pending.count {
                sawAny = true
                if let newline = newline(from: start) {
                    keep(pending[start..<newline], in: &line)
                    start = newline + 1
                    return text(line)
                }
                keep(pending[start...], in: &line)
            }
            pending.removeAll(keepingCapacity: true)
            start = 0
            guard !atEnd, fill() else { return sawAny ? text(line) : nil }
        }
    }

    /// The position of the first `\n` in `pending` from `offset` on (memchr: lines can be long).
    private func newline(from offset: Int) -> Int? {
        pending.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                  let found = memchr(base + offset, Int32(UInt8(ascii: "\n")), buffer.count - offset) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
    }

    /// Appends `bytes` to `line` up to `limit + 1` bytes; drops the rest.
    private func keep(_ bytes: ArraySlice<UInt8>, in line: inout [UInt8]) {
        let room = limit + 1 - line.count
        if room > 0 { line.append(contentsOf: bytes.prefix(room)) }
    }

    /// Reads the next chunk into `pending`; false at the end of the input (or on an error).
    private mutating func fill() -> Bool {
        let chunk = 1 << 16
        while true {
            pending = [UInt8](repeating: 0, count: chunk)
            let n = pending.withUnsafeMutableBytes { source($0) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                pending = []
                atEnd = true
                return false
            }
            pending.removeLast(chunk - n)
            return true
        }
    }

    /// The line as text (bytes that are not UTF-8 become U+FFFD), without a `\r` before its `\n`
    /// unless the line was cut.
    private func text(_ line: [UInt8]) -> String {
        var bytes = line[...]
        if bytes.count <= limit, bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
