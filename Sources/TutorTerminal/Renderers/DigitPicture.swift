// A grayscale image (an MNIST digit) drawn in the terminal, and its grid of pixel values.

import TextFormat

/// Draws grayscale images such as a 28×28 MNIST digit, and prints their pixel values.
///
/// Pixels are given row by row (`pixels[row * width + column]`), 0 black (background) to
/// 255 white (ink), as in the MNIST files. Missing pixels (a short array) count as 0 and
/// extra ones are ignored, so no input can make these functions trap.
public enum DigitPicture {
    /// The characters used without colour, from background to full ink.
    public static let ramp: [Character] = Array(" .:-=+*#%@")

    /// The image as text.
    ///
    /// With colour: upper-half blocks `▀` in the 24 grays of the 256-colour palette (plus
    /// black and white at the ends), two pixel rows per line, one column per pixel: a
    /// 28×28 digit takes 28 columns and 14 lines. Without colour: one line per pixel row
    /// and two characters of `ramp` per pixel so the digit keeps its proportions (56
    /// columns, 28 lines); trailing spaces are dropped.
    public static func render(pixels: [UInt8], height: Int = 28, width: Int = 28, color: Bool) -> String {
        guard height > 0, width > 0 else { return "" }
        if color {
            return HalfBlockImage.render(height: height, width: width) { row, column in
                grayIndex(pixel(pixels, row, column, width))
            }
        }
        var lines: [String] = []
        for row in 0..<height {
            var line = ""
            for column in 0..<width {
                let character = rampCharacter(pixel(pixels, row, column, width))
                line.append(character)
                line.append(character)
            }
            lines.append(String(line.trimmingTrailingSpaces))
        }
        return lines.joined(separator: "\n")
    }

    /// How `pixelGrid` shows values.
    public enum PixelScale: Sendable {
        /// The stored bytes, 0…255.
        case integers
        /// Scaled to 0…1 with two decimals (`0.33`), as the network sees them.
        case unit
    }

    /// The pixel values in aligned columns, with row and column numbers.
    ///
    /// Zero is printed as a lone `0` in both scales so the digit's shape stands out from
    /// the background. When all columns do not fit in `maxWidth`, they are split into
    /// blocks of equal size (two blocks of 14 for a 28-wide image in 80 columns),
    /// separated by a blank line.
    public static func pixelGrid(
        pixels: [UInt8],
        height: Int = 28,
        width: Int = 28,
        scale: PixelScale,
        maxWidth: Int = 80
    ) -> String {
        guard height > 0, width > 0 else { return "" }
        let cellWidth = scale == .integers ? 3 : 4
        let labelWidth = String(height - 1).count
        let fitting = max(1, (maxWidth - labelWidth) / (cellWidth + 1))
        let blockCount = (width + fitting - 1) / fitting
        let perBlock = (width + blockCount - 1) / blockCount

        var blocks: [String] = []
        for start in stride(from: 0, to: width, by: perBlock) {
            let columns = start..<min(width, start + perBlock)
            var lines = [String(repeating: " ", count: labelWidth)
                + columns.map { " " + TextColumns.padLeft(String($0), cellWidth) }.joined()]
            for row in 0..<height {
                lines.append(TextColumns.padLeft(String(row), labelWidth) + columns.map { column in
                    " " + TextColumns.padLeft(value(pixel(pixels, row, column, width), scale), cellWidth)
                }.joined())
            }
            blocks.append(lines.joined(separator: "\n"))
        }
        return blocks.joined(separator: "\n\n")
    }

    /// One pixel, 0 when outside the array.
    static func pixel(_ pixels: [UInt8], _ row: Int, _ column: Int, _ width: Int) -> UInt8 {
        let index = row * width + column
        return pixels.indices.contains(index) ? pixels[index] : 0
    }

    /// The ramp character for a pixel: ten equal bands of 0…255.
    static func rampCharacter(_ value: UInt8) -> Character {
        ramp[Int(value) * ramp.count / 256]
    }

    /// The 256-colour palette index for a gray: 16 (black), the grays 232…255, 231 (white).
    static func grayIndex(_ value: UInt8) -> Int {
        let level = Int((Double(value) / 255 * 25).rounded())
        switch level {
        case 0: return 16
        case 25: return 231
        default: return 231 + level
        }
    }

    /// A pixel's text in the grid.
    static func value(_ pixel: UInt8, _ scale: PixelScale) -> String {
        if pixel == 0 { return "0" }
        switch scale {
        case .integers: return String(pixel)
        case .unit: return NumberText.fixed(Double(pixel) / 255, 2)
        }
    }
}

extension String {
    /// The string without its trailing spaces.
    var trimmingTrailingSpaces: Substring {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " { end = index(before: end) }
        return self[startIndex..<end]
    }
}
