/// Why a drawing cannot be made into an MNIST-style digit.
public enum DrawingError: Error, Equatable, Sendable {
    /// Not one pixel of the drawing has ink.
    case nothingDrawn
    /// The drawing does not hold ``DigitNormalization/fieldSide``² pixels; it holds this many.
    case wrongSize(Int)
}

extension DrawingError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .nothingDrawn: return "nothing drawn yet: the drawing has no ink"
        case .wrongSize(let count):
            return "a drawing has \(DigitNormalization.fieldSide)×\(DigitNormalization.fieldSide) = \(DigitNormalization.fieldSide * DigitNormalization.fieldSide) pixels, this one \(count)"
        }
    }
}

/// What MNIST (LeCun, Cortes & Burges) did to every NIST digit, done to one hand drawing, with
/// every number of each step kept so that it can be shown.
///
/// 1. **Bounding box**: the rows ``rows`` and columns ``columns`` that hold ink (a pixel above 0).
/// 2. **Fit into 20×20**: the box is scaled by ``scale`` = 20 / max(height, width), so that its
///    longer side becomes 20 pixels and its proportions stay: ``fittedHeight`` × ``fittedWidth``,
///    each the scaled side rounded (at least 1). The resampling is a box filter (area
///    averaging): output pixel (i, j) covers the source rectangle
///    [i·h/h′, (i+1)·h/h′) × [j·w/w′, (j+1)·w/w′) and is the mean of the source over it, each
///    source pixel weighted by the area it shares with the rectangle. Edges that a rectangle
///    only partly covers become grey levels (anti-aliasing); the mean ink over the box is
///    unchanged, so the total ink is multiplied by (h′·w′)/(h·w) before rounding to bytes.
///    The scaled ink sits in the middle of the 20×20 ``box`` (the spare pixels halved, the odd
///    one after it), and the box in the middle of the 28×28 field (4 pixels on each side).
/// 3. **Centre by the centre of mass**: with pixel (r, c) covering [r, r+1) × [c, c+1) of the
///    field, so that its middle is (r + ½, c + ½), the centre of mass is the intensity-weighted
///    mean ``centreOfMass`` = (Σ v·(r + ½) / Σ v, Σ v·(c + ½) / Σ v). The field's centre is
///    (14, 14); the image moves by ``shift`` = (14 − row, 14 − column), each rounded to a whole
///    pixel (halves away from zero), into ``centred``. Ink moved beyond the field would be
///    dropped; a box of 20 in a field of 28 leaves room for any but the most lopsided digit.
///
/// Images are row-major bytes, 0 background to 255 ink, as in the MNIST files.
public struct DigitNormalization: Equatable, Sendable {
    /// The side of the field a drawing and MNIST's digits fill: 28.
    public static let fieldSide = 28
    /// The side of the box MNIST fitted each digit's ink into: 20.
    public static let boxSide = 20
    /// Where the centre of mass is moved to, in both directions: the field's middle, 14.
    public static let fieldCentre = Double(fieldSide) / 2

    /// The drawing as it was given, 28×28.
    public let drawn: [UInt8]
    /// The rows and columns of the drawing that hold ink.
    public let rows: ClosedRange<Int>
    public let columns: ClosedRange<Int>
    /// 20 / max(height, width) of the ink's bounding box.
    public let scale: Double
    /// The scaled ink's size, the longer side 20.
    public let fittedHeight: Int
    public let fittedWidth: Int
    /// The scaled ink in the middle of the 20×20 box, row-major.
    public let box: [UInt8]
    /// The centre of mass of the box placed in the middle of the field, before the shift
    /// (field coordinates: 0 at the top or left edge, 28 at the other).
    public let centreOfMass: (row: Double, column: Double)
    /// Whole pixels down and right (negative: up and left) that bring the centre of mass to (14, 14).
    public let shift: (rows: Int, columns: Int)
    /// The box's image moved by ``shift`` in the 28×28 field: what MNIST would have stored.
    public let centred: [UInt8]

    /// The centre of mass after the shift: within half a pixel of (14, 14) in each direction.
    public var centredCentreOfMass: (row: Double, column: Double) {
        (centreOfMass.row + Double(shift.rows), centreOfMass.column + Double(shift.columns))
    }

