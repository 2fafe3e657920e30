import Foundation
import Testing
@testable import NeuralNet

/// `BLAS.gemm` and `Matrix.multiplied` against a naive triple loop.
@Suite struct BLASTests {
    /// (m, n, k): op(A) is m×k, op(B) is k×n.
    static let shapes: [(Int, Int, Int)] = [(1, 1, 1), (3, 7, 5), (17, 9, 33), (4, 3, 0), (1, 8, 2), (6, 1, 4)]
    static let transposes: [(Bool, Bool)] = [(false, false), (true, false), (false, true), (true, true)]

    static var cases: [Case] {
        shapes.flatMap { s in transposes.map { Case(m: s.0, n: s.1, k: s.2, transposeA: $0.0, transposeB: $0.1) } }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let m, n, k: Int
        let transposeA, transposeB: Bool
        var testDescription: String { "\(m)×\(k)\(transposeA ? "ᵀ" : "") · \(k)×\(n)\(transposeB ? "ᵀ" : "")" }
    }

    /// A `rows × cols` matrix of values in [−1, 1).
    static func random(_ rows: Int, _ cols: Int, seed: UInt64) -> Matrix {
        var generator = SeededGenerator(seed: seed)
        return Matrix(rows: rows, cols: cols, values: (0..<(rows * cols)).map { _ in generator.nextFloat(in: -1, 1) })
    }

    /// alpha · op(A) · op(B) + beta · C, in Double, by the definition.
    static func naive(
        _ a: Matrix, _ b: Matrix, transposeA: Bool, transposeB: Bool, alpha: Float = 1, beta: Float = 0, c: Matrix? = nil
    ) -> Matrix {
        let opA = transposeA ? a.transposed : a
        let opB = transposeB ? b.transposed : b
        var out = Matrix(rows: opA.rows, cols: opB.cols)
        for i in 0..<opA.rows {
            for j in 0..<opB.cols {
                var sum = 0.0
                for p in 0..<opA.cols { sum += Double(opA[i, p]) * Double(opB[p, j]) }
                let old = beta == 0 ? 0 : Double(beta) * Double(c?[i, j] ?? 0)
                out[i, j] = Float(Double(alpha) * sum + old)
            }
        }
        return out
    }

    /// The stored factors for a case: A is m×k (stored k×m when transposed), likewise B.
    static func factors(_ t: Case) -> (Matrix, Matrix) {
        let a = t.transposeA ? random(t.k, t.m, seed: 1) : random(t.m, t.k, seed: 1)
        let b = t.transposeB ? random(t.n, t.k, seed: 2) : random(t.k, t.n, seed: 2)
        return (a, b)
    }

    static func tolerance(_ k: Int) -> Float { 1e-6 * Float(max(k, 1)) }

    @Test(arguments: cases)
    func multipliedMatchesNaiveProduct(_ t: Case) {
        let (a, b) = Self.factors(t)
        let product = a.multiplied(by: b, transposingSelf: t.transposeA, transposingOther: t.transposeB)
        #expect(product.rows == t.m && product.cols == t.n)
        let expected = Self.naive(a, b, transposeA: t.transposeA, transposeB: t.transposeB)
        #expect(allClose(product.values, expected.values, abs: Self.tolerance(t.k), rel: 1e-5))
    }

    /// gemm with alpha and beta = 1: C ← alpha · op(A) · op(B) + C.
    @Test(arguments: cases)
    func gemmAccumulatesWithBetaOne(_ t: Case) {
        let (a, b) = Self.factors(t)
        let c0 = Self.random(t.m, t.n, seed: 3)
        var c = c0
        gemm(t, a, b, alpha: 0.5, beta: 1, c: &c)
        let expected = Self.naive(a, b, transposeA: t.transposeA, transposeB: t.transposeB, alpha: 0.5, beta: 1, c: c0)
        #expect(allClose(c.values, expected.values, abs: Self.tolerance(t.k), rel: 1e-5))
    }

    /// With beta = 0 the old contents of C are ignored, even NaN (as documented on `BLAS.gemm`).
    @Test(arguments: cases.filter { $0.k > 0 })
    func gemmWithBetaZeroIgnoresNaN(_ t: Case) {
        let (a, b) = Self.factors(t)
        var c = Matrix(rows: t.m, cols: t.n, repeating: .nan)
        gemm(t, a, b, alpha: 1, beta: 0, c: &c)
        let expected = Self.naive(a, b, transposeA: t.transposeA, transposeB: t.transposeB)
        #expect(allClose(c.values, expected.values, abs: Self.tolerance(t.k), rel: 1e-5))
    }

    /// k = 0: the product of empty factors is 0, so C ← beta · C.
    @Test func gemmWithEmptyInnerDimensionScalesC() {
        var c = Matrix([[1, 2, 3], [4, 5, 6]])
        let empty: [Float] = [0]  // any valid pointer; nothing is read
        empty.withUnsafeBufferPointer { e in
            c.values.withUnsafeMutableBufferPointer { cp in
                BLAS.gemm(
                    transposeA: false, transposeB: false, m: 2, n: 3, k: 0, alpha: 1,
                    a: e.baseAddress!, lda: 1, b: e.baseAddress!, ldb: 3, beta: 0.5, c: cp.baseAddress!, ldc: 3)
            }
        }
        #expect(c == Matrix([[0.5, 1, 1.5], [2, 2.5, 3]]))
    }

