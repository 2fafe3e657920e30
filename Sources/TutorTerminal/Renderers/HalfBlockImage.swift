// Pictures in 256-colour half blocks: two pixel rows per text line.

/// Draws a grid of palette colours with the upper-half block `▀`: the foreground paints
/// the upper pixel, the background the lower one, so a text line holds two pixel rows and
/// each pixel is about square. Escape codes are written only when a colour changes along
/// the line, and every line ends with a reset. An odd last row leaves the lower half in
/// the terminal's own background.
enum HalfBlockImage {
    static func render(height: Int, width: Int, paletteIndex: (_ row: Int, _ column: Int) -> Int) -> String {
        guard height > 0, width > 0 else { return "" }
        var lines: [String] = []
        for top in stride(from: 0, to: height, by: 2) {
            var line = ""
            var foreground: Int?
            var background: Int?
            for column in 0..<width {
                let upper = paletteIndex(top, column)
                if upper != foreground {
                    line += "\u{1B}[38;5;\(upper)m"
                    foreground = upper
                }
                if top + 1 < height {
                    let lower = paletteIndex(top + 1, column)
                    if lower != background {
                        line += "\u{1B}[48;5;\(lower)m"
                        background = lower
                    }
                }
                line += "▀"
            }
            lines.append(line + "\u{1B}[0m")
        }
        return lines.joined(separator: "\n")
    }
}
