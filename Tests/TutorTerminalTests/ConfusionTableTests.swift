import Testing
@testable import TutorTerminal

/// Golden tests for the confusion matrix.
@Suite struct ConfusionTableTests {
    let matrix = [[5, 1, 0], [2, 7, 1], [0, 0, 0]]

    @Test func bracketsOnTheDiagonalWithoutColor() {
        #expect(ConfusionTable.render(matrix: matrix, color: false) == """
                  predicted
            true    0    1    2  accuracy
               0 [  5]   1    0    0.8333
               1    2 [  7]   1    0.7000
               2    0    0 [  0]        —
            overall accuracy: 0.7500 (12 of 16)
            """)
    }

    /// The diagonal is in brackets in both modes (the lessons' words say so), and bold with colour.
    @Test func bracketedBoldDiagonalWithColor() {
        let lines = ConfusionTable.render(matrix: matrix, color: true).split(separator: "\n")
        #expect(lines[2] == "   0 \u{1B}[1m[  5]\u{1B}[0m   1    0    0.8333")
        #expect(lines[3] == "   1    2 \u{1B}[1m[  7]\u{1B}[0m   1    0.7000")
    }

    @Test func mnistSizedTableFitsEightyColumns() {
        var counts = Array(repeating: Array(repeating: 3, count: 10), count: 10)
        for digit in 0..<10 { counts[digit][digit] = 1_135 }
        let text = ConfusionTable.render(matrix: counts, color: false)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 13)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines[1] == "true     0     1     2     3     4     5     6     7     8     9  accuracy")
        #expect(lines[2] == "   0 [1135]    3     3     3     3     3     3     3     3     3    0.9768")
        #expect(lines[12] == "overall accuracy: 0.9768 (11350 of 11620)")
    }

    @Test func edgeCases() {
        #expect(ConfusionTable.render(matrix: [], color: false) == "(no predictions)")
        #expect(ConfusionTable.render(matrix: [[0]], color: false) == """
                  predicted
            true    0  accuracy
               0 [  0]        —
            overall accuracy: — (0 of 0)
            """)
        // Short rows count as zeros; negative counts are treated as 0.
        #expect(ConfusionTable.render(matrix: [[1], [-4, 2]], color: false) == """
                  predicted
            true    0    1  accuracy
               0 [  1]   0    1.0000
               1    0 [  2]   1.0000
            overall accuracy: 1.0000 (3 of 3)
            """)
    }
}
