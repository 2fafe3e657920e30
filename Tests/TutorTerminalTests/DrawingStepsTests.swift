import NeuralNet
import Testing
import TextFormat
@testable import TutorLanguage
@testable import TutorTerminal

/// `draw`'s output: the numbers of MNIST's two steps and three framed pictures, side by side
/// where they fit and one under another where they do not; `predict drawn` without a verdict.
struct DrawingStepsTests {
    /// A bar 3 columns wide over rows 4…23, its left edge at column 12.
    static func bar() throws -> DigitNormalization {
        try DigitNormalization(drawing: (0..<784).map { (4...23).contains($0 / 28) && (12...14).contains($0 % 28) ? 255 : 0 })
    }

    static let numbers = """
        MNIST fitted every digit's ink into a 20×20 box, keeping its proportions, and
        centred it by its centre of mass in the 28×28 field. Your drawing, the same way:
          1. ink in rows 4–23 and columns 12–14: 20 × 3 pixels
          2. scaled by 20/20 = 1.00 to 20 × 3 pixels, each new pixel the mean of the ink
             it covers (edges turn grey)
          3. centre of mass at row 14.00, column 13.50; moved 0 rows and 1 column right
             to row 14.00, column 14.50: the field's middle (14, 14) to the nearest
             pixel
        """

    @Test func withoutColourIn80ColumnsThePicturesComeOneUnderAnother() throws {
        var lines = DrawingSteps.render(try Self.bar(), width: 80, color: false).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.prefix(8).joined(separator: "\n") == Self.numbers)
        lines.removeFirst()  // the pictures' lines below, counted from the 7th
        let frame = "┌" + String(repeating: "─", count: 56) + "┐"
        #expect(lines[7] == "1. as drawn" && lines[8] == frame)
        #expect(lines[8 + 5] == "│" + String(repeating: " ", count: 24) + "@@@@@@" + String(repeating: " ", count: 26) + "│")  // row 4
        #expect(lines[38] == "2. fitted into 20×20" && lines[39] == "┌" + String(repeating: "─", count: 40) + "┐")
        #expect(lines[40] == "│" + String(repeating: " ", count: 16) + "@@@@@@" + String(repeating: " ", count: 18) + "│")  // box row 0
        #expect(lines[61] == "3. centred in 28×28")
        #expect(lines[62 + 5] == "│" + String(repeating: " ", count: 26) + "@@@@@@" + String(repeating: " ", count: 24) + "│")
        #expect(lines.last == "`predict drawn` shows what the model makes of picture 3.")
        #expect(lines.count == 7 + 3 * 1 + 2 * 30 + 22 + 1)
        #expect(lines.allSatisfy { TextColumns.width($0) <= 80 })
    }

    @Test func withColourIn90ColumnsThePicturesStandSideBySide() throws {
        let text = DrawingSteps.render(try Self.bar(), width: 90, color: true)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let plain = lines.map { TextColumns.shown($0) }
        let h = try #require(plain.firstIndex { $0.hasPrefix("1. as drawn") })
        #expect(plain[h] == "1. as drawn" + String(repeating: " ", count: 21) + "2. fitted into 20×20    3. centred in 28×28")
        let rule28 = String(repeating: "─", count: 28), rule20 = String(repeating: "─", count: 20)
        #expect(plain[h + 1] == "┌\(rule28)┐" + String(repeating: " ", count: 26) + "┌\(rule28)┐")
        #expect(plain[h + 3] == "│" + String(repeating: "▀", count: 28) + "│  ┌\(rule20)┐  │" + String(repeating: "▀", count: 28) + "│")
        #expect(plain[h + 16] == "└\(rule28)┘" + String(repeating: " ", count: 26) + "└\(rule28)┘")
        #expect(plain.count == h + 1 + 16 + 1)
        #expect(plain.allSatisfy { TextColumns.width($0) <= 90 })
        #expect(text.contains("\u{1B}[38;5;231m"))  // white ink
    }

    @Test func withColourIn80ColumnsThePicturesComeOneUnderAnother() throws {
        let plain = DrawingSteps.render(try Self.bar(), width: 80, color: true).split(separator: "\n").map { TextColumns.shown(String($0)) }
        #expect(plain[8] == "1. as drawn")
        #expect(plain.contains("2. fitted into 20×20") && plain.contains("3. centred in 28×28"))
    }

    @Test func withoutColourThePicturesStandSideBySideOnlyWhenAll162ColumnsFit() throws {
        let wide = DrawingSteps.render(try Self.bar(), width: 162, color: false).split(separator: "\n").map(String.init)
        let h = try #require(wide.firstIndex { $0.hasPrefix("1. as drawn") })
        #expect(wide[h].hasPrefix("1. as drawn" + String(repeating: " ", count: 49) + "2. fitted into 20×20"))
        let narrower = DrawingSteps.render(try Self.bar(), width: 161, color: false).split(separator: "\n").map(String.init)
        let n = try #require(narrower.firstIndex { $0.hasPrefix("1. as drawn") })
        #expect(narrower[n] == "1. as drawn")
    }

    @Test(arguments: [(-2, "2 rows up"), (0, "0 rows"), (1, "1 row down")])
    func shiftsAreWords(_ count: Int, _ text: String) {
        #expect(DrawingSteps.moved(count, "row", "down", "up") == text)
    }

    @Test func aPredictedDrawingHasNoVerdict() throws {
        let d = try Self.bar()
        let image = DigitImage(index: 0, split: .drawn, label: nil, width: 28, height: 28, pixels: d.centred)
        let outputs: [Float] = [0, 0.9, 0.1, 0, 0, 0, 0, 0, 0, 0]
        let renderer = OutputRenderer(terminal: Terminal(isTTY: false, width: 80, colorEnabled: false))
        let text = try #require(renderer.render(.prediction(Prediction(image: image, outputs: outputs, predicted: 1, outputActivation: .softmax))))
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "Your drawing, fitted and centred as MNIST's digits were")
        #expect(lines.contains("predicted 1 (a drawing has no label: only you know which digit you meant)"))
        #expect(!text.contains("right") && !text.contains("wrong") && !text.contains("label 0"))
    }
}

/// The notebook keeps `draw`'s steps as plain text, one picture under another (100 columns).
@Test func theNotebookKeepsTheDrawingsSteps() throws {
    var notebook = Notebook()
    notebook.begin("draw")
    notebook.record(.drawing(try DrawingStepsTests.bar()))
    let markdown = notebook.markdown()
    #expect(markdown.hasPrefix("# tutor notebook\n\n```tutor\n[1]> draw\n```\n\n```text\nMNIST fitted every digit's ink into a 20×20 box"))
    #expect(markdown.contains("\n1. as drawn\n┌" + String(repeating: "─", count: 56) + "┐\n"))
    #expect(markdown.contains("\n3. centred in 28×28\n"))
    #expect(!markdown.contains("\u{1B}["))
}
