// Terminal facts (is stdout a terminal, how wide is it, may we use colour) and the ANSI
// styling helpers pictures draw with (meanings have their colours in Palette.swift).

import TextFormat

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the program knows about the terminal it writes to.
///
/// Renderers never ask the terminal themselves: they take `color: Bool` and a width, so
/// their output is a pure function of their arguments. Build one `Terminal` with
/// `Terminal.current()` at start-up and pass its facts down.
public struct Terminal: Sendable, Equatable {
    /// Whether standard output is a terminal (not a pipe or a file).
    public var isTTY: Bool
    /// Columns available for output.
    public var width: Int
    /// Whether ANSI colours and styles may be used.
    public var colorEnabled: Bool

    /// Creates a description from explicit facts (handy in tests).
    public init(isTTY: Bool, width: Int, colorEnabled: Bool) {
        self.isTTY = isTTY
        self.width = width
        self.colorEnabled = colorEnabled
    }

    /// The styling helpers matching `colorEnabled`, for pictures.
    public var style: ANSIStyle { ANSIStyle(color: colorEnabled) }

    /// The styles for meanings (errors, hints, the prompt…) matching `colorEnabled`.
    public var palette: Palette { Palette(color: colorEnabled) }

    /// The facts for this process' standard output, given its environment.
    public static func current(environment: [String: String]) -> Terminal {
        let tty = standardOutputIsTTY()
        return Terminal(
            isTTY: tty,
            width: resolveWidth(windowColumns: tty ? windowColumns() : nil, environment: environment),
            colorEnabled: colorAllowed(isTTY: tty, environment: environment)
        )
    }

    /// Clears the screen and puts the cursor at its top left (`ESC[2J ESC[H`): the `clear`
    /// command and Ctrl-L at a prompt.
    public static let clearScreen = "\u{1B}[2J\u{1B}[H"

    /// The width used when neither the terminal nor `$COLUMNS` says otherwise.
    public static let defaultWidth = TextColumns.defaultWidth

    /// Colour is allowed on a terminal, unless `NO_COLOR` is set to a non-empty value
    /// (https://no-color.org) or `TERM` is `dumb`.
    public static func colorAllowed(isTTY: Bool, environment: [String: String]) -> Bool {
        guard isTTY else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }

    /// The terminal's own column count when known, else a positive `$COLUMNS`, else 80.
    public static func resolveWidth(windowColumns: Int?, environment: [String: String]) -> Int {
        if let columns = windowColumns, columns > 0 { return columns }
        if let text = environment["COLUMNS"]?.trimmingSpaces, let columns = Int(text), columns > 0 {
            return columns
        }
        return defaultWidth
    }

    /// The palette for what is written to standard error: colour when standard error is a
    /// terminal, by the same rules as standard output's.
    public static func standardErrorPalette(environment: [String: String]) -> Palette {
        Palette(color: colorAllowed(isTTY: isatty(STDERR_FILENO) == 1, environment: environment))
    }

    /// Whether standard output is a terminal.
    public static func standardOutputIsTTY() -> Bool { isatty(STDOUT_FILENO) == 1 }

    /// Whether standard input is a terminal (the REPL prompts only then).
    public static func standardInputIsTTY() -> Bool { isatty(STDIN_FILENO) == 1 }

    /// The column count reported by the terminal on standard output (`TIOCGWINSZ`), if any.
    public static func windowColumns() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}

/// The eight basic ANSI colours plus bright black ("gray").
public enum TerminalColor: String, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white, gray

    /// The SGR foreground code.
    var foregroundCode: Int {
        switch self {
        case .black: 30
        case .red: 31
        case .green: 32
        case .yellow: 33
        case .blue: 34
        case .magenta: 35
        case .cyan: 36
        case .white: 37
        case .gray: 90
        }
    }
}

/// ANSI styling that collapses to plain text when colour is off: the mechanism under
/// ``Palette`` and the colours of pictures (digits, weight maps, charts, Keras' progress bar).
/// Text that means something (an error, a hint, the prompt) takes its style from ``Palette``.
///
/// Every helper returns its argument unchanged when `color` is false, so a renderer can
/// style freely and still produce clean text for pipes, files and `NO_COLOR` users.
public struct ANSIStyle: Sendable, Equatable {
    /// Whether escape sequences are emitted.
    public var color: Bool

    /// Creates a style; with `color` false every helper is the identity.
    public init(color: Bool) { self.color = color }

    /// The escape character.
    static let escape = "\u{1B}"
    /// Resets all attributes.
    static let reset = "\u{1B}[0m"

    /// `text` in bold.
    public func bold(_ text: String) -> String { sgr("1", text) }

    /// `text` dimmed (faint).
    public func dim(_ text: String) -> String { sgr("2", text) }

    /// `text` in one of the basic colours.
    public func colored(_ text: String, _ name: TerminalColor) -> String {
        sgr(String(name.foregroundCode), text)
    }

    /// `text` in a colour of the 256-colour palette (foreground).
    public func foreground256(_ text: String, _ index: Int) -> String {
        sgr("38;5;\(Self.paletteIndex(index))", text)
    }

    /// `text` on a background colour of the 256-colour palette.
    public func background256(_ text: String, _ index: Int) -> String {
        sgr("48;5;\(Self.paletteIndex(index))", text)
    }

    /// Return to the start of the line and erase it (`\r` + `ESC[2K`), to redraw a progress
    /// line in place. Without colour this is a bare `\r`: write lines that never shrink,
    /// or rewrite lines only when standard output is a terminal.
    public var eraseLine: String { color ? "\r\u{1B}[2K" : "\r" }

    /// Wraps `text` in a Select Graphic Rendition sequence and a reset.
    func sgr(_ code: String, _ text: String) -> String {
        guard color, !text.isEmpty else { return text }
        return "\(Self.escape)[\(code)m\(text)\(Self.reset)"
    }

    /// A palette index clamped to 0…255.
    static func paletteIndex(_ index: Int) -> Int { min(255, max(0, index)) }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
