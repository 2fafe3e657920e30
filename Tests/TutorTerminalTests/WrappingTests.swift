import Lessons
import Testing
import TextFormat
import TutorLanguage
import TutorTerminal

/// What the renderers lay out to the terminal's width: epoch lines between their ` - ` parts,
/// warnings and history at their hanging indent, narration without counting `**`, and the
/// confusion matrix digit by digit where the table does not fit.
@Suite struct WrappingTests {
    static let metrics = [("accuracy", 0.5931), ("loss", 1.2912), ("val_accuracy", 0.8050), ("val_loss", 0.5102)]

    static func epoch(seconds: Double, width: Int) -> [String] {
        ProgressBar.lines(step: 25, steps: 25, elapsedSeconds: seconds, metrics: metrics, finished: true, color: false, width: width)
    }

    @Test func anEpochLineBreaksOnlyBetweenItsParts() {
        #expect(Self.epoch(seconds: 0.1, width: 60) == [
            "25/25 ━━━━━━━━━━━━━━━━━━━━ 0.1s 4ms/step",
            "  - accuracy: 0.5931 - loss: 1.2912 - val_accuracy: 0.8050",
            "  - val_loss: 0.5102",
        ])
        #expect(Self.epoch(seconds: 0.1, width: 80) == [
            "25/25 ━━━━━━━━━━━━━━━━━━━━ 0.1s 4ms/step - accuracy: 0.5931 - loss: 1.2912",
            "  - val_accuracy: 0.8050 - val_loss: 0.5102",
        ])
        let whole = ProgressBar.line(step: 25, steps: 25, elapsedSeconds: 0.1, metrics: Self.metrics, finished: true, color: false)
        #expect(Self.epoch(seconds: 0.1, width: 120) == [whole])
    }

    @Test func anEpochLineBreaksInTheSamePlaceHoweverLongItTook() {
        for width in [60, 80, 120] {
            let quick = Self.epoch(seconds: 0.1, width: width), slow = Self.epoch(seconds: 12, width: width)
            #expect(quick.count == slow.count)
            #expect(quick.dropFirst() == slow.dropFirst())
            #expect(slow[0].hasPrefix("25/25 ━━━━━━━━━━━━━━━━━━━━ 12s 480ms/step"))
        }
    }

    @Test func aColouredEpochLineIsMeasuredWithoutItsEscapes() {
        let lines = ProgressBar.lines(
            step: 25, steps: 25, elapsedSeconds: 0.1, metrics: Self.metrics, finished: true, color: true, width: 80)
        #expect(lines.map { TextColumns.shown($0) } == Self.epoch(seconds: 0.1, width: 80))
    }

    @Test func warningsAndHistoryHangAtTheirIndent() {
        let renderer = OutputRenderer(terminal: Terminal(isTTY: false, width: 40, colorEnabled: false))
        #expect(renderer.render(.warning("Softmax is used before the last layer: it belongs only on the output layer")) == """
            warning: Softmax is used before the last
                     layer: it belongs only on the
                     output layer
            """)
        let narrow = OutputRenderer(terminal: Terminal(isTTY: false, width: 30, colorEnabled: false))
        #expect(narrow.render(.history(["layer dense 256 sigmoid", "show softmax [2, 1, 0.1] # a comment that is long"])) == """
            1  layer dense 256 sigmoid
            2  show softmax [2, 1, 0.1] #
               a comment that is long
            """)
        #expect(narrow.render(.message("Saved the model to digits.model: 3 layers, 203,530 parameters.")) == """
            Saved the model to
            digits.model: 3 layers,
            203,530 parameters.
            """)
    }

    @Test func helpIsLaidOutToTheTerminal() {
        for width in [60, 100] {
            let renderer = OutputRenderer(terminal: Terminal(isTTY: true, width: width, colorEnabled: false))
            #expect(renderer.render(.help(.all)) == HelpCatalog.renderAll(width: width))
            #expect(renderer.render(.help(.topic("fit"))) == HelpCatalog.render(topic: "fit", width: width))
        }
    }

    @Test func narrationDoesNotCountItsEmphasisMarkers() {
        let renderer = LessonRenderer(terminal: Terminal(isTTY: false, width: 40, colorEnabled: false))
        let text = "First, **sigmoid**. It squashes each score into a number between 0 and 1, each one on its own."
        #expect(renderer.render(.narration(text)) == """
            First, sigmoid. It squashes each score
            into a number between 0 and 1, each one
            on its own.

            """)
    }

    @Test func theConfusionMatrixSaysItDigitByDigitWhereTheTableDoesNotFit() {
        let matrix = [[5, 1, 0], [2, 7, 1], [0, 0, 0]]
        #expect(ConfusionTable.width(matrix: matrix) == 29)
        #expect(ConfusionTable.byDigit(matrix: matrix, width: 60) == """
            true  accuracy    right  most often predicted instead
               0    0.8333   5 of 6  1 ×1
               1    0.7000  7 of 10  0 ×2, 2 ×1
               2         —   0 of 0  —
            overall accuracy: 0.7500 (12 of 16)
            """)
        var mnist = (0..<10).map { row in (0..<10).map { $0 == row ? 41 : 0 } }
        mnist[4][9] = 7
        mnist[4][0] = 7
        mnist[4][6] = 9
        mnist[4][2] = 7
        #expect(ConfusionTable.width(matrix: mnist) == 64)
        let rows = ConfusionTable.byDigit(matrix: mnist, width: 60).split(separator: "\n")
        #expect(rows[5] == "   4    0.5775  41 of 71  6 ×9, 0 ×7, 2 ×7")
        #expect(rows[1] == "   0    1.0000  41 of 41  —")
    }
}
