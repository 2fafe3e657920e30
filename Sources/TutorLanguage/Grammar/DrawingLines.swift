import NeuralNet

/// A drawing as text: the 28 lines that follow `draw` on piped input or in a script, one per row
/// of pixels, each at most 28 characters. `#` is ink; anything else (a space, `.`) is blank, and
/// a shorter line is blank to its end. These lines are the drawing, not commands: they are not
/// echoed, not kept in the history, and a `#` in them starts no comment.
public enum DrawingLines {
    /// The character that is ink.
    public static let ink: Character = "#"
    /// Lines in a drawing, and characters at most in each: the field's side, 28.
    public static let side = DigitNormalization.fieldSide

    /// Reads a drawing for `statement` (the `draw` command) from the lines `next` gives after it
    /// (nil once the input ends): ``side`` × ``side`` bytes, 255 for ink, 0 for blank. A line
    /// longer than ``side`` characters (reported once all 28 are read), or input that ends first,
    /// is an error; either way the lines read are used up.
    public static func read(for statement: Statement, next: () -> SourceLine?) throws(Diagnostic) -> [UInt8] {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(side * side)
        var tooLong: Diagnostic?
        for row in 0..<side {
            guard let line = next() else {
                throw statement.diagnostic(
                    "`draw` takes the \(side) lines after it as the drawing, but the input ended after \(row == 1 ? "1 line" : "\(row) lines")",
                    at: 0, suggestion: format)
            }
            let characters = Array(line.text)
            if characters.count > side, tooLong == nil {
                tooLong = Diagnostic(
                    "line \(row + 1) of the drawing has \(characters.count) characters; a drawing's lines hold at most \(side)",
                    in: line, columns: (side + 1)...characters.count, suggestion: format)
            }
            pixels += (0..<side).map { $0 < characters.count && characters[$0] == ink ? 255 : 0 }
        }
        // The whole drawing is read first, so that none of its lines is taken for a command.
        if let tooLong { throw tooLong }
        return pixels
    }

    /// How a drawing is written, for errors.
    public static let format = "after `draw`, \(side) lines of at most \(side) characters: `\(ink)` is ink, anything else blank"
}
