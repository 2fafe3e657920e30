@testable import NeuralNet
import Testing

/// MNIST's normalisation of a drawing: the bounding box fitted into 20×20 (proportions kept,
/// area-averaged), then centred by its centre of mass in 28×28.
struct DigitNormalizationTests {
    static let side = 28

    /// A 28×28 drawing with ink (255) where `inked(row, column)` holds.
    static func drawing(_ inked: (Int, Int) -> Bool) -> [UInt8] {
        (0..<side * side).map { inked($0 / side, $0 % side) ? 255 : 0 }
    }

    /// The cells of a 28×28 (or 20×20) image that hold any ink.
    static func inkedCells(_ pixels: [UInt8], side: Int) -> Set<[Int]> {
        Set(pixels.indices.filter { pixels[$0] > 0 }.map { [$0 / side, $0 % side] })
    }

    @Test func aCentredSquareStaysCentred() throws {
        let d = try DigitNormalization(drawing: Self.drawing { (10...17).contains($0) && (10...17).contains($1) })
        #expect(d.rows == 10...17 && d.columns == 10...17)
        #expect(d.scale == 2.5)
        #expect(d.fittedHeight == 20 && d.fittedWidth == 20)
        #expect(d.box == [UInt8](repeating: 255, count: 400))
        #expect(d.centreOfMass == (14, 14))
        #expect(d.shift == (0, 0))
        #expect(d.centred == Self.drawing { (4...23).contains($0) && (4...23).contains($1) })
    }

    /// An L whose heavy corner is at the bottom left: the centre of mass is there, so the L moves
    /// up and right by the rounded distance from it to (14, 14).
    @Test func anLShapeIsMovedByItsCentreOfMass() throws {
        // 10×10 box: column 0 and row 9; scaled by 2, each stroke is 2 pixels thick.
        let d = try DigitNormalization(drawing: Self.drawing { row, column in
            (3...12).contains(row) && (5...14).contains(column) && (column == 5 || row == 12)
        })
        #expect(d.scale == 2)
        #expect(d.fittedHeight == 20 && d.fittedWidth == 20)
        // Left stroke: field columns 4, 5 over rows 4…23; bottom stroke: rows 22, 23 over columns 6…23.
        let mass: Double = 40 + 36
        let bottomColumns: Double = (6...23).map { Double($0) + 0.5 }.reduce(0, +)
        let leftRows: Double = (4...23).map { Double($0) + 0.5 }.reduce(0, +)
        let column: Double = (20 * (4.5 + 5.5) + 2 * bottomColumns) / mass
        let row: Double = (2 * leftRows + 18 * (22.5 + 23.5)) / mass
        #expect(isClose(d.centreOfMass.row, row) && isClose(d.centreOfMass.column, column))
        #expect(d.shift == (-4, 4))  // 14 − 18.26 and 14 − 9.74, rounded
        #expect(abs(d.centredCentreOfMass.row - 14) <= 0.5 && abs(d.centredCentreOfMass.column - 14) <= 0.5)
        let moved = Set(Self.inkedCells(d.box, side: 20).map { [$0[0] + 4 - 4, $0[1] + 4 + 4] })
        #expect(Self.inkedCells(d.centred, side: 28) == moved)
    }

    /// The same bar anywhere in the field becomes the same MNIST digit.
    @Test(arguments: [(0, 0), (8, 13), (4, 25)])
    func anOffCentreBarEndsWhereACentredOneDoes(top: Int, left: Int) throws {
        let bar = { (top: Int, left: Int) in
            try DigitNormalization(drawing: Self.drawing { (top..<top + 20).contains($0) && (left..<left + 3).contains($1) })
        }
        let moved = try bar(top, left), centred = try bar(4, 12)
        #expect(moved.rows == top...(top + 19) && moved.columns == left...(left + 2))
        #expect(moved.centred == centred.centred)
        #expect(moved.shift == (0, 1))  // the 3 columns sit at 12…14 in the box's field: 13.5 → 14.
        #expect(Self.inkedCells(moved.centred, side: 28) == Set((4...23).flatMap { r in (13...15).map { [r, $0] } }))
    }

    @Test func aTallThinOneIsScaledTo20RowsKeepingItsProportions() throws {
        // 25 rows × 5 columns: scaled by 0.8 to 20 × 4.
        let d = try DigitNormalization(drawing: Self.drawing { (2...26).contains($0) && (12...16).contains($1) })
        #expect(d.rows.count == 25 && d.columns.count == 5)
        #expect(d.scale == 0.8)
        #expect(d.fittedHeight == 20 && d.fittedWidth == 4)
        let rows = Set(Self.inkedCells(d.box, side: 20).map { $0[0] })
        let columns = Set(Self.inkedCells(d.box, side: 20).map { $0[1] })
        #expect(rows == Set(0...19) && columns == Set(8...11))
        #expect(d.box.allSatisfy { $0 == 0 || $0 == 255 })  // solid ink stays solid
    }

    /// Scaling up a stroke that ends inside an output pixel gives that pixel a grey level, and the
    /// mean ink over the box is kept: the total is scaled by the areas' ratio.
    @Test func edgesBecomeGreyAndTheInkIsPreserved() throws {
        // Row 0: columns 0…2; row 1: column 0. Scaled by 20/3 to 13 × 20.
        let drawing = Self.drawing { ($0 == 10 && (10...12).contains($1)) || ($0 == 11 && $1 == 10) }
        let d = try DigitNormalization(drawing: drawing)
        #expect(d.fittedHeight == 13 && d.fittedWidth == 20)
        #expect(d.box.contains { $0 > 0 && $0 < 255 })
        #expect(d.box.allSatisfy { $0 <= 255 })
        let drawnInk = Double(drawing.reduce(0) { $0 + Int($1) })
        let expected = drawnInk * Double(13 * 20) / Double(2 * 3)
        let boxInk = Double(d.box.reduce(0) { $0 + Int($1) })
        #expect(abs(boxInk - expected) <= 0.5 * 13 * 20)  // each pixel rounded by at most a half
        #expect(d.centred.reduce(0) { $0 + Int($1) } == d.box.reduce(0) { $0 + Int($1) })  // nothing falls off
    }

    @Test func boxFilterWeightsShareEachOutputPixel() {
        for (inputs, outputs) in [(3, 20), (25, 20), (7, 7), (28, 20), (1, 1)] {
            let weights = DigitNormalization.boxFilter(from: inputs, to: outputs)
            #expect(weights.count == outputs)
            #expect(weights.allSatisfy { abs($0.reduce(0) { $0 + $1.1 } - 1) < 1e-12 })
        }
    }

    @Test func anEmptyDrawingIsRefused() {
        #expect(throws: DrawingError.nothingDrawn) { try DigitNormalization(drawing: [UInt8](repeating: 0, count: 784)) }
        #expect("\(DrawingError.nothingDrawn)" == "nothing drawn yet: the drawing has no ink")
    }

    @Test func aDrawingOfAnotherSizeIsRefused() {
        #expect(throws: DrawingError.wrongSize(10)) { try DigitNormalization(drawing: [UInt8](repeating: 255, count: 10)) }
        #expect("\(DrawingError.wrongSize(10))" == "a drawing has 28×28 = 784 pixels, this one 10")
    }
}
