// `draw`: the drawing and MNIST's two steps on it, as pictures with their numbers.

import NeuralNet
import TextFormat

/// Lays out a ``DigitNormalization``: a sentence on what MNIST did to every digit, one line of
/// numbers per step (the ink's bounding box; the scale factor and the fitted size; the centre of
/// mass before and the shift that centres it), then three framed pictures — as drawn (28×28),
/// fitted into the 20×20 box, centred in the 28×28 field — side by side where the width allows
/// (each picture's lines centred on the tallest), else one under another. Computes nothing: every
/// number arrives in the value.
public enum DrawingSteps {
    /// Columns between pictures side by side.
    static let gap = 2

    public static func render(_ d: DigitNormalization, width: Int, color: Bool) -> String {
        let field = DigitNormalization.fieldSide, box = DigitNormalization.boxSide
        let centre = NumberText.short(DigitNormalization.fieldCentre)
        let after = d.centredCentreOfMass
        let steps = [
            "1. ink in rows \(d.rows.lowerBound)–\(d.rows.upperBound) and columns \(d.columns.lowerBound)–\(d.columns.upperBound): \(d.rows.count) × \(d.columns.count) pixels",
            "2. scaled by \(box)/\(max(d.rows.count, d.columns.count)) = \(NumberText.fixed(d.scale, 2)) to \(d.fittedHeight) × \(d.fittedWidth) pixels, each new pixel the mean of the ink it covers (edges turn grey)",
            "3. centre of mass at row \(NumberText.fixed(d.centreOfMass.row, 2)), column \(NumberText.fixed(d.centreOfMass.column, 2)); moved \(moved(d.shift.rows, "row", "down", "up")) and \(moved(d.shift.columns, "column", "right", "left")) to row \(NumberText.fixed(after.row, 2)), column \(NumberText.fixed(after.column, 2)): the field's middle (\(centre), \(centre)) to the nearest pixel",
        ]
        // Each step's later lines start under its text, past `  1. `.
        let text = [TextColumns.fit(
            "MNIST fitted every digit's ink into a \(box)×\(box) box, keeping its proportions, and centred it by its centre of mass in the \(field)×\(field) field. Your drawing, the same way:",
            width: width)] + steps.map { TextColumns.fit(line: "  " + $0, width: width, indent: 5).joined(separator: "\n") }

        let pictures = [
            ("1. as drawn", framed(d.drawn, side: field, color: color)),
            ("2. fitted into \(box)×\(box)", framed(d.box, side: box, color: color)),
            ("3. centred in \(field)×\(field)", framed(d.centred, side: field, color: color)),
        ]
        let widths = pictures.map { TextColumns.width($0.1.first ?? "") }
        let sideBySide = widths.reduce(0, +) + gap * (pictures.count - 1) <= width
        var lines = text
        if sideBySide {
            let tallest = pictures.map(\.1.count).max() ?? 0
            let spacer = String(repeating: " ", count: gap)
            lines.append(zip(pictures, widths).map { TextColumns.padRight($0.0.0, $0.1) }.joined(separator: spacer).trimmedRight)
            for row in 0..<tallest {
                lines.append(zip(pictures, widths).map { picture, columns in
                    let lines = picture.1
                    let index = row - (tallest - lines.count) / 2
                    return lines.indices.contains(index) ? lines[index] : String(repeating: " ", count: columns)
                }.joined(separator: spacer).trimmedRight)
            }
        } else {
            for (title, picture) in pictures {
                lines.append(title)
                lines += picture
            }
        }
        lines.append(TextColumns.fit("`predict drawn` shows what the model makes of picture 3.", width: width))
        return lines.joined(separator: "\n")
    }

    /// `2 rows down`, `1 column left`, `0 rows`.
    static func moved(_ count: Int, _ noun: String, _ positive: String, _ negative: String) -> String {
        let counted = Thousands.counted(abs(count), noun)
        return count == 0 ? counted : "\(counted) \(count > 0 ? positive : negative)"
    }

    /// A `side`×`side` picture in a frame, one string per line.
    static func framed(_ pixels: [UInt8], side: Int, color: Bool) -> [String] {
        let picture = DigitPicture.render(pixels: pixels, height: side, width: side, color: color)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let inner = color ? side : 2 * side
        let rule = String(repeating: "─", count: inner)
        return ["┌" + rule + "┐"] + picture.map { "│" + TextColumns.padRight($0, inner) + "│" } + ["└" + rule + "┘"]
    }
}

extension String {
    /// The string without trailing spaces.
    fileprivate var trimmedRight: String { String(trimmingTrailingSpaces) }
}
