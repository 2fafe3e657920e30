import CKernels

/// The first layer's input batch stored by columns, nonzeros only (compressed sparse columns).
///
/// MNIST images are mostly background: about 81% of the pixels are exactly 0. The first dense
/// layer's two big products — the forward `x · kernel` and the kernel gradient `xᵀ · dz` — skip
/// those zeros this way and do about a fifth of the dense work, with the same result (only the
/// order of the additions differs).
final class SparseBatch {
    let capacity: Int
    let columns: Int
    private let columnStart: UnsafeMutablePointer<Int32>
    private let rowIndex: UnsafeMutablePointer<Int32>
    private let values: UnsafeMutablePointer<Float>
    /// For each worker's share of units and each kernel row: does the kernel gradient hold a
    /// nonzero row there from an earlier batch? (`parts` × `columns` flags.)
    private let rowDirty: UnsafeMutablePointer<UInt8>
    private let parts: Int

    init(capacity: Int, columns: Int, parts: Int) {
        self.parts = parts
        self.capacity = capacity
        self.columns = columns
        columnStart = .allocate(capacity: columns + 1)
        columnStart.initialize(repeating: 0, count: columns + 1)
        rowIndex = .allocate(capacity: max(capacity * columns, 1))
        rowIndex.initialize(repeating: 0, count: max(capacity * columns, 1))
        values = .allocate(capacity: max(capacity * columns, 1))
        values.initialize(repeating: 0, count: max(capacity * columns, 1))
        rowDirty = .allocate(capacity: max(parts * columns, 1))
        rowDirty.initialize(repeating: 1, count: max(parts * columns, 1))  // unknown contents: clear first.
    }

    deinit {
        columnStart.deallocate()
        rowIndex.deallocate()
        values.deallocate()
        rowDirty.deallocate()
    }

    /// Compresses `rows` dense rows of `columns` values.
    func load(_ x: UnsafePointer<Float>, rows: Int) {
        _ = tutor_csc_from_dense(x, rows, columns, columnStart, rowIndex, values)
    }

    /// Compresses the examples `order[start ..< start + rows]` of `data`, scaled to 0…1.
    func load(_ data: Dataset, order: UnsafePointer<Int>, start: Int, rows: Int) {
        data.pixels.withUnsafeBufferPointer { pixels in
            guard let base = pixels.baseAddress else { return }
            _ = tutor_csc_from_bytes(base, order, start, rows, columns, 1 / 255, columnStart, rowIndex, values)
        }
    }

    /// z = x · kernel + bias (before the activation), for the units in `units` only.
    func multiply(by dense: Dense, rows: Int, units: Range<Int>, into z: UnsafeMutablePointer<Float>) {
        tutor_csc_forward(
            rows, columns, dense.units, units.lowerBound, units.upperBound, columnStart, rowIndex, values,
            dense.kernel.storage.base, dense.bias.storage.base, z)
    }

    /// dense's kernel gradient = xᵀ · dz, for the units in share `part` (`units`) only.
    func kernelGradient(_ dz: UnsafePointer<Float>, for dense: Dense, rows: Int, units: Range<Int>, part: Int) {
        precondition(part < parts, "more shares than the batch was made for")
        tutor_csc_kernel_gradient(
            rows, columns, dense.units, units.lowerBound, units.upperBound, columnStart, rowIndex, values, dz,
            dense.kernel.gradientStorage.base, rowDirty + part * columns)
    }
}

/// Vectorized element-wise kernels.
enum Kernels {
    /// Keras' Adam update; see ``Optimizer``.
    /// Keras' Adam update of the values `range` of `p` (moments `m`, `v`).
    static func adam(
        _ p: Parameter, range: Range<Int>, m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
        alpha: Float, beta1: Float, beta2: Float, epsilon: Float
    ) {
        let i = range.lowerBound
        tutor_adam(
            p.storage.base + i, p.gradientStorage.base + i, m + i, v + i, range.count,
            alpha, 1 - beta1, 1 - beta2, epsilon)
    }

    /// z ← 1 / (1 + e^(−z)).
    static func sigmoid(_ z: UnsafeMutablePointer<Float>, count: Int) {
        tutor_sigmoid(z, count)
    }
}
