import Testing
import TextFormat
import TutorLanguage
import TutorTerminal

/// `explain`'s output on a terminal: sentences wrapped, steps indented (a broken one going on
/// four columns in), tables right-aligned under their headings, nothing wider than the width.
struct ExplanationTextTests {
    static func render(_ explanation: Explanation, width: Int) -> String {
        OutputRenderer(terminal: Terminal(isTTY: false, width: width, colorEnabled: false)).render(.explanation(explanation)) ?? ""
    }

    static let sample = Explanation(title: "explaining `predict 0`:", lines: [
        .text("Beside them, the one-hot vector of the label, 5, and how far each output is from it:"),
        .table(header: ["digit", "score", "output", "one-hot", "difference"], rows: [
            ["0", "0.1296", "0.1041", "0", "+0.1041"],
            ["5", "-10.6291", "0.0487", "1", "-0.9513"],
        ]),
        .step("crossentropy for this image: −ln(p_5) = −ln(0.0487) = 3.0214, and a few more words"),
    ])

    @Test func itLaysOutTitleSentencesTablesAndSteps() {
        #expect(Self.render(Self.sample, width: 60) == """
            explaining `predict 0`:
            Beside them, the one-hot vector of the label, 5, and how far
            each output is from it:
              digit     score  output  one-hot  difference
                  0    0.1296  0.1041        0     +0.1041
                  5  -10.6291  0.0487        1     -0.9513
              crossentropy for this image: −ln(p_5) = −ln(0.0487) =
                3.0214, and a few more words
            """)
    }

    @Test(arguments: [20, 40, 60, 80])
    func noLineIsWiderThanTheWidthButTheTable(width: Int) {
        let lines = Self.render(Self.sample, width: width).split(separator: "\n").map(String.init)
        for line in lines where !line.hasPrefix("  digit") && !line.hasPrefix("      ") {
            #expect(TextColumns.width(line) <= max(width, TextColumns.narrowest), "\(width): \(line)")
        }
    }

    @Test func aTypedCommandInTheTitleShowsItsControlCharacters() {
        let text = Self.render(Explanation(title: "explaining `show softmax [1]\u{1B}[2J`:", lines: []), width: 80)
        #expect(!text.contains("\u{1B}"))
    }
}
