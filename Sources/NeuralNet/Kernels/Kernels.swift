import CKernels

/// Where each image's nonzero pixels are, found once per data set (``Dataset/sparseImages``):
/// immutable once made, so threads may share it.
///
/// MNIST images are mostly background: about 81% of the pixels are exactly 0. The first dense
/// layer's two big products — the forward `x · kernel` and the kernel gradient `xᵀ · dz` — skip
/// those zeros and do about a fifth of the dense work, with the same result (only the order of
/// the additions differs). For the 60,000 training images the lists take about 36 MB.
final class SparseImages: @unchecked Sendable {
    /// The most pixels an image may have: `tutor_nonzero_lists` packs a pixel's position in the low
    /// 16 bits of an entry (and its value in the high ones); ``IDX`` refuses larger images.
    static let maximumFeatures = 1 << 16

    /// The images' labels (the data set itself is not kept: it keeps this).
    let labels: [UInt8]
    private let offsets: UnsafeMutablePointer<Int32>
    private let entries: UnsafeMutablePointer<UInt32>
    /// The bytes the lists take (as ``allocatedBytes(count:pixels:)`` counts them).
    let allocatedBytes: Int

    init(_ data: Dataset) {
        labels = data.labels
        let features = data.featureCount
        precondition(features <= Self.maximumFeatures, "images of \(features) pixels: the kernels keep positions in 16 bits")
        let count = data.count
        offsets = .allocate(capacity: count + 1)
        let nonzero = data.pixels.withUnsafeBufferPointer { tutor_count_nonzero($0.baseAddress, $0.count) }
        entries = .allocate(capacity: nonzero + 1)
        allocatedBytes = (count + 1) * MemoryLayout<Int32>.size + (nonzero + 1) * MemoryLayout<UInt32>.size
        data.pixels.withUnsafeBufferPointer { pixels in
            _ = tutor_nonzero_lists(pixels.baseAddress, count, features, offsets, entries)
        }
    }

    deinit {
        offsets.deallocate()
        entries.deallocate()
    }

    /// The bytes `init(data)` allocates for `count` images of these `pixels`: an offset per image
    /// and an entry per nonzero pixel (counted here, without making the lists; see ``MemoryEstimate``).
    static func allocatedBytes(count: Int, pixels: ArraySlice<UInt8>) -> Int {
        let nonzero = pixels.withUnsafeBufferPointer { tutor_count_nonzero($0.baseAddress, $0.count) }
        return (count + 1) * MemoryLayout<Int32>.size + (nonzero + 1) * MemoryLayout<UInt32>.size
    }

    /// What a pixel's byte is multiplied by: the inputs are scaled to 0…1.
    private static let scale: Float = 1 / 255

    /// Fills `batch` with the images `order[start ..< start + rows]`, scaled to 0…1.
    fileprivate func fill(_ batch: SparseBatch, order: UnsafePointer<Int>, start: Int, rows: Int) {
        _ = tutor_csr_from_lists(order, start, rows, offsets, entries, Self.scale, batch.rowStart, batch.column, batch.value)
    }

    /// z = x · kernel + bias for the units in `units` only (then the sigmoid, when `then` is
    /// `TUTOR_SIGMOID_OF_SUMS`), x being the images `order[0 ..< rows]` read from their lists
    /// (`tutor_lists_forward`: the same bits as ``SparseBatch/multiply(by:units:into:)`` on
    /// those images laid out by rows).
    fileprivate func multiply(
        _ order: UnsafePointer<Int>, rows: Int, inputs: Int, by dense: Dense, units: Range<Int>,
        into z: UnsafeMutablePointer<Float>, then: Int32
    ) {
        tutor_lists_forward(
            rows, inputs, dense.units, units.lowerBound, units.upperBound, order, offsets, entries, Self.scale,
            dense.kernel.storage.base, dense.bias.storage.base, z, then)
    }
}

/// One batch of first-layer inputs, nonzeros only, both by rows (CSR) and by columns (CSC, for
/// the kernel gradient, and for the forward product of a batch of at most ``tileRows``) — or,
/// outside training, read from the data set's own lists (``refer(to:order:start:rows:)``).
final class SparseBatch {
    let capacity: Int
    let columns: Int
    fileprivate let rowStart: UnsafeMutablePointer<Int32>
    fileprivate let column: UnsafeMutablePointer<Int32>
    fileprivate let value: UnsafeMutablePointer<Float>
    private let columnStart: UnsafeMutablePointer<Int32>
    private let rowIndex: UnsafeMutablePointer<Int32>
    private let columnValue: UnsafeMutablePointer<Float>
    private var rows = 0
    /// Whether the by-columns copy is the loaded batch's: ``transpose()`` made it since the last load.
    private(set) var isTransposed = false
    /// When the batch is read from a data set's lists (``refer(to:order:start:rows:)``): those
    /// lists, the order of the images and where the batch starts in it; nil when it is laid out
    /// by rows here.
    private var reference: (images: SparseImages, order: [Int], start: Int)?

