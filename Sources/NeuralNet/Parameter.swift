/// One trainable tensor (a kernel or a bias) with its gradient and the optimizer's per-value
/// state ("slots": the velocity for SGD with momentum, the moments m and v for Adam).
///
/// All buffers are allocated once — values and gradient when the layer is built, slots when the
/// optimizer first steps — so a training step allocates nothing.
public final class Parameter {
    /// The shape as Keras reports it: `[inputs, units]` for a kernel, `[units]` for a bias.
    public let shape: [Int]
    let storage: FloatBuffer
    let gradientStorage: FloatBuffer
    var slot1: FloatBuffer?
    var slot2: FloatBuffer?

    /// The number of values.
    public var count: Int { storage.count }
    /// The number of rows: the first dimension of a kernel, the length of a bias.
    public var rowCount: Int { shape.first ?? count }
    /// The values, row-major (a copy).
    public var values: [Float] { storage.array }
    /// dL/d(values) from the last backward pass (a copy).
    public var gradient: [Float] { gradientStorage.array }

    private init(shape: [Int], storage: FloatBuffer, slot1: FloatBuffer?, slot2: FloatBuffer?) {
        self.shape = shape
        self.storage = storage
        gradientStorage = FloatBuffer(count: storage.count)
        self.slot1 = slot1
        self.slot2 = slot2
    }

    /// A parameter of its own with the same values and optimizer state (the gradient, which the
    /// next backward pass overwrites, starts at zero).
    func copy() -> Parameter {
        Parameter(shape: shape, storage: storage.copy(), slot1: slot1?.copy(), slot2: slot2?.copy())
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

    /// Forgets the optimizer's state: a new optimizer starts from zero moments.
    func resetSlots() {
        slot1 = nil
        slot2 = nil
    }
}
