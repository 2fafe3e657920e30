import Foundation
import Testing

/// A learner at a terminal 60 and 100 columns wide (tmux): the greeting, `help`, training with
/// validation and `confusion` are laid out to the window — no line wider than it (tmux joins
/// what it wrapped, `-J`, so a line the terminal broke shows as one long line), no metric split,
/// each help description beside or under all of its forms, and the confusion matrix in the form
/// that fits.
struct NarrowTerminalTests {
    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"), arguments: [60, 100])
    func helpTrainingAndConfusionFitTheWindow(width: Int) async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-narrow-\(getpid())-\(width)")
        try? FileManager.default.removeItem(at: state)
        defer { try? FileManager.default.removeItem(at: state) }
        let command = "cd '\(TutorBinary.packageRoot.path)' && XDG_STATE_HOME='\(state.path)' NO_COLOR=1 '\(TutorBinary.executable.path)'; sleep 30"
        let screen = try await Tmux.session(command, width: width, height: 50) { tmux in
            _ = try await tmux.wait(for: "[1]>")
            let commands = ["help", "data mnist 2000 500", "layer flatten", "layer dense 32 relu", "layer dense 10 softmax",
                            "fit 2 validate 0.2", "confusion"]
            for (index, line) in commands.enumerated() {
                try await tmux.type(line)
                try await tmux.keys("Enter")
                _ = try await tmux.wait(for: "[\(index + 2)]>", seconds: 120)
            }
            let screen = try await tmux.joinedScreen()
            try await tmux.type("quit")
            try await tmux.keys("Enter")
            return screen
        }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.reversed().drop { $0 == " " }.reversed())
        }
        for line in lines {
            #expect(line.count <= width, "a line of \(line.count) columns at \(width): \(line)")
        }
        let text = lines.joined(separator: "\n")
        #expect(text.contains("`tutor lesson`") && text.contains("`help`"), "the greeting names `tutor lesson` and `help`")

        // Every metric of both epochs whole on its line: name, colon, four decimals.
        let metrics = try Regex(#"(^|- )(val_)?(accuracy|loss): \d\.\d{4}( |$)"#).anchorsMatchLineEndings()
        #expect(text.matches(of: metrics).count == 8, "the epoch lines:\n\(lines.filter { $0.contains("━") || $0.hasPrefix("  - ") }.joined(separator: "\n"))")

        if width == 60 {
            #expect(text.contains("""
                  save model FILE
                  save notebook FILE
                      save the model (architecture, settings, weights,
                      optimizer state), or this session as a notebook
                      (.md or .ipynb)
                      e.g. save notebook session.md
                """))
            #expect(text.contains("Confusion on the test set, digit by digit (the full matrix\nneeds 64 columns):"))
            #expect(text.contains("\ntrue  accuracy     right  most often predicted instead\n   0    0."))
            #expect(text.contains("\noverall accuracy: 0."))
        } else {
            #expect(text.contains("""
                  save model FILE                     save the model (architecture, settings, weights, optimizer
                  save notebook FILE                  state), or this session as a notebook (.md or .ipynb)
                                                      e.g. save notebook session.md
                """))
            #expect(text.contains("Confusion matrix on the test set (rows: true digit, columns: predicted)\n      predicted\ntrue    0    1"))
        }
    }
}
