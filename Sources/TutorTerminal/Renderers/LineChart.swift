// A line chart of per-epoch values (loss, accuracy) drawn in braille dots.

import TextFormat

/// A terminal line chart of one or two series over epochs 1…N, e.g. training and
/// validation loss:
///
///     0.3541 ┤•⠑⠢⡀
///            │    ⠈⠑⠒⢄
///     0.1918 ┤        ⠑⠢⢄•
///            │            ⠉⠉⠒⠒•
///     0.0512 ┤
///            └┬─────┬─────┬─────┬
///             1     2     3     4   epoch
///             • loss   × val_loss
///
/// Lines are drawn in braille dots (2×4 dots per character), one series per colour when
/// colour is on. Data points carry the series' marker (`•`, `×`, `+`, `o`) — on every
/// point while they are at least six columns apart, on fewer otherwise — so that
/// series stay apart without colour. The y axis is labelled at the top (largest value),
/// bottom (smallest) and middle as the epoch lines print values (4 decimals, as Keras:
/// ``ProgressBar/metricValue(_:)``), zero as `0.0000`; a constant series gets a range of ±10 %
/// (±1 around zero). The x axis ticks epochs 1…N where the labels fit.
/// Non-finite values are skipped (no point, and the line breaks there).
public enum LineChart {
    /// One named series of values, the i-th value belonging to epoch i + 1.
    public struct Series: Sendable, Equatable {
        /// The name shown in the legend, e.g. `loss`.
        public var name: String
        /// One value per epoch.
        public var values: [Double]

        /// Creates a series.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// Point markers, one per series (cycled beyond four).
    static let markers: [Character] = ["•", "×", "+", "o"]
    /// Columns kept between two markers of a series, so the line stays visible.
    static let minimumMarkerSpacing = 6
    /// Series colours, one per series (cycled beyond four).
    static let colors: [TerminalColor] = [.cyan, .yellow, .magenta, .green]

    /// The chart as text: `height` lines (at least 5) of at most `width` columns (the plot
    /// itself keeps at least 4 columns, so a very narrow width is exceeded).
    ///
    /// - Parameters:
    ///   - series: one or two series (more are drawn, with further markers).
    ///   - width: total columns, y labels included.
    ///   - height: total lines: the plot, the x axis, its labels and the legend.
    ///   - xLabel: the name written after the x axis labels when there is room.
    ///   - color: whether ANSI colours may be used.
    /// - Returns: the chart, or `(no data to plot)` when no series has a finite value.
    public static func render(
        series: [Series],
        width: Int,
        height: Int,
        xLabel: String = "epoch",
        color: Bool
    ) -> String {
        let finite = series.flatMap(\.values).filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return "(no data to plot)" }
        let count = series.map(\.values.count).max() ?? 0
        let (bottom, top) = range(low, high)

        let rows = max(2, height - 3)
        let middle = rows >= 5 ? rows / 2 : nil
        let dotRows = rows * 4
        func valueAt(dotRow: Double) -> Double { top - (top - bottom) * dotRow / Double(dotRows - 1) }
        var labels: [Int: String] = [
            0: label(top),
            rows - 1: label(bottom),
        ]
        if let middle { labels[middle] = label(valueAt(dotRow: Double(middle * 4) + 1.5)) }
        let labelWidth = labels.values.map(\.count).max() ?? 1
        let columns = max(4, width - labelWidth - 2)
        let dotColumns = columns * 2

        func dotColumn(_ index: Int) -> Int {
            count == 1 ? dotColumns / 2 : Int((Double(index) * Double(dotColumns - 1) / Double(count - 1)).rounded())
        }
        func dotRow(_ value: Double) -> Int {
            // Scaled before subtracting, so that values near ±Double.greatestFiniteMagnitude
            // cannot overflow; clamped, so that the conversion to Int never traps.
            let row = (top / 2 - value / 2) / (top / 2 - bottom / 2) * Double(dotRows - 1)
            guard row.isFinite else { return 0 }
            return Int(min(max(row.rounded(), 0), Double(dotRows - 1)))
        }

