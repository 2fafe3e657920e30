import TextFormat
import TutorLanguage

/// `show pixels N row R`: one row of an image as three aligned lines — the column, the place the
/// value takes in the flattened image, and the value (0…255) — split into equal blocks when the
/// row does not fit the width (two blocks of 14 for a 28-wide image in 80 columns).
public enum PixelRowTable {
    /// The labels in front of the three lines.
    static let labels = ["column", "position", "value"]

    /// `title` is the image's title line (`Training image 1: label 0`).
    public static func render(_ row: PixelRow, title: String, width: Int) -> String {
        let values = row.values
        let first = row.firstPosition
        let last = first + max(0, values.count - 1)
        let total = row.image.pixels.count
        var lines = [
            TextColumns.fit("\(title), row \(row.row) of \(row.image.height), pixel values 0…255", width: width),
            TextColumns.fit(
                "Flattened into \(Thousands.grouped(total)) values, row \(row.row) is positions \(first)…\(last): "
                    + "\(row.row) rows of \(row.image.width) come before it, \(row.row)·\(row.image.width) = \(first).",
                width: width),
        ]
        guard !values.isEmpty else { return lines.joined(separator: "\n") }
        let labelWidth = labels.map(\.count).max() ?? 0
        let cellWidth = max(3, String(last).count)
        let fitting = max(1, (width - labelWidth) / (cellWidth + 1))
        let blockCount = (values.count + fitting - 1) / fitting
        let perBlock = (values.count + blockCount - 1) / blockCount
        for start in stride(from: 0, to: values.count, by: perBlock) {
            let columns = start..<min(values.count, start + perBlock)
            if start > 0 { lines.append("") }
            let cells = [columns.map(String.init), columns.map { String(first + $0) }, columns.map { String(values[$0]) }]
            for (label, row) in zip(labels, cells) {
                lines.append(TextColumns.padRight(label, labelWidth) + row.map { " " + TextColumns.padLeft($0, cellWidth) }.joined())
            }
        }
        return lines.joined(separator: "\n")
    }
}
