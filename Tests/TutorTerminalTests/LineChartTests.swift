import Testing
@testable import TutorTerminal

/// Golden tests for the line chart (reviewed output: braille dots are hard to write by hand).
@Suite struct LineChartTests {
    @Test func valuesAtTheEdgeOfDoubleDrawWithoutTrapping() {
        // A crafted history: the range itself overflows to infinity; rows are computed scaled and clamped.
        let chart = LineChart.render(
            series: [.init(name: "loss", values: [1e308, -1e308, 0])], width: 20, height: 8, color: false)
        #expect(chart.contains("•"))
        #expect(chart.split(separator: "\n").count == 8)
    }

    @Test func oneFallingSeries() {
        let chart = LineChart.render(series: [.init(name: "loss", values: [1, 0])], width: 14, height: 6, color: false)
        #expect(chart == """
            1.0000 ┤•⢄
                   │  ⠑⢄
            0.0000 ┤    ⠑•
                   └┬────┬
                    1    2
                    • loss
            """)
    }

    @Test func trainingAndValidationLoss() {
        let chart = LineChart.render(
            series: [
                .init(name: "loss", values: [0.3541, 0.1618, 0.1123, 0.0832]),
                .init(name: "val_loss", values: [0.2011, 0.1421, 0.1098, 0.0951]),
            ],
            width: 40, height: 10, color: false)
        #expect(chart == """
            0.3541 ┤•⢄
                   │  ⠑⠢⡀
                   │    ⠈⠢⡀
            0.2187 ┤×     ⠈⠢⢄
                   │ ⠉⠉⠒⠢⠤⢄⣀ ⠑•⣀
                   │        ⠉⠉×⠒⠫⠭⠶⠶⣤⣤⣀⣀
            0.0832 ┤                   ⠈⠉×⠉⠛⠒⠒⠲⠶⠶⠤⣤×
                   └┬─────────┬──────────┬─────────┬
                    1         2          3         4
                    • loss   × val_loss
            """)
        let lines = chart.split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines.allSatisfy { $0.count <= 40 })
    }

    @Test func colorPaintsEachSeries() {
        let chart = LineChart.render(
            series: [.init(name: "loss", values: [0.5, 0.4]), .init(name: "val_loss", values: [0.45, 0.42])],
            width: 30, height: 7, color: true)
        let lines = chart.split(separator: "\n")
        #expect(lines[0].hasPrefix("0.5000 ┤\u{1B}[36m•\u{1B}[0m\u{1B}[36m⠒\u{1B}[0m"))
        #expect(lines[2].hasPrefix("       │\u{1B}[33m×\u{1B}[0m"))
        #expect(lines[6] == "        \u{1B}[36m•\u{1B}[0m loss   \u{1B}[33m×\u{1B}[0m val_loss")
    }

    @Test func onePointIsCentredWithARangeAroundIt() {
        let chart = LineChart.render(series: [.init(name: "accuracy", values: [0.9027])], width: 30, height: 7, color: false)
        #expect(chart == """
            0.9930 ┤
                   │
                   │           •
            0.8124 ┤
                   └───────────┬──────────
                               1     epoch
                    • accuracy
            """)
    }

    @Test func manyEpochsThinTheTicksAndKeepTheLast() {
        let values = (0..<100).map { 1 / Double($0 + 1) }
        let chart = LineChart.render(series: [.init(name: "loss", values: values)], width: 50, height: 8, color: false)
        let lines = chart.split(separator: "\n")
        #expect(lines[5] == "       └┬───┬───┬───┬───┬───┬───┬────┬───┬───────┬")
        #expect(lines[6] == "        1   10  20  30  40  50  60   70  80    100")
        #expect(lines.allSatisfy { $0.count <= 50 })
    }

    @Test func gapsAndConstantsAndNothing() {
        let gap = LineChart.render(series: [.init(name: "loss", values: [1, .nan, 3, 2])], width: 30, height: 6, color: false)
        #expect(gap == """
            3.0000 ┤              •⠑⠢⢄⣀
                   │                   ⠉⠒•
            1.0000 ┤•
                   └┬──────┬──────┬──────┬
                    1      2      3      4
                    • loss
            """)
        let flat = LineChart.render(series: [.init(name: "loss", values: [0, 0, 0])], width: 30, height: 6, color: false)
        #expect(flat.split(separator: "\n")[1] == "        │•⠤⠤⠤⠤⠤⠤⠤⠤⠤•⠤⠤⠤⠤⠤⠤⠤⠤⠤•")
        #expect(LineChart.render(series: [], width: 30, height: 6, color: false) == "(no data to plot)")
        #expect(LineChart.render(series: [.init(name: "loss", values: [.nan])], width: 30, height: 6, color: false)
            == "(no data to plot)")
    }

    /// The axis labels read as the epoch lines print values: four decimals (`.4e` at or below
    /// 0.001), zero as `0.0000`.
    @Test(arguments: [
        (0.359, "0.3590"), (0.2257, "0.2257"), (0.09231, "0.0923"), (2.5, "2.5000"), (0, "0.0000"),
        (-0.0, "0.0000"), (0.0005, "5.0000e-04"), (-1, "-1.0000"),
    ] as [(Double, String)])
    func axisLabelsHaveFourDecimals(value: Double, label: String) {
        #expect(LineChart.label(value) == label)
    }

    /// A validation series with epochs trained without validation: a gap there, drawn where it exists.
    @Test func validationWithAGap() {
        let chart = LineChart.render(
            series: [
                .init(name: "loss", values: [0.359, 0.2257, 0.1623, 0.09231]),
                .init(name: "val_loss", values: [.nan, .nan, 0.1802, 0.1311]),
            ],
            width: 40, height: 8, color: false)
        #expect(chart == """
            0.3590 ┤•⠒⠤⣀⡀
                   │    ⠈⠑⠢⠤⣀
            0.2257 ┤         ⠉•⠒⠤⠤⣀⣀
                   │                ⠉⠉⠒⠒⠤×⢖⣤⡤⠤⢄⣀⣀⣀
            0.0923 ┤                        ⠈⠉⠑⠒⠢⠤⢍×
                   └┬─────────┬──────────┬─────────┬
                    1         2          3         4
                    • loss   × val_loss
            """)
    }

    @Test func markersKeepTheirDistanceButAlwaysMarkTheLastPoint() {
        #expect(LineChart.markedPoints([0, 1, 2, 3, 4, 5, 6, 7], column: { $0 * 2 }) == [0, 3, 7])
        #expect(LineChart.markedPoints([0, 1], column: { $0 }) == [0, 1])
        #expect(LineChart.markedPoints([], column: { $0 }) == [])
    }
}
