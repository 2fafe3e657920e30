import ChildProcess
import Foundation
import Testing

/// Sessions in a row at a real terminal (tmux), each kept as a notebook of its own: one that
/// quits, one killed with SIGKILL after its command (kept all the same: the notebook is written as
/// the session goes), one that only types `quit` (which leaves none); `tutor notebooks` lists
/// the two kept, newest first.
struct SessionNotebooksTests {
    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"), arguments: [60, 100])
    func sessionsInARowKeepEveryNotebook(width: Int) async throws {
        let state = TerminalKeysTests.folder("notebooks-state")
        defer { try? FileManager.default.removeItem(at: state) }
        let tutor = "XDG_STATE_HOME='\(state.path)' NO_COLOR=1 '\(TutorBinary.executable.path)'"
        let command = "cd '\(TutorBinary.packageRoot.path)' && \(tutor); \(tutor); \(tutor); echo; \(tutor) notebooks; sleep 30"
        let folder = state.appendingPathComponent("tutor/notebooks").path
        try await Tmux.session(command, width: width, height: 60) { tmux in
            // The first session quits: it says where it is kept.
            _ = try await tmux.wait(for: "[1]>")
            try await tmux.type("show onehot 3")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "[2]>")
            try await tmux.type("quit")
            try await tmux.keys("Enter")
            var screen = try await tmux.waitAcrossLines(for: "`tutor notebooks` lists the notebooks of your last 20 sessions.")
            #expect(screen.filter { !$0.isWhitespace }.contains("This session is kept as a Markdown notebook: \(folder)/".filter { !$0.isWhitespace }))

            // The second is killed after its command has run.
            _ = try await tmux.wait(for: "[1]>", count: 2)
            try await tmux.type("show onehot 4")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "[2]>", count: 2)
            let shell = try await tmux.run(["display-message", "-p", "-t", "test", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
            let children = try await ChildProcess.run("pgrep", ["-P", shell])
            let pid = try #require(children.stdout.split(separator: "\n").first.map(String.init))
            _ = try await ChildProcess.run("kill", ["-KILL", pid])

            // The third only types `quit`: no notebook, no message.
            _ = try await tmux.wait(for: "[1]>", count: 3)
            try await tmux.type("quit")
            try await tmux.keys("Enter")
            screen = try await tmux.waitAcrossLines(for: "The notebooks of your last 2 sessions, newest first (tutor keeps the newest 20, in \(folder)):")
            #expect(screen.components(separatedBy: "This session is kept as a Markdown notebook").count == 2)
        }

        let notebooks = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(notebooks.count == 2, "\(notebooks)")
        let texts = try notebooks.map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
        let first = try #require(texts.first { $0.contains("[1]> show onehot 3") })
        let second = try #require(texts.first { $0.contains("[1]> show onehot 4") })
        #expect(first.hasPrefix("# tutor notebook\n\n```tutor\n[1]> show onehot 3\n```\n\n```text\nonehot(3)\n"))
        #expect(first.contains("[2]> quit"))
        #expect(second.contains("```text\nonehot(4)\n0.0000 0.0000 0.0000 0.0000 1.0000"))
    }
}