    /// The most rows whose forward product reads the batch by columns (`TUTOR_TILE_ROWS`, 64):
    /// their sums make a tile that stays in the L1 cache. Larger batches are read by rows.
    static let tileRows = Int(TUTOR_TILE_ROWS)

    init(capacity: Int, columns: Int) {
        self.capacity = capacity
        self.columns = columns
        let cells = max(capacity * columns, 1)
        rowStart = .allocate(capacity: capacity + 1)
        rowStart.initialize(repeating: 0, count: capacity + 1)
        column = .allocate(capacity: cells)
        value = .allocate(capacity: cells)
        columnStart = .allocate(capacity: columns + 1)
        columnStart.initialize(repeating: 0, count: columns + 1)
        rowIndex = .allocate(capacity: cells)
        columnValue = .allocate(capacity: cells)
    }

    /// The bytes `init(capacity:columns:)` allocated (for ``MemoryEstimate``): every cell of the
    /// batch by rows and by columns, whether or not it will hold a nonzero.
    var allocatedBytes: Int { Self.allocatedBytes(capacity: capacity, columns: columns) }

    /// The bytes a batch of `capacity` rows of `columns` values allocates.
    static func allocatedBytes(capacity: Int, columns: Int) -> Int {
        let cells = max(capacity * columns, 1)
        return (capacity + 1 + columns + 1) * MemoryLayout<Int32>.size
            + cells * (2 * MemoryLayout<Int32>.size + 2 * MemoryLayout<Float>.size)
    }

    deinit {
        rowStart.deallocate()
        column.deallocate()
        value.deallocate()
        columnStart.deallocate()
        rowIndex.deallocate()
        columnValue.deallocate()
    }

    /// Loads the images `order[start ..< start + rows]` of `images`, by rows (CSR) only: the
    /// forward product needs no more. Training calls ``transpose()`` next.
    func load(_ images: SparseImages, order: UnsafePointer<Int>, start: Int, rows: Int) {
        images.fill(self, order: order, start: start, rows: rows)
        self.rows = rows
        isTransposed = false
        reference = nil
    }

    /// Makes the batch the images `order[start ..< start + rows]` of `images`, read from their
    /// lists where they are, with nothing laid out or copied (`order` is kept, not copied): for
    /// a forward pass that does not train, which needs neither the by-columns copy nor stored values.
    func refer(to images: SparseImages, order: [Int], start: Int, rows: Int) {
        precondition(start >= 0 && rows <= capacity && start + rows <= order.count, "images outside the order")
        reference = (images, order, start)
        self.rows = rows
        isTransposed = false
    }

    /// Loads `rows` dense rows of `columns` values, by rows (CSR) only.
    func load(_ x: UnsafePointer<Float>, rows: Int) {
        _ = tutor_csr_from_dense(x, rows, columns, rowStart, column, value)
        self.rows = rows
        isTransposed = false
        reference = nil
    }

    /// The number of values the loaded batch stores (its nonzeros, by rows).
    var storedCount: Int {
        precondition(reference == nil, "a batch read from the lists stores no values")
        return Int(rowStart[rows])
    }

    /// Loads a copy of `source` (by rows) whose stored value number i is multiplied by
    /// `factors[i]` (dropout's mask on the data batch).
    func load(_ source: SparseBatch, multipliedBy factors: UnsafePointer<Float>) {
        precondition(source.columns == columns && source.rows <= capacity, "a batch of another shape")
        let count = source.storedCount
        rowStart.update(from: source.rowStart, count: source.rows + 1)
        column.update(from: source.column, count: count)
        for i in 0..<count { value[i] = source.value[i] * factors[i] }
        rows = source.rows
        isTransposed = false
        reference = nil
    }

