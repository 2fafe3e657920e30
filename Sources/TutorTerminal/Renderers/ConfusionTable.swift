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
public enum ConfusionTable {
    /// The table as text.
    ///
    /// - Parameter matrix: `matrix[true][predicted]` counts, n×n (10×10 for MNIST); the
    ///   size is the number of rows, missing entries count as 0, extra ones are ignored.
    /// - Parameter color: the bracketed diagonal also in the palette's emphasis (bold).
    public static func render(matrix: [[Int]], color: Bool) -> String {
        let size = matrix.count
        guard size > 0 else { return "(no predictions)" }
        func count(_ row: Int, _ column: Int) -> Int {
            matrix[row].indices.contains(column) ? max(0, matrix[row][column]) : 0
        }
        let widest = (0..<size).flatMap { row in (0..<size).map { count(row, $0) } }.max() ?? 0
        let cellWidth = max(String(widest).count, String(size - 1).count, 3)
        let labelWidth = max(4, String(size - 1).count)
        let palette = Palette(color: color)

        var lines = [String(repeating: " ", count: labelWidth + 2) + "predicted"]
        lines.append(TextColumns.padRight("true", labelWidth) + " "
            + (0..<size).map { " " + TextColumns.padLeft(String($0), cellWidth) + " " }.joined()
            + " accuracy")
        var correct = 0
        var total = 0
        for row in 0..<size {
            var line = TextColumns.padLeft(String(row), labelWidth) + " "
            for column in 0..<size {
                let number = TextColumns.padLeft(String(count(row, column)), cellWidth)
                line += column == row ? palette.paint("[\(number)]", .emphasis) : " \(number) "
            }
            let rowTotal = (0..<size).reduce(0) { $0 + count(row, $1) }
            let accuracy = rowTotal > 0 ? NumberText.fixed(Double(count(row, row)) / Double(rowTotal), 4) : "—"
            lines.append(line + " " + TextColumns.padLeft(accuracy, 8))
            correct += count(row, row)
            total += rowTotal
        }
        let overall = total > 0 ? NumberText.fixed(Double(correct) / Double(total), 4) : "—"
        lines.append("overall accuracy: \(overall) (\(correct) of \(total))")
        return lines.joined(separator: "\n")
    }
}