    /// Normalises a 28×28 drawing (row-major, any value above 0 is ink) as MNIST did its digits.
    public init(drawing: [UInt8]) throws(DrawingError) {
        let side = Self.fieldSide
        guard drawing.count == side * side else { throw .wrongSize(drawing.count) }
        let inked = drawing.indices.filter { drawing[$0] > 0 }
        guard let firstRow = inked.map({ $0 / side }).min(), let lastRow = inked.map({ $0 / side }).max(),
              let firstColumn = inked.map({ $0 % side }).min(), let lastColumn = inked.map({ $0 % side }).max()
        else { throw .nothingDrawn }
        drawn = drawing
        rows = firstRow...lastRow
        columns = firstColumn...lastColumn

        let height = rows.count, width = columns.count
        let boxSide = Self.boxSide
        scale = Double(boxSide) / Double(max(height, width))
        fittedHeight = min(boxSide, max(1, Int((Double(height) * scale).rounded())))
        fittedWidth = min(boxSide, max(1, Int((Double(width) * scale).rounded())))

        // The box filter, one axis at a time: weights[i][k] is the share of output pixel i that
        // source pixel k covers (each row of weights sums to 1).
        let rowWeights = Self.boxFilter(from: height, to: fittedHeight)
        let columnWeights = Self.boxFilter(from: width, to: fittedWidth)
        let top = (boxSide - fittedHeight) / 2, left = (boxSide - fittedWidth) / 2
        var box = [UInt8](repeating: 0, count: boxSide * boxSide)
        for i in 0..<fittedHeight {
            for j in 0..<fittedWidth {
                var value = 0.0
                for (k, wy) in rowWeights[i] where wy > 0 {
                    for (l, wx) in columnWeights[j] where wx > 0 {
                        value += wy * wx * Double(drawing[(firstRow + k) * side + firstColumn + l])
                    }
                }
                box[(top + i) * boxSide + left + j] = UInt8(min(255, max(0, value.rounded())))
            }
        }
        self.box = box

        // The centre of mass of the box placed in the middle of the field.
        let margin = (side - boxSide) / 2
        var mass = 0.0, rowMoment = 0.0, columnMoment = 0.0
        for r in 0..<boxSide {
            for c in 0..<boxSide where box[r * boxSide + c] > 0 {
                let v = Double(box[r * boxSide + c])
                mass += v
                rowMoment += v * (Double(margin + r) + 0.5)
                columnMoment += v * (Double(margin + c) + 0.5)
            }
        }
        centreOfMass = mass > 0 ? (rowMoment / mass, columnMoment / mass) : (Self.fieldCentre, Self.fieldCentre)
        shift = (Int((Self.fieldCentre - centreOfMass.row).rounded()), Int((Self.fieldCentre - centreOfMass.column).rounded()))

        var centred = [UInt8](repeating: 0, count: side * side)
        for r in 0..<boxSide {
            for c in 0..<boxSide {
                let row = margin + r + shift.rows, column = margin + c + shift.columns
                guard (0..<side).contains(row), (0..<side).contains(column) else { continue }
                centred[row * side + column] = box[r * boxSide + c]
            }
        }
        self.centred = centred
    }

    /// For each of `outputs` pixels along an axis of `inputs` pixels, the source pixels it
    /// overlaps and the share of it each covers: output i spans [i·n/m, (i+1)·n/m) in source units.
    static func boxFilter(from inputs: Int, to outputs: Int) -> [[(Int, Double)]] {
        let length = Double(inputs) / Double(outputs)
        return (0..<outputs).map { i in
            let start = Double(i) * length, end = Double(i + 1) * length
            let first = Int(start.rounded(.down)), last = min(inputs - 1, Int(end.rounded(.up)) - 1)
            guard first <= last else { return [] }
            return (first...last).map { k in
                let overlap = min(end, Double(k + 1)) - max(start, Double(k))
                return (k, max(0, overlap) / length)
            }
        }
    }

    public static func == (a: DigitNormalization, b: DigitNormalization) -> Bool {
        a.drawn == b.drawn  // everything else follows from the drawing.
    }
}
