import Testing
@testable import TutorTerminal

/// Terminal facts and styles.
@Suite struct TerminalTests {
    @Test func colorNeedsATerminalAndRespectsNoColorAndDumb() {
        #expect(Terminal.colorAllowed(isTTY: true, environment: ["TERM": "xterm-256color"]))
        #expect(!Terminal.colorAllowed(isTTY: false, environment: ["TERM": "xterm-256color"]))
        #expect(!Terminal.colorAllowed(isTTY: true, environment: ["NO_COLOR": "1"]))
        #expect(Terminal.colorAllowed(isTTY: true, environment: ["NO_COLOR": ""]))  // no-color.org: empty is unset
        #expect(!Terminal.colorAllowed(isTTY: true, environment: ["TERM": "dumb"]))
        #expect(Terminal.colorAllowed(isTTY: true, environment: [:]))
    }

    @Test func widthFromTheTerminalThenColumnsThenEighty() {
        #expect(Terminal.resolveWidth(windowColumns: 120, environment: ["COLUMNS": "100"]) == 120)
        #expect(Terminal.resolveWidth(windowColumns: nil, environment: ["COLUMNS": "100"]) == 100)
        #expect(Terminal.resolveWidth(windowColumns: 0, environment: ["COLUMNS": " 90 "]) == 90)
        #expect(Terminal.resolveWidth(windowColumns: nil, environment: ["COLUMNS": "wide"]) == 80)
        #expect(Terminal.resolveWidth(windowColumns: nil, environment: ["COLUMNS": "-5"]) == 80)
        #expect(Terminal.resolveWidth(windowColumns: nil, environment: [:]) == 80)
    }

    @Test func stylesCollapseWithoutColor() {
        let plain = ANSIStyle(color: false)
        #expect(plain.bold("x") == "x")
        #expect(plain.dim("x") == "x")
        #expect(plain.colored("x", .red) == "x")
        #expect(plain.foreground256("x", 244) == "x")
        #expect(plain.background256("x", 21) == "x")
        #expect(plain.eraseLine == "\r")
    }

    @Test func stylesWithColor() {
        let style = ANSIStyle(color: true)
        #expect(style.bold("x") == "\u{1B}[1mx\u{1B}[0m")
        #expect(style.dim("x") == "\u{1B}[2mx\u{1B}[0m")
        #expect(style.colored("x", .green) == "\u{1B}[32mx\u{1B}[0m")
        #expect(style.colored("x", .gray) == "\u{1B}[90mx\u{1B}[0m")
        #expect(style.foreground256("x", 300) == "\u{1B}[38;5;255mx\u{1B}[0m")
        #expect(style.background256("x", 21) == "\u{1B}[48;5;21mx\u{1B}[0m")
        #expect(style.bold("") == "")
        #expect(style.eraseLine == "\r\u{1B}[2K")
    }

    @Test func currentTerminalUnderTestsIsConsistent() {
        let terminal = Terminal.current(environment: ["NO_COLOR": "1"])
        #expect(terminal.width > 0)
        #expect(!terminal.colorEnabled)
        #expect(terminal.style == ANSIStyle(color: false))
    }
}
