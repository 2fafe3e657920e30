/// A dense row-major matrix of 32-bit floats: element (r, c) is `values[r * cols + c]`.
///
/// This is the engine's value type for anything handed across its boundary (weights, predictions,
/// playground vectors). The training loop itself works on preallocated buffers and never creates
/// a `Matrix` per batch.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let cols: Int
    public var values: [Float]

    /// A `rows × cols` matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Float = 0) {
        precondition(rows >= 0 && cols >= 0, "matrix dimensions must not be negative")
        self.rows = rows
        self.cols = cols
        self.values = [Float](repeating: value, count: rows * cols)
    }

    /// A `rows × cols` matrix over `values` (row-major; `values.count == rows * cols`).
    public init(rows: Int, cols: Int, values: [Float]) {
        precondition(values.count == rows * cols, "a \(rows)×\(cols) matrix needs \(rows * cols) values")
        self.rows = rows
        self.cols = cols
        self.values = values
    }

    /// A matrix from nested rows, all of the same length.
    public init(_ nested: [[Float]]) {
        let cols = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == cols }, "all rows must have the same length")
        self.init(rows: nested.count, cols: cols, values: nested.flatMap { $0 })
    }

    public subscript(row: Int, col: Int) -> Float {
        get { values[row * cols + col] }
        set { values[row * cols + col] = newValue }
    }

    /// Row `r` as an array.
    public func row(_ r: Int) -> [Float] {
        Array(values[(r * cols)..<((r + 1) * cols)])
    }

    /// The transpose: element (r, c) becomes (c, r).
    public var transposed: Matrix {
        var out = Matrix(rows: cols, cols: rows)
        for r in 0..<rows {
            for c in 0..<cols { out.values[c * rows + r] = values[r * cols + c] }
        }
        return out
    }
}
