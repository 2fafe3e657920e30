// `runs`: this session's trainings side by side.

import NeuralNet
import TextFormat
import TutorLanguage

/// The table `runs` prints: one numbered row per `fit` that trained, oldest first — first what it
/// trained (the layers, the optimizer, the loss function, the batch and the examples), then what
/// came of it (its epochs, the final loss and accuracy, the validation's and the test set's):
///
///     Runs of this session, oldest first:
///      #  layers                      optimizer     loss function  batch      examples
///      1  flatten, dense 32 relu,     adam 0.001    crossentropy      32         1,000
///         dense 10 softmax
///      2  flatten, dense 32 relu,     sgd 0.1       crossentropy      32         1,000
///         dense 10 softmax            momentum 0.9                        validate 0.2
///
///      #  epochs  in all    loss  accuracy  val_loss  val_acc  test_loss  test_acc
///      1       2       2  1.1759    0.7430         —        —     1.0987    0.7000
///      2      1*       3  0.7366    0.8000    0.8174   0.7250          —         —
///     * 2: stopped by Ctrl-C in epoch 2, after 12 of 25 batches
///
/// On colour, a line of a setting that differs from the row above is bold: the one thing
/// changed stands out. Where either table does not fit the width, each run is told in lines of
/// its own instead (``byRun(_:width:)``). The values' words are made once here, for all three forms.
public enum RunsTable {
    /// What `runs` says before the first training.
    public static let noRuns = "No runs yet: each `fit` that trains at least one epoch adds a row here, e.g. `fit 3`."

    /// The title above the tables.
    static let title = "Runs of this session, oldest first:"

    /// The tables, or ``byRun(_:width:)`` where they do not fit `width`.
    public static func render(_ runs: [RunRecord], width: Int, color: Bool) -> String {
        guard !runs.isEmpty else { return TextColumns.fit(noRuns, width: width) }
        let palette = Palette(color: color)
        guard let settings = settingsTable(runs, width: width, palette: palette),
              let results = resultsTable(runs, width: width)
        else { return byRun(runs, width: width) }
        let notes = footnotes(runs).flatMap { TextColumns.fit(line: $0, width: width, indent: 2) }
        return ([title] + settings + [""] + results + notes).joined(separator: "\n")
    }

