import Foundation
import Testing

/// Ctrl-C during `fit` at a real terminal (tmux): the bar's last count is the count the stop
/// message gives, at 60 and 100 columns.
struct StoppedProgressTerminalTests {
    @Test(.enabled(if: Tmux.available, "needs tmux (make test installs it)"), arguments: [60, 100])
    func theBarEndsAtTheBatchTheMessageNames(width: Int) async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-pty-stop-\(getpid())-\(width)")
        try? FileManager.default.removeItem(at: state)
        defer { try? FileManager.default.removeItem(at: state) }
        let command = "cd '\(TutorBinary.packageRoot.path)' && XDG_STATE_HOME='\(state.path)' NO_COLOR=1 '\(TutorBinary.executable.path)'; sleep 30"
        try await Tmux.session(command, width: width, height: 40) { tmux in
            _ = try await tmux.wait(for: "[1]>")
            for (number, line) in ["data mnist 20000 100", "layer flatten", "layer dense 64 sigmoid", "layer dense 10 softmax"].enumerated() {
                try await tmux.type(line)
                try await tmux.keys("Enter")
                _ = try await tmux.wait(for: "[\(number + 2)]>")
            }
            try await tmux.type("fit 20")
            try await tmux.keys("Enter")
            _ = try await tmux.wait(for: "Epoch 2/20")
            try await Task.sleep(for: .milliseconds(300))
            try await tmux.keys("C-c")
            let screen = try await tmux.wait(for: "batches; the weights")
            _ = try await tmux.wait(for: "[6]>")
            // The line above the message is the bar, `  96/625 ━━…`; the message, `Stopped in
            // epoch E after 96 of 625 batches; …` (wrapped or not).
            let joined = screen.replacingOccurrences(of: "\n", with: " ")
            let stop = try #require(joined.range(of: #"after ([0-9,]+) of ([0-9,]+) batches"#, options: .regularExpression))
            let words = joined[stop].split(separator: " ")
            let step = words[1].replacingOccurrences(of: ",", with: "")
            let steps = words[3].replacingOccurrences(of: ",", with: "")
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            let message = try #require(lines.firstIndex { $0.hasPrefix("Stopped in epoch") })
            #expect(lines[message - 1].hasPrefix("\(step)/\(steps) "), "the bar: \(lines[message - 1]); the message: \(lines[message])")
            try await tmux.type("quit")
            try await tmux.keys("Enter")
        }
    }
}