    /// The same with beta = 0 and C full of NaN: by the documented contract the result is 0.
    @Test
    func gemmWithEmptyInnerDimensionAndBetaZeroIgnoresNaN() {
        var c = Matrix(rows: 2, cols: 3, repeating: .nan)
        let empty: [Float] = [0]
        empty.withUnsafeBufferPointer { e in
            c.values.withUnsafeMutableBufferPointer { cp in
                BLAS.gemm(
                    transposeA: false, transposeB: false, m: 2, n: 3, k: 0,
                    a: e.baseAddress!, lda: 1, b: e.baseAddress!, ldb: 3, beta: 0, c: cp.baseAddress!, ldc: 3)
            }
        }
        #expect(c == Matrix(rows: 2, cols: 3))
    }

    /// Row strides larger than the row: gemm on the top-left 2×3 block of a 2×5 buffer.
    @Test func gemmHonoursLeadingDimensions() {
        let a = Matrix([[1, 2, 99, 99], [3, 4, 99, 99]])  // 2×2 used, lda 4
        let b = Matrix([[1, 0, 2, 99], [0, 1, 3, 99]])  // 2×3 used, ldb 4
        var c = Matrix(rows: 2, cols: 5, repeating: -7)  // 2×3 written, ldc 5
        a.values.withUnsafeBufferPointer { ap in
            b.values.withUnsafeBufferPointer { bp in
                c.values.withUnsafeMutableBufferPointer { cp in
                    BLAS.gemm(
                        transposeA: false, transposeB: false, m: 2, n: 3, k: 2,
                        a: ap.baseAddress!, lda: 4, b: bp.baseAddress!, ldb: 4, c: cp.baseAddress!, ldc: 5)
                }
            }
        }
        #expect(c == Matrix([[1, 2, 8, -7, -7], [3, 4, 18, -7, -7]]))
    }

    @Test func matrixBasics() {
        let m = Matrix([[1, 2, 3], [4, 5, 6]])
        #expect(m.rows == 2 && m.cols == 3)
        #expect(m[1, 2] == 6)
        #expect(m.row(1) == [4, 5, 6])
        #expect(m.transposed == Matrix([[1, 4], [2, 5], [3, 6]]))
        #expect(m.transposed.transposed == m)
        #expect(Matrix(rows: 2, cols: 2, repeating: 3).values == [3, 3, 3, 3])
        let product = m.multiplied(by: m, transposingOther: true)
        #expect(product == Matrix([[14, 32], [32, 77]]))
        let empty = Matrix(rows: 0, cols: 3).multiplied(by: Matrix(rows: 3, cols: 2))
        #expect(empty.rows == 0 && empty.cols == 2 && empty.values.isEmpty)
    }

    func gemm(_ t: Case, _ a: Matrix, _ b: Matrix, alpha: Float, beta: Float, c: inout Matrix) {
        let placeholder: [Float] = [0]  // k = 0 factors are empty arrays
        let n = t.n
        a.values.withUnsafeBufferPointer { ap in
            b.values.withUnsafeBufferPointer { bp in
                placeholder.withUnsafeBufferPointer { pp in
                    c.values.withUnsafeMutableBufferPointer { cp in
                        BLAS.gemm(
                            transposeA: t.transposeA, transposeB: t.transposeB, m: t.m, n: n, k: t.k, alpha: alpha,
                            a: ap.baseAddress ?? pp.baseAddress!, lda: max(a.cols, 1),
                            b: bp.baseAddress ?? pp.baseAddress!, ldb: max(b.cols, 1),
                            beta: beta, c: cp.baseAddress!, ldc: n)
                    }
                }
            }
        }
    }
}

/// The products run with the kernels tutor pins, in the test process as in `tutor`, so that a
/// lesson's numbers checked here are the numbers a learner's run prints.
@Suite struct PinnedKernelsTests {
    @Test func theProductsRunWithThePinnedKernels() {
        let a = Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4])
        #expect(a.multiplied(by: a).values == [7, 10, 15, 22])
        // Where OpenBLAS' own choice stands (no AVX2, or `OPENBLAS_CORETYPE` set), nothing is pinned.
        guard let pinned = OpenBLASKernels.pinned, ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil else { return }
        #expect(pinned == "Haswell")
        #expect(OpenBLASKernels.current.lowercased() == pinned.lowercased())
    }

    /// tutor shares the work across cores itself: once a product has been made, OpenBLAS runs one
    /// thread, whatever `OPENBLAS_NUM_THREADS` or the core count says.
    @Test func openBLASRunsOneThreadOfItsOwn() {
        let a = Matrix(rows: 2, cols: 2, values: [1, 2, 3, 4])
        #expect(a.multiplied(by: a).values == [7, 10, 15, 22])
        #expect(BLAS.threads == 1)
    }
}
