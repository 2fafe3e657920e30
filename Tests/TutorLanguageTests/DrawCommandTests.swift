import Foundation
import NeuralNet
import Testing
@testable import TutorLanguage

/// `draw` and `predict drawn` in the interpreter: the drawing pad it is given, the text form of a
/// drawing (28 lines, `#` ink) and its exact errors, a script's drawing block, and what the
/// session keeps.
struct DrawCommandTests {
    /// A vertical bar 3 columns wide over rows 4…23, as text lines.
    static let barLines = (0..<28).map { (4...23).contains($0) ? String(repeating: " ", count: 12) + "###" : "" }
    static var bar: [UInt8] { (0..<784).map { (4...23).contains($0 / 28) && (12...14).contains($0 % 28) ? 255 : 0 } }

    /// `draw` read from `lines` (numbered from 2, after the command on line 1).
    static func read(_ lines: [String], file: String? = nil) throws -> [UInt8] {
        let statement = try #require(try Parser.parse("draw", line: 1, file: file))
        var rest = lines.enumerated().map { SourceLine(text: $0.element, number: $0.offset + 2, file: file) }[...]
        return try DrawingLines.read(for: statement) { rest.popFirst() }
    }

    // MARK: - The text form

    @Test func hashIsInkAndEverythingElseBlank() throws {
        var lines = [String](repeating: "", count: 28)
        lines[0] = "#.# x"
        lines[27] = String(repeating: "#", count: 28)
        let pixels = try Self.read(lines)
        #expect(Array(pixels[0..<6]) == [255, 0, 255, 0, 0, 0])
        #expect(pixels[28..<(27 * 28)].allSatisfy { $0 == 0 })
        #expect(pixels[(27 * 28)...].allSatisfy { $0 == 255 })
        #expect(try Self.read(Self.barLines) == Self.bar)
    }

