/// A fixed-size block of `Float`s owned by one object and freed with it: the storage behind
/// parameters and per-batch scratch space, so the training loop reads and writes through plain
/// pointers without copy-on-write checks and allocates nothing per batch.
final class FloatBuffer {
    let count: Int
    let base: UnsafeMutablePointer<Float>

    init(count: Int, repeating value: Float = 0) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: max(count, 1))
    }

    convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { base.update(from: from, count: values.count) }
        }
    }

    deinit { base.deallocate() }

    var array: [Float] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// A buffer of its own holding the same values.
    func copy() -> FloatBuffer {
        let twin = FloatBuffer(count: count)
        twin.base.update(from: base, count: count)
        return twin
    }

    func copy(from values: [Float]) {
        precondition(values.count == count, "buffer size differs")
        values.withUnsafeBufferPointer { source in
            if let from = source.baseAddress { base.update(from: from, count: count) }
        }
    }
}
