import Foundation
import Testing

/// `draw` and `predict drawn` in the built `tutor`: from a pipe (the 28 lines after `draw`) and
/// at a real terminal (tmux: the canvas driven by the arrows, space and the mouse; Esc and Enter
/// give the terminal back as it was).
struct DrawTests {
    /// A vertical bar `width` columns wide over rows 4…23, as the 28 lines of a drawing.
    static func bar(left: Int, width: Int) -> String {
        (0..<28).map { (4...23).contains($0) ? String(repeating: " ", count: left) + String(repeating: "#", count: width) : "" }
            .joined(separator: "\n")
    }

    /// The issue's test: a drawn 1 (a vertical bar, piped in) is predicted as 1 by the lesson's
    /// model trained for an epoch on the whole of MNIST, wherever the bar is and however wide.
    @Test func aDrawnOneIsPredictedAsOneByAModelTrainedForAnEpoch() async throws {
        let bars = [(12, 3), (13, 2), (4, 2), (21, 3)]
        let input = ["data mnist", "layer flatten", "layer dense 256 sigmoid", "layer dense 10 softmax", "fit 1"]
            .joined(separator: "\n") + "\n" + bars.map { "draw\n" + Self.bar(left: $0.0, width: $0.1) + "\npredict drawn\n" }.joined()
        let result = try await TutorBinary.run([], input: input)
        #expect(result.status == 0, "\(result.stderr)")
        let verdicts = result.stdout.split(separator: "\n").filter { $0.hasPrefix("predicted ") }
        #expect(verdicts == Array(repeating: "predicted 1 (a drawing has no label: only you know which digit you meant)", count: bars.count))
        #expect(result.stdout.contains("  1. ink in rows 4–23 and columns 4–5: 20 × 2 pixels"))
        #expect(!result.stdout.contains(">>> #"))  // the drawing's lines are not echoed as commands
    }