    /// Builds the by-columns copy (CSC) of the loaded batch, which the kernel gradient reads (and
    /// the forward product, for a batch of at most ``tileRows``); at once when it is made already.
    /// It only reads the rows: once it is done, the rows may be overwritten by another batch.
    func transpose() {
        guard !isTransposed else { return }
        precondition(reference == nil, "a batch read from the lists has no by-columns copy")
        tutor_csc_from_csr(rows, columns, rowStart, column, value, columnStart, rowIndex, columnValue)
        isTransposed = true
    }

    /// Whether the first layer's products apply `activation` to their sums themselves, while
    /// they are at hand: the sigmoid (`TUTOR_SIGMOID_OF_SUMS`, the values of ``Kernels/sigmoid(_:count:)``).
    /// The layer applies any other activation to the products' outputs.
    static func appliesInProduct(_ activation: Activation) -> Bool { activation == .sigmoid }

    /// z = x · kernel + bias for the units in `units` only — then `dense`'s activation when the
    /// product applies it (``appliesInProduct(_:)``): from the data set's lists when the batch
    /// refers to them, by columns when the by-columns copy is made and the batch fits a tile
    /// (`tutor_csc_forward`, which reads each weight once a batch), else by rows
    /// (`tutor_csr_forward`). All give the same bits.
    func multiply(by dense: Dense, units: Range<Int>, into z: UnsafeMutablePointer<Float>) {
        let w = dense.kernel.storage.base, bias = dense.bias.storage.base
        let then = Int32(Self.appliesInProduct(dense.activation) ? TUTOR_SIGMOID_OF_SUMS : TUTOR_SUMS)
        if let (images, order, start) = reference {
            order.withUnsafeBufferPointer { order in
                guard let base = order.baseAddress else { return }
                images.multiply(base + start, rows: rows, inputs: columns, by: dense, units: units, into: z, then: then)
            }
        } else if isTransposed && rows <= Self.tileRows {
            tutor_csc_forward(
                rows, dense.units, units.lowerBound, units.upperBound, columns, columnStart, rowIndex, columnValue, w, bias, z,
                then)
        } else {
            tutor_csr_forward(rows, columns, dense.units, units.lowerBound, units.upperBound, rowStart, column, value, w, bias, z, then)
        }
    }

    /// dense's kernel gradient = xᵀ · dz, for the kernel rows (inputs) in `inputs` only; `rows`
    /// keeps track of the gradient's rows that hold values.
    func kernelGradient(_ dz: UnsafePointer<Float>, for dense: Dense, inputs: Range<Int>, rows: GradientRows) {
        tutor_csc_kernel_gradient(
            inputs.lowerBound, inputs.upperBound, dense.units, columnStart, rowIndex, columnValue, dz,
            dense.kernel.gradientStorage.base, rows.holdValues)
    }
}

/// For each row of a first dense layer's kernel gradient: whether it holds values from an earlier
/// batch. A batch leaves most rows zero (the pixels no image of it lights), and
/// `tutor_csc_kernel_gradient` clears such a row only when it is not zero already. Kept with the
/// layer's buffers, since every batch (the one being laid out ahead too) writes the same gradient.
final class GradientRows {
    let count: Int
    fileprivate let holdValues: UnsafeMutablePointer<UInt8>

    init(count: Int) {
        self.count = count
        holdValues = .allocate(capacity: max(count, 1))
        holdValues.initialize(repeating: 1, count: max(count, 1))  // unknown contents: clear first.
    }

    deinit { holdValues.deallocate() }

    /// The bytes it takes (for ``MemoryEstimate``).
    var allocatedBytes: Int { max(count, 1) }
}

/// Vectorized element-wise kernels.
enum Kernels {
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

    /// Runs `body` with subnormal floats flushed to zero on this thread (`tutor_flush_subnormals`:
    /// a result or input below 2⁻¹²⁶ in magnitude counts as 0), then puts the thread's mode back.
    /// Training (`fit`) and every forward pass run so, and the workers always do (see
    /// ``flushSubnormalsForever()``), so a number is the same whichever thread computed it.
    static func withSubnormalsFlushed<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let mode = tutor_flush_subnormals()
        defer { tutor_restore_float_mode(mode) }
        return try body()
    }

    /// Flushes subnormal floats to zero on this thread from now on: for the workers, which do
    /// nothing but the engine's loops.
    static func flushSubnormalsForever() { _ = tutor_flush_subnormals() }

    /// A pause in a spin-wait loop.
    @inline(__always)
    static func pause() { tutor_pause() }

    /// z ← 1 / (1 + e^(−z)).
    static func sigmoid(_ z: UnsafeMutablePointer<Float>, count: Int) {
        tutor_sigmoid(z, count)
    }
}