    @Test func aLineLongerThan28IsRefusedOnceAllAreRead() {
        var lines = [String](repeating: "", count: 29)
        lines[4] = String(repeating: "#", count: 31)
        lines[28] = "show onehot 1"  // after the drawing: not read
        var rest = lines.enumerated().map { SourceLine(text: $0.element, number: $0.offset + 2, file: "d.tut") }[...]
        do {
            let statement = try #require(try Parser.parse("draw", line: 1, file: "d.tut"))
            _ = try DrawingLines.read(for: statement) { rest.popFirst() }
            Issue.record("a 31-character line was taken")
        } catch let error as Diagnostic {
            #expect(error.rendered() == """
                error: line 5 of the drawing has 31 characters; a drawing's lines hold at most 28
                 --> d.tut:6:29
                  |
                6 | \(String(repeating: "#", count: 31))
                  |                             ^^^ after `draw`, 28 lines of at most 28 characters: `#` is ink, anything else blank
                """)
        } catch {
            Issue.record("\(error)")
        }
        #expect(rest.map(\.text) == ["show onehot 1"])  // the drawing's 28 lines were used up
    }

    @Test(arguments: [(0, "0 lines"), (1, "1 line"), (27, "27 lines")])
    func inputEndingBeforeTheDrawingIsRefused(_ count: Int, _ said: String) {
        #expect(throws: Diagnostic.self) { try Self.read(Array(repeating: "#", count: count)) }
        do {
            _ = try Self.read(Array(repeating: "#", count: count))
        } catch let error as Diagnostic {
            #expect(error.rendered() == """
                error: `draw` takes the 28 lines after it as the drawing, but the input ended after \(said)
                 --> 1:1
                  |
                1 | draw
                  | ^^^^ after `draw`, 28 lines of at most 28 characters: `#` is ink, anything else blank
                """)
        } catch {
            Issue.record("\(error)")
        }
    }

    // MARK: - The commands

    static func interpreter(_ setup: [String] = [], pad: [UInt8]? = DrawCommandTests.bar) throws -> Interpreter {
        let interpreter = try InterpreterTests.interpreter()
        if let pad { interpreter.drawingPad = { _ in pad } }
        for (i, line) in setup.enumerated() { try interpreter.execute(line: line, number: i + 1) { _ in } }
        return interpreter
    }

    @Test func theFormsParse() throws {
        #expect(try Parser.parse("draw", line: 1, file: nil)?.command == .draw)
        #expect(try Parser.parse("PREDICT Drawn", line: 1, file: nil)?.command == .predictDrawn)
        #expect(try Parser.parse("predict 3 test", line: 1, file: nil)?.command == .predict(index: 3, test: true))
    }

    @Test func drawKeepsTheDrawingAndShowsItsSteps() throws {
        let interpreter = try Self.interpreter()
        let outputs = try InterpreterTests.outputs(interpreter, "draw")
        let expected = try DigitNormalization(drawing: Self.bar)
        #expect(outputs == [.drawing(expected)])
        #expect(interpreter.session.drawing == expected)
        #expect(interpreter.session.commands == ["draw"])
        #expect(interpreter.session.copy().drawing == expected)
    }

    @Test func drawWithoutAPadIsRefused() throws {
        let interpreter = try Self.interpreter(pad: nil)
        #expect(InterpreterTests.error(interpreter, "draw") == """
            error: `draw` needs someone to draw: a terminal, piped input, or a script with the drawing's 28 lines after it; there is none here
             --> 1:1
              |
            1 | draw
              | ^^^^ draw in the notebook: `tutor`
            """)
        #expect(interpreter.session.drawing == nil)
    }

    @Test func anEmptyDrawingChangesNothing() throws {
        let interpreter = try Self.interpreter()
        try interpreter.execute(line: "draw", number: 1) { _ in }
        interpreter.drawingPad = { _ in [UInt8](repeating: 0, count: 784) }
        #expect(InterpreterTests.error(interpreter, "draw") == """
            error: nothing drawn yet: the drawing has no ink
             --> 1:1
              |
            1 | draw
              | ^^^^ ink at least one cell: space on the canvas, `#` in a drawing's line
            """)
        #expect(interpreter.session.drawing == (try DigitNormalization(drawing: Self.bar)))
    }

    @Test func aPadThatFailsChangesNothing() throws {
        let interpreter = try Self.interpreter()
        interpreter.drawingPad = { statement throws(Diagnostic) in throw statement.diagnostic("cancelled") }
        #expect(InterpreterTests.error(interpreter, "draw")?.hasPrefix("error: cancelled\n") == true)
        #expect(interpreter.session.drawing == nil && interpreter.session.commands.isEmpty)
    }

    @Test func predictDrawnWithoutADrawingPointsAtDrawn() throws {
        let interpreter = try Self.interpreter(InterpreterTests.model)
        #expect(InterpreterTests.error(interpreter, "predict drawn") == """
            error: there is no drawing to predict yet
             --> 1:9
              |
            1 | predict drawn
              |         ^^^^^ draw a digit first: `draw`
            """)
    }

    @Test func predictDrawnWithoutAModelAsksForOne() throws {
        let interpreter = try Self.interpreter(["draw"])
        #expect(InterpreterTests.error(interpreter, "predict drawn") == """
            error: there is no model with a dense layer yet
             --> 1:1
              |
            1 | predict drawn
              | ^^^^^^^^^^^^^ build one: `layer flatten`, `layer dense 256 sigmoid`, `layer dense 10 softmax`
            """)
    }

    @Test func predictDrawnClassifiesTheCentredDrawingWithoutALabel() throws {
        let interpreter = try Self.interpreter(InterpreterTests.model + ["draw"])
        let outputs = try InterpreterTests.outputs(interpreter, "predict drawn")
        guard case .prediction(let prediction)? = outputs.first, outputs.count == 1 else {
            Issue.record("expected one prediction, got \(outputs)")
            return
        }
        let centred = try DigitNormalization(drawing: Self.bar).centred
        #expect(prediction.image == DigitImage(index: 0, split: .drawn, label: nil, width: 28, height: 28, pixels: centred))
        #expect(prediction.outputs.count == 10 && abs(prediction.sum - 1) < 1e-5)
        #expect(prediction.predicted == prediction.outputs.argmax())
        #expect(interpreter.session.lastOutputs == ShownOutputs(source: .drawing, values: prediction.outputs))
        // The same model on the same 784 values, as an example of a data set.
        let model = try #require(interpreter.session.model)
        let example = Dataset(exampleShape: [28, 28], pixels: centred, labels: [0], classCount: 10)
        #expect(model.predict(example, indices: [0]).row(0) == prediction.outputs)
    }

    @Test func aScriptsDrawTakesTheLinesAfterIt() throws {
        let interpreter = try Self.interpreter(pad: [UInt8](repeating: 0, count: 784))  // not asked
        let script = (["# a bar", "draw"] + Self.barLines + ["show onehot 1"]).joined(separator: "\n")
        var shown: [Output] = []
        try interpreter.runScript(script, file: "bar.tut") { shown.append($0) }
        #expect(shown.count == 4)
        #expect(shown.first == .echo(SourceLine(text: "draw", number: 2, file: "bar.tut")))
        #expect(shown[2] == .echo(SourceLine(text: "show onehot 1", number: 31, file: "bar.tut")))
        #expect(interpreter.session.drawing == (try DigitNormalization(drawing: Self.bar)))
        #expect(interpreter.session.commands == ["draw", "show onehot 1"])
        // The pad is back once the script is over.
        #expect(interpreter.drawingPad.map { (try? $0(Statement(command: .draw, line: SourceLine(text: "", number: 1), tokens: []))) == [UInt8](repeating: 0, count: 784) } == true)
    }

    @Test func aScriptEndingInsideItsDrawingFailsAndRollsBack() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tutor-draw-\(getpid())-\(Int.random(in: 0..<1_000_000))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("short.tut").path
        try (["draw"] + Self.barLines + ["draw", "#", "#"]).joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let interpreter = try Self.interpreter(pad: nil)
        let error = InterpreterTests.error(interpreter, "run \(file)")
        #expect(error == """
            error: `draw` takes the 28 lines after it as the drawing, but the input ended after 2 lines
              --> \(file):30:1
               |
            30 | draw
               | ^^^^ after `draw`, 28 lines of at most 28 characters: `#` is ink, anything else blank
            """)
        #expect(interpreter.session.drawing == nil)  // the first drawing was rolled back with the run
    }
}
