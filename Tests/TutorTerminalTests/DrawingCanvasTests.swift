import Testing
@testable import TutorTerminal

/// `draw`'s canvas without a terminal: bytes → keys (arrows, Esc, SGR mouse reports, split
/// reads), keys → cells, and the screen's cells ↔ canvas cells.
struct DrawingCanvasTests {
    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: - Keys from bytes

    @Test(arguments: [
        ("\u{1B}[A", TerminalKey.up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}[1;5D", .left), ("\r", .enter), ("\n", .enter), ("\u{03}", .interrupt),
        (" ", .character(" ")), ("p", .character("p")), ("\u{1B}[2~", .other), ("\u{7F}", .other),
    ])
    func keysAreDecoded(_ input: String, _ key: TerminalKey) {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Self.bytes(input)) == [key])
        #expect(!decoder.isWaiting)
    }

    @Test func mouseReportsAreDecoded() {
        var decoder = KeyDecoder()
        let keys = decoder.feed(Self.bytes("\u{1B}[<0;20;5M\u{1B}[<32;22;5M\u{1B}[<2;3;4M\u{1B}[<0;24;6m\u{1B}[<64;1;1M"))
        #expect(keys == [
            .mouse(MouseEvent(button: .left, action: .press, column: 20, row: 5)),
            .mouse(MouseEvent(button: .left, action: .drag, column: 22, row: 5)),
            .mouse(MouseEvent(button: .right, action: .press, column: 3, row: 4)),
            .mouse(MouseEvent(button: .left, action: .release, column: 24, row: 6)),
            .other,  // the wheel
        ])
    }

    @Test func aSequenceSplitOverReadsWaitsForItsEnd() {
        var decoder = KeyDecoder()
        #expect(decoder.feed(Self.bytes("\u{1B}")) == [])
        #expect(decoder.isWaiting)
        #expect(decoder.feed(Self.bytes("[<0;1")) == [])
        #expect(decoder.feed(Self.bytes("0;3M ")) == [.mouse(MouseEvent(button: .left, action: .press, column: 10, row: 3)), .character(" ")])
        #expect(!decoder.isWaiting)
    }

    @Test func aLoneEscIsEscOnceNothingFollows() {
        var decoder = KeyDecoder()
        #expect(decoder.feed([0x1B]) == [])
        #expect(decoder.flush() == [.escape])
        #expect(!decoder.isWaiting)
        // Esc before an ordinary key is Esc, then the key.
        #expect(decoder.feed(Self.bytes("\u{1B}x")) == [.escape, .character("x")])
        // An unfinished sequence given up on is dropped.
        #expect(decoder.feed(Self.bytes("\u{1B}[<0;1")) == [])
        #expect(decoder.flush() == [.other])
    }

    @Test func aRunawaySequenceIsDropped() {
        var decoder = KeyDecoder()
        let keys = decoder.feed(Self.bytes("\u{1B}[" + String(repeating: "1", count: 40)))
        #expect(keys == [.other])
        #expect(!decoder.isWaiting)
        #expect(decoder.feed(Self.bytes("\r")) == [.enter])
    }

    // MARK: - Cells from keys

    static func draw(_ keys: [TerminalKey]) -> (DrawingCanvas, DrawingCanvas.Outcome) {
        var canvas = DrawingCanvas()
        var outcome = DrawingCanvas.Outcome.drawing
        for key in keys where outcome == .drawing { outcome = canvas.handle(key) }
        return (canvas, outcome)
    }

    static func inked(_ canvas: DrawingCanvas) -> [[Int]] {
        (0..<28).flatMap { row in (0..<28).filter { canvas.isInked(row: row, column: $0) }.map { [row, $0] } }
    }

    @Test func theCursorStartsInTheMiddleOfABlankCanvas() {
        let canvas = DrawingCanvas()
        #expect(canvas.cursorRow == 14 && canvas.cursorColumn == 14)
        #expect(canvas.inkedCells == 0 && !canvas.penDown)
        #expect(canvas.pixels == [UInt8](repeating: 0, count: 784))
    }

    @Test func spaceTogglesTheCellUnderTheCursor() {
        let (canvas, outcome) = Self.draw([.character(" "), .right, .character(" "), .character(" "), .up, .character(" ")])
        #expect(outcome == .drawing)
        #expect(Self.inked(canvas) == [[13, 15], [14, 14]])
    }

    @Test func withThePenDownTheArrowsInk() {
        let (canvas, _) = Self.draw([.character("p"), .down, .down, .character("p"), .down, .left])
        #expect(Self.inked(canvas) == [[14, 14], [15, 14], [16, 14]])
        #expect(!canvas.penDown)
        #expect(canvas.cursorRow == 17 && canvas.cursorColumn == 13)
    }

    @Test func theCursorStopsAtTheEdges() {
        let (canvas, _) = Self.draw(Array(repeating: .up, count: 40) + Array(repeating: .left, count: 40))
        #expect(canvas.cursorRow == 0 && canvas.cursorColumn == 0)
        let (other, _) = Self.draw(Array(repeating: .down, count: 40) + Array(repeating: .right, count: 40))
        #expect(other.cursorRow == 27 && other.cursorColumn == 27)
    }

    @Test func cClearsEverythingAndLiftsThePen() {
        let (canvas, _) = Self.draw([.character("p"), .down, .right, .character("c")])
        #expect(canvas.inkedCells == 0 && !canvas.penDown)
    }

    @Test func enterFinishesWithTheCellsAsPixels() {
        let (canvas, outcome) = Self.draw([.character(" "), .enter, .right, .character(" ")])
        #expect(outcome == .finished)
        var expected = [UInt8](repeating: 0, count: 784)
        expected[14 * 28 + 14] = 255
        #expect(canvas.pixels == expected)  // nothing after Enter is taken
    }

    @Test(arguments: [TerminalKey.escape, .interrupt])
    func escAndCtrlCCancel(_ key: TerminalKey) {
        let (_, outcome) = Self.draw([.character(" "), key])
        #expect(outcome == .cancelled)
    }

    @Test func theMouseInksWithTheLeftButtonAndBlanksWithTheRight() {
        func at(_ row: Int, _ column: Int, _ button: MouseEvent.Button, _ action: MouseEvent.Action) -> TerminalKey {
            let place = CanvasPicture.screenPosition(row: row, column: column)
            return .mouse(MouseEvent(button: button, action: action, column: place.column, row: place.row))
        }
        let (canvas, _) = Self.draw([
            at(3, 4, .left, .press), at(3, 5, .left, .drag), at(4, 5, .left, .drag), at(4, 6, .left, .release),
            at(3, 5, .right, .press), at(9, 9, .middle, .press),
        ])
        #expect(Self.inked(canvas) == [[3, 4], [4, 5]])
        #expect(canvas.cursorRow == 3 && canvas.cursorColumn == 5)
    }

    // MARK: - The screen

    @Test func screenCellsMapToCanvasCells() {
        for (row, column) in [(0, 0), (27, 27), (13, 6)] {
            let place = CanvasPicture.screenPosition(row: row, column: column)
            #expect(CanvasPicture.cell(atColumn: place.column, row: place.row).map { [$0.row, $0.column] } == [row, column])
            // A cell is 2 columns wide.
            #expect(CanvasPicture.cell(atColumn: place.column + 1, row: place.row).map { [$0.row, $0.column] } == [row, column])
        }
        for (column, row) in [(1, 5), (58, 5), (10, 1), (10, 30)] {  // the frame
            #expect(CanvasPicture.cell(atColumn: column, row: row) == nil)
        }
    }

    @Test func theCanvasIsDrawnWithItsFrameAndKeys() {
        let (canvas, _) = Self.draw([.character(" "), .right])
        let lines = CanvasPicture.lines(canvas, color: false)
        #expect(lines.count == CanvasPicture.rowsNeeded)
        #expect(CanvasPicture.rowsNeeded == 33 && CanvasPicture.width == 58)
        #expect(lines[0] == "┌─ draw a digit: pen up, row 14 column 15, 1 inked ──────┐")
        #expect(lines[15] == "│" + String(repeating: "· ", count: 14) + "██<>" + String(repeating: "· ", count: 12) + "│")
        #expect(lines[29] == "└" + String(repeating: "─", count: 56) + "┘")
        #expect(Array(lines[30...]) == CanvasPicture.help)
        #expect(lines.allSatisfy { $0.count <= CanvasPicture.columnsNeeded })
    }

    @Test func theScreenIsRedrawnInPlaceWithTheCursorOnItsCell() {
        let (canvas, _) = Self.draw([.up, .left])
        let screen = CanvasPicture.screen(canvas, color: false)
        #expect(screen.hasPrefix("\u{1B}[H┌─ draw a digit"))
        #expect(screen.hasSuffix("\u{1B}[J\u{1B}[15;28H"))  // row 13 → screen row 15; column 13 → screen column 28
        #expect(!screen.contains("\n\u{1B}") && screen.components(separatedBy: "\u{1B}[K\r\n").count == 33)
    }

    @Test func tooSmallWindowsAreRefusedSayingWhatIsNeeded() {
        #expect(DrawingPad.refusal((columns: 59, rows: 40)) == "the window is 59 columns wide: the canvas needs at least 60 (28 cells of 2 columns, and its frame)")
        #expect(DrawingPad.refusal((columns: 80, rows: 24)) == "the window is 24 rows high: the canvas needs at least 33 (28 rows of cells, its frame and the keys)")
        #expect(DrawingPad.refusal((columns: 60, rows: 33)) == nil)
    }
}
