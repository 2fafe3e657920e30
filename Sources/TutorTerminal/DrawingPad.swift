import TextFormat
import TutorLanguage

/// `draw` at a terminal: the canvas (``DrawingCanvas``, drawn by ``CanvasPicture``) on the
/// alternate screen, fed the keys and the mouse through ``RawTerminal`` until Enter (the drawing)
/// or Esc / Ctrl-C (an error that changes nothing). The screen as it was comes back either way.
public enum DrawingPad {
    /// The error when the canvas was left with Esc or Ctrl-C.
    public static let cancelledMessage = "the drawing was cancelled (Esc or Ctrl-C): nothing changed"
    /// Another way to give a drawing, for errors.
    static let otherWay = "or write it in a script: `draw`, then \(DrawingLines.side) lines where `\(DrawingLines.ink)` is ink, run with `run FILE`"

    /// The drawing pad for ``Interpreter/drawingPad`` on `terminal` (its colours): the canvas,
    /// when standard input and output are a terminal at least ``CanvasPicture/columnsNeeded``
    /// wide and ``CanvasPicture/rowsNeeded`` high.
    public static func canvas(terminal: Terminal) -> (Statement) throws(Diagnostic) -> [UInt8] {
        { statement throws(Diagnostic) in try draw(statement, color: terminal.colorEnabled) }
    }

    static func draw(_ s: Statement, color: Bool) throws(Diagnostic) -> [UInt8] {
        guard Terminal.standardInputIsTTY(), Terminal.standardOutputIsTTY() else {
            throw s.diagnostic(Interpreter.noDrawingPadMessage)
        }
        if let refusal = RawTerminal.windowSize().flatMap(refusal) {
            throw s.diagnostic(refusal, suggestion: "make the window larger, \(otherWay)")
        }
        guard let drawn = RawTerminal.session({ run($0, color: color) }) else {
            throw s.diagnostic("cannot read single keys from this terminal", suggestion: otherWay)
        }
        guard let pixels = drawn else { throw s.diagnostic(cancelledMessage) }
        return pixels
    }

    /// Why a window of `size` is too small for the canvas, nil when it is large enough.
    static func refusal(_ size: (columns: Int, rows: Int)) -> String? {
        if size.columns < CanvasPicture.columnsNeeded {
            return "the window is \(size.columns) columns wide: the canvas needs at least \(CanvasPicture.columnsNeeded) (\(DrawingCanvas.side) cells of 2 columns, and its frame)"
        }
        if size.rows < CanvasPicture.rowsNeeded {
            return "the window is \(size.rows) rows high: the canvas needs at least \(CanvasPicture.rowsNeeded) (\(DrawingCanvas.side) rows of cells, its frame and the keys)"
        }
        return nil
    }

    /// Draws the canvas and takes keys until Enter (the drawing) or Esc, Ctrl-C or the end of
    /// the input (nil). An Esc alone is told from the start of a sequence by 50 ms of quiet.
    static func run(_ terminal: RawTerminal, color: Bool) -> [UInt8]? {
        var canvas = DrawingCanvas()
        var decoder = KeyDecoder()
        terminal.show(CanvasPicture.screen(canvas, color: color))
        while true {
            let keys: [TerminalKey]
            if let bytes = terminal.bytes(within: decoder.isWaiting ? 50 : nil) {
                if bytes.isEmpty { return nil }
                keys = decoder.feed(bytes)
            } else {
                keys = decoder.flush()
            }
            for key in keys {
                switch canvas.handle(key) {
                case .drawing: continue
                case .finished: return canvas.pixels
                case .cancelled: return nil
                }
            }
            terminal.show(CanvasPicture.screen(canvas, color: color))
        }
    }
}
