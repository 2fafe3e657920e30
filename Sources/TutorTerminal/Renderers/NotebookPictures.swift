import TutorLanguage

/// The pictures an output holds, as PNG images for the Jupyter form of the notebook: the digit
/// of `show image` and `predict`, `predict`'s output bars, `show weights`' picture. Each is
/// drawn from the values the terminal's picture is drawn from, in the same colours, enlarged with
/// nearest neighbour (``PNGImage/scaled(by:)``) so that it stays crisp.
public enum NotebookPictures {
    /// How many screen pixels one image pixel becomes: a 28×28 digit is 224×224.
    public static let scale = 8

    /// The pictures of `output`, in the order the terminal shows them; none for most outputs.
    public static func pictures(_ output: Output) -> [PNGImage] {
        switch output {
        case .image(let image): return [digit(image)]
        case .prediction(let prediction): return [digit(prediction.image), bars(prediction.outputs.map(Double.init))]
        case .weights(let report): return [weights(report)]
        default: return []
        }
    }

    /// The digit's pixels as they are (0 black background, 255 white ink, as on the terminal).
    static func digit(_ image: DigitImage) -> PNGImage {
        PNGImage(width: image.width, height: image.height, colour: .grey, pixels: image.pixels).scaled(by: scale)
    }

    /// The weights in ``WeightPicture``'s colours (blue negative, white 0, red positive, the
    /// strongest weight full strength), one image pixel per weight.
    static func weights(_ report: WeightsReport) -> PNGImage {
        let count = max(0, report.width) * max(0, report.height)
        let values = (0..<count).map { index in
            report.values.indices.contains(index) && report.values[index].isFinite ? report.values[index] : 0
        }
        let strongest = values.map(abs).max() ?? 0
        var pixels: [UInt8] = []
        pixels.reserveCapacity(count * 3)
        for value in values {
            let strength = strongest > 0 ? Double(value / strongest) : 0
            pixels += cubeColour(WeightPicture.paletteIndex(strength))
        }
        return PNGImage(width: report.width, height: report.height, colour: .rgb, pixels: pixels).scaled(by: scale)
    }

    /// The red, green and blue of a colour of the 256-colour palette's 6×6×6 cube (16…231), as
    /// xterm shows it: levels 0, 95, 135, 175, 215, 255.
    static func cubeColour(_ index: Int) -> [UInt8] {
        let cube = min(215, max(0, index - 16))
        return [cube / 36, cube / 6 % 6, cube % 6].map { UInt8($0 == 0 ? 0 : 55 + 40 * $0) }
    }

    /// Width in pixels of a full bar (the value 1, or the largest value if larger, as ``Bars``
    /// scales them), the height of a bar and the gap below it.
    static let barLength = 320, barHeight = 16, barGap = 4

    /// One horizontal bar per value on white, top to bottom, scaled as ``Bars`` scales them; the
    /// largest in dark blue, the others light blue; every bar at least one pixel long.
    static func bars(_ values: [Double]) -> PNGImage {
        let finite = values.filter(\.isFinite)
        let scale = max(1, finite.max() ?? 1)
        let top = Bars.topIndex(values)
        let rowHeight = barHeight + barGap
        let height = max(1, values.count * rowHeight)
        var pixels = [UInt8](repeating: 255, count: barLength * height * 3)
        for (index, value) in values.enumerated() {
            let fraction = value.isFinite ? min(1, max(0, value / scale)) : 0
            let length = min(barLength, max(1, Int((fraction * Double(barLength)).rounded())))
            let colour: [UInt8] = index == top ? [0, 0, 135] : [135, 175, 255]
            for row in (index * rowHeight)..<(index * rowHeight + barHeight) {
                for column in 0..<length {
                    let start = (row * barLength + column) * 3
                    pixels[start] = colour[0]
                    pixels[start + 1] = colour[1]
                    pixels[start + 2] = colour[2]
                }
            }
        }
        return PNGImage(width: barLength, height: height, colour: .rgb, pixels: pixels)
    }
}
