import Foundation
import Testing

/// Drives the real binary in a pseudo-terminal through tmux, as a person would: a typo and its
/// caret, Up to recall it, line editing to fix it, Tab to complete, a `fit` stopped with Ctrl-C,
/// `quit`, and the history file and the session's notebook left behind.
struct TerminalSessionTests {
    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"))
    func aLearnerAtTheKeyboard() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-pty-\(getpid())")
        try? FileManager.default.removeItem(at: state)
        defer { try? FileManager.default.removeItem(at: state) }
        let command = "cd '\(TutorBinary.packageRoot.path)' && XDG_STATE_HOME='\(state.path)' NO_COLOR=1 '\(TutorBinary.executable.path)'; sleep 30"
        let history = try await Tmux.session(command, width: 120, height: 50) { tmux in

            _ = try await tmux.wait(for: "[1]>")
            try await tmux.type("data mnist 20000 100")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "[2]>")
            try await tmux.type("layer flatten")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "[3]>")

            // A typo: the caret error, then Up brings the line back and the end is retyped.
            try await tmux.type("layer dense 64 sigmiod")
            try await tmux.keys("Enter")
            var screen = try await tmux.wait(for: "did you mean `sigmoid`?")
            #expect(screen.contains("  |                ^^^^^^^ did you mean `sigmoid`?"))
            try await tmux.keys("Up")
            _ = try await tmux.wait(for: "[4]> layer dense 64 sigmiod")
            try await tmux.keys("BSpace", "BSpace", "BSpace")
            try await tmux.type("oid")
            try await tmux.keys("Enter")
            screen = try await tmux.wait(for: "784 → dense(64, sigmoid) → 64")
            _ = try await tmux.wait(for: "[5]>")

            // Tab completes the activation.
            try await tmux.type("layer dense 10 softm")
            try await tmux.keys("Tab")
            _ = try await tmux.wait(for: "layer dense 10 softmax")
            try await tmux.keys("Enter")
            screen = try await tmux.wait(for: "64 → dense(10, softmax) → 10")
            _ = try await tmux.wait(for: "[6]>")

            // A long fit, interrupted.
            try await tmux.type("fit 20")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "Epoch 1/20")
            try await Task.sleep(for: .milliseconds(500))
            try await tmux.keys("C-c")
            // In an epoch, or between two (`Stopped after epoch 3 of 20; …`): both end so.
            screen = try await tmux.waitAcrossLines(for: "are kept.")
            #expect(screen.contains("Stopped in epoch") || screen.contains("Stopped after epoch"))
            #expect(!screen.contains("Epoch 20/20"))
            _ = try await tmux.wait(for: "[7]>")

            // The session goes on after the interruption.
            try await tmux.type("evaluate")
            try await tmux.keys("Enter")
            screen = try await tmux.wait(for: "test set - accuracy: ")
            _ = try await tmux.wait(for: "[8]>")

            try await tmux.type("quit")
            try await tmux.keys("Enter")
            // Nothing typed is lost: the session is kept as a notebook beside the history.
            let notebooks = state.appendingPathComponent("tutor/notebooks").path
            _ = try await tmux.wait(for: "This session is kept as a Markdown notebook: \(notebooks)/")
            let notebookFile = try #require(try FileManager.default.contentsOfDirectory(atPath: notebooks).first)
            let notebook = try String(contentsOfFile: notebooks + "/" + notebookFile, encoding: .utf8)
            #expect(notebook.hasPrefix("# tutor notebook\n\n```tutor\n[1]> data mnist 20000 100\n```\n"))
            #expect(notebook.contains("[4]> layer dense 64 sigmoid\n```\n\n```text\n784 → dense(64, sigmoid) → 64"))
            #expect(notebook.contains("the weights from the last finished batch are kept.") || notebook.contains("the weights it ended with are kept."))
            let historyFile = state.appendingPathComponent("tutor/history")
            let deadline = Date().addingTimeInterval(10)
            var history = ""
            while Date() < deadline {
                history = (try? String(contentsOf: historyFile, encoding: .utf8)) ?? ""
                if history.contains("quit") { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            return history
        }
        let recorded = history.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(recorded == [
            "data mnist 20000 100", "layer flatten", "layer dense 64 sigmiod", "layer dense 64 sigmoid",
            "layer dense 10 softmax", "fit 20", "evaluate", "quit",
        ])
    }
}
