import NeuralNet
import TextFormat
import TutorLanguage

/// Turns the interpreter's ``Output`` values into terminal text. Computes nothing about the
/// model: every number it prints arrives in the value. Every text in a value — a message quoting
/// a typed path, an echoed script line, the history — is shown with its control characters
/// visible (``VisibleText``): only the renderer's own styling reaches the terminal. Text is laid
/// out to the terminal's width by ``TextColumns`` (broken only between words, at its hanging
/// indent); what cannot be broken (the confusion matrix, the label counts) switches to a
/// narrower form where it does not fit.
public struct OutputRenderer: Sendable {
    public var terminal: Terminal

    public init(terminal: Terminal) {
        self.terminal = terminal
    }

    private var color: Bool { terminal.colorEnabled }
    private var palette: Palette { terminal.palette }

    /// The columns text is laid out to.
    public var width: Int { max(TextColumns.narrowest, terminal.width) }

    /// `text` (lines) laid out to the width.
    private func fitted(_ text: String) -> String { TextColumns.fit(text, width: width) }

    /// The text for one output, without a trailing newline; nil when it shows nothing here
    /// (live progress is drawn only on a terminal, by ``LiveProgress``).
    public func render(_ output: Output) -> String? {
        switch output {
        case .echo(let line):
            return TextColumns.fit(line: ">>> " + VisibleText.of(line.text.trimmingCharacters()), width: width)
                .map { palette.paint($0, .emphasis) }.joined(separator: "\n")
        case .message(let text): return fitted(VisibleText.of(text, keeping: .lineBreaks))
        case .warning(let text): return fitted(palette.labelled("warning: ", .warning, VisibleText.of(text, keeping: .lineBreaks)))
        case .dataInfo(let info): return dataInfo(info)
        case .image(let image): return fitted(imageTitle(image)) + "\n" + DigitPicture.render(pixels: image.pixels, height: image.height, width: image.width, color: color)
        case .pixels(let image):
            return fitted(imageTitle(image) + ", pixel values 0…255") + "\n"
                + DigitPicture.pixelGrid(pixels: image.pixels, height: image.height, width: image.width, scale: .integers, maxWidth: terminal.width)
        case .pixelRow(let row): return PixelRowTable.render(row, title: imageTitle(row.image), width: width)
        case .layerAdded(let report): return layer(report)
        case .summary(let summary):
            return SummaryTable.render(
                modelName: "sequential",
                rows: summary.rows.map { SummaryTable.Row(name: $0.name, type: $0.type, outputShape: $0.outputShape, parameters: $0.parameters) },
                trainable: summary.trainable, nonTrainable: summary.nonTrainable, width: terminal.width)
        case .epochBegan(let epoch, let epochs): return ProgressBar.epochHeader(epoch: epoch, epochs: epochs)
        case .batchProgress: return nil
        case .epochEnded(let progress): return epochLines(progress)
        case .evaluation(let result):
            return fitted("test set - accuracy: \(NumberText.fixed(result.accuracy, 4)) - loss: \(NumberText.fixed(result.loss, 4))")
        case .drawing(let drawing): return DrawingSteps.render(drawing, width: width, color: color)
        case .prediction(let prediction): return self.prediction(prediction)
        case .confusion(let report): return confusion(report)
        case .plot(let report): return plot(report)
        case .runs(let runs): return RunsTable.render(runs, width: width, color: color)
        case .vector(let report): return vector(report)
        case .flattened(let matrix, let vector):
            let rows = matrix.map { "  [" + $0.map(NumberText.short).joined(separator: ", ") + "]" }
            return fitted("\(matrix.count)×\(matrix.first?.count ?? 0) matrix:\n" + rows.joined(separator: "\n")
                + "\nflattened, row after row, into \(vector.count) values:\n  [" + vector.map(NumberText.short).joined(separator: ", ") + "]")
        case .weights(let report):
            return fitted("Incoming weights of unit \(report.unit) of the first dense layer, as a \(report.height)×\(report.width) picture (what this neuron looks for)") + "\n"
                + WeightPicture.render(weights: report.values, height: report.height, width: report.width, color: color)
        case .explanation(let explanation): return ExplanationText.render(explanation, width: width, palette: palette)
        case .help(let page): return VisibleText.of(HelpCatalog.render(page, width: width), keeping: .lineBreaks)
        case .history(let commands):
            let numberWidth = String(commands.count).count
            let indent = String(repeating: " ", count: numberWidth + 2)
            return commands.enumerated().flatMap { index, command in
                TextColumns.fit(line: VisibleText.of(command), width: width - indent.count).enumerated().map { row, line in
                    (row == 0 ? TextColumns.padLeft(String(index + 1), numberWidth) + "  " : indent) + line
                }
            }.joined(separator: "\n")
        case .clearScreen: return terminal.isTTY ? Terminal.clearScreen : nil
        case .saveNotebook: return nil  // a request to whoever keeps the notebook (the console).
        }
    }

    /// A Keras progress line for `progress`. With `fitting`, metrics are left off the end until
    /// the line is narrower than that many columns: a line redrawn in place must not wrap, or
    /// every redraw would leave its first part behind on the screen.
    public func progressLine(_ progress: EpochProgress, finished: Bool, fitting width: Int? = nil) -> String {
        var metrics = progress.metrics
        func line(color: Bool) -> String {
            ProgressBar.line(
                step: progress.step, steps: progress.steps, elapsedSeconds: progress.seconds,
                metrics: metrics, finished: finished, color: color)
        }
        if let width {
            while !metrics.isEmpty, line(color: false).count >= width { metrics.removeLast() }
        }
        return line(color: color)
    }

