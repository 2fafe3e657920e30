import Foundation
import Testing

/// Drives the real binary in a pseudo-terminal through tmux, as a person would: a typo and its
/// caret, Up to recall it, line editing to fix it, Tab to complete, a `fit` stopped with Ctrl-C,
/// `quit`, and the history file left behind.
struct TerminalSessionTests {
    static var tmuxAvailable: Bool {
        ["/usr/bin/tmux", "/bin/tmux", "/usr/local/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    final class Tmux {
        let name = "tutor-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"

        @discardableResult
        func run(_ arguments: [String]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["tmux"] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = Pipe()
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return String(decoding: data, as: UTF8.self)
        }

        func keys(_ keys: String...) throws { try run(["send-keys", "-t", name] + keys) }
        func type(_ text: String) throws { try run(["send-keys", "-t", name, "-l", text]) }
        /// The screen and its scrollback; tmux drops trailing spaces (a prompt `[1]> ` reads `[1]>`).
        func screen() throws -> String { try run(["capture-pane", "-t", name, "-p", "-S", "-200"]) }

        /// Waits until the screen contains `text` (at most `seconds`); returns the screen.
        func wait(for text: String, count: Int = 1, seconds: Double = 20) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var shown = ""
            while Date() < deadline {
                shown = try screen()
                if shown.components(separatedBy: text).count - 1 >= count { return shown }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("timed out waiting for \(text.debugDescription); the screen was:\n\(shown)")
            return shown
        }

        func kill() { _ = try? run(["kill-session", "-t", name]) }
    }

    @Test(.enabled(if: tmuxAvailable, "needs tmux (make test installs it)"))
    func aLearnerAtTheKeyboard() throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-pty-\(getpid())")
        try? FileManager.default.removeItem(at: state)
        defer { try? FileManager.default.removeItem(at: state) }
        let tmux = Tmux()
        defer { tmux.kill() }
        let command = "cd '\(TutorBinary.packageRoot.path)' && XDG_STATE_HOME='\(state.path)' NO_COLOR=1 '\(TutorBinary.executable.path)'"
        try tmux.run(["new-session", "-d", "-s", tmux.name, "-x", "120", "-y", "50", command])

        _ = try tmux.wait(for: "[1]>")
        try tmux.type("data mnist 20000 100")
        try tmux.keys("Enter")
        _ = try tmux.wait(for: "[2]>")
        try tmux.type("layer flatten")
        try tmux.keys("Enter")
        _ = try tmux.wait(for: "[3]>")

        // A typo: the caret error, then Up brings the line back and the end is retyped.
        try tmux.type("layer dense 64 sigmiod")
        try tmux.keys("Enter")
        var screen = try tmux.wait(for: "did you mean `sigmoid`?")
        #expect(screen.contains("  |                ^^^^^^^ did you mean `sigmoid`?"))
        try tmux.keys("Up")
        _ = try tmux.wait(for: "[4]> layer dense 64 sigmiod")
        try tmux.keys("BSpace", "BSpace", "BSpace")
        try tmux.type("oid")
        try tmux.keys("Enter")
        screen = try tmux.wait(for: "784 → dense(64, sigmoid) → 64")
        _ = try tmux.wait(for: "[5]>")

        // Tab completes the activation.
        try tmux.type("layer dense 10 softm")
        try tmux.keys("Tab")
        _ = try tmux.wait(for: "layer dense 10 softmax")
        try tmux.keys("Enter")
        screen = try tmux.wait(for: "64 → dense(10, softmax) → 10")
        _ = try tmux.wait(for: "[6]>")

        // A long fit, interrupted.
        try tmux.type("fit 20")
        try tmux.keys("Enter")
        _ = try tmux.wait(for: "Epoch 1/20")
        Thread.sleep(forTimeInterval: 0.5)
        try tmux.keys("C-c")
        screen = try tmux.wait(for: "the weights from the last finished batch are kept.")
        #expect(screen.contains("Stopped in epoch"))
        #expect(!screen.contains("Epoch 20/20"))
        _ = try tmux.wait(for: "[7]>")

        // The session goes on after the interruption.
        try tmux.type("evaluate")
        try tmux.keys("Enter")
        screen = try tmux.wait(for: "test set - accuracy: ")
        _ = try tmux.wait(for: "[8]>")

        try tmux.type("quit")
        try tmux.keys("Enter")
        let historyFile = state.appendingPathComponent("tutor/history")
        let deadline = Date().addingTimeInterval(10)
        var history = ""
        while Date() < deadline {
            history = (try? String(contentsOf: historyFile, encoding: .utf8)) ?? ""
            if history.contains("quit") { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let recorded = history.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(recorded == [
            "data mnist 20000 100", "layer flatten", "layer dense 64 sigmiod", "layer dense 64 sigmoid",
            "layer dense 10 softmax", "fit 20", "evaluate", "quit",
        ])
    }
}
