import Testing
@testable import TutorLanguage
import TutorTerminal

/// On a terminal the progress line is redrawn a few times a second; whatever ends it shows the
/// count training reached first, so that the bar and a stop message agree.
struct ConsoleProgressTests {
    final class Screen {
        var text = ""
    }

    static func progress(step: Int) -> EpochProgress {
        EpochProgress(epoch: 4, epochs: 5, step: step, steps: 1875, seconds: 1, loss: 0.25, accuracy: 0.9)
    }

    /// The progress lines drawn so far, the last one last.
    static func counters(_ text: String) -> [String] {
        text.split(separator: "\r", omittingEmptySubsequences: true).compactMap { piece in
            piece.range(of: "/1875").map { String(piece[piece.index($0.lowerBound, offsetBy: -4)..<$0.upperBound]) }
        }
    }

    @Test func aStopMessageFollowsTheBarsLastCount() {
        let screen = Screen()
        let console = Console(
            interpreter: Interpreter(session: Session(bundledDataDirectory: nil)),
            terminal: Terminal(isTTY: true, width: 100, colorEnabled: false), write: { screen.text += $0 })
        // Step 1 is always drawn; the steps that follow at once fall within the redraw interval.
        for step in 1...1616 { console.show(.batchProgress(Self.progress(step: step))) }
        console.show(.message("Stopped in epoch 4 after 1,616 of 1,875 batches; the weights from the last finished batch are kept."))
        #expect(Self.counters(screen.text).last == "1616/1875")
        #expect(screen.text.hasSuffix(
            " - accuracy: 0.9000 - loss: 0.2500\nStopped in epoch 4 after 1,616 of 1,875 batches; the weights from the last finished batch are kept.\n"))
    }

    @Test func aFinishedEpochReplacesTheBarWithoutRedrawingIt() {
        let screen = Screen()
        let console = Console(
            interpreter: Interpreter(session: Session(bundledDataDirectory: nil)),
            terminal: Terminal(isTTY: true, width: 100, colorEnabled: false), write: { screen.text += $0 })
        for step in 1...1875 { console.show(.batchProgress(Self.progress(step: step))) }
        let drawn = Self.counters(screen.text).count
        console.show(.epochEnded(Self.progress(step: 1875)))
        // The finished line is drawn once, in place of the running one.
        #expect(Self.counters(screen.text).count == drawn + 1)
        #expect(Self.counters(screen.text).last == "1875/1875")
        #expect(screen.text.hasSuffix("\n"))
    }
}
