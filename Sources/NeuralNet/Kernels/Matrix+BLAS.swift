import Foundation
import CBLAS

/// Matrix products through OpenBLAS. This is the only Swift file that imports `CBLAS`; nothing of
/// C (no `Int32`, no CBLAS enums) leaves it, and nothing of it leaves the engine: others multiply
/// ``Matrix`` values.
enum BLAS {
    /// General matrix product on row-major buffers (BLAS `sgemm`):
    ///
    ///     C = alpha · op(A) · op(B) + beta · C
    ///
    /// where op(X) is X or Xᵀ. op(A) is m×k, op(B) is k×n, C is m×n. `lda`, `ldb`, `ldc` are the
    /// row strides of the buffers as stored (before transposition). With `beta == 0` the old
    /// contents of C are ignored, even NaN.
    static func gemm(
        transposeA: Bool, transposeB: Bool,
        m: Int, n: Int, k: Int,
        alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        guard m > 0, n > 0 else { return }
        _ = prepared
        if k == 0 {  // BLAS leaves C alone when k is 0; the product of empty factors is 0.
            for r in 0..<m {
                for col in 0..<n { c[r * ldc + col] = beta == 0 ? 0 : beta * c[r * ldc + col] }
            }
            return
        }
        cblas_sgemm(
            CblasRowMajor,
            transposeA ? CblasTrans : CblasNoTrans,
            transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k),
            alpha, a, blasint(lda), b, blasint(ldb),
            beta, c, blasint(ldc))
    }

    /// How many threads OpenBLAS uses: 1 once the first product is made (see ``prepared``).
    static var threads: Int { Int(tutor_blas_threads()) }

    /// OpenBLAS set to the kernels ``OpenBLASKernels/pinned`` names, and to one thread of its own:
    /// tutor shares the work across cores itself (``Parallel``: a product's blocks, `evaluate`'s
    /// chunks, lessons side by side), and OpenBLAS' own threads, which wait for work by yielding
    /// the processor in a loop, would only compete with those (40 `evaluate`s before any `fit`,
    /// 10 interleaved pairs: 1.34 s and 2.64 s of processor time with OpenBLAS' two threads,
    /// 1.31 s and 1.65 s with one). Swift runs this
    /// initializer once, on the first thread that asks (the others wait for it), and every product
    /// asks first: so both are set before any product, in `tutor` and in the tests alike.
    private static let prepared: Void = {
        OpenBLASKernels.pin()
        tutor_blas_set_threads(1)
    }()
}

/// Which of OpenBLAS' kernel families ("cores") runs the products.
///
/// OpenBLAS picks its kernels for the processor it finds when it loads — a different family on
/// an AMD Zen, an AVX-512 Xeon or a laptop's Core, each summing the products' terms in its own
/// order and so printing other last digits, which training can grow into other numbers (a
/// lesson's narration states numbers that the learner's run must print). tutor therefore runs
/// the same family on every x86-64 processor with AVX2 and FMA: ``pinned``. It is chosen before
/// the first product (``BLAS``). `OPENBLAS_CORETYPE`, when set, is the user's choice and stands.
enum OpenBLASKernels {
    /// The kernels tutor runs its products with on this processor (`Haswell` on x86-64 with
    /// AVX2 and FMA); nil where OpenBLAS' own choice stands.
    static var pinned: String? {
        tutor_blas_pinned_core().map { String(cString: $0) }
    }

    /// Has OpenBLAS use ``pinned`` (unless `OPENBLAS_CORETYPE` is set; ``current`` tells what
    /// runs). Only before the first product: ``BLAS`` calls it once.
    static func pin() {
        guard ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
              let core = tutor_blas_pinned_core(),
              current.caseInsensitiveCompare(String(cString: core)) != .orderedSame else { return }
        _ = tutor_blas_use_core(core)
    }

    /// The kernels in use (`Haswell`, `SkylakeX`, `Prescott`, …).
    static var current: String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }
}

extension Matrix {
    /// The product `op(self) · op(other)`, where op transposes when asked.
    public func multiplied(
        by other: Matrix, transposingSelf: Bool = false, transposingOther: Bool = false
    ) -> Matrix {
        let m = transposingSelf ? cols : rows
        let k = transposingSelf ? rows : cols
        let k2 = transposingOther ? other.cols : other.rows
        let n = transposingOther ? other.rows : other.cols
        precondition(k == k2, "inner dimensions differ: \(k) and \(k2)")
        var out = Matrix(rows: m, cols: n)
        values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                out.values.withUnsafeMutableBufferPointer { c in
                    guard let ap = a.baseAddress, let bp = b.baseAddress, let cp = c.baseAddress else { return }
                    BLAS.gemm(
                        transposeA: transposingSelf, transposeB: transposingOther, m: m, n: n, k: k,
                        a: ap, lda: max(cols, 1), b: bp, ldb: max(other.cols, 1), c: cp, ldc: max(n, 1))
                }
            }
        }
        return out
    }
}
