import Testing
@testable import TutorTerminal

/// Golden tests for the weight picture.
@Suite struct WeightPictureTests {
    let weights: [Float] = [-1, 0.5, 0, 1]

    @Test func signedRampWithoutColor() {
        #expect(WeightPicture.render(weights: weights, height: 2, width: 2, color: false) == """
            ==++
              ##
            negative == -- ,, (blank: near 0) .. ++ ## positive
            min -1.0000   max 1.0000
            """)
    }

    @Test func divergingPaletteWithColor() {
        // The key: five blues, white, five reds, each as the picture draws it.
        let key = [21, 63, 105, 147, 189, 231, 224, 217, 210, 203, 196].map { "\u{1B}[48;5;\($0)m  \u{1B}[0m" }.joined()
        let expected = "\u{1B}[38;5;21m\u{1B}[48;5;231m▀\u{1B}[38;5;210m\u{1B}[48;5;196m▀\u{1B}[0m\n"
            + "negative \(key) positive\n"
            + "\u{1B}[48;5;21m  \u{1B}[0m min -1.0000   \u{1B}[48;5;196m  \u{1B}[0m max 1.0000"
        #expect(WeightPicture.render(weights: weights, height: 2, width: 2, color: true) == expected)
    }

    @Test func scaleIsSymmetricAroundZero() {
        // 0.05 is a third of the largest magnitude (0.15): a weak positive, not the strongest.
        #expect(WeightPicture.render(weights: [-0.15, 0.05], height: 1, width: 2, color: false) == """
            ==..
            negative == -- ,, (blank: near 0) .. ++ ## positive
            min -0.1500   max 0.0500
            """)
        #expect(WeightPicture.paletteIndex(0) == 231)
        #expect(WeightPicture.paletteIndex(-0.2) == 189)
        #expect(WeightPicture.paletteIndex(1) == 196)
    }

    @Test func edgeCases() {
        #expect(WeightPicture.render(weights: [0, 0], height: 1, width: 2, color: false)
            == "\nnegative == -- ,, (blank: near 0) .. ++ ## positive\nmin 0.0000   max 0.0000")
        #expect(WeightPicture.render(weights: [.nan, 1], height: 1, width: 2, color: false)
            == "  ##\nnegative == -- ,, (blank: near 0) .. ++ ## positive\nmin 1.0000   max 1.0000")
        #expect(WeightPicture.render(weights: [], height: 0, width: 0, color: false) == "")
        let full = WeightPicture.render(weights: (0..<784).map { Float($0 % 7) - 3 }, color: false)
        #expect(full.split(separator: "\n", omittingEmptySubsequences: false).count == 30)
    }

    /// The key names every glyph the picture can draw, as it draws them, in both modes.
    @Test(arguments: [false, true])
    func theKeyShowsEveryLevel(color: Bool) {
        let strengths = (-30...30).map { Float($0) / 30 }
        let text = WeightPicture.render(weights: strengths, height: 1, width: strengths.count, color: color)
        let lines = text.split(separator: "\n").map(String.init)
        let picture = lines.dropLast(2).joined()
        let key = lines[lines.count - 2]
        if color {
            let used = Set(picture.matches(of: /\[48;5;(\d+)m|\[38;5;(\d+)m/).compactMap { Int($0.output.1 ?? $0.output.2 ?? "") })
            let shown = Set(key.matches(of: /\[48;5;(\d+)m/).compactMap { Int($0.output.1) })
            #expect(used.isSubset(of: shown) && shown.count == 11)
        } else {
            let used = Set(picture.filter { $0 != " " })
            for glyph in used { #expect(key.contains(String(repeating: glyph, count: 2)), "\(glyph)") }
            #expect(used.count == 6)
            #expect(key.contains("(blank: near 0)"))
        }
    }
}
