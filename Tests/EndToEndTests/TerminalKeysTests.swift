import Foundation
import Testing

/// Keys at a real terminal (tmux): Ctrl-C drops the line or leaves a reverse search and never
/// ends tutor; Ctrl-L clears the screen at the notebook's prompt and at an exercise's, even on
/// a terminal whose terminfo entry is missing.
struct TerminalKeysTests {
    static func folder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("tutor-keys-\(name)-\(getpid())-\(Int.random(in: 0..<1_000_000))")
    }

    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"), arguments: [60, 100])
    func ctrlCLeavesAReverseSearchAndTheLineButNeverTutor(width: Int) async throws {
        let state = Self.folder("state")
        defer { try? FileManager.default.removeItem(at: state) }
        let tutor = "XDG_STATE_HOME='\(state.path)' NO_COLOR=1 '\(TutorBinary.executable.path)'"
        let command = "cd '\(TutorBinary.packageRoot.path)' && \(tutor); echo \"tutor ended: $?\"; sleep 30"
        try await Tmux.session(command, width: width, height: 50) { tmux in
            _ = try await tmux.wait(for: "[1]>")
            try await tmux.type("show onehot 3")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "[2]>")

            // Ctrl-R finds the line; Ctrl-C leaves the search, drops the line and prompts again.
            try await tmux.keys("C-r")
            try await tmux.type("oneh")
            _ = try await tmux.wait(for: "oneh", count: 2)
            try await tmux.keys("C-c")
            var screen = try await tmux.wait(for: "[2]>", count: 2)
            #expect(screen.contains("^C\n[2]>"))
            #expect(!screen.contains("tutor ended"))

            // A search that finds nothing, left with Ctrl-C, then Ctrl-C on the empty line.
            try await tmux.keys("C-r")
            try await tmux.type("xyz")
            try await Task.sleep(for: .milliseconds(300))
            try await tmux.keys("C-c")
            _ = try await tmux.wait(for: "[2]>", count: 3)
            try await tmux.keys("C-c")
            _ = try await tmux.wait(for: "[2]> ^C")

            // A half-typed line is dropped; the notebook goes on.
            try await tmux.type("layer dense")
            try await tmux.keys("C-c")
            _ = try await tmux.wait(for: "[2]> layer dense^C")
            try await tmux.type("show onehot 4")
            try await tmux.keys("Enter")
            screen = try await tmux.wait(for: "[3]>")
            #expect(screen.contains("onehot(4)"))
            #expect(!screen.contains("error:"))
            #expect(!screen.contains("tutor ended"))

            try await tmux.type("quit")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "tutor ended: 0")
        }
    }

    /// Ctrl-L with the terminal tmux announces and with a `TERM` no terminfo entry describes
    /// (where libedit's own clear only starts a new line).
    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"), arguments: ["", "TERM=tutor-unknown-terminal "], [60, 100])
    func ctrlLClearsTheScreenAtEveryPrompt(term: String, width: Int) async throws {
        let state = Self.folder("state")
        let workspace = Self.folder("work")
        defer {
            try? FileManager.default.removeItem(at: state)
            try? FileManager.default.removeItem(at: workspace)
        }
        let environment = "\(term)XDG_STATE_HOME='\(state.path)' NO_COLOR=1"
        let lesson = "\(environment) '\(TutorBinary.executable.path)' lesson 00-sample --workspace '\(workspace.path)'"
        let notebook = "\(environment) '\(TutorBinary.executable.path)'"
        let command = "cd '\(TutorBinary.packageRoot.path)' && \(lesson); \(notebook); sleep 30"
        try await Tmux.session(command, width: width, height: 40) { tmux in
            _ = try await tmux.wait(for: "[Enter to go on, `quit` to leave]")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "softmax-sum 1/2>")
            try await tmux.type("hint")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "hint 1/2:")

            // At the exercise prompt: the screen is cleared, the line being typed stays.
            try await tmux.type("show soft")
            try await tmux.keys("C-l")
            try await Self.waitForCleared(tmux, showing: "softmax-sum 1/2> show soft")
            try await tmux.type("max [1, 2]")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "0.2689 0.7311")
            try await tmux.type("quit")
            try await tmux.keys("Enter")

            // At the notebook's prompt.
            _ = try await tmux.wait(for: "[1]>")
            try await tmux.type("show onehot 2")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "[2]>")
            try await tmux.type("show one")
            try await tmux.keys("C-l")
            try await Self.waitForCleared(tmux, showing: "[2]> show one")
            try await tmux.type("hot 5")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "onehot(5)")
            try await tmux.type("quit")
            try await tmux.keys("Enter")
        }
    }

    /// Waits until the window shows only `line`, on its first row.
    static func waitForCleared(_ tmux: Tmux, showing line: String) async throws {
        let deadline = Date().addingTimeInterval(20)
        var rows: [String] = []
        while Date() < deadline {
            rows = try await tmux.visibleRows()
            if rows.first == line && rows.dropFirst().allSatisfy(\.isEmpty) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("the screen was not cleared to \(line.debugDescription); it showed:\n\(rows.joined(separator: "\n"))")
    }
}