    /// A finished epoch's progress line laid out to the width: broken only between its ` - `
    /// parts (never inside a metric), later lines starting with `  - `.
    public func epochLines(_ progress: EpochProgress) -> String {
        ProgressBar.lines(
            step: progress.step, steps: progress.steps, elapsedSeconds: progress.seconds,
            metrics: progress.metrics, finished: true, color: color, width: width
        ).joined(separator: "\n")
    }

    /// The confusion matrix under its title; where the table does not fit, each digit's accuracy
    /// and the digits it was most often taken for instead (``ConfusionTable/byDigit(matrix:width:)``).
    private func confusion(_ report: ConfusionReport) -> String {
        let needed = ConfusionTable.width(matrix: report.counts)
        if needed <= width {
            return fitted("Confusion matrix on the test set (rows: true digit, columns: predicted)") + "\n"
                + ConfusionTable.render(matrix: report.counts, color: color)
        }
        return fitted("Confusion on the test set, digit by digit (the full matrix needs \(needed) columns):") + "\n"
            + ConfusionTable.byDigit(matrix: report.counts, width: width)
    }

    private func imageTitle(_ image: DigitImage) -> String {
        let label = image.label.map { ": label \($0)" } ?? ""
        switch image.split {
        case .train: return "Training image \(image.index)\(label)"
        case .test: return "Test image \(image.index)\(label)"
        case .drawn: return "Your drawing, fitted and centred as MNIST's digits were\(label)"
        }
    }

    private func dataInfo(_ info: DataInfo) -> String {
        let shape = info.exampleShape.map(String.init).joined(separator: ", ")
        var lines = [
            fitted(VisibleText.of(info.source)),
            "  train  \(TextColumns.padLeft(Thousands.grouped(info.trainCount), 6)) images  x (\(info.trainCount), \(shape))  y (\(info.trainCount),)",
            "  test   \(TextColumns.padLeft(Thousands.grouped(info.testCount), 6)) images  x (\(info.testCount), \(shape))  y (\(info.testCount),)",
            "  pixel values \(NumberText.fixed(Double(info.minimum), 1))…\(NumberText.fixed(Double(info.maximum), 1)) (bytes 0…255 divided by 255)",
            "  examples per label:",
        ].map(fitted)
        // Ten columns of six: where they do not all fit, as many labels a row as do.
        let labels = info.trainLabelCounts.count
        let perRow = max(1, min(labels, (width - 10) / 6))
        for first in stride(from: 0, to: labels, by: perRow) {
            let columns = first..<min(labels, first + perRow)
            func row(_ counts: [Int]) -> String {
                columns.map { TextColumns.padLeft(counts.indices.contains($0) ? Thousands.grouped(counts[$0]) : "", 6) }.joined()
            }
            lines.append("    label " + columns.map { TextColumns.padLeft(String($0), 6) }.joined())
            lines.append("    train " + row(info.trainLabelCounts))
            lines.append("    test  " + row(info.testLabelCounts))
        }
        if info.trainCount == 0 { lines.removeLast(lines.count - 5) }
        return lines.joined(separator: "\n")
    }

    private func layer(_ report: LayerReport) -> String {
        let shape = { (s: [Int]) in s.map(String.init).joined(separator: "×") }
        let flow = "\(shape(report.inputShape)) → \(report.layer) → \(shape(report.outputShape))"
        let params = report.formula.map { "\($0) = \(Thousands.grouped(report.parameters))" } ?? Thousands.grouped(report.parameters)
        let line = flow + "   params " + params
        // Where the line does not fit, the parameters go on a line of their own.
        return TextColumns.width(line) <= width ? line : fitted(flow) + "\n" + fitted("  params " + params)
    }

    private func prediction(_ p: Prediction) -> String {
        var lines = [fitted(imageTitle(p.image)), DigitPicture.render(pixels: p.image.pixels, height: p.image.height, width: p.image.width, color: color)]
        lines.append(fitted("Outputs of the last layer (\(p.outputActivation.rawValue)):"))
        lines.append(Bars.render(values: p.outputs.map(Double.init), maxWidth: 40, color: color))
        if let label = p.image.label {
            let verdict = p.predicted == label ? palette.paint("right", .success) : palette.paint("wrong", .error)
            lines.append(fitted("predicted \(p.predicted), label \(label): \(verdict)"))
        } else {
            lines.append(fitted("predicted \(p.predicted) (a drawing has no label: only you know which digit you meant)"))
        }
        let sum = "sum = \(NumberText.fixed(p.sum, 4))"
        if p.outputActivation == .softmax {
            lines.append(fitted(sum + " (softmax: the outputs are probabilities)"))
        } else {
            lines.append(fitted(sum + " (\(p.outputActivation.rawValue) outputs need not sum to 1: they are not probabilities)"))
        }
        return lines.joined(separator: "\n")
    }

    private func plot(_ report: PlotReport) -> String {
        let name = report.kind.rawValue
        var series = [LineChart.Series(name: name, values: report.train)]
        // An epoch trained without validation leaves a gap in the val_ line.
        if let validation = report.validation {
            series.append(LineChart.Series(name: "val_" + name, values: validation.map { $0 ?? .nan }))
        }
        let width = max(30, min(terminal.width, 100) - 2)
        return fitted("\(name) per epoch") + "\n" + LineChart.render(series: series, width: width, height: 12, color: color)
    }

    private func vector(_ report: VectorReport) -> String {
        var lines = [VisibleText.of(report.title), report.values.map { NumberText.fixed(Double($0), 4) }.joined(separator: " ")]
        if report.showsSum { lines.append("sum = \(NumberText.fixed(report.sum, 4))") }
        lines = lines.map(fitted)
        if let note = report.note { lines += TextColumns.fit(line: VisibleText.of(note), width: width).map { palette.paint($0, .note) } }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingCharacters() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return String(text)
    }
}
