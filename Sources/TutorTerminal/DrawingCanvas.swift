import NeuralNet

/// The state of `draw`'s canvas at a terminal: 28×28 cells, each ink or blank, a cursor, and a
/// pen. Pure: keys go in (``handle(_:)``), cells come out; ``CanvasPicture`` draws it and
/// ``DrawingPad`` feeds it the terminal's keys.
///
/// Keys: the arrows move the cursor (stopping at the edges), and with the pen down ink every cell
/// they reach; space turns the cell under the cursor to ink or back to blank; `p` puts the pen
/// down (inking the cell under it) or lifts it; `c` clears every cell and lifts the pen; Enter
/// finishes; Esc or Ctrl-C cancels. The mouse's left button inks the cell it presses or drags
/// over, the right button blanks it, and either moves the cursor there. Other keys do nothing.
public struct DrawingCanvas: Equatable, Sendable {
    /// Cells in a row and rows: the field's side, 28.
    public static let side = DigitNormalization.fieldSide

    /// What a key left the canvas doing.
    public enum Outcome: Equatable, Sendable {
        /// Still drawing.
        case drawing
        /// Enter: the drawing is done.
        case finished
        /// Esc or Ctrl-C: the drawing is dropped.
        case cancelled
    }

    /// Row-major: true for ink.
    public private(set) var ink: [Bool]
    public private(set) var cursorRow: Int
    public private(set) var cursorColumn: Int
    /// Whether the arrows ink the cells they move to.
    public private(set) var penDown = false

    /// A blank canvas, the cursor in the middle.
    public init() {
        ink = [Bool](repeating: false, count: Self.side * Self.side)
        cursorRow = Self.side / 2
        cursorColumn = Self.side / 2
    }

    /// The cells as a drawing: 255 for ink, 0 for blank.
    public var pixels: [UInt8] { ink.map { $0 ? 255 : 0 } }

    /// How many cells hold ink.
    public var inkedCells: Int { ink.filter { $0 }.count }

    /// Whether the cell at `row`, `column` holds ink (false outside the canvas).
    public func isInked(row: Int, column: Int) -> Bool {
        Self.contains(row, column) && ink[row * Self.side + column]
    }

    /// Carries out one key.
    public mutating func handle(_ key: TerminalKey) -> Outcome {
        switch key {
        case .up: move(-1, 0)
        case .down: move(1, 0)
        case .left: move(0, -1)
        case .right: move(0, 1)
        case .character(" "): ink[cursorRow * Self.side + cursorColumn].toggle()
        case .character("p"), .character("P"):
            penDown.toggle()
            if penDown { set(cursorRow, cursorColumn, true) }
        case .character("c"), .character("C"):
            ink = [Bool](repeating: false, count: Self.side * Self.side)
            penDown = false
        case .enter: return .finished
        case .escape, .interrupt: return .cancelled
        case .mouse(let event): mouse(event)
        case .character, .other: break
        }
        return .drawing
    }

    private mutating func move(_ rows: Int, _ columns: Int) {
        cursorRow = min(Self.side - 1, max(0, cursorRow + rows))
        cursorColumn = min(Self.side - 1, max(0, cursorColumn + columns))
        if penDown { set(cursorRow, cursorColumn, true) }
    }

    private mutating func mouse(_ event: MouseEvent) {
        guard event.action != .release, event.button == .left || event.button == .right,
              let (row, column) = CanvasPicture.cell(atColumn: event.column, row: event.row) else { return }
        cursorRow = row
        cursorColumn = column
        set(row, column, event.button == .left)
    }

    private mutating func set(_ row: Int, _ column: Int, _ value: Bool) {
        guard Self.contains(row, column) else { return }
        ink[row * Self.side + column] = value
    }

    private static func contains(_ row: Int, _ column: Int) -> Bool {
        (0..<side).contains(row) && (0..<side).contains(column)
    }
}
