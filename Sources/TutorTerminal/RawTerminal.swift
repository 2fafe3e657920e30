// Raw terminal input for `draw`'s canvas: the one file that changes the terminal's mode (termios).

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal taken over for a full-screen interaction: raw mode (each key as it is pressed,
/// not echoed, Ctrl-C as a byte instead of a signal), the alternate screen (what was on the
/// screen comes back afterwards) and xterm's mouse reporting (buttons, drags, SGR coordinates).
/// ``session(_:)`` always gives all of it back, whatever ends the interaction.
public final class RawTerminal {
    /// Turns on the alternate screen and mouse reporting: presses and releases (1000), motion
    /// with a button held (1002), in SGR form (1006); and shows the cursor.
    static let enter = "\u{1B}[?1049h\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h\u{1B}[?25h"
    /// Turns them off again, in the reverse order, and leaves the alternate screen.
    static let leave = "\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l\u{1B}[?1049l"

    private init() {}

    /// The window's size (`TIOCGWINSZ` on standard output), if it reports one.
    public static func windowSize() -> (columns: Int, rows: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Runs `body` with the terminal in raw mode on the alternate screen with mouse reporting,
    /// then restores the mode it found, turns reporting off and leaves the alternate screen —
    /// after `body` returns, however it returns. Nil when standard input is not a terminal
    /// whose mode can be set.
    public static func session<T>(_ body: (RawTerminal) -> T) -> T? {
        var original = termios()
        guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &original) == 0 else { return nil }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR | ISTRIP)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { return nil }
        let terminal = RawTerminal()
        terminal.show(enter)
        defer {
            terminal.show(leave)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
        }
        return body(terminal)
    }

    /// Writes `text` to standard output at once.
    public func show(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// What the next read from standard input brings: bytes, `[]` once it has ended (or
    /// failed), or nil when `milliseconds` pass with nothing to read (never, when nil).
    public func bytes(within milliseconds: Int? = nil) -> [UInt8]? {
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&descriptor, 1, Int32(clamping: milliseconds ?? -1))
            if ready < 0, errno == EINTR { continue }
            if ready == 0 { return nil }
            if ready < 0 { return [] }
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            return count > 0 ? Array(buffer.prefix(count)) : []
        }
    }
}
