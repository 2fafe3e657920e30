// The Keras 3 `model.summary()` table.

import TextFormat

/// Keras 3's `model.summary()` for a sequential model, as it prints without colour:
///
///     Model: "sequential"
///     ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
///     ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
///     ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
///     │ flatten (Flatten)               │ (None, 784)            │             0 │
///     ├─────────────────────────────────┼────────────────────────┼───────────────┤
///     …
///     └─────────────────────────────────┴────────────────────────┴───────────────┘
///      Total params: 203,530 (795.04 KB)
///      Trainable params: 203,530 (795.04 KB)
///      Non-trainable params: 0 (0.00 B)
///
/// How Keras (`keras/src/utils/summary_utils.py`) and rich lay it out, reproduced here:
/// - the line length is `min(88, terminal columns − 4)`; the columns end at 45 %, 80 % and
///   100 % of it (`int(position × length)`);
/// - rich adds one space of padding on each side of a cell, finds the table 10 cells too
///   wide for the line (borders included) and takes them back evenly (`ratio_reduce`,
///   rounding half to even): 3, 4 and 3 cells. An 80-column terminal gives cells of
///   33, 24 and 15 characters (a 76-character table), a terminal of 92 or more columns
///   33 + 5, 29 and 17 (88 characters);
/// - the box is rich's `HEAVY_HEAD` with a line between rows (`show_lines=True`);
///   `Param #` is right-aligned; counts use thousands separators;
/// - sizes assume float32 weights (4 bytes each) and print with two decimals in
///   B, KB, MB, … of 1024.
/// Text wider than its cell is wrapped at spaces; a word that does not fit is cut with `…`.
public enum SummaryTable {
    /// One layer of the model.
    public struct Row: Sendable, Equatable {
        /// The layer's name, e.g. `dense_1`.
        public var name: String
        /// The layer's class, e.g. `Dense`.
        public var type: String
        /// The output shape as Keras writes it, e.g. `(None, 256)`.
        public var outputShape: String
        /// The number of weights and biases in the layer.
        public var parameters: Int

        /// Creates a row.
        public init(name: String, type: String, outputShape: String, parameters: Int) {
            self.name = name
            self.type = type
            self.outputShape = outputShape
            self.parameters = parameters
        }
    }

    /// The summary text (no trailing line break).
    ///
    /// - Parameters:
    ///   - modelName: printed as `Model: "name"`; Keras' default is `sequential`.
    ///   - rows: the layers, first to last; an empty model prints the header only.
    ///   - trainable: trainable parameter count.
    ///   - nonTrainable: non-trainable parameter count.
    ///   - width: the terminal's column count (Keras uses `shutil.get_terminal_size()`).
    public static func render(
        modelName: String,
        rows: [Row],
        trainable: Int,
        nonTrainable: Int,
        width: Int
    ) -> String {
        let cells = cellWidths(lineLength: lineLength(terminalWidth: width))
        let header = ["Layer (type)", "Output Shape", "Param #"]
        let rightAligned = [false, false, true]

        var lines = ["Model: \"\(modelName)\""]
        lines.append(rule(cells, left: "┏", fill: "━", divider: "┳", right: "┓"))
        lines += tableRow(header, cells, rightAligned, edge: "┃")
        lines.append(rule(cells, left: "┡", fill: "━", divider: "╇", right: "┩"))
        for (index, row) in rows.enumerated() {
            if index > 0 { lines.append(rule(cells, left: "├", fill: "─", divider: "┼", right: "┤")) }
            let fields = ["\(row.name) (\(row.type))", row.outputShape, Thousands.grouped(row.parameters)]
            lines += tableRow(fields, cells, rightAligned, edge: "│")
        }
        lines.append(rule(cells, left: "└", fill: "─", divider: "┴", right: "┘"))

        let total = trainable + nonTrainable
        lines.append(" Total params: \(Thousands.grouped(total)) (\(memorySize(parameters: total)))")
        lines.append(" Trainable params: \(Thousands.grouped(trainable)) (\(memorySize(parameters: trainable)))")
        lines.append(
            " Non-trainable params: \(Thousands.grouped(nonTrainable)) (\(memorySize(parameters: nonTrainable)))"
        )
        return lines.joined(separator: "\n")
    }

    /// Keras' default line length for a sequential model: 88, or the terminal width less 4
    /// when that is smaller. Kept at 40 or more so every column stays usable.
    static func lineLength(terminalWidth: Int) -> Int {
        max(40, min(88, terminalWidth - 4))
    }

    /// The width of each cell, padding included and borders excluded, as rich computes it
    /// for Keras' fixed column widths inside a table of `lineLength` characters.
    static func cellWidths(lineLength: Int) -> [Int] {
        var widths: [Int] = []
        var used = 0
        for position in [0.45, 0.80, 1.0] {
            let width = Int(position * Double(lineLength)) - used
            widths.append(width + 2)  // rich's padding (0, 1)
            used += width
        }
        let available = lineLength - (widths.count + 1)  // the vertical borders
        let excess = widths.reduce(0, +) - available
        if excess > 0 {
            widths = ratioReduce(excess, ratios: widths.map { _ in 1 }, maximums: widths, values: widths)
        }
        return widths
    }

    /// rich's `ratio_reduce`: take `total` away from `values` in proportion to `ratios`,
    /// at most `maximums` from each, rounding half to even as Python's `round`.
    static func ratioReduce(_ total: Int, ratios: [Int], maximums: [Int], values: [Int]) -> [Int] {
        let ratios = zip(ratios, maximums).map { ratio, maximum in maximum != 0 ? ratio : 0 }
        var totalRatio = ratios.reduce(0, +)
        guard totalRatio > 0 else { return values }
        var remaining = total
        var result: [Int] = []
        for (index, value) in values.enumerated() {
            let ratio = ratios[index]
            if ratio > 0 && totalRatio > 0 {
                let share = (Double(ratio * remaining) / Double(totalRatio)).rounded(.toNearestOrEven)
                let distributed = min(maximums[index], Int(share))
                result.append(value - distributed)
                remaining -= distributed
                totalRatio -= ratio
            } else {
                result.append(value)
            }
        }
        return result
    }

    /// Keras' `readable_memory_size` for float32 weights: `795.04 KB`, `0.00 B`.
    static func memorySize(parameters: Int) -> String {
        ByteCount.text(parameters > Int.max / 4 ? Int.max : parameters * 4)
    }

    /// A horizontal border line.
    private static func rule(_ cells: [Int], left: String, fill: String, divider: String, right: String) -> String {
        left + cells.map { String(repeating: fill, count: $0) }.joined(separator: divider) + right
    }

    /// The text lines of one table row, each cell wrapped to its width.
    private static func tableRow(_ fields: [String], _ cells: [Int], _ rightAligned: [Bool], edge: String) -> [String] {
        // rich breaks a cell at every space (a shape too) and cuts a word that does not fit.
        let wrapped = fields.indices.map {
            TextColumns.wrap(
                words: fields[$0].split(separator: " ").map(String.init), width: max(1, cells[$0] - 2), longWords: .cut)
        }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { line in
            let parts = fields.indices.map { column -> String in
                let content = line < wrapped[column].count ? wrapped[column][line] : ""
                let width = max(1, cells[column] - 2)
                let text = rightAligned[column]
                    ? TextColumns.padLeft(content, width) : TextColumns.padRight(content, width)
                return " " + text + " "
            }
            return edge + parts.joined(separator: edge) + edge
        }
    }
}