    /// The narrow form: each run in a few lines, laid out to `width`.
    ///
    ///     Run 1: flatten, dense 32 relu, dense 10 softmax
    ///       adam 0.001, crossentropy, batch 32, 1,000 examples
    ///       3 epochs: loss 0.4571, accuracy 0.8710
    ///       test: loss 0.5012, accuracy 0.8450
    public static func byRun(_ runs: [RunRecord], width: Int) -> String {
        guard !runs.isEmpty else { return TextColumns.fit(noRuns, width: width) }
        var lines = [title]
        for (index, run) in runs.enumerated() {
            var validation = ""
            if let loss = run.final.validationLoss, let accuracy = run.final.validationAccuracy {
                validation = ", val_loss \(number(loss)), val_acc \(number(accuracy))"
            }
            let epochs = Thousands.counted(run.epochs, "epoch") + (run.totalEpochs == run.epochs ? "" : " (\(Thousands.grouped(run.totalEpochs)) in all)")
            var block = [
                "Run \(index + 1): " + run.layers.joined(separator: ", "),
                "  " + (optimizer(run) + [run.loss.rawValue, "batch \(Thousands.grouped(run.batchSize))"] + examples(run, noun: true)).joined(separator: ", "),
                "  \(epochs): loss \(number(run.final.loss)), accuracy \(number(run.final.accuracy))\(validation)",
            ]
            if let test = run.test { block.append("  test: loss \(number(test.loss)), accuracy \(number(test.accuracy))") }
            if let ending = ending(run.ending) { block.append("  " + ending) }
            lines += block.enumerated().flatMap { row, line in
                TextColumns.fit(line: line, width: width, indent: row == 0 ? 2 : 4)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The runs as one Markdown table, for notebooks (where width is no matter), with how a run
    /// that did not finish ended under it.
    public static func markdown(_ runs: [RunRecord]) -> String {
        guard !runs.isEmpty else { return noRuns }
        let header = ["#", "layers", "optimizer", "loss function", "batch", "examples"] + resultHeaders.dropFirst()
        var lines = [
            "| " + header.joined(separator: " | ") + " |",
            "|" + header.enumerated().map { $0.offset == 0 || $0.offset >= 4 ? "---:|" : "---|" }.joined(),
        ]
        for (index, run) in runs.enumerated() {
            let cells = settingsCells(run, number: index + 1).map { $0.joined(separator: ", ") }
                + resultCells(run, number: index + 1).dropFirst()
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        let notes = footnotes(runs)
        // Each note a paragraph of its own, its `*` escaped (not a list's).
        return (lines + notes.flatMap { ["", "\\" + $0] }).joined(separator: "\n")
    }

    // MARK: - The two tables

    private static let settingsHeaders = ["#", "layers", "optimizer", "loss function", "batch", "examples"]
    private static let resultHeaders = ["#", "epochs", "in all", "loss", "accuracy", "val_loss", "val_acc", "test_loss", "test_acc"]
    /// Between two columns …
    private static let gap = "  "
    /// … and before the first.
    private static let indent = " "

    /// The settings table's lines, the layers wrapped into what the other columns leave of
    /// `width`; nil when not even one layer a line fits.
    private static func settingsTable(_ runs: [RunRecord], width: Int, palette: Palette) -> [String]? {
        let cells = runs.enumerated().map { settingsCells($0.element, number: $0.offset + 1) }
        var widths = columnWidths(settingsHeaders, cells)
        let others = indent.count + widths.enumerated().filter { $0.offset != 1 }.reduce(0) { $0 + $1.element } + gap.count * (widths.count - 1)
        let longestLayer = runs.flatMap(\.layers).map { TextColumns.width($0) + 1 }.max() ?? 0
        let layersWidth = min(widths[1], width - others)
        guard layersWidth >= max(longestLayer, TextColumns.width(settingsHeaders[1])) else { return nil }
        widths[1] = layersWidth
        let rows = zip(runs, cells).map { run, row in
            var wrapped = row
            wrapped[1] = TextColumns.wrap(words: layerWords(run), width: layersWidth)
            return wrapped
        }
        // A line of a setting that differs from the same line of the row above, bold.
        let marked = rows.indices.map { index in
            rows[index].indices.map { column in
                rows[index][column].indices.map { line in
                    guard index > 0, column > 0 else { return false }
                    let above = rows[index - 1][column]
                    return !above.indices.contains(line) || above[line] != rows[index][column][line]
                }
            }
        }
        return table(settingsHeaders, rows, widths: widths, rightAligned: [true, false, false, false, true, true], palette: palette, marked: marked)
    }

    /// The results table's lines, nil when it is wider than `width`.
    private static func resultsTable(_ runs: [RunRecord], width: Int) -> [String]? {
        let rows = runs.enumerated().map { resultCells($0.element, number: $0.offset + 1).map { [$0] } }
        let widths = columnWidths(resultHeaders, rows)
        guard indent.count + widths.reduce(0, +) + gap.count * (widths.count - 1) <= width else { return nil }
        return table(resultHeaders, rows, widths: widths, rightAligned: resultHeaders.map { _ in true }, palette: Palette(color: false), marked: nil)
    }

    /// Each column's width: its widest header or cell line.
    private static func columnWidths(_ headers: [String], _ rows: [[[String]]]) -> [Int] {
        headers.indices.map { column in
            rows.reduce(TextColumns.width(headers[column])) { widest, row in
                row[column].reduce(widest) { max($0, TextColumns.width($1)) }
            }
        }
    }

    /// The header and the rows, each cell's lines under one another; the last column not padded
    /// on the right.
    /// `marked[row][column][line]`: that line of that cell in the palette's emphasis.
    private static func table(
        _ headers: [String], _ rows: [[[String]]], widths: [Int], rightAligned: [Bool], palette: Palette, marked: [[[Bool]]]?
    ) -> [String] {
        func line(_ cells: [String], marks: [Bool]) -> String {
            let padded = cells.enumerated().map { column, text in
                let shown = marks[column] && !text.isEmpty ? palette.paint(text, .emphasis) : text
                return rightAligned[column] ? TextColumns.padLeft(shown, widths[column]) : TextColumns.padRight(shown, widths[column])
            }
            return indent + trimmedRight(padded.joined(separator: gap))
        }
        var lines = [line(headers, marks: headers.map { _ in false })]
        for (index, row) in rows.enumerated() {
            let height = row.map(\.count).max() ?? 1
            for rowLine in 0..<height {
                let cells = row.map { rowLine < $0.count ? $0[rowLine] : "" }
                let marks = row.indices.map { column in marked?[index][column].dropFirst(rowLine).first ?? false }
                lines.append(line(cells, marks: marks))
            }
        }
        return lines
    }

    private static func trimmedRight(_ text: String) -> String {
        var text = Substring(text)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }

    // MARK: - The values' words

    /// The settings of a run, a cell (its lines) per column of ``settingsHeaders``.
    private static func settingsCells(_ run: RunRecord, number: Int) -> [[String]] {
        [[String(number)], [run.layers.joined(separator: ", ")], optimizer(run), [run.loss.rawValue],
         [Thousands.grouped(run.batchSize)], examples(run)]
    }

    /// The results of a run, a cell per column of ``resultHeaders``; an epoch count marked `*`
    /// when the fit did not finish (see ``footnotes(_:)``).
    private static func resultCells(_ run: RunRecord, number: Int) -> [String] {
        [String(number), Thousands.grouped(run.epochs) + (run.ending == .finished ? "" : "*"), Thousands.grouped(run.totalEpochs),
         self.number(run.final.loss), self.number(run.final.accuracy),
         run.final.validationLoss.map(self.number) ?? "—", run.final.validationAccuracy.map(self.number) ?? "—",
         run.test.map { self.number($0.loss) } ?? "—", run.test.map { self.number($0.accuracy) } ?? "—"]
    }

    /// The layers as words to wrap, each but the last with its comma.
    private static func layerWords(_ run: RunRecord) -> [String] {
        run.layers.enumerated().map { $0.offset < run.layers.count - 1 ? $0.element + "," : $0.element }
    }

    /// `adam 0.001`; `sgd 0.1` and `momentum 0.9` when it has one.
    private static func optimizer(_ run: RunRecord) -> [String] {
        let first = "\(run.optimizer.name) \(NumberText.short(run.optimizer.learningRate))"
        if case .sgd(_, let momentum) = run.optimizer, momentum != 0 { return [first, "momentum \(NumberText.short(momentum))"] }
        return [first]
    }

    /// `1,000` training examples (`1,000 examples` with `noun`), and `validate 0.1` when
    /// `validate` held some out.
    private static func examples(_ run: RunRecord, noun: Bool = false) -> [String] {
        [noun ? Thousands.counted(run.trainingExamples, "example") : Thousands.grouped(run.trainingExamples)]
            + (run.validationSplit.map { ["validate \(NumberText.short($0))"] } ?? [])
    }

    /// `* 2: stopped by Ctrl-C in epoch 3, after 12 of 32 batches`, one per run that did not finish.
    private static func footnotes(_ runs: [RunRecord]) -> [String] {
        runs.enumerated().compactMap { index, run in ending(run.ending).map { "* \(index + 1): \($0)" } }
    }

    /// How a fit that did not finish ended; nil for one that did.
    private static func ending(_ ending: FitRecord.Ending) -> String? {
        switch ending {
        case .finished: return nil
        case .stopped(let epoch, let step, let steps):
            return "stopped by Ctrl-C in epoch \(epoch), after \(Thousands.grouped(step)) of \(Thousands.grouped(steps)) batches"
        case .diverged(let epoch): return "diverged in epoch \(epoch), which was undone"
        }
    }

    /// A loss or an accuracy with four decimals, as Keras prints them; a loss that ran away
    /// (100,000 or more) in scientific notation (`6.0035e+24`), so that it keeps to a column.
    private static func number(_ value: Double) -> String {
        abs(value) < 100_000 || !value.isFinite ? NumberText.fixed(value, 4) : NumberText.scientific(value, 4)
    }
}
