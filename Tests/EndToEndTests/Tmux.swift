import ChildProcess
import Foundation
import Testing

/// A tmux session of its own (on a private server, so a developer's tmux is never touched) that a
/// test types into and reads the screen of, as a person at a real terminal would.
struct Tmux {
    static var available: Bool {
        ["/usr/bin/tmux", "/bin/tmux", "/usr/local/bin/tmux"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let server = "tutor-test-\(getpid())-\(Int.random(in: 0..<1_000_000))"

    /// Starts `command` in a detached session `width`×`height`, runs `body` with it, and stops
    /// the session's server whether `body` finished or threw.
    static func session<T>(
        _ command: String, width: Int, height: Int, _ body: (Tmux) async throws -> T
    ) async throws -> T {
        let tmux = Tmux()
        try await tmux.run(["new-session", "-d", "-s", "test", "-x", "\(width)", "-y", "\(height)", command])
        do {
            let result = try await body(tmux)
            await tmux.stop()
            return result
        } catch {
            await tmux.stop()
            throw error
        }
    }

    @discardableResult
    func run(_ arguments: [String]) async throws -> String {
        let result = try await ChildProcess.run("tmux", ["-L", server] + arguments, limit: .seconds(120))
        if result.status != 0 { Issue.record("tmux \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        return result.stdout
    }

    func keys(_ keys: String...) async throws { try await run(["send-keys", "-t", "test"] + keys) }
    func type(_ text: String) async throws { try await run(["send-keys", "-t", "test", "-l", text]) }
    /// The screen and its scrollback; tmux drops trailing spaces (a prompt `[1]> ` reads `[1]>`).
    func screen() async throws -> String { try await run(["capture-pane", "-t", "test", "-p", "-S", "-200"]) }
    /// Only what the window shows now (no scrollback), one string per row, trailing spaces dropped.
    func visibleRows() async throws -> [String] {
        try await run(["capture-pane", "-t", "test", "-p"]).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    /// The screen and its scrollback with its colours and styles as SGR sequences (`capture-pane -e`):
    /// tmux writes each change of style where it happens, and a line's style again at its start.
    func styledScreen() async throws -> String { try await run(["capture-pane", "-t", "test", "-e", "-p", "-S", "-200"]) }

    /// The whole session so far (up to 5,000 lines of scrollback) with the lines the terminal
    /// wrapped joined again (`-J`): a line wider than the window shows as one long line.
    func joinedScreen() async throws -> String {
        try await run(["capture-pane", "-t", "test", "-p", "-J", "-S", "-5000"])
    }

    /// Waits until the screen shows `text` `count` times (at most `seconds`); returns the screen.
    func wait(for text: String, count: Int = 1, seconds: Double = 20) async throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var shown = ""
        while Date() < deadline {
            shown = try await screen()
            if shown.components(separatedBy: text).count - 1 >= count { return shown }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for \(text.debugDescription); the screen was:\n\(shown)")
        return shown
    }

    /// Waits until the screen shows `text` however the terminal or tutor wrapped it: both are
    /// compared without their spaces and line breaks (at most `seconds`); returns the screen.
    func waitAcrossLines(for text: String, seconds: Double = 20) async throws -> String {
        let wanted = text.filter { !$0.isWhitespace }
        let deadline = Date().addingTimeInterval(seconds)
        var shown = ""
        while Date() < deadline {
            shown = try await screen()
            if shown.filter({ !$0.isWhitespace }).contains(wanted) { return shown }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for \(text.debugDescription) (across lines); the screen was:\n\(shown)")
        return shown
    }

    /// Ends the session and its server (and so every program still running in it).
    func stop() async {
        _ = try? await ChildProcess.run("tmux", ["-L", server, "kill-server"], limit: .seconds(30))
    }
}
