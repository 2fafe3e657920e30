// `draw`'s canvas on the screen: where each cell is, and the text that shows it.

import TextFormat

/// Draws a ``DrawingCanvas`` at the top left of the screen (the alternate screen ``DrawingPad``
/// uses): a frame whose top line tells the pen, the cursor and the ink so far; 28 rows of 28
/// cells, each 2 columns wide so that it looks square (`██` ink, `· ` blank); and the keys under
/// it. The cell under the cursor is shown in cyan (ink) or reversed (blank) with colour, as `▓▓`
/// (ink) or `<>` (blank) without. The whole screen is redrawn in place after each key (cursor
/// positioning, every line erased to its end): nothing scrolls.
public enum CanvasPicture {
    /// The keys, one line each, under the canvas.
    public static let help = [
        "arrows: move    space: ink or blank    p: pen down or up",
        "mouse: drag to ink, right button to blank    c: clear",
        "Enter: done    Esc or Ctrl-C: cancel",
    ]

    /// Columns the canvas takes: 28 cells of 2 and the frame's two sides.
    public static let width = 2 * DrawingCanvas.side + 2
    /// The narrowest window the canvas is drawn in: its width and a little room.
    public static let columnsNeeded = 60
    /// The shortest window it is drawn in: the frame, the rows of cells and the keys.
    public static let rowsNeeded = DrawingCanvas.side + 2 + help.count

    /// The canvas cell under the screen's `column` and `row` (both from 1), nil outside the cells.
    public static func cell(atColumn column: Int, row: Int) -> (row: Int, column: Int)? {
        let cellRow = row - 2, offset = column - 2
        guard (0..<DrawingCanvas.side).contains(cellRow), offset >= 0, offset < 2 * DrawingCanvas.side else { return nil }
        return (cellRow, offset / 2)
    }

    /// Where the cell at `row`, `column` starts on the screen (both from 1).
    public static func screenPosition(row: Int, column: Int) -> (column: Int, row: Int) {
        (2 + 2 * column, 2 + row)
    }

    /// The canvas as lines, top to bottom.
    public static func lines(_ canvas: DrawingCanvas, color: Bool) -> [String] {
        let style = ANSIStyle(color: color)
        let side = DrawingCanvas.side
        let pen = canvas.penDown ? "pen down" : "pen up"
        let title = "─ draw a digit: \(pen), row \(canvas.cursorRow) column \(canvas.cursorColumn), \(Thousands.grouped(canvas.inkedCells)) inked "
        let top = "┌" + title + String(repeating: "─", count: max(0, width - 2 - TextColumns.width(title))) + "┐"
        var lines = [top]
        for row in 0..<side {
            var line = "│"
            for column in 0..<side {
                let inked = canvas.isInked(row: row, column: column)
                let here = row == canvas.cursorRow && column == canvas.cursorColumn
                if here {
                    if color {
                        line += inked ? style.colored("██", .cyan) : "\u{1B}[7m· \u{1B}[0m"
                    } else {
                        line += inked ? "▓▓" : "<>"
                    }
                } else {
                    line += inked ? "██" : style.dim("· ")
                }
            }
            lines.append(line + "│")
        }
        lines.append("└" + String(repeating: "─", count: width - 2) + "┘")
        return lines + help.map { style.dim($0) }
    }

    /// The text that redraws the whole canvas from the screen's top left and leaves the
    /// terminal's cursor on the cell under the canvas' cursor.
    public static func screen(_ canvas: DrawingCanvas, color: Bool) -> String {
        let body = lines(canvas, color: color).map { $0 + "\u{1B}[K" }.joined(separator: "\r\n")
        let (column, row) = screenPosition(row: canvas.cursorRow, column: canvas.cursorColumn)
        return "\u{1B}[H" + body + "\u{1B}[J" + "\u{1B}[\(row);\(column)H"
    }
}