        var canvas = BrailleCanvas(columns: columns, rows: rows)
        for (number, line) in series.enumerated() {
            var previous: (Int, Int)?
            for (index, value) in line.values.enumerated() {
                guard value.isFinite else { previous = nil; continue }
                let point = (dotColumn(index), dotRow(value))
                if let previous {
                    canvas.line(from: previous, to: point, series: number)
                } else {
                    canvas.set(point.0, point.1, series: number)
                }
                previous = point
            }
        }
        for (number, line) in series.enumerated() {
            let points = line.values.indices.filter { line.values[$0].isFinite }
            for index in markedPoints(points, column: { dotColumn($0) / 2 }) {
                canvas.mark(dotColumn(index) / 2, dotRow(line.values[index]) / 4, markers[number % markers.count],
                            series: number)
            }
        }

        let style = ANSIStyle(color: color)
        var text: [String] = []
        for row in 0..<rows {
            let label = labels[row].map { TextColumns.padLeft($0, labelWidth) + " ┤" }
                ?? String(repeating: " ", count: labelWidth) + " │"
            var line = label
            for column in 0..<columns {
                let (character, owner) = canvas.cell(column, row)
                if let owner, color {
                    line += style.colored(String(character), colors[owner % colors.count])
                } else {
                    line.append(character)
                }
            }
            text.append(String(line.trimmingTrailingSpaces))
        }
        let indent = String(repeating: " ", count: labelWidth + 1)
        let ticks = xTicks(count: count, columns: columns, dotColumn: dotColumn)
        var axis = Array(repeating: Character("─"), count: columns)
        var tickLabels = Array(repeating: Character(" "), count: columns)
        for (epoch, column, start) in ticks {
            axis[column] = "┬"
            for (offset, digit) in String(epoch).enumerated() { tickLabels[start + offset] = digit }
        }
        text.append(indent + "└" + String(axis))
        var labelLine = String(String(tickLabels).trimmingTrailingSpaces)
        if !xLabel.isEmpty, labelLine.count + 3 + xLabel.count <= columns + 1 {
            labelLine += String(repeating: " ", count: max(3, columns - labelLine.count - xLabel.count)) + xLabel
        }
        text.append(indent + " " + labelLine)
        let legend = series.enumerated().filter { !$0.element.values.isEmpty }.map { number, line in
            let marker = String(markers[number % markers.count])
            return (color ? style.colored(marker, colors[number % colors.count]) : marker) + " " + line.name
        }
        text.append(indent + " " + legend.joined(separator: "   "))
        return text.joined(separator: "\n")
    }

    /// A y-axis label: the value as the epoch lines print it; zero, which Keras prints
    /// `0.0000e+00` there, as `0.0000`.
    static func label(_ value: Double) -> String {
        value == 0 ? NumberText.fixed(0, 4) : ProgressBar.metricValue(value)
    }

    /// The points that get a marker: greedily from the first, each at least
    /// `minimumMarkerSpacing` columns after the previous, and always the last point (which
    /// displaces a previous marker that would sit too close to it).
    static func markedPoints(_ points: [Int], column: (Int) -> Int) -> [Int] {
        var chosen: [Int] = []
        for point in points {
            if let previous = chosen.last, column(point) - column(previous) < minimumMarkerSpacing { continue }
            chosen.append(point)
        }
        if let last = points.last, chosen.last != last {
            if chosen.count > 1, let previous = chosen.last, column(last) - column(previous) < minimumMarkerSpacing {
                chosen.removeLast()
            }
            chosen.append(last)
        }
        return chosen
    }

    /// The plotted range: the data's, widened when it is a single value.
    static func range(_ low: Double, _ high: Double) -> (Double, Double) {
        guard high - low <= abs(high) * 1e-9 else { return (low, high) }
        let pad = high == 0 ? 1 : abs(high) * 0.1
        return (low - pad, high + pad)
    }

