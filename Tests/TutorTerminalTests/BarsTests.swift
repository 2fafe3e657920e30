import Testing
@testable import TutorTerminal

/// Golden tests for the probability bars.
@Suite struct BarsTests {
    @Test func barsInEighthsWithFourDecimals() {
        let text = Bars.render(values: [0.0001, 0.9912, 0.5, 0, 0.0375], maxWidth: 10, color: false)
        #expect(text == """
            0 ▏ 0.0001
            1 █████████▉ 0.9912
            2 █████ 0.5000
            3 ▏ 0.0000
            4 ▍ 0.0375
            """)
    }

    @Test func topValueIsBoldWithColor() {
        let text = Bars.render(values: [0.25, 0.75], maxWidth: 4, color: true)
        #expect(text == "0 █ 0.2500\n\u{1B}[1m1 ███ 0.7500\u{1B}[0m")
        let plain = Bars.render(values: [0.25, 0.75], maxWidth: 4, highlightTop: false, color: true)
        #expect(plain == "0 █ 0.2500\n1 ███ 0.7500")
    }

    @Test func labelsAndValuesAboveOne() {
        let text = Bars.render(values: [2, 4, -1], labels: ["a", "bb"], maxWidth: 4, color: false)
        #expect(text == """
            a  ██ 2.0000
            bb ████ 4.0000
            2  ▏ -1.0000
            """)
    }

    @Test func edgeCases() {
        #expect(Bars.render(values: [], color: false) == "")
        #expect(Bars.render(values: [1], maxWidth: 3, color: false) == "0 ███ 1.0000")
        #expect(Bars.render(values: [1], maxWidth: 0, color: false) == "0 █ 1.0000")
        #expect(Bars.render(values: [.nan, 0.5], maxWidth: 2, color: false) == "0 ▏ nan\n1 █ 0.5000")
    }

    @Test func tenSoftmaxOutputsFitEightyColumns() {
        let values = [0.0001, 0.0002, 0.0011, 0.0031, 0.0000, 0.9912, 0.0001, 0.0020, 0.0015, 0.0007]
        let lines = Bars.render(values: values, color: false).split(separator: "\n")
        #expect(lines.count == 10)
        #expect(lines[5] == "5 ███████████████████████████████████████▋ 0.9912")
        #expect(lines.allSatisfy { $0.count <= 80 })
    }
}
