// The confusion matrix of a classifier, with per-class and overall accuracy.

import TextFormat

/// A confusion matrix: one row per true digit, one column per predicted digit.
///
///          predicted
///     true     0     1     2  …     9  accuracy
///        0 [ 970]    0     1  …     0    0.9898
///        …
///     overall accuracy: 0.9790 (9790 of 10000)
///
/// Correct predictions (the diagonal) are in brackets, and also bold on colour, so that words
/// about "the diagonal, in brackets" hold in both. The last column is each row's accuracy (its diagonal
/// count over its total), `—` for a digit with no examples.
///
/// Where the table is wider than the terminal (``width(matrix:)``), ``byDigit(matrix:width:)``
/// says the same digit by digit:
///
///     true  accuracy       right  most often predicted instead
///        0    0.9898  970 of 980  6 ×4, 2 ×3, 5 ×2
///        …
///     overall accuracy: 0.9790 (9790 of 10000)
public enum ConfusionTable {
    /// The columns the table takes for `matrix`.
    public static func width(matrix: [[Int]]) -> Int {
        let layout = Layout(matrix)
        return layout.labelWidth + 1 + layout.size * (layout.cellWidth + 2) + 1 + 8
    }

    /// How many of the digits each row was most often taken for ``byDigit(matrix:width:)`` lists.
    public static let mistakesListed = 3

    /// The narrower form: one line per true digit with its accuracy, its right predictions of
    /// all, and the (at most ``mistakesListed``) digits it was most often predicted as instead,
    /// each with how many times (`6 ×4`), most first; `—` for none. Lines are laid out to `width`.
    public static func byDigit(matrix: [[Int]], width: Int) -> String {
        let layout = Layout(matrix)
        guard layout.size > 0 else { return "(no predictions)" }
        let totals = (0..<layout.size).map { row in (0..<layout.size).reduce(0) { $0 + layout.count(row, $1) } }
        let rights = (0..<layout.size).map { "\(layout.count($0, $0)) of \(totals[$0])" }
        let rightWidth = max(5, rights.map(\.count).max() ?? 0)
        var lines = ["true  accuracy  " + TextColumns.padLeft("right", rightWidth) + "  most often predicted instead"]
        for row in 0..<layout.size {
            let mistakes = (0..<layout.size).filter { $0 != row && layout.count(row, $0) > 0 }
                .sorted { (layout.count(row, $0), $1) > (layout.count(row, $1), $0) }
                .prefix(mistakesListed)
                .map { "\($0) ×\(layout.count(row, $0))" }
            lines.append(
                TextColumns.padLeft(String(row), 4) + "  " + TextColumns.padLeft(layout.accuracy(row), 8) + "  "
                    + TextColumns.padLeft(rights[row], rightWidth) + "  " + (mistakes.isEmpty ? "—" : mistakes.joined(separator: ", ")))
        }
        lines.append(layout.overall)
        return lines.flatMap { TextColumns.fit(line: $0, width: width) }.joined(separator: "\n")
    }

    /// The table as text.
    ///
    /// - Parameter matrix: `matrix[true][predicted]` counts, n×n (10×10 for MNIST); the
    ///   size is the number of rows, missing entries count as 0, extra ones are ignored.
    /// - Parameter color: the bracketed diagonal also in the palette's emphasis (bold).
    public static func render(matrix: [[Int]], color: Bool) -> String {
        let layout = Layout(matrix)
        let (size, cellWidth, labelWidth) = (layout.size, layout.cellWidth, layout.labelWidth)
        guard size > 0 else { return "(no predictions)" }
        let palette = Palette(color: color)

        var lines = [String(repeating: " ", count: labelWidth + 2) + "predicted"]
        lines.append(TextColumns.padRight("true", labelWidth) + " "
            + (0..<size).map { " " + TextColumns.padLeft(String($0), cellWidth) + " " }.joined()
            + " accuracy")
        for row in 0..<size {
            var line = TextColumns.padLeft(String(row), labelWidth) + " "
            for column in 0..<size {
                let number = TextColumns.padLeft(String(layout.count(row, column)), cellWidth)
                line += column == row ? palette.paint("[\(number)]", .emphasis) : " \(number) "
            }
            lines.append(line + " " + TextColumns.padLeft(layout.accuracy(row), 8))
        }
        lines.append(layout.overall)
        return lines.joined(separator: "\n")
    }

    /// The sizes and sums both forms share.
    private struct Layout {
        let matrix: [[Int]]
        let size: Int
        let cellWidth: Int
        let labelWidth: Int

        init(_ matrix: [[Int]]) {
            self.matrix = matrix
            size = matrix.count
            let widest = matrix.prefix(size).flatMap { $0.prefix(matrix.count) }.map { max(0, $0) }.max() ?? 0
            cellWidth = max(String(widest).count, String(max(0, size - 1)).count, 3)
            labelWidth = max(4, String(max(0, size - 1)).count)
        }

        func count(_ row: Int, _ column: Int) -> Int {
            matrix[row].indices.contains(column) ? max(0, matrix[row][column]) : 0
        }

        /// A row's diagonal count over its total, `—` without examples.
        func accuracy(_ row: Int) -> String {
            let total = (0..<size).reduce(0) { $0 + count(row, $1) }
            return total > 0 ? NumberText.fixed(Double(count(row, row)) / Double(total), 4) : "—"
        }

        /// `overall accuracy: 0.9790 (9790 of 10000)`.
        var overall: String {
            let correct = (0..<size).reduce(0) { $0 + count($1, $1) }
            let total = (0..<size).reduce(0) { sum, row in (0..<size).reduce(sum) { $0 + count(row, $1) } }
            return "overall accuracy: \(total > 0 ? NumberText.fixed(Double(correct) / Double(total), 4) : "—") (\(correct) of \(total))"
        }
    }
}
