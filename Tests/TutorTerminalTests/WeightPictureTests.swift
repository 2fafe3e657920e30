import Testing
@testable import TutorTerminal

/// Golden tests for the weight picture.
@Suite struct WeightPictureTests {
    let weights: [Float] = [-1, 0.5, 0, 1]

    @Test func signedRampWithoutColor() {
        #expect(WeightPicture.render(weights: weights, height: 2, width: 2, color: false) == """
            ==++
              ##
            min -1.0000   max 1.0000   (negative = - ,   . + # positive)
            """)
    }

    @Test func divergingPaletteWithColor() {
        let expected = "\u{1B}[38;5;21m\u{1B}[48;5;231m▀\u{1B}[38;5;210m\u{1B}[48;5;196m▀\u{1B}[0m\n"
            + "\u{1B}[48;5;21m  \u{1B}[0m min -1.0000   \u{1B}[48;5;196m  \u{1B}[0m max 1.0000"
        #expect(WeightPicture.render(weights: weights, height: 2, width: 2, color: true) == expected)
    }

    @Test func scaleIsSymmetricAroundZero() {
        // 0.05 is a third of the largest magnitude (0.15): a weak positive, not the strongest.
        #expect(WeightPicture.render(weights: [-0.15, 0.05], height: 1, width: 2, color: false) == """
            ==..
            min -0.1500   max 0.0500   (negative = - ,   . + # positive)
            """)
        #expect(WeightPicture.paletteIndex(0) == 231)
        #expect(WeightPicture.paletteIndex(-0.2) == 189)
        #expect(WeightPicture.paletteIndex(1) == 196)
    }

    @Test func edgeCases() {
        #expect(WeightPicture.render(weights: [0, 0], height: 1, width: 2, color: false)
            == "\nmin 0.0000   max 0.0000   (negative = - ,   . + # positive)")
        #expect(WeightPicture.render(weights: [.nan, 1], height: 1, width: 2, color: false)
            == "  ##\nmin 1.0000   max 1.0000   (negative = - ,   . + # positive)")
        #expect(WeightPicture.render(weights: [], height: 0, width: 0, color: false) == "")
        let full = WeightPicture.render(weights: (0..<784).map { Float($0 % 7) - 3 }, color: false)
        #expect(full.split(separator: "\n", omittingEmptySubsequences: false).count == 29)
    }
}
