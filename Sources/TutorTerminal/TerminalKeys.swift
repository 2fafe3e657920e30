// The bytes a terminal in raw mode sends, as keys and mouse events.

/// A mouse event in xterm's SGR form (`ESC [ < B ; X ; Y M`, `m` for a release): which button,
/// what it did, and where (the screen's column and row, both from 1).
public struct MouseEvent: Equatable, Sendable {
    public enum Button: Equatable, Sendable { case left, middle, right, none }
    public enum Action: Equatable, Sendable {
        /// The button went down.
        case press
        /// The mouse moved with the button held (reported with mode 1002).
        case drag
        /// The button came up.
        case release
    }

    public var button: Button
    public var action: Action
    public var column: Int
    public var row: Int

    public init(button: Button, action: Action, column: Int, row: Int) {
        self.button = button
        self.action = action
        self.column = column
        self.row = row
    }
}

/// One key (or mouse event) read from a terminal in raw mode.
public enum TerminalKey: Equatable, Sendable {
    case up, down, left, right
    /// Enter (carriage return or line feed).
    case enter
    /// Esc on its own (not the start of a sequence).
    case escape
    /// Ctrl-C, which raw mode delivers as a byte instead of a signal.
    case interrupt
    /// A printable ASCII character (space included).
    case character(Character)
    case mouse(MouseEvent)
    /// Anything else: other control keys, function keys, bytes outside ASCII, the mouse wheel.
    case other
}

/// Turns the bytes a terminal sends into ``TerminalKey``s. Arrows come as `ESC [ A` or, in the
/// cursor-key application mode, `ESC O A`; mouse events as xterm's SGR reports. A sequence may
/// arrive split over several reads: what is unfinished waits in the decoder (``isWaiting``) for
/// the next ``feed(_:)``, and an Esc with nothing after it stays Esc only once ``flush()`` says
/// no more is coming (the caller waits a moment for more bytes first).
public struct KeyDecoder: Equatable, Sendable {
    /// The longest control sequence kept: a longer one is dropped as ``TerminalKey/other``.
    static let longestSequence = 32
    private var pending: [UInt8] = []

    public init() {}

    /// Whether an unfinished sequence (or a lone Esc) waits for more bytes.
    public var isWaiting: Bool { !pending.isEmpty }

    /// The keys that `bytes`, after what was waiting, complete.
    public mutating func feed(_ bytes: [UInt8]) -> [TerminalKey] {
        pending += bytes
        var keys: [TerminalKey] = []
        while let (key, length) = Self.decode(pending[...]) {
            keys.append(key)
            pending.removeFirst(length)
        }
        if pending.count > Self.longestSequence {
            pending = []
            keys.append(.other)
        }
        return keys
    }

    /// Ends what waits: a lone Esc is Esc; an unfinished sequence is dropped as ``TerminalKey/other``.
    public mutating func flush() -> [TerminalKey] {
        defer { pending = [] }
        guard let first = pending.first else { return [] }
        if first == 0x1B, pending.count == 1 { return [.escape] }
        return [.other]
    }

    /// The first key in `bytes` and how many bytes it takes, nil when it is unfinished (or there are none).
    static func decode(_ bytes: ArraySlice<UInt8>) -> (TerminalKey, Int)? {
        guard let first = bytes.first else { return nil }
        switch first {
        case 0x1B: return escapeSequence(bytes)
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x03: return (.interrupt, 1)
        case 0x20...0x7E: return (.character(Character(Unicode.Scalar(first))), 1)
        default: return (.other, 1)
        }
    }

    /// A sequence starting with Esc: an arrow, a mouse report, another sequence (``TerminalKey/other``),
    /// or Esc followed by an ordinary key (Esc, then that key).
    private static func escapeSequence(_ bytes: ArraySlice<UInt8>) -> (TerminalKey, Int)? {
        let body = Array(bytes.dropFirst())
        guard let kind = body.first else { return nil }
        switch kind {
        case UInt8(ascii: "["):
            // Parameters and intermediates (0x20…0x3F), then one final byte (0x40…0x7E).
            guard let end = body.dropFirst().firstIndex(where: { (0x40...0x7E).contains($0) }) else { return nil }
            let parameters = body[1..<end]
            let length = end + 2
            let final = body[end]
            if parameters.first == UInt8(ascii: "<"), final == UInt8(ascii: "M") || final == UInt8(ascii: "m") {
                return (mouse(Array(parameters.dropFirst()), released: final == UInt8(ascii: "m")).map(TerminalKey.mouse) ?? .other, length)
            }
            guard parameters.isEmpty || parameters.allSatisfy({ $0 == UInt8(ascii: ";") || (0x30...0x39).contains($0) }) else {
                return (.other, length)
            }
            return (arrow(final) ?? .other, length)
        case UInt8(ascii: "O"):
            guard body.count >= 2 else { return nil }
            return (arrow(body[1]) ?? .other, 3)
        default:
            return (.escape, 1)
        }
    }

    /// `A`…`D` as arrows.
    private static func arrow(_ final: UInt8) -> TerminalKey? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        default: return nil
        }
    }

    /// `B;X;Y` of an SGR mouse report; nil for the wheel and anything malformed.
    private static func mouse(_ parameters: [UInt8], released: Bool) -> MouseEvent? {
        let numbers = String(decoding: parameters, as: UTF8.self).split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        guard numbers.count == 3, let code = numbers[0], let column = numbers[1], let row = numbers[2],
              code >= 0, code < 64, column >= 1, row >= 1 else { return nil }
        let buttons: [MouseEvent.Button] = [.left, .middle, .right, .none]
        let button = buttons[code & 3]
        let action: MouseEvent.Action = released ? .release : (code & 32 != 0 ? .drag : .press)
        return MouseEvent(button: button, action: action, column: column, row: row)
    }
}
