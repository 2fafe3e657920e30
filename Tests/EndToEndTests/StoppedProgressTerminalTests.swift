import Foundation
import Testing

/// Ctrl-C during `fit` at a real terminal (tmux): the bar's last count is the count the stop
/// message gives (or, between two epochs, the message names the epoch that finished), and the
/// `^C` the terminal echoes is written over, at 60 and 100 columns.
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
            let screen = try await tmux.waitAcrossLines(for: "are kept.")
            _ = try await tmux.wait(for: "[6]>")
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            // No `^C` is left where the terminal echoed it, before the message or after the bar.
            #expect(!screen.contains("^C"), "the screen:\n\(screen)")
            let message = try #require(lines.firstIndex { $0.hasPrefix("Stopped ") }, "the screen:\n\(screen)")
            let joined = lines[message...].joined(separator: " ")
            if let stop = joined.range(of: #"after ([0-9,]+) of ([0-9,]+) batches"#, options: .regularExpression) {
                // In an epoch: the line above the message is the bar, `  96/625 ━━…`; the
                // message, `Stopped in epoch E after 96 of 625 batches; …` (wrapped or not).
                let words = joined[stop].split(separator: " ")
                let step = words[1].replacingOccurrences(of: ",", with: "")
                let steps = words[3].replacingOccurrences(of: ",", with: "")
                #expect(lines[message - 1].hasPrefix("\(step)/\(steps) "), "the bar: \(lines[message - 1]); the message: \(lines[message])")
            } else {
                // Between two epochs: `Stopped after epoch E of 20`, below epoch E's last lines.
                let stop = try #require(joined.range(of: #"Stopped after epoch [0-9]+ of 20; the weights it ended with are kept\."#, options: .regularExpression), "the screen:\n\(screen)")
                let epoch = joined[stop].split(separator: " ")[3]
                let last = try #require(lines.lastIndex(of: "Epoch \(epoch)/20"), "the screen:\n\(screen)")
                #expect(lines[(last + 1)...].first?.hasPrefix("625/625 ") == true, "the screen:\n\(screen)")
                #expect(!lines.contains("Epoch \(Int(epoch).map { $0 + 1 } ?? 0)/20"))
            }
            try await tmux.type("quit")
            try await tmux.keys("Enter")
        }
    }
}
