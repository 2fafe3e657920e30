import Testing
@testable import TutorTerminal

/// Golden tests for the digit picture and the pixel grid.
@Suite struct DigitPictureTests {
    /// A 2×3 image: black, mid gray, white / dark, black, dark gray.
    let pixels: [UInt8] = [0, 128, 255, 26, 0, 77]

    @Test func rampWithoutColorUsesTwoCharactersPerPixel() {
        #expect(DigitPicture.render(pixels: pixels, height: 2, width: 3, color: false) == "  ++@@\n..  --")
    }

    @Test func halfBlocksWithColorPackTwoRowsPerLine() {
        let expected = "\u{1B}[38;5;16m\u{1B}[48;5;234m▀"
            + "\u{1B}[38;5;244m\u{1B}[48;5;16m▀"
            + "\u{1B}[38;5;231m\u{1B}[48;5;239m▀\u{1B}[0m"
        #expect(DigitPicture.render(pixels: pixels, height: 2, width: 3, color: true) == expected)
    }

    @Test func colorRepeatsNoEscapeWhileTheColorStaysAndHandlesAnOddRow() {
        let picture = DigitPicture.render(pixels: [255, 255, 0], height: 1, width: 3, color: true)
        #expect(picture == "\u{1B}[38;5;231m▀▀\u{1B}[38;5;16m▀\u{1B}[0m")
    }

    @Test func aFullSizeDigitFitsEightyColumns() {
        let digit = (0..<784).map { UInt8(($0 * 7) % 256) }
        let plain = DigitPicture.render(pixels: digit, color: false).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(plain.count == 28)
        #expect(plain.allSatisfy { $0.count <= 56 })
        let colored = DigitPicture.render(pixels: digit, color: true).split(separator: "\n")
        #expect(colored.count == 14)
        #expect(colored.allSatisfy { $0.filter { $0 == "▀" }.count == 28 })
    }

    @Test func edgeCases() {
        #expect(DigitPicture.render(pixels: [], height: 0, width: 28, color: false) == "")
        #expect(DigitPicture.render(pixels: [255], height: 1, width: 2, color: false) == "@@")  // missing pixel is 0
        #expect(DigitPicture.render(pixels: [0, 0], height: 2, width: 1, color: false) == "\n")
    }

    @Test func grayPalette() {
        #expect(DigitPicture.grayIndex(0) == 16)
        #expect(DigitPicture.grayIndex(5) == 16)
        #expect(DigitPicture.grayIndex(6) == 232)
        #expect(DigitPicture.grayIndex(250) == 231)
        #expect(DigitPicture.grayIndex(255) == 231)
        #expect(DigitPicture.rampCharacter(0) == " ")
        #expect(DigitPicture.rampCharacter(255) == "@")
    }

    @Test func pixelGridWithIntegers() {
        #expect(DigitPicture.pixelGrid(pixels: pixels, height: 2, width: 3, scale: .integers) == """
                0   1   2
            0   0 128 255
            1  26   0  77
            """)
    }

    @Test func pixelGridScaledToOne() {
        #expect(DigitPicture.pixelGrid(pixels: pixels, height: 2, width: 3, scale: .unit) == """
                 0    1    2
            0    0 0.50 1.00
            1 0.10    0 0.30
            """)
    }

    @Test func pixelGridSplitsColumnsIntoEqualBlocks() {
        let grid = DigitPicture.pixelGrid(pixels: [1, 2, 3, 4, 5], height: 1, width: 5, scale: .integers, maxWidth: 10)
        #expect(grid == """
                0   1
            0   1   2

                2   3
            0   3   4

                4
            0   5
            """)
    }

    @Test func aFullGridFitsEightyColumnsInTwoBlocks() {
        let digit = [UInt8](repeating: 255, count: 784)
        for scale in [DigitPicture.PixelScale.integers, .unit] {
            let lines = DigitPicture.pixelGrid(pixels: digit, scale: scale).split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2 * 29 + 1)
            #expect(lines.allSatisfy { $0.count <= 80 })
        }
    }
}
