// One unit's incoming weights drawn as an image, negative and positive apart.

import TextFormat

/// The incoming weights of one dense unit (784 for a flattened 28×28 input) drawn as a
/// 28×28 picture: what the unit "looks for" in an image.
///
/// The scale is symmetric: the weight of largest magnitude is full strength, zero is
/// neutral. With colour: a diverging blue–white–red palette (blue negative, red positive,
/// white zero) from the 256-colour cube, in half blocks (28 columns, 14 lines). Without
/// colour: a signed ramp, two characters per pixel and one line per row, trailing spaces
/// dropped.
///
/// Two lines follow the picture: the key, every level the picture can use from the strongest
/// negative to the strongest positive, drawn as in the picture (eleven colours, or the ramp's
/// pairs), then the minimum and maximum (with their colours when there are colours):
///
///     negative == -- ,, (blank: near 0) .. ++ ## positive
///     min -0.1853   max 0.2857
///
/// Missing weights (a short array) count as 0; non-finite weights are drawn as 0 and left out
/// of min and max.
public enum WeightPicture {
    /// Ramp characters by magnitude (1 weak … 3 strong), negative and positive.
    static let negativeRamp: [Character] = [" ", ",", "-", "="]
    static let positiveRamp: [Character] = [" ", ".", "+", "#"]

    /// The picture and its min/max line.
    public static func render(weights: [Float], height: Int = 28, width: Int = 28, color: Bool) -> String {
        guard height > 0, width > 0 else { return "" }
        func weight(_ row: Int, _ column: Int) -> Float {
            let index = row * width + column
            guard weights.indices.contains(index), weights[index].isFinite else { return 0 }
            return weights[index]
        }
        let finite = weights.prefix(height * width).filter(\.isFinite)
        let low = finite.min() ?? 0
        let high = finite.max() ?? 0
        let scale = max(abs(low), abs(high))
        func strength(_ value: Float) -> Double { scale > 0 ? Double(value / scale) : 0 }

        var text: String
        if color {
            text = HalfBlockImage.render(height: height, width: width) { row, column in
                paletteIndex(strength(weight(row, column)))
            }
        } else {
            text = (0..<height).map { row in
                var line = ""
                for column in 0..<width {
                    let character = rampCharacter(strength(weight(row, column)))
                    line.append(character)
                    line.append(character)
                }
                return String(line.trimmingTrailingSpaces)
            }.joined(separator: "\n")
        }
        let style = ANSIStyle(color: color)
        let minimum = "min " + NumberText.fixed(Double(low), 4)
        let maximum = "max " + NumberText.fixed(Double(high), 4)
        if color {
            let levels = (-5...5).map { style.background256("  ", paletteIndex(Double($0) / 5)) }
            text += "\nnegative " + levels.joined() + " positive"
            text += "\n" + style.background256("  ", paletteIndex(strength(low))) + " " + minimum
                + "   " + style.background256("  ", paletteIndex(strength(high))) + " " + maximum
        } else {
            text += "\n" + rampKey + "\n\(minimum)   \(maximum)"
        }
        return text
    }

    /// The key without colour: each ramp character as the picture draws it (twice), strongest
    /// negative first, and what a blank means.
    static var rampKey: String {
        let pair = { (character: Character) in String(repeating: character, count: 2) }
        let negative = negativeRamp.dropFirst().reversed().map(pair).joined(separator: " ")
        let positive = positiveRamp.dropFirst().map(pair).joined(separator: " ")
        return "negative \(negative) (blank: near 0) \(positive) positive"
    }

    /// The ramp character for a strength in −1…1: blank, then 3 levels each side.
    static func rampCharacter(_ strength: Double) -> Character {
        let level = min(3, Int((abs(strength) * 3).rounded()))
        return strength < 0 ? negativeRamp[level] : positiveRamp[level]
    }

    /// The 256-colour index for a strength in −1…1: white at 0, towards pure blue (−1) or
    /// pure red (+1) in 5 steps of the 6×6×6 colour cube.
    static func paletteIndex(_ strength: Double) -> Int {
        let level = min(5, Int((abs(strength) * 5).rounded()))
        let fade = 5 - level
        let (red, green, blue) = strength < 0 ? (fade, fade, 5) : (5, fade, fade)
        return 16 + 36 * red + 6 * green + blue
    }
}
