import NeuralNet

extension Interpreter {
    /// Why `draw` is refused where nobody can draw (a lesson, an answer being checked).
    public static let noDrawingPadMessage =
        "`draw` needs someone to draw: a terminal, piped input, or a script with the drawing's \(DrawingLines.side) lines after it; there is none here"

    /// `draw`: takes a drawing from ``drawingPad``, fits and centres it as MNIST did its digits
    /// (``DigitNormalization``), keeps it as ``Session/drawing`` and shows each step. A drawing
    /// with no ink, or a pad that fails (cancelled, a bad line), changes nothing.
    func draw(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) {
        guard let drawingPad else {
            throw s.diagnostic(Interpreter.noDrawingPadMessage, suggestion: "draw in the notebook: `tutor`")
        }
        let pixels = try drawingPad(s)
        let drawing: DigitNormalization
        do {
            drawing = try DigitNormalization(drawing: pixels)
        } catch .nothingDrawn {
            throw s.diagnostic("\(DrawingError.nothingDrawn)", suggestion: "ink at least one cell: space on the canvas, `\(DrawingLines.ink)` in a drawing's line")
        } catch {
            throw s.diagnostic("\(error)")
        }
        session.drawing = drawing
        emit(.drawing(drawing))
    }

    /// `predict drawn`: the model on the last drawing as MNIST would have stored it (fitted into
    /// 20×20 and centred in 28×28), shown as `predict N` shows an example, without a label.
    func predictDrawn(_ s: Statement, emit: (Output) -> Void) throws(Diagnostic) {
        guard let drawing = session.drawing else {
            throw s.diagnostic("there is no drawing to predict yet", at: 1, suggestion: "draw a digit first: `draw`")
        }
        let side = DigitNormalization.fieldSide
        let picture = DigitImage(index: 0, split: .drawn, label: nil, width: side, height: side, pixels: drawing.centred)
        // One example whose label nobody knows: 0 stands in, and nothing reads it.
        let example = Dataset(exampleShape: [side, side], pixels: drawing.centred, labels: [0], classCount: max(1, session.classCount))
        try showPrediction(s, of: picture, example: 0, in: example, source: .drawing, emit: emit)
    }

    /// Runs `body` (one statement of a script) with `draw` taking its drawing from the lines of
    /// the script that follow (``DrawingLines``), then puts the drawing pad back.
    func drawing(from lines: ScriptLines, _ body: () throws(Diagnostic) -> Control) throws(Diagnostic) -> Control {
        let outer = drawingPad
        drawingPad = { statement throws(Diagnostic) in try DrawingLines.read(for: statement) { lines.next() } }
        defer { drawingPad = outer }
        return try body()
    }
}

/// A script's lines, taken one at a time: by ``Interpreter/runScript(_:file:emit:)`` as commands,
/// and by a `draw` among them as its drawing.
final class ScriptLines {
    private let lines: [Substring]
    private let file: String?
    private var position = 0

    /// Lines end in "\n" or "\r\n" (which Swift sees as one Character, a newline).
    init(_ text: String, file: String?) {
        lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        self.file = file
    }

    /// The next line with its number (1-based), nil after the last.
    func next() -> SourceLine? {
        guard position < lines.count else { return nil }
        position += 1
        return SourceLine(text: String(lines[position - 1]), number: position, file: file)
    }
}