    /// A piped drawing's lines count as lines: an error after it names the line it is on.
    @Test func aPipedDrawingsErrorsNameTheirLines() async throws {
        var lines = Self.bar(left: 12, width: 3).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[9] = String(repeating: "#", count: 29)
        let input = "show onehot 1\ndraw\n" + lines.joined(separator: "\n") + "\nshow onehot 2\npredict drawn\ndraw\n#\n"
        let result = try await TutorBinary.run([], input: input)
        #expect(result.status == 1)
        #expect(result.stdout.contains("""
            >>> draw
            error: line 10 of the drawing has 29 characters; a drawing's lines hold at most
                   28
              --> 12:29
               |
            12 | #############################
               |                             ^ after `draw`, 28 lines of at most 28
               |                               characters: `#` is ink, anything else blank
            >>> show onehot 2
            """))
        #expect(result.stdout.contains("""
            >>> predict drawn
            error: there is no drawing to predict yet
              --> 32:9
               |
            32 | predict drawn
               |         ^^^^^ draw a digit first: `draw`
            >>> draw
            error: `draw` takes the 28 lines after it as the drawing, but the input ended
                   after 1 line
              --> 33:1
            """))
    }

    // MARK: - At a terminal

    static func state() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tutor-draw-\(getpid())-\(Int.random(in: 0..<1_000_000))")
    }

    static func tutor(_ state: URL, colour: Bool = false) -> String {
        "cd '\(TutorBinary.packageRoot.path)' && XDG_STATE_HOME='\(state.path)' \(colour ? "" : "NO_COLOR=1 ")'\(TutorBinary.executable.path)'; echo \"tutor ended: $?\"; sleep 30"
    }

    /// Whether the terminal still has the alternate screen or mouse reporting on (tmux's flags).
    static func modes(_ tmux: Tmux) async throws -> String {
        try await tmux.run(["display-message", "-p", "-t", "test", "#{alternate_on} #{mouse_button_flag} #{mouse_sgr_flag}"])
    }

    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"))
    func aDigitDrawnWithTheArrowsAndSpaceIsPredicted() async throws {
        let state = Self.state()
        defer { try? FileManager.default.removeItem(at: state) }
        try await Tmux.session(Self.tutor(state), width: 90, height: 40) { tmux in
            _ = try await tmux.wait(for: "[1]>")
            for line in ["data mnist 2000 100", "layer flatten", "layer dense 32 sigmoid", "layer dense 10 softmax"] {
                try await tmux.type(line)
                try await tmux.keys("Enter")
            }
            _ = try await tmux.wait(for: "[5]>")
            try await tmux.type("draw")
            try await tmux.keys("Enter")
            var rows = try await Self.canvasRows(tmux)
            #expect(rows.first?.hasPrefix("┌─ draw a digit: pen up, row 14 column 14, 0 inked") == true)
            #expect(try await Self.modes(tmux) == "1 1 1\n")
            // Space inks the cell under the cursor; with the pen down (p) the arrows ink as they go.
            try await tmux.keys("Space", "Right", "Space", "Up", "p")
            for _ in 0..<3 { try await tmux.keys("Up") }
            try await tmux.keys("p", "Left")
            // The mouse: a press and a drag of the left button ink the cells under it.
            let press = "\u{1B}[<0;\(2 + 2 * 20);\(2 + 5)M", drag = "\u{1B}[<32;\(2 + 2 * 21);\(2 + 5)M"
            try await tmux.type(press + drag + "\u{1B}[<0;\(2 + 2 * 21);\(2 + 5)m")
            rows = try await Self.canvasRows(tmux, showing: "8 inked")
            let cell = { (row: Int, column: Int) -> String in
                let line = Array(rows.indices.contains(row + 1) ? rows[row + 1] : "")
                let start = 1 + 2 * column
                return line.indices.contains(start + 1) ? String(line[start...(start + 1)]) : ""
            }
            for (row, column) in [(14, 14), (14, 15), (13, 15), (12, 15), (11, 15), (10, 15), (5, 20)] {
                #expect(cell(row, column) == "██", "cell \(row), \(column)")
            }
            #expect(cell(5, 21) == "▓▓")  // the cursor, which the mouse moved, on ink
            #expect(cell(10, 14) == "· " && cell(15, 14) == "· ")
            try await tmux.keys("Enter")
            var screen = try await tmux.wait(for: "[6]>")
            #expect(screen.contains("  1. ink in rows 5–14 and columns 14–21: 10 × 8 pixels"))
            #expect(try await Self.modes(tmux) == "0 0 0\n")
            try await tmux.type("predict drawn")
            try await tmux.keys("Enter")
            screen = try await tmux.wait(for: "[7]>")
            #expect(screen.contains("Your drawing, fitted and centred as MNIST's digits were"))
            #expect(screen.contains("predicted "))
            try await tmux.type("quit")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "tutor ended: 0")
        }
    }

    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"), arguments: ["Escape", "C-c"])
    func escOrCtrlCGivesTheTerminalBackAndChangesNothing(key: String) async throws {
        let state = Self.state()
        defer { try? FileManager.default.removeItem(at: state) }
        try await Tmux.session(Self.tutor(state, colour: true), width: 80, height: 40) { tmux in
            _ = try await tmux.wait(for: "[1]>")
            try await tmux.type("show onehot 5")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "[2]>")
            try await tmux.type("draw")
            try await tmux.keys("Enter")
            _ = try await Self.canvasRows(tmux)
            try await tmux.keys("Space", key)
            var screen = try await tmux.wait(for: "[3]>")
            #expect(screen.contains("onehot(5)"))  // the screen from before the canvas is back
            #expect(screen.contains("error: the drawing was cancelled (Esc or Ctrl-C): nothing changed"))
            #expect(!screen.contains("tutor ended"))
            #expect(try await Self.modes(tmux) == "0 0 0\n")
            // The prompt reads lines again: the terminal is back in its own mode.
            try await tmux.type("predict drawn")
            try await tmux.keys("Enter")
            screen = try await tmux.wait(for: "[4]>")
            #expect(screen.contains("error: there is no drawing to predict yet"))
            try await tmux.type("quit")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "tutor ended: 0")
        }
    }

    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"))
    func aNarrowWindowIsToldHowWideItMustBe() async throws {
        let state = Self.state()
        defer { try? FileManager.default.removeItem(at: state) }
        try await Tmux.session(Self.tutor(state), width: 50, height: 40) { tmux in
            _ = try await tmux.wait(for: "[1]>")
            try await tmux.type("draw")
            try await tmux.keys("Enter")
            _ = try await tmux.waitAcrossLines(for: "error: the window is 50 columns wide: the canvas needs at least 60 (28 cells of 2 columns, and its frame)")
            _ = try await tmux.wait(for: "[2]>")
            #expect(try await Self.modes(tmux) == "0 0 0\n")
        }
    }

    /// The canvas' rows once it shows `text` (its frame's top line, by default).
    static func canvasRows(_ tmux: Tmux, showing text: String = "┌─ draw a digit") async throws -> [String] {
        let deadline = Date().addingTimeInterval(20)
        var rows: [String] = []
        while Date() < deadline {
            rows = try await tmux.visibleRows()
            if rows.first?.contains(text) == true { return rows }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the canvas never showed \(text.debugDescription); the window was:\n\(rows.joined(separator: "\n"))")
        return rows
    }
}
