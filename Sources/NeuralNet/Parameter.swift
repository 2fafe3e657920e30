/// One trainable tensor (a kernel or a bias) with its gradient. The optimizer keeps its own
/// per-value state for it (see ``OptimizerSlot``).
///
/// Both buffers are allocated once, when the layer is built, so a training step allocates neither.
public final class Parameter {
    /// The shape as Keras reports it: `[inputs, units]` for a kernel, `[units]` for a bias.
    public let shape: [Int]
    let storage: FloatBuffer
    let gradientStorage: FloatBuffer

    /// The number of values.
    public var count: Int { storage.count }
    /// The number of rows: the first dimension of a kernel, the length of a bias.
    public var rowCount: Int { shape.first ?? count }
    /// The values, row-major (a copy).
    public var values: [Float] { storage.array }
    /// dL/d(values) from the last backward pass (a copy).
    public var gradient: [Float] { gradientStorage.array }

    private init(shape: [Int], storage: FloatBuffer) {
        self.shape = shape
        self.storage = storage
        gradientStorage = FloatBuffer(count: storage.count)
    }

    /// A parameter of its own with the same values (the gradient, which the next backward pass
    /// overwrites, starts at zero).
    func copy() -> Parameter {
        Parameter(shape: shape, storage: storage.copy())
    }

    init(shape: [Int], values: [Float]) {
        precondition(shape.reduce(1, *) == values.count, "shape and value count disagree")
        self.shape = shape
        storage = FloatBuffer(values)
        gradientStorage = FloatBuffer(count: values.count)
    }

    /// Replaces the values (loading a saved model); the count must match.
    public func assign(_ newValues: [Float]) {
        storage.copy(from: newValues)
    }

    /// Value `i`.
    public subscript(i: Int) -> Float {
        get { storage.base[i] }
        set { storage.base[i] = newValue }
    }

    /// The positions of the values in `rows`: for a kernel (row r holding values r·units ..<
    /// (r + 1)·units) whole rows, for a bias single values.
    func valueRange(rows: Range<Int>) -> Range<Int> {
        guard rowCount > 0 else { return 0..<0 }
        let width = count / rowCount
        return (rows.lowerBound * width)..<(rows.upperBound * width)
    }
}
