import TextFormat
import TutorLanguage

/// `explain`'s output laid out to a width: the title (bold), each sentence wrapped, each step of
/// arithmetic indented by two columns (a broken step goes on four in), and each table with its
/// columns right-aligned under their headings, two columns apart. Computes nothing: every
/// number arrives written out in the ``Explanation``.
enum ExplanationText {
    static func render(_ explanation: Explanation, width: Int, palette: Palette) -> String {
        var lines = TextColumns.fit(line: VisibleText.of(explanation.title), width: width).map { palette.paint($0, .emphasis) }
        for line in explanation.lines {
            switch line {
            case .text(let text): lines += TextColumns.fit(line: text, width: width)
            case .step(let step): lines += TextColumns.fit(line: "  " + step, width: width, indent: 4)
            case .table(let header, let rows): lines += table(header: header, rows: rows)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The rows under the header, each column as wide as its widest cell, right-aligned.
    static func table(header: [String], rows: [[String]]) -> [String] {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0.indices.contains(column) ? TextColumns.width($0[column]) : 0 }.max() ?? 0
        }
        return ([header] + rows).map { cells in
            "  " + widths.indices.map { TextColumns.padLeft(cells.indices.contains($0) ? cells[$0] : "", widths[$0]) }.joined(separator: "  ")
        }
    }
}