    /// Epoch ticks whose labels fit without touching: epoch 1, multiples of a round
    /// step (1, 2, 5, 10, 20, 50, …) and the last epoch, which displaces a previous label too close to it.
    /// Returns (epoch, column, label start).
    static func xTicks(count: Int, columns: Int, dotColumn: (Int) -> Int) -> [(Int, Int, Int)] {
        guard count > 0 else { return [] }
        let columnsPerEpoch = count > 1 ? Double(columns) / Double(count - 1) : Double(columns)
        let widest = String(count).count + 1
        var step = 1
        var magnitude = 1
        search: while step < count {
            for multiple in [1, 2, 5] {
                step = multiple * magnitude
                if Double(step) * columnsPerEpoch >= Double(widest) || step >= count { break search }
            }
            magnitude *= 10
        }
        var epochs = [1] + Array(stride(from: step, through: count, by: step)).filter { $0 > 1 }
        if epochs.last != count { epochs.append(count) }

        var ticks: [(epoch: Int, column: Int, start: Int)] = []
        for epoch in epochs {
            let column = dotColumn(epoch - 1) / 2
            let length = String(epoch).count
            let start = max(0, min(columns - length, column - (length - 1) / 2))
            func overlaps() -> Bool {
                guard let previous = ticks.last else { return false }
                return start <= previous.start + String(previous.epoch).count
            }
            // The last epoch matters most: it displaces earlier labels rather than yield.
            while epoch == count, ticks.count > 1, overlaps() { ticks.removeLast() }
            if overlaps() { continue }
            ticks.append((epoch, column, start))
        }
        return ticks.map { ($0.epoch, $0.column, $0.start) }
    }
}

/// A grid of braille characters, each cell 2 dots wide and 4 high, that remembers which
/// series drew in each cell and where markers replace the dots.
struct BrailleCanvas {
    let columns: Int
    let rows: Int
    private var bits: [UInt8]
    private var owners: [Int?]
    private var marks: [Character?]

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        bits = Array(repeating: 0, count: columns * rows)
        owners = Array(repeating: nil, count: columns * rows)
        marks = Array(repeating: nil, count: columns * rows)
    }

    /// Sets the dot at (x, y) in dot coordinates; dots outside the canvas are ignored.
    mutating func set(_ x: Int, _ y: Int, series: Int) {
        guard x >= 0, y >= 0, x < columns * 2, y < rows * 4 else { return }
        let cell = (y / 4) * columns + x / 2
        let bit: UInt8 = switch (x % 2, y % 4) {
        case (0, 3): 0x40
        case (1, 3): 0x80
        case (0, let row): 1 << UInt8(row)
        case (_, let row): 8 << UInt8(row)
        }
        bits[cell] |= bit
        owners[cell] = series
    }

    /// Draws a straight line of dots (Bresenham).
    mutating func line(from start: (Int, Int), to end: (Int, Int), series: Int) {
        var (x, y) = start
        let dx = abs(end.0 - x), dy = -abs(end.1 - y)
        let sx = x < end.0 ? 1 : -1, sy = y < end.1 ? 1 : -1
        var error = dx + dy
        while true {
            set(x, y, series: series)
            if x == end.0 && y == end.1 { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    /// Puts a marker character in a cell, replacing its dots.
    mutating func mark(_ column: Int, _ row: Int, _ marker: Character, series: Int) {
        guard column >= 0, row >= 0, column < columns, row < rows else { return }
        marks[row * columns + column] = marker
        owners[row * columns + column] = series
    }

    /// The character of a cell and the series that drew it last (nil when empty).
    func cell(_ column: Int, _ row: Int) -> (Character, Int?) {
        let index = row * columns + column
        if let mark = marks[index] { return (mark, owners[index]) }
        guard bits[index] != 0, let scalar = Unicode.Scalar(0x2800 + UInt32(bits[index])) else { return (" ", nil) }
        return (Character(scalar), owners[index])
    }
}
