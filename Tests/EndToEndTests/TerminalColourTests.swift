import Foundation
import Testing

/// Colours at a real terminal (tmux): a lesson with a hint, a command, an error and a solved
/// exercise. Each colour stays on the words it marks — the prompt, the hint's label, the `error:`
/// word and its carets, the `✓` — and what is typed and printed after them is the terminal's own
/// colour; with `NO_COLOR` nothing is styled at all.
struct TerminalColourTests {
    /// One character on the screen and the style it is shown in.
    struct Cell: Equatable {
        var character: Character
        var foreground: Int?
        var bold = false
        var dim = false
    }

    /// The screen as `capture-pane -e` writes it, read as a terminal would: each line's cells with
    /// their foreground colour (an SGR code: 31 red, 36 cyan…; nil for the terminal's own),
    /// bold and dim. Styles carry from line to line, as on the screen.
    static func cells(_ screen: String) -> [[Cell]] {
        var lines: [[Cell]] = [[]]
        var style = Cell(character: " ")
        var scalars = screen.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1B}", scalars.first == "[" {
                scalars.removeFirst()
                var parameters = ""
                while let next = scalars.popFirst(), !(0x40...0x7E).contains(next.value) { parameters.unicodeScalars.append(next) }
                var codes = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }[...]
                while let code = codes.popFirst() {
                    switch code {
                    case 0: style = Cell(character: " ")
                    case 1: style.bold = true
                    case 2: style.dim = true
                    case 22: style.bold = false; style.dim = false
                    case 30...37, 90...97: style.foreground = code
                    case 39: style.foreground = nil
                    case 38, 48: codes = codes.dropFirst(codes.first == 5 ? 2 : 4)
                    default: break
                    }
                }
            } else if scalar == "\n" {
                lines.append([])
            } else {
                var cell = style
                cell.character = Character(scalar)
                lines[lines.count - 1].append(cell)
            }
        }
        return lines
    }

    /// The text of a line of cells.
    static func text(_ line: [Cell]) -> String { String(line.map(\.character)) }

    /// The cells of `line` from where `part` starts, as many as `part` has.
    static func cells(of part: String, in line: [Cell]) -> [Cell]? {
        let characters = line.map(\.character)
        let wanted = Array(part)
        guard wanted.count <= characters.count else { return nil }
        for start in 0...(characters.count - wanted.count) where Array(characters[start..<start + wanted.count]) == wanted {
            return Array(line[start..<start + wanted.count])
        }
        return nil
    }

    /// Whether every cell of `part` on the first line holding `anchor` has `foreground` and `bold`.
    static func styled(_ part: String, on anchor: String, in lines: [[Cell]], foreground: Int?, bold: Bool = false, dim: Bool = false) -> Bool {
        guard let line = lines.first(where: { text($0).contains(anchor) }), let cells = cells(of: part, in: line) else {
            Issue.record("no line holding \(anchor.debugDescription) and \(part.debugDescription)")
            return false
        }
        let wrong = cells.filter { $0.character != " " && ($0.foreground != foreground || $0.bold != bold || $0.dim != dim) }
        if !wrong.isEmpty { Issue.record("\(part.debugDescription) on \(anchor.debugDescription): \(wrong)") }
        return wrong.isEmpty
    }

    static func lesson(_ tmux: Tmux) async throws {
        _ = try await tmux.wait(for: "[Enter to go on, `quit` to leave]")
        try await tmux.keys("Enter")
        _ = try await tmux.wait(for: "softmax-sum 1/2>")
        try await tmux.type("hint")
        try await tmux.keys("Enter")
        _ = try await tmux.wait(for: "hint 1/2:")
        try await tmux.type("show softmax [1, 2]")
        try await tmux.keys("Enter")
        _ = try await tmux.wait(for: "0.2689 0.7311")
        try await tmux.type("layer dense 64 sigmiod")
        try await tmux.keys("Enter")
        _ = try await tmux.wait(for: "did you mean `sigmoid`?")
        try await tmux.type("answer 1")
        try await tmux.keys("Enter")
        _ = try await tmux.wait(for: "make-probabilities 2/2>")
    }

    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"), arguments: [60, 100])
    func aLessonWithAHintResetsEveryColour(width: Int) async throws {
        let workspace = TerminalKeysTests.folder("colour-work")
        let state = TerminalKeysTests.folder("colour-state")
        defer {
            try? FileManager.default.removeItem(at: workspace)
            try? FileManager.default.removeItem(at: state)
        }
        let tutor = "XDG_STATE_HOME='\(state.path)' '\(TutorBinary.executable.path)' lesson 00-sample --workspace '\(workspace.path)'"
        try await Tmux.session("cd '\(TutorBinary.packageRoot.path)' && unset NO_COLOR; \(tutor); sleep 30", width: width, height: 60) { tmux in
            try await Self.lesson(tmux)
            let lines = Self.cells(try await tmux.styledScreen())

            // The hint's label is magenta, its words plain; the prompt cyan, what is typed plain.
            #expect(Self.styled("hint 1/2:", on: "hint 1/2:", in: lines, foreground: 35))
            #expect(Self.styled(" Add the three numbers", on: "hint 1/2:", in: lines, foreground: nil))
            #expect(Self.styled("softmax-sum 1/2>", on: "> show softmax [1, 2]", in: lines, foreground: 36))
            #expect(Self.styled(" show softmax [1, 2]", on: "> show softmax [1, 2]", in: lines, foreground: nil))
            #expect(Self.styled("0.2689 0.7311", on: "0.2689 0.7311", in: lines, foreground: nil))
            #expect(Self.styled("sum = 1.0000", on: "sum = 1.0000", in: lines, foreground: nil))
            // The error is red where it points, its words and the line plain.
            #expect(Self.styled(" layer dense 64 sigmiod", on: "> layer dense 64 sigmiod", in: lines, foreground: nil))
            #expect(Self.styled("error:", on: "error: unknown activation", in: lines, foreground: 31, bold: true))
            #expect(Self.styled(" unknown activation `sigmiod`", on: "error: unknown activation", in: lines, foreground: nil))
            #expect(Self.styled("^^^^^^^", on: "did you mean", in: lines, foreground: 31, bold: true))
            #expect(Self.styled(" did you mean `sigmoid`?", on: "did you mean", in: lines, foreground: nil))
            #expect(Self.styled(" answer 1", on: "> answer 1", in: lines, foreground: nil))
            #expect(Self.styled("Answer: 1", on: "Answer: 1", in: lines, foreground: nil))
            #expect(Self.styled("✓", on: "softmax-sum done", in: lines, foreground: 32))
            #expect(Self.styled(" softmax-sum done", on: "softmax-sum done", in: lines, foreground: nil))
            // After the lesson's bold heading and dim instruction line, the next prompt is cyan alone.
            #expect(Self.styled("make-probabilities 2/2>", on: "make-probabilities 2/2>", in: lines, foreground: 36))
        }
    }

    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"), arguments: [60, 100])
    func noColorMeansNoStyleAtAll(width: Int) async throws {
        let workspace = TerminalKeysTests.folder("plain-work")
        let state = TerminalKeysTests.folder("plain-state")
        defer {
            try? FileManager.default.removeItem(at: workspace)
            try? FileManager.default.removeItem(at: state)
        }
        let tutor = "XDG_STATE_HOME='\(state.path)' NO_COLOR=1 '\(TutorBinary.executable.path)' lesson 00-sample --workspace '\(workspace.path)'"
        try await Tmux.session("cd '\(TutorBinary.packageRoot.path)' && \(tutor); sleep 30", width: width, height: 60) { tmux in
            try await Self.lesson(tmux)
            let screen = try await tmux.styledScreen()
            #expect(screen.contains("  |                ^^^^^^^ did you mean `sigmoid`?"))
            #expect(!screen.contains("\u{1B}"))
        }
    }
}
