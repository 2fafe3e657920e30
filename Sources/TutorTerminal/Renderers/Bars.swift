// Labelled horizontal bars for a model's ten output values.

import NeuralNet
import TextFormat

/// Horizontal bars, one per value, e.g. the ten outputs of a softmax layer:
///
///     0 ▏ 0.0001
///     …
///     7 ████████████████████████████████████████ 0.9912
///
/// Bars are drawn in eighths of a cell (`▏▎▍▌▋▊▉█`) and scaled so that 1 (or the largest
/// value, if larger) fills `maxWidth` cells: probabilities are comparable across calls.
/// Every bar shows at least `▏`, so a zero or negative value still marks its row.
/// Values print with 4 decimals. The largest value's line is in the palette's emphasis (bold)
/// when colour is on.
/// Values are assumed finite; a NaN draws the minimal bar and prints `nan`.
public enum Bars {
    /// Partial cells by eighths: index 1 is one eighth, 7 is seven eighths.
    static let eighths: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The bars as text, one line per value.
    ///
    /// - Parameters:
    ///   - values: the values to draw.
    ///   - labels: a label per value; by default `0`, `1`, … (the digits). Missing labels
    ///     are numbered, extra ones ignored.
    ///   - maxWidth: cells of the longest possible bar.
    ///   - highlightTop: make the largest value's line bold (when colour is on).
    ///   - color: whether ANSI styles may be used.
    public static func render(
        values: [Double],
        labels: [String]? = nil,
        maxWidth: Int = 40,
        highlightTop: Bool = true,
        color: Bool
    ) -> String {
        guard !values.isEmpty else { return "" }
        let names = values.indices.map { index in
            if let labels, labels.indices.contains(index) { return labels[index] }
            return String(index)
        }
        let labelWidth = names.map(\.count).max() ?? 1
        let finite = values.filter(\.isFinite)
        let scale = max(1, finite.max() ?? 1)
        let top = highlightTop ? topIndex(values) : nil
        let palette = Palette(color: color)

        return values.indices.map { index in
            let line = TextColumns.padRight(names[index], labelWidth) + " "
                + bar(values[index] / scale, width: max(1, maxWidth)) + " "
                + NumberText.fixed(values[index], 4)
            return index == top ? palette.paint(line, .emphasis) : line
        }.joined(separator: "\n")
    }

    /// A bar for `fraction` (0…1) of `width` cells, at least one eighth.
    static func bar(_ fraction: Double, width: Int) -> String {
        let total = fraction.isFinite ? Int((fraction * Double(width * 8)).rounded()) : 0
        let clamped = min(width * 8, max(1, total))
        var text = String(repeating: "█", count: clamped / 8)
        if clamped % 8 > 0 { text.append(eighths[clamped % 8]) }
        return text
    }

    /// The index of the first largest finite value (`argmax()` among the finite ones).
    static func topIndex(_ values: [Double]) -> Int? {
        values.contains(where: \.isFinite) ? values.map { $0.isFinite ? $0 : -.infinity }.argmax() : nil
    }
}
