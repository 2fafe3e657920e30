import Testing
@testable import NeuralNet

/// The first dense layer's product on the sparse data batch gives the same bits however the
/// batch is read: `tutor_csr_forward` packs each block of 64 units' weights before reading it
/// when at least `TUTOR_PACK_ROWS` (256) rows read the block, and reads them in place otherwise.
@Suite struct SparseProductTests {
    /// The hidden layer's outputs (after the sigmoid) for `count` test digits from `start`, loaded
    /// as one batch.
    func hiddenOutputs(_ model: Model, _ images: SparseImages, start: Int, count: Int) -> [Float] {
        let workspace = BatchBuffers(model: model, features: 784, capacity: count, training: false)
        let order = Array(0..<(start + count))
        order.withUnsafeBufferPointer { order in
            if let base = order.baseAddress { workspace.load(images, order: base, start: start, rows: count) }
        }
        _ = model.forward(workspace, rows: count)
        guard let hidden = workspace.output(ofLayer: 1) else { return [] }
        let units = model.layers[1].outputShape.reduce(1, *)
        return Array(UnsafeBufferPointer(start: hidden, count: count * units))
    }

    /// 300 digits at once (packed) against the same digits in batches of 50 (in place), for a
    /// layer of whole blocks and one whose last block is narrower (200 = 3 · 64 + 8).
    @Test(arguments: [256, 200])
    func packedAndInPlaceGiveTheSameBits(units: Int) throws {
        let data = try BundledMNIST.load().test
        let images = SparseImages(data)
        let model = try makeMNISTModel(seed: 3, hidden: units)
        let whole = hiddenOutputs(model, images, start: 0, count: 300)
        let pieces = stride(from: 0, to: 300, by: 50).flatMap { hiddenOutputs(model, images, start: $0, count: 50) }
        #expect(whole.count == 300 * units)
        #expect(whole.map(\.bitPattern) == pieces.map(\.bitPattern))
    }
}
